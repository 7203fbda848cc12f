/**
 * Work sharing: the rows of a job's result are cut into chunks that either
 * thread takes from an atomic counter (Slot.next). Chunks shrink as the rows
 * run out (guided scheduling: a quarter of what remains, rounded to the
 * micro-kernel's 4 rows, between the job's minRows and maxRows), so the two
 * threads finish close together even though the worker starts late. A chunk's
 * size is a function of its first row alone, so a failed chunk can be
 * recomputed by the other thread.
 */
import { Slot } from "./layout";

/** The rows of the chunk that starts at row r0. */
export function chunkRows(c: Int32Array, r0: number): number {
  const left = c[Slot.rows] - r0;
  return Math.min(left, c[Slot.maxRows], Math.max(c[Slot.minRows], Math.ceil(left / 16) * 4));
}

/** Claims the next chunk: its first row, or -1 when every chunk is taken. */
export function takeChunk(c: Int32Array): number {
  for (;;) {
    const r0 = Atomics.load(c, Slot.next);
    if (r0 >= c[Slot.rows]) return -1;
    if (Atomics.compareExchange(c, Slot.next, r0, r0 + chunkRows(c, r0)) === r0) return r0;
  }
}
