/**
 * Samplers against their exact distributions: chi-square for the discrete
 * ones, Kolmogorov–Smirnov for the continuous ones. Each test draws from its
 * own fixed-seed Generator; thresholds are chosen (stats.testing.ts) so that
 * a correct sampler fails with probability below 1e-6.
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Bernoulli, Beta, Binomial, Categorical, Exponential, Gamma, Multinomial, Normal, Poisson, Uniform } from "./index";
import {
  betaCdf,
  binomialPmf,
  chiSquare,
  chiSquareCritical,
  chiSquareSurvival,
  gammaCdf,
  gammaP,
  histogram,
  ksCritical,
  ksStatistic,
  normalCdf,
  poissonPmf,
} from "./stats.testing";

const N = 200_000;
const gen = (seed: number) => new torch.Generator(seed);
const values = (t: torch.Tensor) => Float64Array.from(t.contiguous().toTypedArray());

function expectChiSquare(observed: ArrayLike<number>, probs: ArrayLike<number>): void {
  const r = chiSquare(observed, probs);
  expect(r.statistic, `X² = ${r.statistic.toFixed(2)} on ${r.df} df (critical ${r.critical.toFixed(2)})`).toBeLessThan(r.critical);
}

function expectKS(samples: ArrayLike<number>, cdf: (x: number) => number): void {
  const d = ksStatistic(samples, cdf);
  expect(d, `D = ${d.toExponential(3)} (critical ${ksCritical(samples.length).toExponential(3)})`).toBeLessThan(ksCritical(samples.length));
}

describe("the test statistics themselves (reference values from scipy 1.10)", () => {
  it("chi-square quantiles and tails", () => {
    expect(chiSquareCritical(1, 0.05)).toBeCloseTo(3.8414588206941285, 9);
    expect(chiSquareCritical(5, 1e-7)).toBeCloseTo(40.86302108810562, 8);
    expect(chiSquareCritical(40, 1e-7)).toBeCloseTo(104.89961045583804, 8);
    expect(chiSquareSurvival(30, 10)).toBeCloseTo(0.000856641210775301, 14);
  });
  it("normal, beta and gamma CDFs", () => {
    expect(normalCdf(-1.5)).toBeCloseTo(0.06680720126885807, 14);
    expect(betaCdf(0.3, 2.5, 0.7)).toBeCloseTo(0.029814024845250472, 14);
    expect(gammaP(3.2, 2.1)).toBeCloseTo(0.3047296750594145, 14);
  });
  it("a wrong distribution is rejected", () => {
    const s = values(new Normal(0.02, 1).sample([N], { generator: gen(1) }));
    expect(ksStatistic(s, normalCdf)).toBeGreaterThan(ksCritical(N));
    const c = histogram(values(new Categorical(torch.tensor([0.26, 0.24, 0.5])).sample([N], { generator: gen(2) })), 3);
    expect(chiSquare(c, [0.25, 0.25, 0.5]).statistic).toBeGreaterThan(chiSquare(c, [0.25, 0.25, 0.5]).critical);
  });
});

describe("continuous samplers pass Kolmogorov–Smirnov", () => {
  it("Normal (float32 and float64, sample and rsample)", () => {
    expectKS(values(new Normal(0, 1).sample([N], { generator: gen(10) })), normalCdf);
    const loc = torch.tensor([1.5], { dtype: torch.float64 });
    const scale = torch.tensor([0.25], { dtype: torch.float64 });
    expectKS(values(new Normal(loc, scale).sample([N], { generator: gen(11) })), (x) => normalCdf((x - 1.5) / 0.25));
    expectKS(values(new Normal(-2, 3).rsample([N], { generator: gen(12) })), (x) => normalCdf((x + 2) / 3));
  });
  it("Normal's tail beyond the ziggurat base (|x| > 3.654)", () => {
    const s = values(new Normal(0, 1).sample([2_000_000], { generator: gen(13) })).filter((x) => Math.abs(x) > 3.6541528853610088);
    const tail = 2 * (1 - normalCdf(3.6541528853610088));
    // conditional on |x| > r, |x| has CDF (Φ(x) − Φ(r)) / (1 − Φ(r))
    expectKS(s.map(Math.abs), (x) => (normalCdf(x) - normalCdf(3.6541528853610088)) / (tail / 2));
  });
  it("Normal, binned on the ziggurat's layer edges (where a wedge or layer-table bug would show)", () => {
    // the 255 abscissae x_1 = r > x_2 > … of 256 equal-area layers (Marsaglia–Tsang's r and V)
    const r = 3.6541528853610088;
    const v = 0.00492867323399;
    const f = (x: number) => Math.exp(-0.5 * x * x);
    const xs = [r];
    while (xs.length < 255) xs.push(Math.sqrt(-2 * Math.log(v / xs[xs.length - 1] + f(xs[xs.length - 1]))));
    const edges = [0, ...xs.reverse()]; // increasing; the last bin is the tail [r, ∞)
    const probs = edges.map((e, j) => 2 * ((j + 1 < edges.length ? normalCdf(edges[j + 1]) : 1) - normalCdf(e)));
    const n = 4_000_000;
    const observed = new Float64Array(edges.length);
    for (const x of values(new Normal(0, 1).sample([n], { generator: gen(14) }))) {
      const a = Math.abs(x);
      let lo = 0;
      let hi = edges.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (edges[mid] <= a) lo = mid;
        else hi = mid - 1;
      }
      observed[lo]++;
    }
    expectChiSquare(observed, probs);
  });
  it("Uniform (sample and rsample)", () => {
    const cdf = (x: number) => Math.min(1, Math.max(0, (x + 1) / 4));
    expectKS(values(new Uniform(-1, 3).sample([N], { generator: gen(20) })), cdf);
    expectKS(values(new Uniform(torch.tensor([-1], { dtype: torch.float64 }), 3).rsample([N], { generator: gen(21) })), cdf);
  });
  it("Exponential (sample and rsample)", () => {
    const cdf = (x: number) => 1 - Math.exp(-2.5 * x);
    expectKS(values(new Exponential(2.5).sample([N], { generator: gen(30) })), cdf);
    expectKS(values(new Exponential(torch.tensor([2.5], { dtype: torch.float64 })).rsample([N], { generator: gen(31) })), cdf);
  });
  for (const [alpha, rate] of [
    [0.3, 1],
    [1, 2],
    [4.5, 0.5],
    [60, 3],
  ]) {
    it(`Gamma(${alpha}, ${rate})`, () => {
      expectKS(values(new Gamma(alpha, rate).sample([N], { generator: gen(Math.round(400 + alpha * 10)) })), (x) => gammaCdf(x, alpha, rate));
    });
  }
  for (const [a, b] of [
    [0.5, 0.5],
    [2, 5],
    [0.3, 3],
  ]) {
    it(`Beta(${a}, ${b})`, () => {
      const s = values(new Beta(torch.tensor(a, { dtype: torch.float64 }), b).sample([N], { generator: gen(Math.round(500 + a * 10)) }));
      expectKS(s, (x) => betaCdf(x, a, b));
    });
  }
});

describe("discrete samplers pass chi-square", () => {
  it("Bernoulli", () => {
    const s = values(new Bernoulli(0.3).sample([N], { generator: gen(60) }));
    expectChiSquare(histogram(s, 2), [0.7, 0.3]);
  });
  it("Categorical (a zero-probability category is never drawn)", () => {
    const probs = [0.1, 0.0, 0.25, 0.05, 0.6];
    const s = values(new Categorical(torch.tensor(probs)).sample([N], { generator: gen(70) }));
    const h = histogram(s, 5);
    expect(h[1]).toBe(0);
    expectChiSquare(h, probs);
  });
  for (const rate of [0.7, 4, 9.99, 10, 37.5, 1000]) {
    it(`Poisson(${rate}) (${rate < 10 ? "inversion" : "PTRS"})`, () => {
      const s = values(new Poisson(rate).sample([N], { generator: gen(Math.round(800 + rate * 100)) }));
      const size = Math.ceil(rate + 12 * Math.sqrt(rate) + 20);
      expectChiSquare(histogram(s, size), poissonPmf(rate, size));
    });
  }
  for (const [n, p] of [
    [20, 0.3],
    [1000, 0.004],
    [60, 0.5],
    [1000, 0.2],
    [500, 0.93],
    [7, 0.999],
  ]) {
    it(`Binomial(${n}, ${p}) (${Math.min(p, 1 - p) * n < 10 ? "inversion" : "BTRS"})`, () => {
      const s = values(new Binomial(n, torch.tensor(p, { dtype: torch.float64 })).sample([N], { generator: gen(Math.round(900 + n * p * 10)) }));
      expectChiSquare(histogram(s, n + 1), binomialPmf(n, p));
    });
  }
  it("Multinomial(3, p): the joint law of the count vectors", () => {
    const p = [0.2, 0.5, 0.3];
    const counts = values(new Multinomial(3, torch.tensor(p)).sample([N], { generator: gen(100) }));
    // the 10 count vectors (a, b, 3 − a − b), indexed a·4 + b
    const observed = new Float64Array(16);
    const probs = new Float64Array(16);
    for (let a = 0; a <= 3; a++) {
      for (let b = 0; a + b <= 3; b++) {
        const c = 3 - a - b;
        probs[a * 4 + b] = (6 / (fact(a) * fact(b) * fact(c))) * p[0] ** a * p[1] ** b * p[2] ** c;
      }
    }
    for (let i = 0; i < counts.length; i += 3) observed[counts[i] * 4 + counts[i + 1]]++;
    expectChiSquare(observed, probs);
  });
  it("Multinomial(1000, p): every category's count is Binomial(1000, p_j)", () => {
    const p = [0.05, 0.3, 0.0, 0.15, 0.25, 0.25];
    const counts = values(new Multinomial(1000, torch.tensor(p, { dtype: torch.float64 })).sample([50_000], { generator: gen(101) }));
    for (let j = 0; j < p.length; j++) {
      const marginal = new Float64Array(50_000).map((_, i) => counts[i * 6 + j]);
      if (p[j] === 0) expect(marginal.every((c) => c === 0)).toBe(true);
      else expectChiSquare(histogram(marginal, 1001), binomialPmf(1000, p[j]));
    }
  });
  it("batched parameters sample each batch element from its own law", () => {
    const rates = torch.tensor([0.5, 25]);
    const s = values(new Poisson(rates).sample([N], { generator: gen(110) }));
    for (const [b, rate] of [0.5, 25].entries()) {
      const column = new Float64Array(N).map((_, i) => s[i * 2 + b]);
      expectChiSquare(histogram(column, 80), poissonPmf(rate, 80));
    }
  });
});

function fact(k: number): number {
  return k <= 1 ? 1 : k * fact(k - 1);
}
