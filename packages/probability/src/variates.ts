/**
 * Scalar random variates drawn from a torchts `Generator` (so `manualSeed`
 * reproduces them): binomial (inversion / BTRS), torchts's own; gamma
 * (Marsaglia–Tsang) and Poisson (PTRS / products of uniforms) as PyTorch's CPU
 * samplers draw them.
 *
 * References for the algorithms (implemented from the papers' descriptions):
 * - G. Marsaglia, W. W. Tsang, "A simple method for generating gamma
 *   variables", ACM TOMS 26(3), 2000.
 * - W. Hörmann, "The transformed rejection method for generating Poisson
 *   random variables" (PTRS), Insurance Math. Econom. 12, 1993, and
 *   "The generation of binomial random variates" (BTRS), J. Stat. Comput.
 *   Simul. 46, 1993.
 */
import type { Generator } from "@torchts/autograd";
import { lgammaScalar, logFactorial } from "./special";

/** Binomial(n, p) for an integer n ≥ 0: inversion when min(p, 1−p)·n < 10, BTRS otherwise. */
export function binomial(n: number, p: number, g: Generator): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialLow(n, 1 - p, g);
  return binomialLow(n, p, g);
}

/** Binomial with p ≤ 1/2. */
function binomialLow(n: number, p: number, g: Generator): number {
  if (n * p < 10) return binomialInversion(n, p, g);
  return binomialBTRS(n, p, g);
}

function binomialInversion(n: number, p: number, g: Generator): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.pow(q, n);
  for (;;) {
    let r = r0;
    let u = g.random();
    let x = 0;
    // P(X = x+1) = P(X = x)·(a/(x+1) − s); restart if round-off runs past n
    while (u >= r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}

function binomialBTRS(n: number, p: number, g: Generator): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = g.random() - 0.5;
    let v = g.random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

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
