/**
 * The one worker of the process and the decision to share a job with it,
 * for the kernels in wasm.ts: `sharingWorker()` when a product may be shared
 * now, `runDirect(job)` to run a direct job and keep the books.
 */
import { hostAddon } from "../../memory";
import { getSharedRuntime } from "../wasm-runtime";
import type { DirectJob } from "./jobs";
import { backingOff, recordShare, resetBackoff, stats, switches, threads } from "./policy";
import { KernelWorker } from "./pool";

/** undefined: not tried yet; null: shared memory unavailable. */
let worker: KernelWorker | null | undefined;

/**
 * The float32 elementwise kernels a map job may name, by index. The worker gets
 * this list when it starts, which is after every kernel has been built (the
 * worker starts on the first large job).
 */
const mapKernels: string[] = [];
export function registerMapKernel(name: string): void {
  if (!mapKernels.includes(name)) mapKernels.push(name);
}

/** The worker, when a job may be shared with it now: two threads allowed, started, not failed, not backing off. */
export function sharingWorker(): KernelWorker | null {
  if (threads.count < 2 || backingOff()) return null;
  if (worker === undefined) {
    const srt = getSharedRuntime();
    worker = srt === null ? null : new KernelWorker(srt, hostAddon(), mapKernels.slice());
  }
  return worker !== null && worker.available() ? worker : null;
}

/** The worker when a direct job (host addon on both threads) may be shared with it now, else null. */
export function directWorker(): KernelWorker | null {
  const w = sharingWorker();
  return w !== null && w.canDirect() ? w : null;
}

/** Runs a direct job on both threads and keeps the books; false when it could not run (nothing was done). */
export function runDirect(w: KernelWorker, job: DirectJob): boolean {
  const t0 = performance.now();
  const waited = w.direct(job);
  if (waited < 0) return false;
  recordShare(waited, performance.now() - t0, true);
  return true;
}

/**
 * Counters for tests and benchmarks: whether the worker is up, how many jobs
 * were shared with it (products, row sums, elementwise ops; directJobs of them
 * direct), and how many chunks of those the worker computed.
 */
export function workerStats(): { workerReady: boolean; sharedJobs: number; workerChunks: number; directJobs: number } {
  return { workerReady: worker != null && worker.ready(), sharedJobs: stats.sharedJobs, workerChunks: worker ? worker.workerChunks() : 0, directJobs: stats.directJobs };
}

/**
 * @internal Tests only. workerOnly: shared jobs leave every chunk to the worker; backoff: false keeps
 * sharing even after long waits (deterministic counts); failAt: the worker throws on the chunk
 * starting at that row (-1: while packing); direct: false sends products through the shared arena;
 * callerLast: the caller starts its part only after the worker finished the job (policy.ts).
 */
export function configureWorkerForTests(o: { workerOnly: boolean; backoff: boolean; failAt?: number | null; direct?: boolean; callerLast?: boolean }): void {
  switches.workerOnly = o.workerOnly;
  switches.callerLast = o.callerLast ?? false;
  switches.failAt = o.failAt ?? null;
  switches.noDirect = o.direct === false;
  switches.noBackoff = !o.backoff;
  resetBackoff();
}

/** torch.set_num_threads for the worker: 1 keeps every job on the calling thread, 2 (default) may share with one worker. */
export function setWorkerThreads(n: number): void {
  threads.count = n >= 2 ? 2 : 1;
}
export function getWorkerThreads(): number {
  return threads.count;
}
