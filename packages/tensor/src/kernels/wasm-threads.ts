/**
 * One worker thread that runs sgemm/dgemm on the shared WebAssembly memory, so
 * a large matmul is computed by the calling thread and the worker together.
 * Two kinds of jobs:
 *
 * - direct (where the host addon loads, see direct()): each thread copies what
 *   it needs straight from the caller's arrays into its own region and its
 *   results straight out; also used for large row sums and elementwise ops;
 * - shared (gemmShared(), the fallback): the caller copies the operands into
 *   the memory and copies C out, as described below.
 *
 * - Started lazily by the first matmul large enough to split; until the worker
 *   reports ready, matmuls run on the calling thread alone (never waits for it).
 * - The worker is unref'd: a process that loaded torchts exits normally while
 *   the worker sleeps in Atomics.wait.
 * - Work sharing, not a fixed split: the caller wakes the worker first, then
 *   copies op(B) and op(A) into the shared memory while it wakes (~100 µs on
 *   these VMs); both threads pack op(B) in parts taken from an atomic counter,
 *   then take rows of C from another, each packing only its own rows of A. Chunks
 *   shrink as the rows run out (guided scheduling: a quarter of what remains,
 *   at least `minRows`), so the two threads finish close together even though
 *   the worker starts late: with 8 equal chunks the caller idled for up to a
 *   chunk at the end (512²: 68-80 GFLOPS; raw ceiling on this machine ~90).
 *   If the worker is slow to wake or is descheduled (a busy machine), the calling thread simply takes more chunks; if the worker
 *   has not started when the chunks run out, the caller locks it out of the
 *   job and returns without waiting. So sharing is never much slower than
 *   one thread.
 * - Handshake over int32 slots in the memory: the caller writes the job, then
 *   SEQ; the worker claims job SEQ by a compare-exchange on CLAIM (the caller
 *   stores -SEQ there to lock it out), and stores DONE = SEQ when finished. A
 *   worker error reports the failed chunk in STATUS and the caller redoes it.
 */
import type { HostAddon } from "../memory";
import type { WasmRuntime } from "./wasm-runtime";

const SEQ = 0;
const DONE = 1;
const READY = 2;
const STATUS = 3; // 1 + the first row of the chunk the worker failed on, or 0
const CLAIM = 4;
const NEXT = 5; // next row to take
const KIND = 7; // 0: sgemm, 1: dgemm
const ARGS = 8; // 9 arguments of gemm_rows before the row count is cut: ta, M, N, K, A, lda, Bp, C, ldc
const MIN_ROWS = 20; // the smallest chunk, in rows
const WORKER_CHUNKS = 21; // chunks the worker has computed (statistics)
const B_IN = 22; // = SEQ once the caller has copied op(B) into the memory
const A_IN = 23; // = SEQ once the caller has copied op(A) into the memory
const PACK_NEXT = 24; // next part of op(B)'s packing to take
const PACK_DONE = 25; // parts packed
const PACK_ERR = 26; // = SEQ when the worker failed while packing
const PACK_ARGS = 27; // transB, B, ldb of the packing
const WORKER_ROW = 30; // first row of the chunk the worker is computing; -2 while it takes one; -1 when it has finished
const TEST_FAIL = 31; // tests only: 1 + r0 makes the worker throw on the chunk at row r0; -1 while packing
const DIRECT = 32; // 1: a direct job (each thread in its own region, rows copied by the host addon)
const MAX_ROWS = 33; // the largest chunk, in rows
const REGION0 = 34; // byte offset of the caller's region; the worker's follows it
const REGION_BYTES = 35;
const HOST_OK = 36; // 1 once the worker has loaded the host addon
const OP = 37; // elementwise jobs: the index of the kernel in ELEMENTWISE_EXPORTS
const ADDR = 24; // float64 slots from byte 192 of the control block (int32 slots 48-63): addresses of A, B, C
const PACK_PARTS = 4;
const SPIN_US = 200;

/**
 * The scheduling and the chunk runner of a job in the control block c, shared
 * verbatim by the caller and the worker (one source of truth):
 * - chunkRows(c, r0): the rows of the chunk starting at row r0, a quarter of
 *   the rows left (a multiple of 4, the micro-kernel's height), at least
 *   MIN_ROWS; a function of r0 alone, so a failed chunk can be recomputed;
 * - takeChunk(c): claims the next chunk, returning its first row, or -1;
 * - packParts(ex, c): packs parts of op(B) until none is left;
 * - runChunk(ex, c, r0, scratch): computes rows [r0, r0 + chunkRows) of C.
 */
const CHUNKS = `function chunkRows(c, r0) {
  const left = c[${ARGS + 1}] - r0;
  return Math.min(left, c[${MAX_ROWS}], Math.max(c[${MIN_ROWS}], Math.ceil(left / 16) * 4));
}
function takeChunk(c) {
  for (;;) {
    const r0 = Atomics.load(c, ${NEXT});
    if (r0 >= c[${ARGS + 1}]) return -1;
    if (Atomics.compareExchange(c, ${NEXT}, r0, r0 + chunkRows(c, r0)) === r0) return r0;
  }
}
function packParts(ex, c) {
  const N = c[${ARGS + 2}], K = c[${ARGS + 3}], Bp = c[${ARGS + 6}], pack = c[${KIND}] === 1 ? ex.dgemm_pack_b : ex.sgemm_pack_b;
  for (let p; (p = Atomics.add(c, ${PACK_NEXT}, 1)) < ${PACK_PARTS}; Atomics.add(c, ${PACK_DONE}, 1)) {
    pack(c[${PACK_ARGS}], N, K, c[${PACK_ARGS + 1}], c[${PACK_ARGS + 2}], Bp, p, ${PACK_PARTS});
  }
}
function runChunk(ex, c, r0, scratch) {
  const ta = c[${ARGS}], N = c[${ARGS + 2}], K = c[${ARGS + 3}], A = c[${ARGS + 4}];
  const lda = c[${ARGS + 5}], Bp = c[${ARGS + 6}], C = c[${ARGS + 7}], ldc = c[${ARGS + 8}];
  const double = c[${KIND}] === 1, es = double ? 8 : 4, sai = ta ? 1 : lda;
  (double ? ex.dgemm_rows : ex.sgemm_rows)(ta, chunkRows(c, r0), N, K, A + r0 * sai * es, lda, Bp, C + r0 * ldc * es, ldc, scratch);
}
// Direct jobs: KIND 0/1 a product as above, 2 float32 row sums (M rows of K), 3-5 a float32
// elementwise kernel over M elements (3 unary, 4 binary, 5 with a scalar in F[1]; "rows" are
// elements). F holds the addresses of A (or x), B and C (or out) in the caller's arrays; mem
// that of the memory. ELEMENTWISE_EXPORTS, the kernels' export names by index, is given by the caller.
function al(x) { return Math.ceil(x / 64) * 64; }
function directLayout(ex, c) {
  const kind = c[${KIND}], N = c[${ARGS + 2}], K = c[${ARGS + 3}], rows = chunkRows(c, 0);
  if (kind >= 3) return { rB: al(rows * 4), rBp: 0, rA: 0, rC: 0, bytes: 2 * al(rows * 4) };
  if (kind === 2) return { rB: 0, rBp: 0, rA: 0, rC: al(rows * K * 4), bytes: al(rows * K * 4) + al(rows * 4) };
  const es = kind === 1 ? 8 : 4;
  const rBp = al(N * K * es), rA = rBp + al(es * (kind === 1 ? ex.dgemm_packed_b_size(N, K) : ex.sgemm_packed_b_size(N, K)));
  const rC = rA + al(rows * K * es);
  return { rB: 0, rBp, rA, rC, bytes: rC + al(rows * N * es) };
}
function directPack(ex, host, c, mem, F, base) {
  const es = c[${KIND}] === 1 ? 8 : 4, tb = c[${PACK_ARGS}], ldb = c[${PACK_ARGS + 2}], N = c[${ARGS + 2}], K = c[${ARGS + 3}];
  const rows = tb ? N : K, cols = tb ? K : N, L = directLayout(ex, c);
  host.copy2d(mem + base + L.rB, cols * es, F[1], ldb * es, rows, cols * es);
  (es === 8 ? ex.dgemm_pack_b : ex.sgemm_pack_b)(tb, N, K, base + L.rB, cols, base + L.rBp, 0, 1);
}
function directChunk(ex, host, c, mem, F, r0, base, scratch) {
  const kind = c[${KIND}], rows = chunkRows(c, r0), K = c[${ARGS + 3}], L = directLayout(ex, c);
  if (kind >= 3) {
    const fn = ex[ELEMENTWISE_EXPORTS[c[${OP}]]], bytes = rows * 4;
    host.copy2d(mem + base, bytes, F[0] + r0 * 4, bytes, 1, bytes);
    if (kind === 4) host.copy2d(mem + base + L.rB, bytes, F[1] + r0 * 4, bytes, 1, bytes);
    if (kind === 3) fn(base, base, rows);
    else fn(base, kind === 4 ? base + L.rB : F[1], base, rows);
    host.copy2d(F[2] + r0 * 4, bytes, mem + base, bytes, 1, bytes);
    return;
  }
  if (kind === 2) {
    host.copy2d(mem + base, rows * K * 4, F[0] + r0 * K * 4, rows * K * 4, 1, rows * K * 4);
    ex.f32_sum_inner(base, base + L.rC, rows, K);
    host.copy2d(F[2] + r0 * 4, rows * 4, mem + base + L.rC, rows * 4, 1, rows * 4);
    return;
  }
  const es = kind === 1 ? 8 : 4, ta = c[${ARGS}], N = c[${ARGS + 2}], lda = c[${ARGS + 5}], ldc = c[${ARGS + 8}];
  // op(A)'s rows of the chunk, dense: K rows of the chunk's columns when A is transposed.
  if (ta) host.copy2d(mem + base + L.rA, rows * es, F[0] + r0 * es, lda * es, K, rows * es);
  else host.copy2d(mem + base + L.rA, K * es, F[0] + r0 * lda * es, lda * es, rows, K * es);
  (es === 8 ? ex.dgemm_rows : ex.sgemm_rows)(ta, rows, N, K, base + L.rA, ta ? rows : K, base + L.rBp, base + L.rC, N, scratch);
  host.copy2d(F[2] + r0 * ldc * es, ldc * es, mem + base + L.rC, N * es, rows, N * es);
}`;

/** Runs in the worker: instantiate the same module over the same memory, then serve jobs forever. */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctrl, scratch, hostPath, ELEMENTWISE_EXPORTS } = workerData;
const c = new Int32Array(memory.buffer, ctrl, 64);
const F = new Float64Array(memory.buffer, ctrl + ${ADDR * 8}, 8);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
${CHUNKS}
let host = null, mem = 0;
try {
  if (hostPath) { host = require(hostPath); mem = host.address(new Uint8Array(memory.buffer)); }
} catch (e) {
  host = null;
}
Atomics.store(c, ${HOST_OK}, host === null ? 0 : 1);
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
  if (c[${DIRECT}] === 1) {
    let r0 = -1;
    try {
      // A failure before any chunk is taken needs no report: the caller takes every chunk left.
      if (c[${TEST_FAIL}] === -1) throw new Error("injected packing failure (tests)");
      const base = c[${REGION0}] + c[${REGION_BYTES}];
      if (c[${KIND}] < 2) directPack(ex, host, c, mem, F, base);
      while ((r0 = takeChunk(c)) >= 0) {
        if (c[${TEST_FAIL}] === r0 + 1) throw new Error("injected chunk failure (tests)");
        directChunk(ex, host, c, mem, F, r0, base, scratch);
        Atomics.add(c, ${WORKER_CHUNKS}, 1);
      }
    } catch (e) {
      if (r0 >= 0) Atomics.store(c, ${STATUS}, r0 + 1);
    }
    Atomics.store(c, ${DONE}, s);
    Atomics.notify(c, ${DONE});
    continue;
  }
  // The caller is copying the operands in: well under a millisecond.
  while (Atomics.load(c, ${B_IN}) !== s);
  try {
    if (c[${TEST_FAIL}] === -1) throw new Error("injected packing failure (tests)");
    packParts(ex, c);
  } catch (e) {
    Atomics.store(c, ${PACK_ERR}, s);
    Atomics.store(c, ${DONE}, s);
    Atomics.notify(c, ${DONE});
    continue;
  }
  while (Atomics.load(c, ${PACK_DONE}) < ${PACK_PARTS} || Atomics.load(c, ${A_IN}) !== s);
  let r0 = -1;
  try {
    for (;;) {
      Atomics.store(c, ${WORKER_ROW}, -2);
      if ((r0 = takeChunk(c)) < 0) break;
      Atomics.store(c, ${WORKER_ROW}, r0);
      if (c[${TEST_FAIL}] === r0 + 1) throw new Error("injected chunk failure (tests)");
      runChunk(ex, c, r0, scratch);
      Atomics.add(c, ${WORKER_CHUNKS}, 1);
    }
  } catch (e) {
    Atomics.store(c, ${STATUS}, r0 + 1);
  }
  Atomics.store(c, ${WORKER_ROW}, -1);
  Atomics.store(c, ${DONE}, s);
  Atomics.notify(c, ${DONE});
}
`;

interface Chunks {
  directLayout(ex: WasmRuntime["ex"], c: Int32Array): { bytes: number };
  directPack(ex: WasmRuntime["ex"], host: HostAddon, c: Int32Array, mem: number, F: Float64Array, base: number): void;
  directChunk(ex: WasmRuntime["ex"], host: HostAddon, c: Int32Array, mem: number, F: Float64Array, r0: number, base: number, scratch: number): void;
  chunkRows(c: Int32Array, r0: number): number;
  takeChunk(c: Int32Array): number;
  packParts(ex: WasmRuntime["ex"], c: Int32Array): void;
  runChunk(ex: WasmRuntime["ex"], c: Int32Array, r0: number, scratch: number): void;
}

export class GemmThreads {
  private readonly ctrl: Int32Array;
  private readonly addr: Float64Array;
  private readonly chunks: Chunks;
  private started = false;
  private failed = false;
  /** @internal Tests only: the caller takes no chunks and waits, so the worker computes everything. */
  workerOnly = false;
  /** @internal Tests only: make the worker fail on the chunk starting at row r (r ≥ 0), while packing (-1), or never (null). */
  set testFail(r: number | null) {
    this.ctrl[TEST_FAIL] = r === null ? 0 : r < 0 ? -1 : r + 1;
  }

  /**
   * @param host the host addon: with it (here and in the worker), jobs run direct (see direct()).
   * @param elementwiseExports the float32 elementwise kernels a direct job may run, by index (wasm.ts builds it).
   */
  constructor(readonly rt: WasmRuntime, private readonly host: HostAddon | null = null, private readonly elementwiseExports: readonly string[] = []) {
    this.ctrl = new Int32Array(rt.memory.buffer, rt.ctrl, 64);
    this.chunks = new Function(
      "ELEMENTWISE_EXPORTS",
      `${CHUNKS}\nreturn { chunkRows, takeChunk, packParts, runChunk, directLayout, directPack, directChunk };`,
    )(elementwiseExports) as Chunks;
    this.addr = new Float64Array(rt.memory.buffer, rt.ctrl + ADDR * 8, 8);
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

  /** True when jobs can run direct: both threads have the host addon (and tests did not turn it off). */
  canDirect(): boolean {
    return this.host !== null && !this.noDirect && Atomics.load(this.ctrl, HOST_OK) === 1;
  }
  /** @internal Tests only: run products through the shared memory even where the host addon is loaded. */
  noDirect = false;

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
        workerData: {
          module: this.rt.module, memory: this.rt.memory, ctrl: this.rt.ctrl, scratch: this.rt.scratch1,
          hostPath: this.host?.path ?? null, ELEMENTWISE_EXPORTS: this.elementwiseExports,
        },
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
   * rows shared out in chunks of at least `minRows`. `loadB` and `loadA` copy
   * the operands into the memory; they run after the worker has been woken.
   * `storeRows(r0, r1)` copies rows [r0, r1) of C out; every row is stored
   * once before this returns, most of them while the worker finishes its last
   * chunk. Returns the milliseconds the caller waited for the worker at the end.
   */
  gemmShared(
    double: boolean, ta: number, tb: number, M: number, N: number, K: number,
    A: number, lda: number, B: number, ldb: number, C: number, ldc: number, Bp: number, minRows: number,
    loadB: () => void, loadA: () => void, storeRows: (r0: number, r1: number) => void,
  ): number {
    const rt = this.rt, c = this.ctrl, ch = this.chunks;
    c[KIND] = double ? 1 : 0;
    c[DIRECT] = 0;
    const args = [ta, M, N, K, A, lda, Bp, C, ldc];
    for (let i = 0; i < 9; i++) c[ARGS + i] = args[i];
    c[MIN_ROWS] = minRows;
    c[MAX_ROWS] = M;
    c[PACK_ARGS] = tb;
    c[PACK_ARGS + 1] = B;
    c[PACK_ARGS + 2] = ldb;
    c[PACK_NEXT] = 0;
    c[PACK_DONE] = 0;
    c[WORKER_ROW] = -2;
    c[STATUS] = 0;
    Atomics.store(c, NEXT, 0);
    const s = this.publish();
    // The worker wakes while the operands are copied in; then both pack op(B).
    loadB();
    Atomics.store(c, B_IN, s);
    loadA();
    Atomics.store(c, A_IN, s);
    if (!this.workerOnly) ch.packParts(rt.ex, c);
    // Spin for parts the worker is packing (microseconds), unless it failed at it.
    while (Atomics.load(c, PACK_DONE) < PACK_PARTS && Atomics.load(c, PACK_ERR) !== s && !this.failed);
    if (Atomics.load(c, PACK_DONE) < PACK_PARTS) {
      (double ? rt.ex.dgemm_pack_b : rt.ex.sgemm_pack_b)(tb, N, K, B, ldb, Bp, 0, 1);
      Atomics.store(c, PACK_DONE, PACK_PARTS);
    }
    for (let r0; !this.workerOnly && (r0 = ch.takeChunk(c)) >= 0; ) ch.runChunk(rt.ex, c, r0, rt.scratch0);
    // All chunks are taken. If the worker has not claimed the job, lock it out and return.
    if (this.lockOut(s)) {
      storeRows(0, M);
      return 0;
    }
    // Every row but those of the worker's current chunk is final: store them meanwhile.
    let pending0 = 0, pending1 = M;
    const wr = this.workerOnly ? -2 : Atomics.load(c, WORKER_ROW);
    if (wr !== -2) {
      pending0 = pending1 = wr === -1 ? M : wr;
      if (wr >= 0) pending1 = wr + ch.chunkRows(c, wr);
      storeRows(0, pending0);
      storeRows(pending1, M);
    }
    // The worker is finishing its last chunk.
    const waited = this.waitDone(s);
    const bad = Atomics.load(c, STATUS);
    const died = this.failed && Atomics.load(c, DONE) !== s;
    if (bad > 0) ch.runChunk(rt.ex, c, bad - 1, rt.scratch0);
    // The worker died holding a chunk we cannot identify: recompute everything here.
    if (died) for (let r0 = 0; r0 < M; r0 += ch.chunkRows(c, r0)) ch.runChunk(rt.ex, c, r0, rt.scratch0);
    // Chunks nobody took (a worker that failed while the caller was not taking chunks).
    let late = false;
    for (let r0; (r0 = ch.takeChunk(c)) >= 0; late = true) ch.runChunk(rt.ex, c, r0, rt.scratch0);
    if (bad > 0 || died || late) storeRows(0, M); // rare: simply store everything again
    else if (pending1 > pending0) storeRows(pending0, pending1);
    return waited;
  }

  /**
   * A direct job, for when both threads have the host addon: each thread works
   * in its own region of the memory and copies what it needs with the addon,
   * straight from the caller's arrays (op(B) whole, packed by each thread for
   * itself; op(A) rows per chunk) and its result rows straight into the
   * output. No line of the memory is then written by one core and read by the
   * other, which on these VMs made the copies into it ~3x slower (512²: ~300 µs
   * of a ~4 ms product, all on the calling thread).
   *
   * kind 0/1: C = op(A)·op(B) in float32/float64, `a`, `b`, `c` the addresses
   * of A, B and C's first elements (leading dimensions lda, ldb, ldc, in
   * elements); kind 2: the float32 sums of M rows of K elements at `a` into M
   * floats at `c`; kind 3/4/5: the float32 elementwise kernel ELEMENTWISE_EXPORTS[op]
   * over M elements of `a` (and of `b`, or with the scalar `b`) into `c`, rows
   * being elements. Chunks have between minRows and maxRows rows. The caller
   * must hold the arrays behind the addresses until this returns. Returns the
   * milliseconds waited for the worker, or -1 when the memory cannot hold the
   * two regions (nothing was done).
   */
  direct(
    kind: 0 | 1 | 2 | 3 | 4 | 5, ta: number, tb: number, M: number, N: number, K: number,
    a: number, lda: number, b: number, ldb: number, cAddr: number, ldc: number, minRows: number, maxRows: number, op = 0,
  ): number {
    const rt = this.rt, c = this.ctrl, ch = this.chunks, F = this.addr, host = this.host!;
    c[KIND] = kind;
    c[OP] = op;
    c[DIRECT] = 1;
    const args = [ta, M, N, K, 0, lda, 0, 0, ldc];
    for (let i = 0; i < 9; i++) c[ARGS + i] = args[i];
    c[MIN_ROWS] = minRows;
    c[MAX_ROWS] = maxRows;
    c[PACK_ARGS] = tb;
    c[PACK_ARGS + 2] = ldb;
    F[0] = a;
    F[1] = b;
    F[2] = cAddr;
    const region = Math.ceil(ch.directLayout(rt.ex, c).bytes / 64) * 64;
    if (!rt.reserve(2 * region)) return -1;
    const base = rt.operands;
    c[REGION0] = base;
    c[REGION_BYTES] = region;
    c[STATUS] = 0;
    Atomics.store(c, NEXT, 0);
    const mem = host.address(rt.u8);
    const s = this.publish();
    let packed = false;
    const run = (r0: number) => {
      if (!packed && kind < 2) ch.directPack(rt.ex, host, c, mem, F, base);
      packed = true;
      ch.directChunk(rt.ex, host, c, mem, F, r0, base, rt.scratch0);
    };
    for (let r0; !this.workerOnly && (r0 = ch.takeChunk(c)) >= 0; ) run(r0);
    if (this.lockOut(s)) return 0;
    const waited = this.waitDone(s);
    const bad = Atomics.load(c, STATUS);
    if (bad > 0) run(bad - 1);
    if (this.failed && Atomics.load(c, DONE) !== s) for (let r0 = 0; r0 < M; r0 += ch.chunkRows(c, r0)) run(r0);
    for (let r0; (r0 = ch.takeChunk(c)) >= 0; ) run(r0);
    return waited;
  }

  /** Publishes the job written into the control block as the next SEQ and wakes the worker; returns SEQ. */
  private publish(): number {
    const c = this.ctrl;
    const s = (Atomics.load(c, SEQ) + 1) & 0x3fffffff || 1; // never 0, so -s is never 0 either
    Atomics.store(c, SEQ, s);
    Atomics.notify(c, SEQ);
    return s;
  }

  /** Once every chunk is taken: true when the worker had not claimed job s and is now locked out of it. */
  private lockOut(s: number): boolean {
    const v = Atomics.load(this.ctrl, CLAIM);
    return !this.workerOnly && v !== s && Atomics.compareExchange(this.ctrl, CLAIM, v, -s) === v;
  }

  /**
   * Waits for the worker to finish job s. Spins only briefly, then sleeps: on a
   * busy machine the worker may need this very core to finish. Main-thread
   * Atomics.wait is allowed in Node; it wakes every 50 ms to notice a dead worker.
   * Returns the milliseconds waited.
   */
  private waitDone(s: number): number {
    const c = this.ctrl;
    const t0 = performance.now();
    const spinUntil = t0 + 0.05;
    while (Atomics.load(c, DONE) !== s && performance.now() < spinUntil);
    for (;;) {
      const d = Atomics.load(c, DONE);
      if (d === s || this.failed) break;
      Atomics.wait(c, DONE, d, 50);
    }
    return performance.now() - t0;
  }
}
