/**
 * nn.init and Linear's default initialisation against their distributions, independently of
 * the random stream: Kolmogorov–Smirnov with the Dvoretzky–Kiefer–Wolfowitz–Massart bound
 * P(D > ε) ≤ 2·exp(−2nε²), which holds for every n, at α = 1e-6 (ε = √(ln(2/α)/2n)); bounds
 * checked exactly; the formulas (fans, gains) checked against PyTorch's numbers.
 */
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

const ALPHA = 1e-6;

/** erf to double precision (series below 2.5, continued fraction of erfc above). */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax, term = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
      if (Math.abs(term) < 1e-18) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = ax, C = ax, D = 0;
  for (let n = 1; n < 300; n++) {
    D = 1 / (ax + (n / 2) * D);
    C = ax + n / 2 / C;
    f *= C * D;
    if (Math.abs(C * D - 1) < 1e-16) break;
  }
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f);
}
const normalCdf = (std: number) => (x: number) => 0.5 * (1 + erf(x / (std * Math.SQRT2)));
const uniformCdf = (a: number, b: number) => (x: number) => Math.min(1, Math.max(0, (x - a) / (b - a)));

/** KS statistic of the tensor's values against `cdf`, and the DKW–Massart threshold. */
function ks(t: Tensor, cdf: (x: number) => number): { d: number; eps: number } {
  const v = Float64Array.from(t.contiguous().toTypedArray() as Float32Array).sort();
  const n = v.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(v[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return { d, eps: Math.sqrt(Math.log(2 / ALPHA) / (2 * n)) };
}
function expectKs(t: Tensor, cdf: (x: number) => number): void {
  const { d, eps } = ks(t, cdf);
  expect(d).toBeLessThan(eps);
}
function range(t: Tensor): [number, number] {
  return [Number(t.min()), Number(t.max())];
}

describe("gains and fans (PyTorch's formulas)", () => {
  it("calculateGain", () => {
    expect(nn.init.calculateGain("linear")).toBe(1);
    expect(nn.init.calculateGain("sigmoid")).toBe(1);
    expect(nn.init.calculateGain("tanh")).toBe(5 / 3);
    expect(nn.init.calculateGain("relu")).toBe(Math.SQRT2);
    expect(nn.init.calculateGain("leaky_relu")).toBeCloseTo(1.4141428569978354, 15);
    expect(nn.init.calculateGain("leaky_relu", 0.2)).toBeCloseTo(1.3867504905630728, 15);
    expect(nn.init.calculateGain("selu")).toBe(0.75);
    expect(() => nn.init.calculateGain("swish")).toThrow("Unsupported nonlinearity swish");
  });
  it("fans: [out, in, k...]; fewer than 2 dims raises", () => {
    expect(nn.init.calculateFanInAndFanOut(torch.empty(3, 5))).toEqual([5, 3]);
    expect(nn.init.calculateFanInAndFanOut(torch.empty(4, 3, 2, 2))).toEqual([12, 16]);
    expect(() => nn.init.calculateFanInAndFanOut(torch.empty(3))).toThrow("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
    expect(() => nn.init.kaimingUniform_(torch.empty(3, 3), { mode: "fan_avg" as never })).toThrow("Mode fan_avg not supported");
  });
});

describe("distributions (KS at α = 1e-6, bounds exact)", () => {
  it("uniform_, normal_, constant_, zeros_, ones_, eye_", () => {
    const t = torch.empty(200, 100);
    nn.init.uniform_(t, -10, 10);
    const [lo, hi] = range(t);
    expect(lo).toBeGreaterThanOrEqual(-10);
    expect(hi).toBeLessThan(10);
    expectKs(t, uniformCdf(-10, 10));
    nn.init.normal_(t, { std: 0.01 });
    expectKs(t, normalCdf(0.01));
    nn.init.normal_(t, 3, 2);
    expectKs(t.sub(3), normalCdf(2));
    expect(Number(nn.init.constant_(t, 42).sum())).toBe(42 * 20000);
    expect(Number(nn.init.zeros_(t).abs().sum())).toBe(0);
    expect(Number(nn.init.ones_(t).sum())).toBe(20000);
    expect(nn.init.eye_(torch.empty(2, 3)).tolist()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  it("xavierUniform_ / xavierNormal_: a = gain·√(6/(in+out)), std = gain·√(2/(in+out))", () => {
    const t = torch.empty(300, 100);
    const a = Math.sqrt(6 / 400);
    nn.init.xavierUniform_(t);
    expect(Math.max(...range(t).map(Math.abs))).toBeLessThanOrEqual(a);
    expectKs(t, uniformCdf(-a, a));
    nn.init.xavierUniform_(t, 2);
    expectKs(t, uniformCdf(-2 * a, 2 * a));
    nn.init.xavierNormal_(t, { gain: 5 / 3 });
    expectKs(t, normalCdf((5 / 3) * Math.sqrt(2 / 400)));
  });

  it("kaimingUniform_ / kaimingNormal_ (modes and nonlinearities)", () => {
    const t = torch.empty(200, 120);
    nn.init.kaimingUniform_(t, { a: 0, mode: "fan_in", nonlinearity: "relu" });
    const b = Math.sqrt(3) * Math.SQRT2 / Math.sqrt(120);
    expect(Math.max(...range(t).map(Math.abs))).toBeLessThanOrEqual(b);
    expectKs(t, uniformCdf(-b, b));
    nn.init.kaimingNormal_(t, { mode: "fan_out", nonlinearity: "relu" });
    expectKs(t, normalCdf(Math.SQRT2 / Math.sqrt(200)));
    nn.init.kaimingNormal_(t);
    expectKs(t, normalCdf(nn.init.calculateGain("leaky_relu", 0) / Math.sqrt(120)));
  });

  it("truncNormal_: within [a, b] and the truncated normal's CDF", () => {
    const t = torch.empty(100, 200);
    nn.init.truncNormal_(t, { std: 1, a: -1, b: 2 });
    const [lo, hi] = range(t);
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(2);
    const phi = normalCdf(1);
    const z = phi(2) - phi(-1);
    expectKs(t, (x) => (phi(Math.min(2, Math.max(-1, x))) - phi(-1)) / z);
  });

  it("Linear's default: weight and bias U(−1/√in, 1/√in)", () => {
    const lin = new nn.Linear(400, 60);
    const b = 1 / Math.sqrt(400);
    expect(Math.max(...range(lin.weight).map(Math.abs))).toBeLessThanOrEqual(b);
    expectKs(lin.weight.detach(), uniformCdf(-b, b));
    const biases = torch.cat(Array.from({ length: 200 }, () => new nn.Linear(400, 60).bias!.detach()));
    expect(Math.max(...range(biases).map(Math.abs))).toBeLessThanOrEqual(b);
    expectKs(biases, uniformCdf(-b, b));
    expect(new nn.Linear(0, 3).bias!.tolist()).toEqual([0, 0, 0]);
  });

  it("the writes are not recorded: a parameter stays a leaf", () => {
    const lin = new nn.Linear(3, 3);
    nn.init.normal_(lin.weight);
    nn.init.xavierUniform_(lin.weight);
    nn.init.truncNormal_(lin.weight);
    expect(lin.weight.isLeaf).toBe(true);
    expect(lin.weight.gradFn).toBeNull();
  });

  it("a given generator makes the draw reproducible", () => {
    const g1 = new torch.Generator().manualSeed(7);
    const g2 = new torch.Generator().manualSeed(7);
    const a = nn.init.kaimingUniform_(torch.empty(4, 4), { generator: g1 });
    const b = nn.init.kaimingUniform_(torch.empty(4, 4), { generator: g2 });
    expect(torch.equal(a, b)).toBe(true);
  });
});
