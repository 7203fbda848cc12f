/**
 * Scalar random variates drawn from a torchts `Generator` (so `manualSeed`
 * reproduces them): normal (ziggurat), exponential, gamma (Marsaglia–Tsang),
 * Poisson (inversion / PTRS), binomial (inversion / BTRS).
 *
 * References for the algorithms (implemented from the papers' descriptions):
 * - G. Marsaglia, W. W. Tsang, "The Ziggurat Method for Generating Random
 *   Variables", J. Stat. Softw. 5(8), 2000 — with the layer index and the
 *   abscissa taken from disjoint bits (Doornik's 2005 remark on correlation).
 * - G. Marsaglia, W. W. Tsang, "A simple method for generating gamma
 *   variables", ACM TOMS 26(3), 2000.
 * - W. Hörmann, "The transformed rejection method for generating Poisson
 *   random variables" (PTRS), Insurance Math. Econom. 12, 1993, and
 *   "The generation of binomial random variates" (BTRS), J. Stat. Comput.
 *   Simul. 46, 1993.
 */
import type { Generator } from "@torchts/autograd";
import { logFactorial } from "./special";

// ---- ziggurat tables for the standard normal, 256 layers of equal area V ----
const ZIG_R = 3.6541528853610088;
const ZIG_V = 0.00492867323399;
const LAYERS = 256;
const f = (x: number): number => Math.exp(-0.5 * x * x);
/** Layer i is the rectangle of width X[i] between heights F[i] and F[i+1]; layer 0 is the base plus the tail. */
const X = new Float64Array(LAYERS + 1);
const F = new Float64Array(LAYERS + 1);
/**
 * Accept-without-density thresholds (X[i+1]/X[i] scaled to the integer
 * range) and scale factors. The 23-bit tables have 512 entries indexed by
 * the top 9 bits of a draw, layer = j >> 1 and sign = j & 1, with the sign
 * folded into the scale factor: the fast path has no sign branch.
 */
const K23 = new Int32Array(2 * LAYERS);
const W23 = new Float64Array(2 * LAYERS);
const K53 = new Float64Array(LAYERS);
const W53 = new Float64Array(LAYERS);
{
  X[0] = ZIG_V / f(ZIG_R);
  X[1] = ZIG_R;
  for (let i = 1; i < LAYERS - 1; i++) X[i + 1] = Math.sqrt(-2 * Math.log(ZIG_V / X[i] + f(X[i])));
  X[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) F[i] = f(X[i]);
  for (let j = 0; j < 2 * LAYERS; j++) {
    const i = j >> 1;
    K23[j] = Math.floor((X[i + 1] / X[i]) * 8388608);
    W23[j] = ((j & 1) === 1 ? -X[i] : X[i]) / 8388608;
  }
  for (let i = 0; i < LAYERS; i++) {
    K53[i] = Math.floor((X[i + 1] / X[i]) * 9007199254740992);
    W53[i] = X[i] / 9007199254740992;
  }
}

/** The normal tail beyond R (Marsaglia 1964): R + a with a ~ Exp(R) accepted with e^(−a²/2). */
function normalTail(g: Generator): number {
  for (;;) {
    const a = -Math.log(1 - g.random()) / ZIG_R;
    const b = -Math.log(1 - g.random());
    if (b + b > a * a) return ZIG_R + a;
  }
}

/**
 * A standard normal with a 23-bit abscissa (enough for float32): one 32-bit
 * draw ~99% of the time. Bits 31–24 pick the layer, bit 23 the sign, bits
 * 22–0 the abscissa, so layer and abscissa never share bits.
 */
export function normal23(g: Generator): number {
  for (;;) {
    const u = g.nextUint32();
    const j = u >>> 23;
    const m = u & 0x7fffff;
    if (m < K23[j]) return m * W23[j];
    const x = slowNormal23(g, j, m);
    if (x === x) return x;
  }
}

/** A standard normal with a 53-bit abscissa (two 32-bit draws), for float64. */
export function normal53(g: Generator): number {
  for (;;) {
    const u = g.nextUint32();
    const i = u >>> 24;
    const neg = (u & 0x800000) !== 0;
    const m = (u & 0x1fffff) * 4294967296 + g.nextUint32();
    if (m < K53[i]) {
      const x = m * W53[i];
      return neg ? -x : x;
    }
    if (i === 0) return neg ? -normalTail(g) : normalTail(g);
    const x = m * W53[i];
    if (F[i] + g.random() * (F[i + 1] - F[i]) < f(x)) return neg ? -x : x;
  }
}

/** Fill with standard normals (23-bit abscissa for float32 storage, 53-bit for float64). */
export function fillStandardNormal(out: Float32Array | Float64Array, g: Generator): void {
  const n = out.length;
  if (out instanceof Float32Array) {
    // normal23's fast path inlined: one draw, one integer compare, one multiply
    for (let k = 0; k < n; k++) {
      const u = g.nextUint32();
      const j = u >>> 23;
      const m = u & 0x7fffff;
      if (m < K23[j]) out[k] = m * W23[j];
      else {
        const x = slowNormal23(g, j, m);
        out[k] = x === x ? x : normal23(g);
      }
    }
  } else {
    for (let k = 0; k < n; k++) out[k] = normal53(g);
  }
}

/** The rare ziggurat branches for a draw that missed the fast test: the tail (layer 0) or a wedge; NaN means "draw again". */
function slowNormal23(g: Generator, j: number, m: number): number {
  const i = j >> 1;
  const neg = (j & 1) === 1;
  if (i === 0) return neg ? -normalTail(g) : normalTail(g);
  const x = m * W23[j];
  if (F[i] + g.random() * (F[i + 1] - F[i]) < f(x)) return x;
  return NaN;
}

/** A standard exponential: −ln(1 − U), U in [0, 1) with 53 bits (never infinite). */
export function exponential(g: Generator): number {
  return -Math.log(1 - g.random());
}

/** Fill with standard exponentials. */
export function fillStandardExponential(out: Float32Array | Float64Array, g: Generator): void {
  for (let j = 0; j < out.length; j++) out[j] = -Math.log(1 - g.random());
}

/**
 * Gamma(alpha, 1) by Marsaglia–Tsang: for alpha ≥ 1, d·v with v = (1 + c·z)³,
 * z normal, squeezed then accepted by ln U < z²/2 + d − d·v + d·ln v; for
 * alpha < 1, Gamma(alpha + 1)·U^(1/alpha). May underflow to 0 for tiny alpha.
 */
export function standardGamma(alpha: number, g: Generator): number {
  if (!(alpha > 0)) return alpha === 0 ? 0 : NaN;
  if (alpha < 1) {
    const u = 1 - g.random(); // (0, 1]
    return standardGamma(alpha + 1, g) * Math.pow(u, 1 / alpha);
  }
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal53(g);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = g.random();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Poisson(rate): sequential-search inversion below rate 10, Hörmann's PTRS above. */
export function poisson(rate: number, g: Generator): number {
  if (!(rate > 0)) return rate === 0 ? 0 : NaN;
  if (rate === Infinity) return Infinity;
  if (rate < 10) return poissonInversion(rate, g);
  return poissonPTRS(rate, g);
}

function poissonInversion(rate: number, g: Generator): number {
  const p0 = Math.exp(-rate);
  for (;;) {
    const u = g.random();
    let k = 0;
    let p = p0;
    let cdf = p0;
    // the cap only guards against round-off leaving cdf below u (probability < 1e-30 at rate < 10)
    while (u >= cdf && k < 200) {
      k++;
      p *= rate / k;
      cdf += p;
    }
    if (k < 200) return k;
  }
}

function poissonPTRS(rate: number, g: Generator): number {
  const slam = Math.sqrt(rate);
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = g.random() - 0.5;
    const v = g.random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -rate + k * logRate - logFactorial(k)) return k;
  }
}

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
