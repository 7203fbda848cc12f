/**
 * The control block: the 256 bytes at `rt.ctrl` in the shared WebAssembly
 * memory through which the calling thread and the worker talk (see
 * docs/architecture.md, "The worker thread"). This file is the one place that
 * says what lives where; both sides read it through {@link controlViews}.
 *
 * Int32 slots 0-47 hold the handshake and the job; bytes 192-255 hold float64
 * addresses (a direct job's operands live in the caller's arrays, anywhere in
 * the process's address space, beyond 2^31).
 */

/** Bytes of the control block (wasm-runtime.ts reserves them). */
export const CONTROL_BYTES = 256;

/** Int32 slots: the handshake, the scheduling counters, the job's fields and test switches. */
export const Slot = {
  // handshake (see pool.ts: publish / claim / done)
  seq: 0, // the current job's sequence number; the caller bumps it to publish a job
  done: 1, // = seq when the worker has finished job seq
  ready: 2, // 1 once the worker is serving jobs
  failedChunk: 3, // 1 + the first row of the chunk the worker failed on, or 0
  claim: 4, // the worker claims job s by storing s; the caller stores -s to lock it out
  next: 5, // the next row to take
  workerChunks: 6, // chunks the worker has computed (statistics)
  // the job (jobs.ts writes and reads these)
  kind: 7, // KindCode
  op: 8, // a map job: the index of its kernel in the worker's op list
  transA: 9,
  transB: 10,
  rows: 11, // M: rows of the result (elements, for a map job)
  n: 12, // N
  k: 13, // K
  lda: 14,
  ldb: 15,
  ldc: 16,
  minRows: 17, // the smallest chunk, in rows
  maxRows: 18, // the largest chunk, in rows
  // a shared (arena) product: arena offsets of op(A), op(B), C and packed op(B)
  arenaA: 19,
  arenaB: 20,
  arenaC: 21,
  arenaPackedB: 22,
  // a shared product's phases
  bIn: 23, // = seq once the caller has copied op(B) into the memory
  aIn: 24, // = seq once the caller has copied op(A) into the memory
  packNext: 25, // the next part of op(B)'s packing to take
  packDone: 26, // parts packed
  packFailed: 27, // = seq when the worker failed while packing
  workerRow: 28, // first row of the worker's current chunk; -2 while it takes one; -1 when finished
  // a direct job: each thread's region of the memory
  region0: 29, // byte offset of the caller's region; the worker's follows it
  regionBytes: 30,
  hostOk: 31, // 1 once the worker has loaded the host addon
  testFail: 32, // tests only: 1 + r makes the worker throw on the chunk at row r; -1 while packing
} as const;
export type SlotName = keyof typeof Slot;

/** Int32 slots end here: the float64 addresses start at byte 4 · INT32_SLOTS. */
export const INT32_SLOTS = 48;

/** Float64 slots (index into a Float64Array over the block): a direct job's operand addresses, or a map job's scalar. */
export const Address = { a: 24, b: 25, c: 26 } as const;

/** Both views of the control block at byte offset `ctrl` of `buffer`. */
export function controlViews(buffer: ArrayBufferLike, ctrl: number): { i32: Int32Array; f64: Float64Array } {
  return { i32: new Int32Array(buffer, ctrl, INT32_SLOTS), f64: new Float64Array(buffer, ctrl, CONTROL_BYTES / 8) };
}

/** Parts op(B)'s packing is cut into, taken by either thread from Slot.packNext. */
export const PACK_PARTS = 4;
