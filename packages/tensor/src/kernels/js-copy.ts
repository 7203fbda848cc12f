/**
 * Plain-TypeScript copies with a twist: dtype casts, clamp, and the gather
 * (take) and scatter (put) of the indexing primitives.
 */
import type { DType, TypedArray } from "../dtype";
import { castReduced } from "./js-half";

const INT64_MIN = -9223372036854775808;
/** float32 as castValues reads a dtype (the kernels import no dtype object). */
const FLOAT32 = { code: 6, name: "float32", isFloatingPoint: true } as DType;
const fromFloat32 = (src: Float32Array, out: TypedArray, n: number, to: DType) => castValues(src, out, n, FLOAT32, to);

/**
 * out[i] = src[i] converted from `from` to `to`, as PyTorch's casts do on x86:
 * floats truncate toward zero; a float out of int64's (int32's) range, NaN or
 * ±inf becomes its minimum; int16 and int8 keep the low bits of the int32
 * conversion, uint8 the low byte of the int64 one; integers wrap modulo 2^bits
 * (typed-array stores do exactly that); anything non-zero is true.
 */
export function castValues(src: TypedArray, out: TypedArray, n: number, from: DType, to: DType): void {
  if (from.code >= 8 || to.code >= 8) return castReduced(src, out, n, from, to, fromFloat32); // float16/bfloat16 words
  const fromFloat = from.isFloatingPoint;
  if (to.name === "bool") {
    for (let i = 0; i < n; i++) out[i] = src[i] !== 0 ? 1 : 0;
  } else if (fromFloat && to.name === "int64") {
    for (let i = 0; i < n; i++) {
      const v = src[i];
      out[i] = Number.isFinite(v) ? Math.trunc(v) + 0 : INT64_MIN; // + 0: no -0 in int64
    }
  } else if (fromFloat && to.name === "int32") {
    // cvttss2si: out of range and NaN give INT32_MIN (a plain store would wrap instead)
    for (let i = 0; i < n; i++) {
      const v = src[i];
      out[i] = v > -2147483649 && v < 2147483648 ? v : -2147483648;
    }
  } else if (fromFloat && (to.name === "int16" || to.name === "int8")) {
    // through int32, whose INT32_MIN has zero low bits
    for (let i = 0; i < n; i++) {
      const v = src[i];
      out[i] = v > -2147483649 && v < 2147483648 ? v : 0;
    }
  } else {
    // float -> uint8 (truncate, modulo 256, NaN/inf 0), integer -> integer (wraps), anything -> float
    out.set(n === src.length ? src : src.subarray(0, n));
  }
}

/**
 * out[i] = min(max(x[i], lo), hi) for i < n, as PyTorch's clamp computes it: a bound replaces
 * x only when x is beyond it, so ties keep x (clamp(-0, min=0) is -0), NaN propagates, a NaN
 * bound changes nothing, and when lo > hi every element becomes hi. x and out hold the same dtype.
 */
export function clampValues(x: TypedArray, out: TypedArray, n: number, lo: number, hi: number): void {
  if (lo !== lo) lo = -Infinity;
  if (hi !== hi) hi = Infinity;
  // Math.max/min propagate NaN and are branch-free; they differ from a tie-keeping clamp only at
  // a zero bound (Math.max(-0, 0) is +0), so only then does the loop mend ties
  if (lo !== 0 && hi !== 0) {
    for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(x[i], lo), hi);
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    let m = Math.max(v, lo);
    if (m === 0 && v === 0) m = v;
    let r = Math.min(m, hi);
    if (r === 0 && m === 0) r = m;
    out[i] = r;
  }
}

/** out[i] = x[index[i]] for i < index.length (a gather; the indices are in range). */
export function takeValues(x: TypedArray, index: Int32Array, out: TypedArray): void {
  for (let i = 0; i < index.length; i++) out[i] = x[index[i]];
}

/** out[index[i]] = v[i], or += v[i] when accumulating (a scatter, in place; the indices are in range). */
export function putValues(out: TypedArray, index: Int32Array, v: TypedArray, accumulate: boolean): void {
  if (accumulate) for (let i = 0; i < index.length; i++) out[index[i]] += v[i];
  else for (let i = 0; i < index.length; i++) out[index[i]] = v[i];
}
