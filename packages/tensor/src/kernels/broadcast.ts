/**
 * The kernel-layer choice of how a broadcasting binary op runs, made once per
 * call: the op layer hands over its operands and the result shape, and this
 * picks the kernel (described by the op's records in select.ts) or says the
 * broadcast must be materialised first.
 */
import type { DType, TypedArray } from "../dtype";
import type { BinaryOp, Kernels } from "./types";
import { KERNELS } from "./select";
import { sameShape } from "../shape";

/** What the choice reads of a tensor operand (a Tensor is one): strided data over a storage. */
export interface Operand {
  readonly _shape: readonly number[];
  readonly dtype: DType;
  readonly _offset: number;
  readonly _storage: { readonly data: TypedArray };
  numel(): number;
  isContiguous(): boolean;
  /** The elements, contiguous (a view of the storage when the operand is contiguous). */
  _values(): TypedArray;
}

/**
 * When contiguous `t` broadcast to `shape` only repeats along leading dims (its
 * shape, without leading 1s, is a suffix of `shape`), the length of one repeat; else 0.
 */
function rowLength(t: Operand, shape: readonly number[]): number {
  const s = t._shape;
  let k = 0;
  while (k < s.length && s[k] === 1) k++;
  const tail = s.length - k;
  if (tail > shape.length || !t.isContiguous()) return 0;
  let len = 1;
  for (let i = 0; i < tail; i++) {
    const d = s[k + i];
    if (d !== shape[shape.length - tail + i]) return 0;
    len *= d;
  }
  return len;
}

/**
 * out = op(a, b) over the n elements of `shape`, without materialising a broadcast, when one
 * of these applies (in this order), else false (nothing written: the caller expands the
 * operands and calls binary[op]):
 * - a tensor with a JS scalar `s` (b null): the op's scalar kernel;
 * - float outputs: a tensor of the result's shape with a one-element tensor: the scalar kernel;
 * - float outputs: a tensor of the result's shape with one that repeats along the leading dims
 *   in rows of at least the record's rowMin elements (the bias add): the kernel row by row.
 * @example binaryBroadcast(kernels, "add", x, bias, 0, [64, 128], 8192, out, float32) // x [64, 128], bias [128]
 */
export function binaryBroadcast(
  k: Kernels, op: BinaryOp, a: Operand, b: Operand | null, s: number, shape: readonly number[], n: number, out: TypedArray, dout: DType,
): boolean {
  const scalarKernel = k.binaryScalar[op];
  if (b === null) {
    if (scalarKernel === undefined) return false;
    scalarKernel(a._values(), s, out, n, a.dtype, dout);
    return true;
  }
  if (!dout.isFloatingPoint) return false;
  let inner = 0;
  if (sameShape(a._shape, shape)) {
    if (b.numel() === 1 && scalarKernel !== undefined) {
      // a one-element tensor operand acts as a scalar
      scalarKernel(a._values(), b._storage.data[b._offset], out, n, a.dtype, dout);
      return true;
    }
    if ((inner = rowLength(b, shape)) < n && inner >= KERNELS.binary[op].rowMin!) {
      const av = a._values(), bv = b._values(), kernel = k.binary[op];
      for (let o = 0; o < n; o += inner) kernel(av.subarray(o, o + inner), bv, out.subarray(o, o + inner), inner, a.dtype, b.dtype, dout);
      return true;
    }
  }
  if (sameShape(b._shape, shape) && (inner = rowLength(a, shape)) < n && inner >= KERNELS.binary[op].rowMin!) {
    const av = a._values(), bv = b._values(), kernel = k.binary[op];
    for (let o = 0; o < n; o += inner) kernel(av, bv.subarray(o, o + inner), out.subarray(o, o + inner), inner, a.dtype, b.dtype, dout);
    return true;
  }
  return false;
}
