/**
 * `@torchts/tensor/fma32`: the float32 fused multiply-add of PyTorch's AVX2 builds, a·b + c
 * rounded once to float32 for float32 a, b, c. ATen's vectorised kernels fuse it
 * (`a.add(b, alpha)`, `addcmul`, `addcdiv`'s products: @torchts/optim's updates) and so does
 * normal_fill_16_AVX2's Box-Muller (normal-avx.ts). JS has no FMA and WebAssembly SIMD128
 * neither, so it is computed in double: the product is exact, the double sum s rounds at most
 * once, and rounding s to float32 is then right unless s landed exactly halfway between two
 * floats while the exact sum did not (double rounding: about once in 2²⁹ random cases). That
 * case is detected and settled by the exact error of the sum. wasm/fma32.h is the SIMD128 twin
 * (random.c's transform and optim's update.c). A subpath that imports nothing, for optim.
 */
const fr = Math.fround;

const FLT_MAX = 3.4028234663852886e38;
/** Where float32 rounding overflows: halfway between FLT_MAX and 2¹²⁸. */
const OVERFLOW = 2 ** 128 - 2 ** 103;

/** The slow side: s is halfway between floats r and t; the exact error of q + c decides. */
function settle(q: number, c: number, s: number, r: number, t: number): number {
  const bb = s - q;
  const e = q - (s - bb) + (c - bb); // TwoSum: q + c = s + e exactly
  if (e === 0) return r; // a true tie: r is the even one
  // r overflowed to ±Infinity (t is then meaningless): below the threshold the result is ±FLT_MAX
  if (r - r !== 0) return Math.abs(s) === OVERFLOW && e * s < 0 ? Math.sign(s) * FLT_MAX : r;
  return e > 0 ? Math.max(r, t) : Math.min(r, t);
}

/**
 * fround(a·b + c) with one rounding. a, b and c must be float32 values (Math.fround'ed).
 * @example fma32(Math.fround(1 + 2 ** -23), Math.fround(1 - 2 ** -23), -1) // -2 ** -46 (unfused: 0)
 */
export function fma32(a: number, b: number, c: number): number {
  const q = a * b;
  const s = q + c;
  const r = fr(s);
  // when s is halfway between two floats, t = 2s − r is the other one (a float); otherwise not,
  // except where s is a float itself (t = r). In this order: `t === r ||` first made it ~2× slower
  const t = 2 * s - r;
  if (fr(t) !== t || t === r) return r;
  return settle(q, c, s, r, t);
}
