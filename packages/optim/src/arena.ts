/**
 * One arena: a WebAssembly memory of a fixed size (initial = maximum: it never grows, so no
 * ArrayBuffer it hands out is ever detached) and the optimizers' module instantiated over it,
 * laid out as
 *   staging  SLOTS slots of CHUNK floats: an update copies its parameter and gradient (and any
 *            state buffer living elsewhere) in and out here, one chunk at a time;
 *   regions  float32 state buffers (momentum_buffer, exp_avg...) handed out bottom-up, each
 *            once: a region is never given out again, even after its tensor dies, because a
 *            typed array taken from it (`toTypedArray()` of an offset view is a subarray: another
 *            object than the storage's view) may outlive the tensor and must never see another
 *            buffer's values. The whole arena is dropped once nothing lives in it
 *            (wasm-memory.ts), and the GC frees its memory.
 * A kernel addresses one memory, so a parameter's update runs in the arena holding its state.
 */
import { type Kernels, MAX_PAGES, type Memory, PAGE, fixedMemory, instantiate, optimModule } from "./wasm-module";

/** Elements per staging slot (a multiple of 8: only a parameter's last chunk has a SIMD tail). */
export const CHUNK = 16384;
/** Staging slots: parameter, gradient and up to three state buffers (Adam with amsgrad). */
const SLOTS = 5;

/** A region's size in bytes: 16-byte aligned (a SIMD lane group), never empty. */
export function regionBytes(n: number): number {
  return Math.max(16, Math.ceil((n * 4) / 16) * 16);
}

let ids = 0;

export class Arena {
  /** The whole memory as floats (valid for the arena's life: the memory never grows). */
  readonly heap: Float32Array;
  /** Byte offset of staging slot k. */
  readonly slots: number[];
  /** The next free byte of the region space, and its end. */
  private top: number;
  readonly end: number;
  /** Live regions: views handed out whose objects are not yet garbage. */
  live = 0;
  /** For tests and stats: creation order. */
  readonly id = ++ids;
  private plain: Kernels | null = null;
  private relaxed: Kernels | null = null;

  private constructor(readonly mem: Memory, start: number) {
    this.heap = new Float32Array(mem.buffer);
    this.slots = Array.from({ length: SLOTS }, (_, k) => start + k * CHUNK * 4);
    this.top = start + SLOTS * CHUNK * 4;
    this.end = mem.buffer.byteLength;
  }

  /**
   * A new arena with room for `room` bytes of regions after its staging slots (0: staging only);
   * null without WebAssembly, beyond the module's 2 GiB, or when the memory is refused.
   */
  static create(room: number): Arena | null {
    const c = optimModule();
    if (c === null) return null;
    const start = Math.ceil(c.heapBase / 64) * 64;
    const pages = Math.ceil((start + SLOTS * CHUNK * 4 + room) / PAGE);
    if (pages > MAX_PAGES) return null;
    const mem = fixedMemory(pages);
    return mem === null ? null : new Arena(mem, start);
  }

  /** The chosen build's kernels over this memory (instantiated on first use). */
  kernels(): Kernels {
    const c = optimModule()!;
    if (c.kind === "relaxed-simd") return (this.relaxed ??= instantiate(c.relaxed!, this.mem));
    return (this.plain ??= instantiate(c.plain, this.mem));
  }

  /** Bytes of region space never handed out. */
  room(): number {
    return this.end - this.top;
  }

  /** Byte offsets of fresh regions of these sizes (bytes, from regionBytes), or null when they do not fit. */
  take(sizes: readonly number[]): number[] | null {
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total > this.room()) return null;
    return sizes.map((b) => ((this.top += b), this.top - b));
  }

  /** A float32 array's byte offset here when it is a view of this memory, else -1. */
  offsetOf(a: Float32Array | Float64Array): number {
    return a.buffer === this.mem.buffer ? a.byteOffset : -1;
  }
}
