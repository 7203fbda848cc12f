/**
 * Scalar random variates drawn from a torchts `Generator` (so `manualSeed`
 * reproduces them) exactly as PyTorch 1.13's CPU samplers draw them: gamma
 * (Marsaglia–Tsang), Poisson (PTRS / products of uniforms) and binomial (BTRS /
 * geometric-sum inversion), on the generator's double uniforms and normals.
 *
 * References for the algorithms (the code follows PyTorch's, cited per function):
 * - G. Marsaglia, W. W. Tsang, "A simple method for generating gamma
 *   variables", ACM TOMS 26(3), 2000.
 * - W. Hörmann, "The transformed rejection method for generating Poisson
 *   random variables" (PTRS), Insurance Math. Econom. 12, 1993, and
 *   "The generation of binomial random variates" (BTRS), J. Stat. Comput.
 *   Simul. 46, 1993.
 */
import type { Generator } from "@torchts/autograd";
import { lgammaScalar } from "./special";

const ONE_THIRD_F = Math.fround(1 / 3);
const C_0331_F = Math.fround(0.0331);
/**
 * Gamma(alpha, 1) exactly as PyTorch 1.13's CPU `_standard_gamma` draws it
 * (sample_gamma in aten/src/ATen/native/Distributions.h): Marsaglia–Tsang on the
 * generator's double uniforms and `normal_distribution<double>` normals (with its
 * cached sine), the boost for alpha < 1 drawn first, and float32 parameters
 * rounded where PyTorch's float arithmetic rounds them.
 */
export function standardGammaTorch(alpha: number, g: Generator, float32: boolean): number {
  const r = float32 ? Math.fround : (x: number) => x;
  let scale = 1;
  if (alpha < 1) {
    if (alpha === 0) return 0;
    scale *= Math.pow(1 - g.random(), r(1 / alpha));
    alpha = r(alpha + 1);
  }
  const d = r(alpha - ONE_THIRD_F);
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let y: number;
    do {
      x = g.normal();
      y = 1 + c * x;
    } while (y <= 0);
    const v = y * y * y;
    const u = 1 - g.random();
    const xx = x * x;
    if (u < 1 - C_0331_F * xx * xx) return scale * d * v;
    if (Math.log(u) < 0.5 * xx + d * (1 - v + Math.log(v))) return scale * d * v;
  }
}

/**
 * Poisson(lambda) exactly as PyTorch 1.13's CPU `torch.poisson` draws it
 * (sample_poisson in aten/src/ATen/native/Distributions.cpp, from numpy):
 * Hörmann's PTRS for lambda >= 10, else the product of double uniforms against
 * exp(−lambda). Its `lgamma` is glibc's and ours lgammaScalar: a draw right at an
 * acceptance boundary could differ.
 */
export function poissonTorch(lambda: number, g: Generator): number {
  if (lambda >= 10) {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = g.random() - 0.5;
      const V = g.random();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgammaScalar(k + 1)) return k;
    }
  }
  if (lambda === 0) return 0;
  if (!(lambda > 0)) return NaN;
  const enlam = Math.exp(-lambda);
  let x = 0;
  let prod = 1;
  for (;;) {
    prod *= g.random();
    if (prod > enlam) x += 1;
    else return x;
  }
}

const TAIL = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287];
function stirlingTail(k: number): number {
  if (k <= 9) return TAIL[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/**
 * Binomial(count, prob) exactly as PyTorch 1.13's CPU `torch.binomial` draws it
 * (sample_binomial in aten/src/ATen/native/Distributions.h, from TensorFlow):
 * BTRS when count·min(p, 1−p) >= 10, else the geometric-sum inversion; `r`
 * rounds where PyTorch computes in the float32 parameters' own precision.
 */
export function binomialTorch(count: number, prob: number, g: Generator, float32: boolean): number {
  const r = float32 ? Math.fround : (x: number) => x;
  if (count <= 0 || prob <= 0) return 0;
  if (prob >= 1) return count;
  if (prob <= 0.5) return r(count * prob) >= 10 ? btrs(count, prob, g, r) : inversion(count, prob, g, r);
  if (prob > 0.5) {
    const q = r(1 - prob);
    return r(count * q) >= 10 ? count - btrs(count, q, g, r) : count - inversion(count, q, g, r);
  }
  return NaN;
}

function inversion(count: number, prob: number, g: Generator, r: (x: number) => number): number {
  const logprob = r(Math.log1p(-prob));
  let geomSum = 0;
  let num = 0;
  for (;;) {
    geomSum += Math.ceil(Math.log(g.random()) / logprob);
    if (geomSum > count) return num;
    num += 1;
  }
}

function btrs(count: number, prob: number, g: Generator, r: (x: number) => number): number {
  const stddev = r(Math.sqrt(r(r(count * prob) * r(1 - prob))));
  const b = 1.15 + 2.53 * stddev;
  const a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const c = r(count * prob) + 0.5;
  const vr = 0.92 - 4.2 / b;
  const rr = r(prob / r(1 - prob));
  const alpha = (2.83 + 5.1 / b) * stddev;
  const m = Math.floor(r(r(count + 1) * prob));
  for (;;) {
    const U = g.random() - 0.5;
    let V = g.random();
    const us = 0.5 - Math.abs(U);
    const k = r(Math.floor(((2 * a) / us + b) * U + c));
    if (k < 0 || k > count) continue;
    if (us >= 0.07 && V <= vr) return k;
    V = Math.log((V * alpha) / (a / (us * us) + b));
    const upper =
      (m + 0.5) * Math.log((m + 1) / (rr * (count - m + 1))) +
      (count + 1) * Math.log((count - m + 1) / (count - k + 1)) +
      (k + 0.5) * Math.log((rr * (count - k + 1)) / (k + 1)) +
      stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k);
    if (V <= upper) return k;
  }
}
