/**
 * Gradients through rsample, logProb, entropy and klDivergence, checked
 * against central finite differences in float64 (torch.autograd.gradcheck).
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Bernoulli, Beta, Binomial, Categorical, Exponential, Gamma, Multinomial, Normal, Poisson, Uniform, klDivergence } from "./index";

const f64 = (data: number[] | number[][]) => torch.tensor(data, { dtype: torch.float64 }).requiresGrad_();
const c64 = (data: number[] | number[][]) => torch.tensor(data, { dtype: torch.float64 });
const check = (fn: (...xs: torch.Tensor[]) => torch.Tensor, inputs: torch.Tensor[]) => expect(torch.gradcheck(fn, inputs)).toBe(true);

describe("rsample is differentiable in the parameters", () => {
  // a fresh generator with a fixed seed per call, so every finite-difference evaluation sees the same noise
  const g = () => ({ generator: new torch.Generator(7) });

  it("Normal: loc + ε·scale", () => {
    check((loc, scale) => new Normal(loc, scale).rsample([4], g()), [f64([0.5, -1]), f64([[1.5], [0.3]])]);
  });
  it("Uniform: low + U·(high − low)", () => {
    check((low, high) => new Uniform(low, high).rsample([3], g()), [f64([0, 1]), f64([2, 4.5])]);
  });
  it("Exponential: E / rate", () => {
    check((rate) => new Exponential(rate).rsample([5], g()), [f64([0.5, 2])]);
  });
  it("gradients reach the parameters through backward()", () => {
    const loc = f64([1]);
    const scale = f64([2]);
    const x = new Normal(loc, scale).rsample([1000], g());
    x.sum().backward();
    expect(loc.grad!.item()).toBe(1000); // d Σ (loc + ε·scale) / d loc
    expect(scale.grad!.item()).toBeCloseTo(x.detach().sub(1).div(2).sum().item() as number, 9); // Σ ε
  });
  it("sample() records no gradient", () => {
    const loc = f64([1]);
    expect(new Normal(loc, 1).sample([3]).requiresGrad).toBe(false);
    expect(new Normal(loc, 1).rsample([3]).requiresGrad).toBe(true);
  });
});

describe("logProb is differentiable", () => {
  it("Normal (parameters and value)", () => {
    check((loc, scale, v) => new Normal(loc, scale).logProb(v), [f64([0.5, -1]), f64([1.5, 0.7]), f64([[0.2, 1.1], [-2, 0]])]);
  });
  it("Uniform (value inside the support: gradient in the bounds)", () => {
    check((low, high) => new Uniform(low, high).logProb(c64([0.5, 1.5])), [f64([0, 1]), f64([2, 4.5])]);
  });
  it("Exponential", () => {
    check((rate, v) => new Exponential(rate).logProb(v), [f64([0.5, 2]), f64([0.3, 1.7])]);
  });
  it("Gamma (lgamma and xlogy inside)", () => {
    check((a, b, v) => new Gamma(a, b).logProb(v), [f64([0.7, 3]), f64([1.5, 0.4]), f64([0.2, 5.5])]);
  });
  it("Beta", () => {
    check((a, b, v) => new Beta(a, b).logProb(v), [f64([0.7, 3]), f64([1.5, 0.4]), f64([0.2, 0.65])]);
  });
  it("Poisson (in the rate)", () => {
    check((rate) => new Poisson(rate).logProb(c64([0, 3, 12])), [f64([0.5, 2.5, 10])]);
  });
  it("Bernoulli (probs and logits)", () => {
    check((p) => new Bernoulli(p).logProb(c64([0, 1, 1])), [f64([0.2, 0.5, 0.9])]);
    check((l) => new Bernoulli({ logits: l }).logProb(c64([0, 1, 1])), [f64([-1.5, 0.3, 2])]);
  });
  it("Categorical (probs normalised inside, and logits)", () => {
    check((p) => new Categorical(p).logProb(torch.tensor([0, 2])), [f64([[1, 2, 3], [0.5, 0.2, 0.3]])]);
    check((l) => new Categorical({ logits: l }).logProb(torch.tensor([1, 2])), [f64([0.1, -0.4, 1.2])]);
  });
  it("Binomial", () => {
    check((p) => new Binomial(10, p).logProb(c64([0, 4, 10])), [f64([0.2, 0.5, 0.7])]);
    check((l) => new Binomial(c64([5, 8]), { logits: l }).logProb(c64([2, 3])), [f64([-0.5, 1.2])]);
  });
  it("Multinomial", () => {
    check((p) => new Multinomial(6, p).logProb(c64([1, 2, 3])), [f64([0.2, 0.5, 0.3])]);
  });
});

describe("entropy and klDivergence are differentiable", () => {
  it("entropies", () => {
    check((s) => new Normal(0, s).entropy(), [f64([0.5, 2])]);
    check((a, b) => new Gamma(a, b).entropy(), [f64([0.7, 3]), f64([1.5, 0.4])]);
    check((a, b) => new Beta(a, b).entropy(), [f64([0.7, 3]), f64([1.5, 0.4])]);
    check((p) => new Categorical(p).entropy(), [f64([0.2, 0.3, 0.5])]);
    check((p) => new Bernoulli(p).entropy(), [f64([0.2, 0.7])]);
    check((p) => new Binomial(5, p).entropy(), [f64([0.2, 0.7])]);
    check((p) => new Multinomial(4, p).entropy(), [f64([0.2, 0.3, 0.5])]);
  });
  it("KL(Normal || Normal), KL(Categorical || Categorical), KL(Bernoulli || Bernoulli), KL(Gamma || Gamma)", () => {
    check((m, s) => klDivergence(new Normal(m, s), new Normal(c64([0.3]), c64([1.2]))), [f64([0.5, -1]), f64([1.5, 0.7])]);
    check((p, q) => klDivergence(new Categorical(p), new Categorical(q)), [f64([0.2, 0.3, 0.5]), f64([0.1, 0.6, 0.3])]);
    check((p, q) => klDivergence(new Bernoulli(p), new Bernoulli(q)), [f64([0.2, 0.6]), f64([0.5, 0.3])]);
    check((a, b) => klDivergence(new Gamma(a, b), new Gamma(c64([2]), c64([1]))), [f64([0.7, 3]), f64([1.5, 0.4])]);
  });
});
