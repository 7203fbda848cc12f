/**
 * One worker thread that runs sgemm/dgemm on the shared WebAssembly memory, so
 * a large matmul is computed by the calling thread and the worker together.
 *
 * - Started lazily by the first matmul large enough to split; until the worker
 *   reports ready, matmuls run on the calling thread alone (never waits for it).
 * - The worker is unref'd: a process that loaded torchts exits normally while
 *   the worker sleeps in Atomics.wait.
 * - Work sharing, not a fixed split: the caller packs op(B) once into the
 *   shared memory (the worker wakes meanwhile), then the rows of C are cut
 *   into chunks that both threads take from an atomic counter, each packing
 *   only its own rows of A. If the worker is slow to wake or is descheduled (a
 *   busy machine), the calling thread simply takes more chunks; if the worker
 *   has not started when the chunks run out, the caller locks it out of the
 *   job and returns without waiting. So sharing is never much slower than
 *   one thread.
 * - Handshake over int32 slots in the memory: the caller writes the job, then
 *   SEQ; the worker claims job SEQ by a compare-exchange on CLAIM (the caller
 *   stores -SEQ there to lock it out), and stores DONE = SEQ when finished. A
 *   worker error reports the failed chunk in STATUS and the caller redoes it.
 */
import type { WasmRuntime } from "./wasm-runtime";

const SEQ = 0;
const DONE = 1;
const READY = 2;
const STATUS = 3; // 1 + the chunk the worker failed on, or 0
const CLAIM = 4;
const NEXT = 5; // next chunk to take
const NCHUNKS = 6;
const KIND = 7; // 0: sgemm, 1: dgemm
const ARGS = 8; // 9 arguments of gemm_rows before the row count is cut: ta, M, N, K, A, lda, Bp, C, ldc
const CHUNK = 20; // rows per chunk
const WORKER_CHUNKS = 21; // chunks the worker has computed (statistics)
const B_READY = 22; // = SEQ once the caller has packed op(B)
const SPIN_US = 200;

/**
 * Runs chunk i of the job in the control block c: rows [i·CHUNK, …) of C, or
 * columns. Shared verbatim by the caller and the worker (one source of truth).
 */
const RUN_CHUNK = `function runChunk(ex, c, i, scratch) {
  const ta = c[${ARGS}], M = c[${ARGS + 1}], N = c[${ARGS + 2}], K = c[${ARGS + 3}], A = c[${ARGS + 4}];
  const lda = c[${ARGS + 5}], Bp = c[${ARGS + 6}], C = c[${ARGS + 7}], ldc = c[${ARGS + 8}];
  const double = c[${KIND}] === 1, es = double ? 8 : 4, size = c[${CHUNK}];
  const r0 = i * size, sai = ta ? 1 : lda;
  (double ? ex.dgemm_rows : ex.sgemm_rows)(ta, Math.min(size, M - r0), N, K, A + r0 * sai * es, lda, Bp, C + r0 * ldc * es, ldc, scratch);
}`;

/** Runs in the worker: instantiate the same module over the same memory, then serve jobs forever. */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctrl, scratch } = workerData;
const c = new Int32Array(memory.buffer, ctrl, 64);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
${RUN_CHUNK}
let seen = Atomics.load(c, ${SEQ});
Atomics.store(c, ${READY}, 1);
for (;;) {
  // Matmuls come in bursts (a training step): spin ~${SPIN_US} µs for the next job before
  // sleeping, which saves the futex wake-up on each of them.
  const until = performance.now() + ${SPIN_US / 1000};
  while (Atomics.load(c, ${SEQ}) === seen && performance.now() < until);
  Atomics.wait(c, ${SEQ}, seen);
  const s = Atomics.load(c, ${SEQ});
  seen = s;
  const v = Atomics.load(c, ${CLAIM});
  if (v === s || v === -s || Atomics.compareExchange(c, ${CLAIM}, v, s) !== v) continue;
  while (Atomics.load(c, ${B_READY}) !== s); // the caller is packing op(B): well under a millisecond
  let i = -1;
  try {
    for (;;) {
      i = Atomics.add(c, ${NEXT}, 1);
      if (i >= c[${NCHUNKS}]) break;
      runChunk(ex, c, i, scratch);
      Atomics.add(c, ${WORKER_CHUNKS}, 1);
    }
  } catch (e) {
    Atomics.store(c, ${STATUS}, i + 1);
  }
  Atomics.store(c, ${DONE}, s);
  Atomics.notify(c, ${DONE});
}
`;

type RunChunk = (ex: WasmRuntime["ex"], c: Int32Array, i: number, scratch: number) => void;

export class GemmThreads {
  private readonly ctrl: Int32Array;
  private readonly runChunk: RunChunk;
  private started = false;
  private failed = false;
  /** @internal Tests only: the caller takes no chunks and waits, so the worker computes everything. */
  workerOnly = false;

  constructor(readonly rt: WasmRuntime) {
    this.ctrl = new Int32Array(rt.memory.buffer, rt.ctrl, 64);
    this.runChunk = new Function(`${RUN_CHUNK}\nreturn runChunk;`)() as RunChunk;
  }

  /** True when the worker is up; starts it (in the background) on the first call. */
  available(): boolean {
    if (!this.started) this.start();
    return this.ready();
  }

  /** Chunks computed by the worker so far. */
  workerChunks(): number {
    return Atomics.load(this.ctrl, WORKER_CHUNKS);
  }

  /** True when the worker has started and has not failed (does not start it). */
  ready(): boolean {
    return !this.failed && Atomics.load(this.ctrl, READY) === 1;
  }

  private start(): void {
    this.started = true;
    try {
      // Resolved lazily so bundlers for the browser never see worker_threads unless it is used.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
      const w = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: this.rt.module, memory: this.rt.memory, ctrl: this.rt.ctrl, scratch: this.rt.scratch1 },
      });
      w.unref();
      w.on("error", () => {
        this.failed = true;
      });
      w.on("exit", () => {
        this.failed = true;
      });
    } catch {
      this.failed = true;
    }
  }

  /**
   * C = op(A)·op(B) on the shared memory, pointers and leading dimensions as
   * for sgemm/dgemm (C dense with ldc), with op(B) packed at Bp first, then
   * rows cut into `chunks` pieces of `size` rows. Returns the milliseconds the
   * caller waited for the worker after running out of chunks.
   */
  gemmShared(
    double: boolean, ta: number, tb: number, M: number, N: number, K: number,
    A: number, lda: number, B: number, ldb: number, C: number, ldc: number, Bp: number, size: number, chunks: number,
  ): number {
    const rt = this.rt, c = this.ctrl;
    c[KIND] = double ? 1 : 0;
    const args = [ta, M, N, K, A, lda, Bp, C, ldc];
    for (let i = 0; i < 9; i++) c[ARGS + i] = args[i];
    c[CHUNK] = size;
    c[NCHUNKS] = chunks;
    c[STATUS] = 0;
    Atomics.store(c, NEXT, 0);
    const s = (Atomics.load(c, SEQ) + 1) & 0x3fffffff || 1; // never 0, so -s is never 0 either
    Atomics.store(c, SEQ, s);
    Atomics.notify(c, SEQ);
    // The worker wakes while op(B) is packed.
    (double ? rt.ex.dgemm_pack_b : rt.ex.sgemm_pack_b)(tb, N, K, B, ldb, Bp);
    Atomics.store(c, B_READY, s);
    while (!this.workerOnly) {
      const i = Atomics.add(c, NEXT, 1);
      if (i >= chunks) break;
      this.runChunk(rt.ex, c, i, rt.scratch0);
    }
    // All chunks are taken. If the worker has not claimed the job, lock it out and return.
    const v = Atomics.load(c, CLAIM);
    if (!this.workerOnly && v !== s && Atomics.compareExchange(c, CLAIM, v, -s) === v) return 0;
    // The worker is finishing its last chunk. Spin only briefly, then sleep: on a busy
    // machine the worker may need this very core to finish. Main-thread Atomics.wait is
    // allowed in Node; it wakes every 50 ms to notice a dead worker.
    const t0 = performance.now();
    const spinUntil = t0 + 0.05;
    while (Atomics.load(c, DONE) !== s && performance.now() < spinUntil);
    for (;;) {
      const d = Atomics.load(c, DONE);
      if (d === s || this.failed) break;
      Atomics.wait(c, DONE, d, 50);
    }
    const waited = performance.now() - t0;
    const bad = Atomics.load(c, STATUS);
    if (bad > 0) this.runChunk(rt.ex, c, bad - 1, rt.scratch0);
    if (this.failed && Atomics.load(c, DONE) !== s) {
      // The worker died holding a chunk we cannot identify: recompute everything here.
      for (let i = 0; i < chunks; i++) this.runChunk(rt.ex, c, i, rt.scratch0);
    }
    return waited;
  }
}
