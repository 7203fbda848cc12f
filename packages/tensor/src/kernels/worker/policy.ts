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
 * sharing after slow shares (deterministic counts).
 */
export const switches = { workerOnly: false, noDirect: false, failAt: null as number | null, noBackoff: false };

/**
 * Back-off: when the caller waited long for the worker twice in a row (another
 * process had its core), jobs stay on the calling thread for BACKOFF_MS, then
 * sharing is tried again.
 */
const BACKOFF_MS = 50;
let sharedAgainAt = 0;
let slowShares = 0;

/** True while sharing is off after slow shares. */
export function backingOff(): boolean {
  return sharedAgainAt !== 0 && performance.now() < sharedAgainAt;
}

/** Books a shared job: waiting a quarter of its time for the worker means the worker did not get a core. */
export function recordShare(waitedMs: number, totalMs: number, direct: boolean): void {
  slowShares = waitedMs > 0.25 * totalMs ? slowShares + 1 : 0;
  sharedAgainAt = !switches.noBackoff && slowShares >= 2 ? performance.now() + BACKOFF_MS : 0;
  stats.sharedJobs++;
  if (direct) stats.directJobs++;
}

/** Forgets past slow shares (tests). */
export function resetBackoff(): void {
  sharedAgainAt = 0;
  slowShares = 0;
}
