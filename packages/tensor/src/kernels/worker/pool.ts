/**
 * The calling thread's side of the worker thread: one worker that computes
 * parts of large jobs (products, row sums, elementwise ops) on the shared
 * WebAssembly memory while the calling thread computes the rest.
 *
 * - Started lazily (available()) by the first job large enough to share; until
 *   the worker reports ready, jobs run on the calling thread alone (it never
 *   waits for the worker to start). The worker is unref'd: a process that
 *   loaded torchts exits normally while the worker sleeps in Atomics.wait.
 * - Protocol (layout.ts names the slots): the caller writes the job (jobs.ts),
 *   then bumps Slot.seq and notifies; the worker claims job s by a
 *   compare-exchange on Slot.claim and stores Slot.done = s when finished. Both
 *   threads take chunks from Slot.next (schedule.ts). When the chunks run out
 *   before the worker has claimed the job, the caller locks it out (claim = -s)
 *   and returns without waiting: sharing is never much slower than one thread.
 * - Failures: the worker reports the chunk it failed on in Slot.failedChunk (or
 *   Slot.packFailed while packing) and the caller redoes it; a worker that died
 *   mid-job makes the caller recompute the whole job; a dead worker is never
 *   used again.
 */
import type { HostAddon } from "../../memory";
import type { WasmMemory, WasmRuntime } from "../wasm-runtime";
import { jobRows, writeJob, type DirectJob, type SharedGemmJob } from "./jobs";
import { PACK_PARTS, Slot, controlViews } from "./layout";
import { switches } from "./policy";
import { directChunk, directLayout, directPack, packParts, sharedChunk } from "./run";
import { chunkRows, takeChunk } from "./schedule";

/** What the worker receives when it starts (main.ts). */
export interface WorkerData {
  module: object;
  memory: WasmMemory;
  ctrl: number;
  scratch: number;
  hostPath: string | null;
  /** the map kernels, by index (a map job names its kernel by index) */
  ops: readonly string[];
}

/**
 * The built worker script. Under the test runner this file is the TypeScript
 * source (src/), which a worker thread cannot run: it then starts the built
 * copy in dist/ (`pnpm build` comes first in `pnpm test`).
 */
function workerScript(): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { existsSync } = require("node:fs") as typeof import("node:fs");
  const { join } = require("node:path") as typeof import("node:path");
  const here = join(__dirname, "main.js");
  return existsSync(here) ? here : join(__dirname.replace(/([\\/])src([\\/]kernels[\\/]worker)$/, "$1dist$2"), "main.js");
}

export class KernelWorker {
  private readonly c: Int32Array;
  private readonly f: Float64Array;
  private started = false;
  private failed = false;

  /**
   * @param host the host addon: with it (on both threads), jobs can run direct (direct()).
   * @param ops the float32 elementwise kernels a map job may name (wasm.ts registers them).
   */
  constructor(readonly rt: WasmRuntime, private readonly host: HostAddon | null, private readonly ops: readonly string[]) {
    ({ i32: this.c, f64: this.f } = controlViews(rt.memory.buffer, rt.ctrl));
  }

  /** True when the worker is up; starts it (in the background) on the first call. */
  available(): boolean {
    if (!this.started) this.start();
    return this.ready();
  }

  /** True when the worker has started and has not failed (does not start it). */
  ready(): boolean {
    return !this.failed && Atomics.load(this.c, Slot.ready) === 1;
  }

  /** True when jobs can run direct: both threads have the host addon (and tests did not turn it off). */
  canDirect(): boolean {
    return this.host !== null && !switches.noDirect && Atomics.load(this.c, Slot.hostOk) === 1;
  }

  /** Chunks the worker has computed so far. */
  workerChunks(): number {
    return Atomics.load(this.c, Slot.workerChunks);
  }

  private start(): void {
    this.started = true;
    try {
      // Resolved lazily so bundlers for the browser never see worker_threads unless it is used.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
      const workerData: WorkerData = {
        module: this.rt.module, memory: this.rt.memory, ctrl: this.rt.ctrl,
        scratch: this.rt.scratch1, hostPath: this.host?.path ?? null, ops: this.ops,
      };
      const w = new Worker(workerScript(), { workerData });
      w.unref();
      w.on("error", () => (this.failed = true));
      w.on("exit", () => (this.failed = true));
    } catch {
      this.failed = true;
    }
  }

  /**
   * A product over operands in the shared arena (the fallback when there is no
   * host addon). `loadB` and `loadA` copy the operands in; they run after the
   * worker has been woken. `storeRows(r0, r1)` copies rows [r0, r1) of C out;
   * every row is stored once before this returns, most of them while the worker
   * finishes its last chunk. Returns the milliseconds waited for the worker.
   */
  shared(job: SharedGemmJob, loadB: () => void, loadA: () => void, storeRows: (r0: number, r1: number) => void): number {
    const { rt, c } = this;
    writeJob(c, this.f, job, this.ops);
    c[Slot.packNext] = 0;
    c[Slot.packDone] = 0;
    c[Slot.workerRow] = -2;
    const s = this.publish();
    // The worker wakes while the operands are copied in; then both pack op(B).
    loadB();
    Atomics.store(c, Slot.bIn, s);
    loadA();
    Atomics.store(c, Slot.aIn, s);
    if (switches.callerLast) this.waitDone(s);
    const M = job.M;
    const run = (r0: number) => sharedChunk(rt.ex, job, r0, chunkRows(c, r0), rt.scratch0);
    if (!switches.workerOnly) packParts(rt.ex, c, job);
    // Spin for parts the worker is packing (microseconds), unless it failed at it.
    while (Atomics.load(c, Slot.packDone) < PACK_PARTS && Atomics.load(c, Slot.packFailed) !== s && !this.failed);
    if (Atomics.load(c, Slot.packDone) < PACK_PARTS) {
      (job.dtype === "float64" ? rt.ex.dgemm_pack_b : rt.ex.sgemm_pack_b)(job.transB ? 1 : 0, job.N, job.K, job.b, job.ldb, job.packedB, 0, 1);
      Atomics.store(c, Slot.packDone, PACK_PARTS);
    }
    for (let r0; !switches.workerOnly && (r0 = takeChunk(c)) >= 0; ) run(r0);
    if (this.lockOut(s)) {
      storeRows(0, M);
      return 0;
    }
    // Every row but those of the worker's current chunk is final: store them meanwhile.
    let pending0 = 0, pending1 = M;
    const wr = switches.workerOnly ? -2 : Atomics.load(c, Slot.workerRow);
    if (wr !== -2) {
      pending0 = pending1 = wr === -1 ? M : wr;
      if (wr >= 0) pending1 = wr + chunkRows(c, wr);
      storeRows(0, pending0);
      storeRows(pending1, M);
    }
    const waited = this.waitDone(s);
    const redo = this.recover(s, M, run);
    if (redo) storeRows(0, M); // rare: simply store everything again
    else if (pending1 > pending0) storeRows(pending0, pending1);
    return waited;
  }

  /**
   * A direct job (host addon on both threads): each thread works in its own
   * region of the memory and copies straight from and into the caller's arrays
   * (run.ts). The caller must hold those arrays until this returns. Returns the
   * milliseconds waited for the worker, or -1 when the memory cannot hold the
   * two regions (nothing was done).
   */
  direct(job: DirectJob): number {
    const { rt, c } = this, host = this.host!;
    writeJob(c, this.f, job, this.ops);
    const L = directLayout(rt.ex, job, chunkRows(c, 0));
    const region = Math.ceil(L.bytes / 64) * 64;
    if (!rt.reserve(2 * region)) return -1;
    const base = rt.operands;
    c[Slot.region0] = base;
    c[Slot.regionBytes] = region;
    const mem = host.address(rt.u8);
    const s = this.publish();
    let packed = job.kind !== "gemm";
    const run = (r0: number) => {
      if (!packed) directPack(rt.ex, host, job as Parameters<typeof directPack>[2], mem, base, L);
      packed = true;
      directChunk(rt.ex, host, job, mem, r0, chunkRows(c, r0), base, L, rt.scratch0);
    };
    if (switches.callerLast) this.waitDone(s);
    for (let r0; !switches.workerOnly && (r0 = takeChunk(c)) >= 0; ) run(r0);
    if (this.lockOut(s)) return 0;
    const waited = this.waitDone(s);
    this.recover(s, jobRows(job), run);
    return waited;
  }

  /**
   * After the worker finished (or died): redoes the chunk it failed on, every
   * chunk if it died holding one we cannot identify, and any chunk nobody took.
   * True when anything was redone.
   */
  private recover(s: number, rows: number, run: (r0: number) => void): boolean {
    const c = this.c;
    const bad = Atomics.load(c, Slot.failedChunk);
    const died = this.failed && Atomics.load(c, Slot.done) !== s;
    if (bad > 0) run(bad - 1);
    if (died) for (let r0 = 0; r0 < rows; r0 += chunkRows(c, r0)) run(r0);
    let late = false;
    for (let r0; (r0 = takeChunk(c)) >= 0; late = true) run(r0);
    return bad > 0 || died || late;
  }

  /** Publishes the job written into the control block as the next seq and wakes the worker; returns seq. */
  private publish(): number {
    const c = this.c;
    c[Slot.failedChunk] = 0;
    c[Slot.testFail] = switches.failAt === null ? 0 : switches.failAt < 0 ? -1 : switches.failAt + 1;
    Atomics.store(c, Slot.next, 0);
    const s = (Atomics.load(c, Slot.seq) + 1) & 0x3fffffff || 1; // never 0, so -s is never 0 either
    Atomics.store(c, Slot.seq, s);
    Atomics.notify(c, Slot.seq);
    return s;
  }

  /** Once every chunk is taken: true when the worker had not claimed job s and is now locked out of it. */
  private lockOut(s: number): boolean {
    const v = Atomics.load(this.c, Slot.claim);
    return !switches.workerOnly && v !== s && Atomics.compareExchange(this.c, Slot.claim, v, -s) === v;
  }

  /**
   * Waits for the worker to finish job s. Spins only briefly, then sleeps: on a
   * busy machine the worker may need this very core to finish. Main-thread
   * Atomics.wait is allowed in Node; it wakes every 50 ms to notice a dead worker.
   * Returns the milliseconds waited.
   */
  private waitDone(s: number): number {
    const c = this.c;
    const t0 = performance.now();
    const spinUntil = t0 + 0.05;
    while (Atomics.load(c, Slot.done) !== s && performance.now() < spinUntil);
    for (;;) {
      const d = Atomics.load(c, Slot.done);
      if (d === s || this.failed) break;
      Atomics.wait(c, Slot.done, d, 50);
    }
    return performance.now() - t0;
  }
}

