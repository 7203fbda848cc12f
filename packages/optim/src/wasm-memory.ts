/**
 * Where the optimizers' resident float32 state lives: arenas (arena.ts), WebAssembly memories of
 * a fixed size that never grow. State buffers are tensors whose storage is a Float32Array view
 * of an arena (`residentZeros`, `adopt`), so a step copies only the parameter and its gradient;
 * to everything else they are ordinary tensors, and `optimizer.state` holds the live buffers, as
 * in PyTorch. No view ever needs re-pointing and none is ever detached, so `x.data` aliases and
 * `toTypedArray()` views keep seeing the live values, and V8 never starts guarding typed-array
 * accesses against detachment on torchts's account.
 *
 * When the buffers asked for fit in no open arena, a new one is created, sized for them with a
 * minimum of ARENA_MIN. The buffers asked for together (one parameter's state) always share an
 * arena, since its update runs in that arena's instance. An arena counts its live regions (a
 * FinalizationRegistry on each view) and is dropped when none is left: we hold it no longer and
 * the GC frees its memory once no typed array of it survives. Its regions are never reused
 * (arena.ts says why). A staging-only home arena runs the updates whose state lives nowhere.
 */
import { type Tensor, fromTypedArray } from "@torchts/autograd";
import { Arena, regionBytes } from "./arena";

/** The least region space of a new arena (a new arena per optimizer would cost a memory each). */
export const ARENA_MIN = 4 * 1024 * 1024;

let home: Arena | null | undefined;
/** Arenas that may hand out regions: created, and not yet emptied. */
const open: Arena[] = [];
/** Every arena whose memory is still reachable, by its buffer (weak: a dead arena is not kept). */
const byBuffer = new WeakMap<ArrayBuffer, Arena>();
const finalizer = new FinalizationRegistry<Arena>((a) => {
  if (--a.live === 0) {
    const i = open.indexOf(a);
    if (i >= 0) open.splice(i, 1);
  }
});

/** The staging-only arena, created on first use; null without WebAssembly (or SIMD128). */
export function homeArena(): Arena | null {
  if (home === undefined) home = Arena.create(0);
  return home;
}

/** The arena a float32 array is a view of, if any. */
export function arenaOf(a: Float32Array | Float64Array): Arena | undefined {
  return byBuffer.get(a.buffer as ArrayBuffer);
}

/** A float32 array's byte offset in its arena when it lives in one (a resident state buffer), else -1. */
export function residentOffset(a: Float32Array | Float64Array): number {
  return arenaOf(a)?.offsetOf(a) ?? -1;
}

/** Fresh regions of these sizes (bytes) in one arena: the first open one with room, else a new one. */
function place(sizes: readonly number[]): { arena: Arena; offs: number[] } | null {
  if (homeArena() === null) return null;
  for (const arena of open) {
    const offs = arena.take(sizes);
    if (offs !== null) return { arena, offs };
  }
  const arena = Arena.create(Math.max(ARENA_MIN, sizes.reduce((a, b) => a + b, 0)));
  if (arena === null) return null;
  open.push(arena);
  byBuffer.set(arena.mem.buffer, arena);
  return { arena, offs: arena.take(sizes)! };
}

/** A view of the region at `off`, counted live in its arena until the view is garbage. */
function view(arena: Arena, off: number, n: number): Float32Array {
  const v = new Float32Array(arena.mem.buffer, off, n);
  arena.live++;
  finalizer.register(v, arena);
  return v;
}

/**
 * `count` float32 tensors of zeros of this shape whose storage lives in one arena (one
 * parameter's state buffers); null without WebAssembly or when no arena can hold them
 * (zerosLike then).
 */
export function residentZeros(shape: readonly number[], count = 1): Tensor[] | null {
  const n = shape.reduce((a, b) => a * b, 1);
  const at = place(new Array<number>(count).fill(regionBytes(n)));
  if (at === null) return null;
  // a fresh memory is zeros and a region is never handed out twice: nothing to clear
  return at.offs.map((off) => fromTypedArray(view(at.arena, off, n), [...shape]));
}

/**
 * Move tensors the optimizer owns (copies made by loadStateDict, one parameter's state) into one
 * arena, in place: their storage then lives there. Only a contiguous float32 tensor filling its
 * storage and not yet in an arena moves; returns how many did.
 */
export function adopt(ts: readonly Tensor[]): number {
  const movable = ts.filter((t) => {
    const d = t._storage.data;
    return d instanceof Float32Array && arenaOf(d) === undefined && t.isContiguous() && t._offset === 0 &&
      d.length === t.numel() && t.numel() > 0;
  });
  if (movable.length === 0) return 0;
  const at = place(movable.map((t) => regionBytes(t.numel())));
  if (at === null) return 0;
  movable.forEach((t, i) => {
    at.arena.heap.set(t._storage.data as Float32Array, at.offs[i] >> 2);
    t._storage.data = view(at.arena, at.offs[i], t.numel()); // every tensor sharing the Storage follows
  });
  return movable.length;
}

/** @internal Tests: the open arenas (count, bytes, live regions, ids) and the home arena's bytes. */
export function _arenaStats(): { arenas: number; bytes: number; residents: number; ids: number[]; home: number } {
  return {
    arenas: open.length,
    bytes: open.reduce((s, a) => s + a.end, 0),
    residents: open.reduce((s, a) => s + a.live, 0),
    ids: open.map((a) => a.id),
    home: home ? home.end : 0,
  };
}
