/** dtype casts and conversion to JS values. */
import { type DType, allocateEmpty, bfloat16, bool, float16, float32, float64, int16, int32, int64, int8, uint8 } from "./dtype";
import { bfloat16Value, halfValue } from "./kernels/half-bits";
import { ValueError, fmtShape, tooManyArguments } from "./errors";
import { record } from "./hooks";
import { Tensor } from "./tensor";
import { defineMethods } from "./methods";
import { kernels } from "./kernels/registry";

/**
 * Cast to `dtype` (returns `t` itself when it already has it, as PyTorch does).
 * Values convert as PyTorch's casts do on x86: floats truncate toward zero; a
 * float out of int64's (int32's) range, NaN or ±inf becomes its minimum; int16
 * and int8 keep the low bits of the int32 conversion, uint8 the low byte of the
 * int64 one; integers wrap modulo 2^bits (typed-array stores do exactly that).
 * @example tensor([-1, 300]).to(uint8) // tensor([255,  44], dtype=torch.uint8)
 */
export function to(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  const src = t._values();
  const n = src.length;
  const out = allocateEmpty(dtype, n);
  const fromFloat = t.dtype.isFloatingPoint;
  kernels.cast(src, out, n, t.dtype, dtype);
  const res = Tensor._fromData(out, t._shape.slice(), dtype);
  return fromFloat && dtype.isFloatingPoint ? record("cast", [t], res, { dtype }) : res;
}

export function item(t: Tensor, op = "item"): number | boolean {
  const n = t.numel();
  if (n !== 1) {
    throw new ValueError(`${op}: only one element tensors can be converted to Python scalars (got ${n} elements, shape ${fmtShape(t._shape)})`);
  }
  const v = t._storage.data[t._offset];
  return t.dtype === bool ? v !== 0 : t.dtype === float16 ? halfValue(v) : t.dtype === bfloat16 ? bfloat16Value(v) : v;
}

export function tolist(t: Tensor): unknown {
  // float16/bfloat16 words: their float32 values, exactly
  const v = t.dtype.code >= 8 ? to(t, float32)._values() : t._values();
  const isBool = t.dtype === bool;
  const shape = t._shape;
  if (shape.length === 0) return isBool ? v[0] !== 0 : v[0];
  let pos = 0;
  const build = (d: number): unknown[] => {
    const n = shape[d];
    const arr = new Array(n);
    if (d === shape.length - 1) {
      for (let i = 0; i < n; i++) arr[i] = isBool ? v[pos++] !== 0 : v[pos++];
    } else {
      for (let i = 0; i < n; i++) arr[i] = build(d + 1);
    }
    return arr;
  };
  return build(0);
}

// ---- Tensor methods (method-only: PyTorch has no torch.* function for these) ----
/** The conversion methods (tensor.ts: `interface Tensor extends ConvertMethods`; `to` is in tensor-to.ts). */
export interface ConvertMethods {
  /** `to(float32)` */
  float(): Tensor;
  /** `to(float16)`: rounds to nearest even through float32, as PyTorch. */
  half(): Tensor;
  /** `to(bfloat16)`: rounds to nearest even through float32, as PyTorch. */
  bfloat16(): Tensor;
  /** `to(float64)` */
  double(): Tensor;
  /** `to(int64)` */
  long(): Tensor;
  /** `to(bool)` */
  bool(): Tensor;
  /** `to(uint8)`: floats truncate toward zero and keep the low byte (-1.5 → 255), as PyTorch on x86. */
  byte(): Tensor;
  /** `to(int8)` */
  char(): Tensor;
  /** `to(int16)` */
  short(): Tensor;
  /** `to(int32)`: NaN and floats out of range give -2147483648, as PyTorch on x86. */
  int(): Tensor;
  /** The value of a one-element tensor as a JS number (or boolean for bool). */
  item(): number | boolean;
  /** Nested JS arrays (PyTorch's `tolist()`); a 0-d tensor gives a scalar. */
  tolist(): unknown;
  /** Same as tolist(). */
  toArray(): unknown;
}

/** The cast methods and their dtypes: `x.float()` is `x.to(float32)`, ... */
const CASTS = { float: float32, half: float16, bfloat16, double: float64, long: int64, bool, byte: uint8, char: int8, short: int16, int: int32 } as const;
for (const [name, dtype] of Object.entries(CASTS)) {
  defineMethods({
    [name]: function (this: Tensor, ...extra: unknown[]) {
      if (extra.length > 0) throw tooManyArguments(name, 0, extra.length);
      return to(this, dtype);
    },
  });
}

defineMethods({
  item(this: Tensor, ...extra: unknown[]) {
    if (extra.length > 0) throw tooManyArguments("item", 0, extra.length);
    return item(this);
  },
  tolist(this: Tensor, ...extra: unknown[]) {
    if (extra.length > 0) throw tooManyArguments("tolist", 0, extra.length);
    return tolist(this);
  },
  toArray(this: Tensor, ...extra: unknown[]) {
    if (extra.length > 0) throw tooManyArguments("toArray", 0, extra.length);
    return tolist(this);
  },
});
