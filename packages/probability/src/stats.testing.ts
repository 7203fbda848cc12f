/**
 * Goodness-of-fit machinery for the sampler tests, computed from first
 * principles (no statistics library):
 *
 * - Chi-square (discrete samplers). Pearson's X² = Σ (O − E)² / E over bins
 *   merged until every expected count is ≥ 100, compared with the chi-square
 *   quantile at α = 1e-7, computed exactly by inverting the regularized upper
 *   incomplete gamma function Q(df/2, x/2) (series / Lentz continued fraction)
 *   by bisection. Wilson–Hilferty would be too loose this far in the tail.
 *   X² is only asymptotically chi-square; at expected counts ≥ 100 its tail is
 *   close to the limit, and testing at 1e-7 leaves a tenfold margin for that
 *   approximation under the required false-failure rate of 1e-6.
 * - Kolmogorov–Smirnov (continuous samplers). D = sup |F_n − F| against the
 *   exact CDF, with the threshold from the Dvoretzky–Kiefer–Wolfowitz
 *   inequality with Massart's constant, P(D > ε) ≤ 2·exp(−2nε²), which holds
 *   for every n (no asymptotics): ε = √(ln(2/α) / 2n) with α = 1e-6 is a
 *   conservative critical value.
 */
import { lgammaScalar } from "./special";

export const ALPHA = 1e-6;
/** The chi-square tests' nominal level (see the margin argument above). */
export const CHI2_ALPHA = 1e-7;
const EPS = 1e-15;
const TINY = 1e-300;

/** Regularized lower incomplete gamma P(a, x) by its power series (x < a + 1). */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lgammaScalar(a));
}

/** Regularized upper incomplete gamma Q(a, x) by its continued fraction, modified Lentz (x ≥ a + 1). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lgammaScalar(a)) * h;
}

/** P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x), accurate in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** P(χ²_df > x). */
export function chiSquareSurvival(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** The x with P(χ²_df > x) = alpha, by bisection on the exact survival function. */
export function chiSquareCritical(df: number, alpha: number): number {
  let lo = 0;
  let hi = df + 10;
  while (chiSquareSurvival(hi, df) > alpha) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquareSurvival(mid, df) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Regularized incomplete beta I_x(a, b), continued fraction (modified Lentz) with the symmetry swap. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = lgammaScalar(a + b) - lgammaScalar(a) - lgammaScalar(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x > (a + 1) / (a + b + 2)) return 1 - betaCdf(1 - x, b, a);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return (Math.exp(logFront) * h) / a;
}

/** Φ(x) through P(½, x²/2). */
export function normalCdf(x: number): number {
  const p = gammaP(0.5, (x * x) / 2);
  return x >= 0 ? 0.5 + 0.5 * p : 0.5 - 0.5 * p;
}

/** The gamma(α, rate) CDF. */
export function gammaCdf(x: number, alpha: number, rate: number): number {
  return gammaP(alpha, rate * x);
}

/** KS statistic D = sup |F_n − F| of samples against a continuous CDF. */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** The DKW–Massart critical value: P(D > ε) ≤ 2·exp(−2nε²) = alpha. */
export function ksCritical(n: number, alpha = ALPHA): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  critical: number;
  bins: number;
}

/**
 * Pearson's chi-square of observed counts against expected probabilities
 * (over the same outcomes, in order; extra trailing observed slots count as
 * the tail). Adjacent outcomes are merged until each
 * bin expects at least `minExpected`; outcomes never observed and never
 * expected are dropped. Mass outside the listed outcomes (a truncated tail)
 * forms one more bin.
 */
export function chiSquare(observed: ArrayLike<number>, probs: ArrayLike<number>, minExpected = 100): ChiSquareResult {
  let n = 0;
  for (let i = 0; i < observed.length; i++) n += observed[i];
  let total = 0;
  for (let i = 0; i < probs.length; i++) total += probs[i];
  const obs: number[] = [];
  const exp: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < probs.length; i++) {
    o += observed[i];
    e += probs[i] * n;
    if (e >= minExpected) {
      obs.push(o);
      exp.push(e);
      o = 0;
      e = 0;
    }
  }
  // outcomes past the listed probabilities (e.g. a histogram's overflow slot) join the tail bin
  for (let i = probs.length; i < observed.length; i++) o += observed[i];
  const tailExpected = Math.max(0, 1 - total) * n + e;
  if (obs.length > 0 && tailExpected < minExpected) {
    obs[obs.length - 1] += o;
    exp[exp.length - 1] += tailExpected;
  } else {
    obs.push(o);
    exp.push(tailExpected);
  }
  let statistic = 0;
  for (let i = 0; i < obs.length; i++) statistic += ((obs[i] - exp[i]) * (obs[i] - exp[i])) / exp[i];
  const df = obs.length - 1;
  if (df < 1) throw new Error("chiSquare: fewer than 2 bins after merging; draw more samples");
  return { statistic, df, critical: chiSquareCritical(df, CHI2_ALPHA), bins: obs.length };
}

/** Counts of the integer values 0 … size−1 (values outside are counted in the last slot + 1). */
export function histogram(values: ArrayLike<number>, size: number): Float64Array {
  const h = new Float64Array(size + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    h[v >= 0 && v < size && Number.isInteger(v) ? v : size]++;
  }
  return h;
}

export function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(lgammaScalar(n + 1) - lgammaScalar(k + 1) - lgammaScalar(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }
  return out;
}

export function poissonPmf(rate: number, size: number): Float64Array {
  const out = new Float64Array(size);
  for (let k = 0; k < size; k++) out[k] = Math.exp(k * Math.log(rate) - rate - lgammaScalar(k + 1));
  return out;
}
