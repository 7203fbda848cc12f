/** The section's rules as functions: sum rule, conditioning, Bayes, independence, expectation, variance. */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import {
  Normal,
  Poisson,
  bayes,
  condition,
  conditional,
  empiricalMean,
  empiricalVariance,
  expectation,
  independenceGap,
  isIndependent,
  marginalize,
  standardDeviation,
  variance,
} from "./index";

const f64 = (data: number[] | number[][] | number[][][]) => torch.tensor(data, { dtype: torch.float64 });
const joint = f64([
  [0.1, 0.2],
  [0.3, 0.4],
]); // P(A = a, B = b)

describe("joint, marginal and conditional probability", () => {
  it("marginalize: the sum rule P(B) = Σ_a P(A = a, B)", () => {
    expect(marginalize(joint, 0).allclose(f64([0.4, 0.6]))).toBe(true);
    expect(marginalize(joint, 1).allclose(f64([0.3, 0.7]))).toBe(true);
    expect(marginalize(joint, [0, 1]).item()).toBeCloseTo(1, 12);
    expect([...marginalize(joint, 0, { keepdim: true }).shape]).toEqual([1, 2]);
  });

  it("condition: P(B | A = 1) = P(A = 1, B) / P(A = 1), which sums to 1", () => {
    const c = condition(joint, 0, 1);
    expect(c.allclose(f64([0.3 / 0.7, 0.4 / 0.7]))).toBe(true);
    // P(A, B) ≤ min(P(A), P(B)), so 0 ≤ P(B | A) ≤ 1
    expect(c.le(1).all().item()).toBe(true);
  });

  it("conditional: the whole table P(B | A), and the multiplication rule P(A, B) = P(B | A)·P(A)", () => {
    const pBgivenA = conditional(joint, 0);
    expect(pBgivenA.sum(1).allclose(f64([1, 1]))).toBe(true);
    expect(pBgivenA.mul(marginalize(joint, 1, { keepdim: true })).allclose(joint)).toBe(true);
  });

  it("rejects tables that are not probabilities, and impossible events", () => {
    expect(() => marginalize(f64([[0.5, 0.6]]), 0)).toThrow(/must sum to 1 in total, but sums to 1.1/);
    expect(() => marginalize(f64([[1.5, -0.5]]), 0)).toThrow(/must hold probabilities in \[0, 1\], found -0.5 at flat index 1/);
    expect(() => condition(f64([[0.5, 0.5], [0, 0]]), 0, 1)).toThrow("condition: P(X_0 = 1) is 0, so the conditional distribution is undefined");
    expect(() => conditional(f64([[0.5, 0.5], [0, 0]]), 0)).toThrow(/probability 0/);
    expect(() => marginalize(joint, 2)).toThrow("marginalize: dim 2 is out of range for a table with 2 dims");
  });
});

describe("Bayes' rule", () => {
  it("d2l's HIV test: P(H = 1 | D1 = 1) = 0.1306", () => {
    // likelihood P(D1 = 1 | H = h) for h = 0, 1; prior P(H = h)
    const posterior = bayes(f64([0.01, 1]), f64([0.9985, 0.0015]));
    expect(posterior.get(1).item()).toBeCloseTo(0.1306, 4);
    expect(posterior.sum().item()).toBeCloseTo(1, 12);
  });
  it("agrees with conditioning the joint table", () => {
    const pA = marginalize(joint, 1);
    const pBgivenA = conditional(joint, 0); // [a, b]
    const posterior = bayes(pBgivenA.select(1, 0), pA); // P(A | B = 0)
    expect(posterior.allclose(condition(joint, 1, 0))).toBe(true);
  });
  it("refuses zero evidence", () => {
    expect(() => bayes(f64([0, 0]), f64([0.5, 0.5]))).toThrow(/evidence/);
  });
});

describe("independence", () => {
  const pA = f64([0.2, 0.8]);
  const pB = f64([0.1, 0.6, 0.3]);
  it("P(A, B) = P(A)·P(B) is independent; the example joint is not", () => {
    expect(isIndependent(torch.outer(pA, pB))).toBe(true);
    expect(isIndependent(joint)).toBe(false);
    expect(independenceGap(joint)).toBeCloseTo(Math.abs(0.1 - 0.3 * 0.4), 12);
  });
  it("conditional independence A ⊥ B | C", () => {
    // P(a, b, c) = P(c)·P(a | c)·P(b | c): dependent marginally, independent given C
    const pC = [0.5, 0.5];
    const pAgivenC = [[0.9, 0.1], [0.1, 0.9]];
    const pBgivenC = [[0.8, 0.2], [0.2, 0.8]];
    const table = f64([0, 1].map((a) => [0, 1].map((b) => [0, 1].map((c) => pC[c] * pAgivenC[c][a] * pBgivenC[c][b]))));
    expect(isIndependent(table, { dims: [0, 1], given: 2 })).toBe(true);
    expect(isIndependent(table, { dims: [0, 1] })).toBe(false);
  });
});

describe("expectation and variance", () => {
  const faces = torch.arange(1, 7);
  const fair = torch.ones([6], { dtype: torch.float64 }).div(6);
  it("of a fair die: E = 3.5, Var = 35/12", () => {
    expect(expectation(faces, fair).item()).toBeCloseTo(3.5, 12);
    expect(variance(faces, fair).item()).toBeCloseTo(35 / 12, 12);
    expect(standardDeviation(faces, fair).item()).toBeCloseTo(Math.sqrt(35 / 12), 12);
    // E[f(X)] with f(x) = x², and Var = E[X²] − E[X]²
    expect((expectation(faces.pow(2), fair).item() as number) - 3.5 ** 2).toBeCloseTo(35 / 12, 12);
  });
  it("batched along a dim", () => {
    const probs = f64([[1, 0, 0], [0.5, 0, 0.5]]);
    expect(expectation(f64([0, 1, 2]), probs).tolist()).toEqual([0, 1]);
    expect(variance(f64([0, 1, 2]), probs).tolist()).toEqual([0, 1]);
  });
  it("empirical mean and variance approach the distribution's", () => {
    const x = new Normal(3, 2).sample([200_000], { generator: new torch.Generator(3) });
    expect(Math.abs((empiricalMean(x).item() as number) - 3)).toBeLessThan(0.03);
    expect(Math.abs((empiricalVariance(x).item() as number) - 4)).toBeLessThan(0.08);
    const k = new Poisson(torch.tensor([2, 7])).sample([100_000], { generator: new torch.Generator(4) });
    const m = empiricalMean(k, { dim: 0 }).tolist() as number[];
    const v = empiricalVariance(k, { dim: 0 }).tolist() as number[];
    [2, 7].forEach((rate, i) => {
      expect(Math.abs(m[i] - rate)).toBeLessThan(0.05);
      expect(Math.abs(v[i] - rate)).toBeLessThan(0.15);
    });
    expect(empiricalVariance(f64([1, 3]), { correction: 0 }).item()).toBe(1);
    expect(empiricalVariance(f64([1, 3])).item()).toBe(2);
    expect(() => empiricalVariance(f64([1]))).toThrow(/no degrees of freedom/);
  });
});
