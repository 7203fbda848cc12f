/**
 * PyTorch's float32 Box-Muller block (normal_fill_16_AVX2 in
 * aten/src/ATen/native/cpu/DistributionKernels.cpp), lane by lane, in float
 * arithmetic: avx_mathfun's cephes `log256_ps` and `sincos256_ps` (Julien
 * Pommier's sse_mathfun ported to AVX by Giovanni Garberoglio, zlib licence),
 * with the multiply-adds fused where GCC's -mfma build fuses them. Every
 * `f32(...)` is one float rounding; `fma(a, b, c)` rounds a·b + c once, exactly
 * as the FMA instruction does (fma32.ts: a double multiply-add rounded to float
 * would round twice, and err where the double sum lands halfway between floats).
 */
import { fma32 as fma } from "./fma32";

const f32 = Math.fround;
const F = new Float32Array(1);
const U = new Uint32Array(F.buffer);

const SQRTHF = f32(0.707106781186547524);
const LOG_P0 = f32(7.0376836292e-2);
const LOG_P1 = f32(-1.151461031e-1);
const LOG_P2 = f32(1.167699874e-1);
const LOG_P3 = f32(-1.2420140846e-1);
const LOG_P4 = f32(1.4249322787e-1);
const LOG_P5 = f32(-1.6668057665e-1);
const LOG_P6 = f32(2.0000714765e-1);
const LOG_P7 = f32(-2.4999993993e-1);
const LOG_P8 = f32(3.3333331174e-1);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = f32(0.693359375);
const MIN_NORM = 1.1754943508222875e-38;

const DP1 = f32(-0.78515625);
const DP2 = f32(-2.4187564849853515625e-4);
const DP3 = f32(-3.77489497744594108e-8);
const SIN_P0 = f32(-1.9515295891e-4);
const SIN_P1 = f32(8.3321608736e-3);
const SIN_P2 = f32(-1.6666654611e-1);
const COS_P0 = f32(2.443315711809948e-5);
const COS_P1 = f32(-1.388731625493765e-3);
const COS_P2 = f32(4.166664568298827e-2);
const FOPI = f32(1.27323954473516);
const TWO_PI_F = f32(2 * Math.PI);

/** log256_ps for one lane, x in (0, 1]. */
export function logf(x: number): number {
  if (x < MIN_NORM) x = MIN_NORM;
  F[0] = x;
  const bits = U[0];
  let e = (bits >>> 23) - 127 + 1;
  U[0] = (bits & 0x807fffff) | 0x3f000000;
  const m = F[0];
  let v: number;
  if (m < SQRTHF) {
    e -= 1;
    v = m - 1 + m; // exact: 2m − 1
  } else v = m - 1; // exact (Sterbenz)
  const z = f32(v * v);
  let y = fma(LOG_P0, v, LOG_P1);
  y = fma(y, v, LOG_P2);
  y = fma(y, v, LOG_P3);
  y = fma(y, v, LOG_P4);
  y = fma(y, v, LOG_P5);
  y = fma(y, v, LOG_P6);
  y = fma(y, v, LOG_P7);
  y = fma(y, v, LOG_P8);
  y = f32(y * v);
  y = fma(y, z, f32(e * LOG_Q1)); // GCC fuses the first product it meets: y·z
  y = f32(y - z * 0.5);
  return f32(f32(v + y) + e * LOG_Q2); // e·Q2 is exact
}

let sinOut = 0;
/** sincos256_ps for one lane, x ≥ 0; returns the cosine, leaves the sine in `sinOut`. */
function sincosf(x: number): number {
  let j = (f32(x * FOPI) | 0) + 1;
  j &= ~1;
  const y = j;
  const sinSwap = (j & 4) !== 0;
  const poly = (j & 2) === 0;
  const cosSwap = ((j - 2) & 4) === 0;
  x = fma(y, DP1, x);
  x = fma(y, DP2, x);
  x = fma(y, DP3, x);
  const z = f32(x * x);
  let c = fma(COS_P0, z, COS_P1);
  c = fma(c, z, COS_P2);
  c = f32(c * z);
  c = fma(c, z, -f32(z * 0.5));
  c = f32(c + 1);
  let s = fma(SIN_P0, z, SIN_P1);
  s = fma(s, z, SIN_P2);
  s = f32(s * z);
  s = fma(s, x, x);
  let sn: number, cs: number;
  if (poly) {
    sn = s;
    cs = c;
  } else {
    sn = c;
    cs = s;
  }
  sinOut = sinSwap ? -sn : sn;
  return cosSwap ? -cs : cs;
}

/** One block of 16 float uniforms at d[o..o+16) becomes 16 normals with the given mean and std. */
export function normalBlock16F32(d: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j];
    const u2 = d[o + j + 8];
    const radius = f32(Math.sqrt(f32(-2 * logf(u1))));
    const theta = f32(TWO_PI_F * u2);
    const c = sincosf(theta);
    const n1 = f32(radius * c);
    const n2 = f32(radius * sinOut);
    d[o + j] = fma(n1, std, mean);
    d[o + j + 8] = fma(n2, std, mean);
  }
}
