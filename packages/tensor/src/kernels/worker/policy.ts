/**
 * When to share a job with the worker, and the books kept about it, apart
 * from the kernels: the thread count (torch.set_num_threads), the back-off
 * after slow shares, the statistics tests and benchmarks read, and the
 * switches tests use to force a path.
 */

/** torch.set_num_threads: 1 keeps every job on the calling thread, 2 (the default) may share with the worker. */
export const threads = { count: 2 };

/** Jobs shared with the worker so far (products, row sums, elementwise ops), and how many of them ran direct. */
export const stats = { sharedJobs: 0, directJobs: 0 };

/**
 * @internal Tests only. workerOnly: the caller takes no chunk, so the worker computes everything;
 * noDirect: products go through the shared arena even where the host addon is loaded;
 * failAt: the worker throws on the chunk starting at that row (-1: while packing); noBackoff: keep
 * sharing after slow shares (deterministic counts); callerLast: the caller starts its part only once
 * the worker has finished (or failed) the job, so the worker takes every chunk it can and the
 * caller's recovery runs after the worker's end in every run (deterministic recovery tests).
 */
export const switches = { workerOnly: false, noDirect: false, failAt: null as number | null, noBackoff: false, callerLast: false };

/**
 * Back-off: when the caller waited long for the worker twice in a row (another
 * process had its core), jobs stay on the calling thread for a while, then
 * sharing is tried again. The while doubles each time sharing is slow again
 * right after (BACKOFF_MS up to BACKOFF_MAX_MS) and halves with each fast share:
 * on a machine whose cores stay busy (seven sessions on two vCPUs), a fixed
 * 50 ms let every few training steps of 5-40 ms pay two slow shares again, and
 * the d2l MLP epoch ran 10-30 % slower on two threads than on one.
 */
const BACKOFF_MS = 50;
const BACKOFF_MAX_MS = 3200;
let sharedAgainAt = 0;
let slowShares = 0;
let backoffMs = BACKOFF_MS;

/** True while sharing is off after slow shares. */
export function backingOff(): boolean {
  return sharedAgainAt !== 0 && performance.now() < sharedAgainAt;
}

/** Books a shared job: waiting a quarter of its time for the worker means the worker did not get a core. */
export function recordShare(waitedMs: number, totalMs: number, direct: boolean): void {
  const slow = waitedMs > 0.25 * totalMs;
  slowShares = slow ? slowShares + 1 : 0;
  if (!slow) backoffMs = Math.max(BACKOFF_MS, backoffMs / 2);
  if (!switches.noBackoff && slowShares >= 2) {
    sharedAgainAt = performance.now() + backoffMs;
    backoffMs = Math.min(BACKOFF_MAX_MS, 2 * backoffMs);
    slowShares = 1; // one more slow share after the pause backs off again, for longer
  } else if (!slow) sharedAgainAt = 0;
  stats.sharedJobs++;
  if (direct) stats.directJobs++;
}

/** The current pause after slow shares (ms; tests). */
export function backoffPause(): number {
  return backoffMs;
}

/** Forgets past slow shares (tests). */
export function resetBackoff(): void {
  sharedAgainAt = 0;
  slowShares = 0;
  backoffMs = BACKOFF_MS;
}
