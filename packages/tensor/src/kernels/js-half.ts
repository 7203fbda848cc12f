/**
 * Casts to and from float16/bfloat16 (their storage holds 16-bit words): every
 * value goes through float32, as PyTorch's static_casts do (c10::Half and
 * c10::BFloat16 convert only to and from float).
 */
import type { DType, TypedArray } from "../dtype";
import { decodeWords, encodeWords } from "./half-bits";

/**
 * out[i] = src[i] cast from `from` to `to`, where one of them is float16 or bfloat16.
 * `fromFloat32` casts float32 values to `to` (an integer or bool dtype): the kernel's own cast.
 */
export function castReduced(
  src: TypedArray,
  out: TypedArray,
  n: number,
  from: DType,
  to: DType,
  fromFloat32: (src: Float32Array, out: TypedArray, n: number, to: DType) => void,
): void {
  if (from === to) {
    out.set(n === src.length ? src : src.subarray(0, n));
    return;
  }
  if (from.code >= 8) {
    const bf16 = from.code === 9;
    if (to.isFloatingPoint && !(out instanceof Uint16Array)) return decodeWords(src as Uint16Array, out as Float32Array | Float64Array, n, bf16);
    // to an integer or bool: the float32 value, then float32's casts (truncation, x86's out-of-range rules)
    const tmp = new Float32Array(n);
    decodeWords(src as Uint16Array, tmp, n, bf16);
    if (to.code >= 8) return encodeWords(tmp, out as Uint16Array, n, to.code === 9);
    return fromFloat32(tmp, out, n, to);
  }
  encodeWords(src, out as Uint16Array, n, to.code === 9);
}
