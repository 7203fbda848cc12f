/**
 * float16 and bfloat16 words: the exact conversions between them and JS numbers,
 * bit for bit as PyTorch's CPU casts (c10::Half, c10::BFloat16).
 *
 * - To float16 and bfloat16 a value first becomes a float32 (PyTorch's
 *   static_cast from double goes through float, so a double rounds twice), then
 *   rounds to nearest, ties to even. Overflow gives ±inf, tiny values float16
 *   subnormals or ±0. NaN keeps its sign: float16 0x7e00/0xfe00, bfloat16 0x7fc0
 *   (c10's scalar conversion; PyTorch's vectorised cast writes 0xffff instead:
 *   still a NaN, only its payload differs).
 * - From them a word becomes a float32 exactly (NaN payloads kept).
 * @example halfBits(0.1) // 0x2e66, which is 0.0999755859375
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const u64 = new Uint32Array(f64.buffer);

/** The float32 bits of `v` (a double rounds to float32 first; a NaN keeps its sign). */
function float32Bits(v: number): number {
  if (v !== v) {
    f64[0] = v;
    return (u64[1] & 0x80000000) !== 0 ? 0xffc00000 : 0x7fc00000;
  }
  f32[0] = v;
  return u32[0];
}

/** The float16 word of float32 bits `x`, rounding to nearest even (fp16_ieee_from_fp32_value). */
export function halfFromFloat32Bits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const abs = x & 0x7fffffff;
  if (abs >= 0x7f800000) return sign | (abs > 0x7f800000 ? 0x7e00 : 0x7c00);
  if (abs >= 0x477ff000) return sign | 0x7c00; // 65520 and above round to inf (65504's mantissa is odd)
  if (abs < 0x38800000) {
    // below 2^-14: a subnormal in units of 2^-24 (exact in a double), rounded to even
    f32[0] = 0;
    u32[0] = abs;
    const v = f32[0] * 16777216;
    let r = Math.floor(v);
    const d = v - r;
    if (d > 0.5 || (d === 0.5 && (r & 1) === 1)) r++;
    return sign | r; // r = 1024 is the smallest normal, 0x0400
  }
  const mant = abs & 0x7fffff;
  let h = ((((abs >>> 23) - 112) << 10) | (mant >>> 13)) >>> 0;
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++; // a carry moves into the exponent, as it should
  return sign | h;
}

/** The bfloat16 word of float32 bits `x`, rounding to nearest even (c10::detail::round_to_nearest_even). */
export function bfloat16FromFloat32Bits(x: number): number {
  if ((x & 0x7fffffff) > 0x7f800000) return (x >>> 16) & 0x8000 ? 0xffc0 : 0x7fc0;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The float16 word nearest `v` (through float32, as PyTorch). */
export function halfBits(v: number): number {
  return halfFromFloat32Bits(float32Bits(v));
}

/** The bfloat16 word nearest `v` (through float32, as PyTorch). */
export function bfloat16Bits(v: number): number {
  return bfloat16FromFloat32Bits(float32Bits(v));
}

/** The float32 bits of float16 word `h` (exact; fp16_ieee_to_fp32_bits). */
export function float32BitsOfHalf(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  let mant = h & 0x3ff;
  // a NaN comes out quiet (bit 22 set), as PyTorch's conversion through float arithmetic makes it
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13) | (mant !== 0 ? 0x400000 : 0)) >>> 0;
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0;
  if (mant === 0) return sign >>> 0;
  // subnormal: mant · 2^-24; shift the leading one up to bit 10
  let e = 113;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e--;
  }
  return (sign | (e << 23) | ((mant & 0x3ff) << 13)) >>> 0;
}

let halfTable: Float32Array | null = null;

/** The value of float16 word `h` (a float32 value). */
export function halfValue(h: number): number {
  return (halfTable ??= buildHalfTable())[h];
}

function buildHalfTable(): Float32Array {
  const t = new Float32Array(65536);
  const bits = new Uint32Array(t.buffer);
  for (let h = 0; h < 65536; h++) bits[h] = float32BitsOfHalf(h);
  return t;
}

/** The value of bfloat16 word `b` (a float32 value). */
export function bfloat16Value(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}

/** Decode `n` words of `src` into `out` (float32 values; NaN payloads kept when `out` is a Float32Array). */
export function decodeWords(src: Uint16Array, out: Float32Array | Float64Array, n: number, bf16: boolean): void {
  if (out instanceof Float32Array) {
    const o = new Uint32Array(out.buffer, out.byteOffset, n);
    if (bf16) for (let i = 0; i < n; i++) o[i] = src[i] << 16;
    else {
      const t = new Uint32Array((halfTable ??= buildHalfTable()).buffer);
      for (let i = 0; i < n; i++) o[i] = t[src[i]];
    }
  } else if (bf16) for (let i = 0; i < n; i++) out[i] = bfloat16Value(src[i]);
  else {
    const t = (halfTable ??= buildHalfTable());
    for (let i = 0; i < n; i++) out[i] = t[src[i]];
  }
}

/** Encode `n` numbers of `src` into words of `out` (each through float32, as PyTorch's casts). */
export function encodeWords(src: ArrayLike<number>, out: Uint16Array, n: number, bf16: boolean): void {
  if (src instanceof Float32Array) {
    const s = new Uint32Array(src.buffer, src.byteOffset, n); // the bits themselves: a NaN keeps its sign
    if (bf16) for (let i = 0; i < n; i++) out[i] = bfloat16FromFloat32Bits(s[i]);
    else for (let i = 0; i < n; i++) out[i] = halfFromFloat32Bits(s[i]);
  } else if (bf16) for (let i = 0; i < n; i++) out[i] = bfloat16Bits(src[i]);
  else for (let i = 0; i < n; i++) out[i] = halfBits(src[i]);
}
