/**
 * Storage: the flat buffer that views share, plus PyTorch's version counter
 * (bumped by every in-place write, through any view of the same storage).
 */
import { allocate, type DType, type TypedArray } from "./dtype";

export class Storage {
  version = 0;
  constructor(public data: TypedArray) {}
  static alloc(dtype: DType, n: number): Storage {
    return new Storage(allocate(dtype, n));
  }
}

/** Rows at least this long are copied with `TypedArray#set` (a memmove) instead of a JS loop. */
const SET_MIN = 64;

/**
 * Copy the strided elements (shape, strides, offset) of `src` into the
 * contiguous `dst` (row-major), starting at dst[0]. Contiguous elements (a
 * clone's usual input) are one `set`, long contiguous rows one `set` each
 * (memmove: a JS loop runs at a fraction of its speed); otherwise the inner dim
 * is a tight loop. `set` converts between array types as element assignment does.
 */
export function gatherStrided(
  src: TypedArray,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  dst: TypedArray,
): void {
  const nd = shape.length;
  if (nd === 0) {
    dst[0] = src[offset];
    return;
  }
  let total = 1;
  let dense = true; // row-major contiguous, ignoring size-1 dims
  for (let i = nd - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== total) dense = false;
    total *= shape[i];
  }
  if (total === 0) return;
  if (dense) {
    (dst as Float32Array).set(src.subarray(offset, offset + total) as Float32Array, 0);
    return;
  }
  const inner = shape[nd - 1];
  const is = strides[nd - 1];
  // long contiguous rows: one `set` (a memmove) per row
  const rows = is === 1 && inner >= SET_MIN;
  const idx = new Array<number>(nd - 1).fill(0);
  let base = offset;
  let o = 0;
  for (;;) {
    if (rows) {
      (dst as Float32Array).set(src.subarray(base, base + inner) as Float32Array, o);
      o += inner;
    } else if (is === 1) for (let j = 0; j < inner; j++) dst[o++] = src[base + j];
    else for (let j = 0, p = base; j < inner; j++, p += is) dst[o++] = src[p];
    // advance the outer counter
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** The inverse of gatherStrided: write contiguous `src` into the strided view of `dst`. */
export function scatterStrided(
  src: TypedArray,
  dst: TypedArray,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): void {
  const nd = shape.length;
  if (nd === 0) {
    dst[offset] = src[0];
    return;
  }
  let total = 1;
  for (let i = 0; i < nd; i++) total *= shape[i];
  if (total === 0) return;
  const inner = shape[nd - 1];
  const is = strides[nd - 1];
  const idx = new Array<number>(nd - 1).fill(0);
  let base = offset;
  let o = 0;
  for (;;) {
    for (let j = 0, p = base; j < inner; j++, p += is) dst[p] = src[o++];
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      base += strides[d];
      if (idx[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/** Storage offsets of every element of a strided view, in row-major order. */
export function stridedOffsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  let n = 1;
  for (const d of shape) n *= d;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let p = offset;
  for (let i = 0; i < n; i++) {
    out[i] = p;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      p += strides[d];
      if (idx[d] < shape[d]) break;
      p -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}
