/**
 * Argument validation: PyTorch 1.13's rules and its exact messages (from
 * fixtures/dists.json), the reprs they embed, and validateArgs switches.
 */
import * as torch from "@torchts/autograd";
import { afterEach, describe, expect, it } from "vitest";
import { fixture } from "./fixtures.testing";
import {
  Bernoulli,
  Beta,
  Binomial,
  Categorical,
  Distribution,
  Exponential,
  Gamma,
  Multinomial,
  Normal,
  NotImplementedError,
  Poisson,
  Uniform,
  klDivergence,
} from "./index";

const f32 = (data: number[] | number) => torch.tensor(data, { dtype: torch.float32 });

/** Each case of fixture.errors, written in torchts. */
const cases: Record<string, () => unknown> = {
  normal_scale_vector: () => new Normal(f32([0, 1]), f32([1, -1])),
  normal_scale_scalar: () => new Normal(0, -1),
  normal_scale_one: () => new Normal(f32([0.5]), f32([-2])),
  normal_value_shape: () => new Normal(f32([0, 1]), 1).logProb(f32([[1, 2, 3]] as unknown as number[])),
  poisson_support: () => new Poisson(f32([2])).logProb(f32([1.5])),
  poisson_rate: () => new Poisson(f32([2, -1])),
  categorical_negative: () => new Categorical(f32([1, -1])),
  categorical_scalar: () => new Categorical(f32(1)),
  categorical_both: () => new Categorical({ probs: f32([0.5, 0.5]), logits: f32([0, 0]) }),
  categorical_support: () => new Categorical(f32([0.5, 0.5])).logProb(torch.tensor([2])),
  uniform_order: () => new Uniform(1, 0),
  uniform_support: () => new Uniform(0, 1).logProb(f32(2)),
  uniform_support_vec: () => new Uniform(f32([0, 1]), f32([2, 3])).logProb(f32([1, 5])),
  bernoulli_probs: () => new Bernoulli(f32([0.5, 1.5])),
  bernoulli_support: () => new Bernoulli(0.5).logProb(f32([0.5])),
  binomial_count: () => new Binomial(f32([2.5, 3]), f32([0.5, 0.5])),
  binomial_support: () => new Binomial(10, f32([0.5])).logProb(f32([11])),
  multinomial_support: () => new Multinomial(3, f32([0.5, 0.5])).logProb(f32([2, 2])),
  multinomial_count: () => new Multinomial(2.5, f32([0.5, 0.5])),
  gamma_rate: () => new Gamma(f32([1, 2]), f32([1, 0])),
  gamma_support: () => new Gamma(2, 1).logProb(f32([-1])),
  exponential_rate: () => new Exponential(f32([-1])),
  beta_concentration: () => new Beta(f32([1, -1]), f32([2, 2])),
  beta_support: () => new Beta(2, 2).logProb(f32([1.5])),
  kl_missing: () => klDivergence(new Normal(0, 1), new Categorical(f32([0.5, 0.5]))),
};

describe("validation messages match PyTorch", () => {
  it("covers every fixture case", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture.errors).sort());
  });
  for (const [key, expected] of Object.entries(fixture.errors)) {
    it(key, () => {
      // torchts spells PyTorch's snake_case parameter names in camelCase
      const message = expected.message.replace(/total_count/g, key === "multinomial_count" ? "total_count" : "totalCount");
      expect(cases[key]).toThrow(expect.objectContaining({ name: expected.type, message }));
    });
  }

  it("names a negative scale as the issue describes", () => {
    expect(() => new Normal(f32([0, 0]), f32([1, -2]))).toThrow(
      "Expected parameter scale (Tensor of shape (2,)) of distribution Normal(loc: torch.Size([2]), scale: torch.Size([2])) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:",
    );
  });

  it("reprs match PyTorch", () => {
    const built: Record<string, Distribution> = {
      normal_vector: new Normal(f32([0, 1]), 1),
      normal_scalar: new Normal(0, 1),
      categorical: new Categorical(f32([0.5, 0.5])),
      multinomial: new Multinomial(3, f32([0.5, 0.5])),
      beta: new Beta(2, 3),
      binomial: new Binomial(10, f32([0.5])),
      poisson: new Poisson(f32([2])),
    };
    for (const [key, d] of Object.entries(built)) expect(String(d), key).toBe(fixture.reprs[key].replace(/total_count/g, "totalCount"));
  });
});

describe("validateArgs", () => {
  afterEach(() => Distribution.setDefaultValidateArgs(true));

  it("is on by default, as in PyTorch 1.13", () => {
    expect(Distribution.defaultValidateArgs).toBe(true);
    expect(new Normal(0, 1)._validateArgs).toBe(true);
  });

  it("can be turned off per instance: logProb outside the support is then computed, not raised", () => {
    const p = new Poisson(2, { validateArgs: false });
    expect(Number.isFinite(p.logProb(f32(1.5)).item())).toBe(true);
    expect(() => new Normal(0, -1, { validateArgs: false })).not.toThrow();
    expect(new Uniform(0, 1, { validateArgs: false }).logProb(f32(2)).item()).toBe(-Infinity);
  });

  it("can be turned off globally", () => {
    Distribution.setDefaultValidateArgs(false);
    expect(() => new Gamma(-1, 1)).not.toThrow();
    Distribution.setDefaultValidateArgs(true);
    expect(() => new Gamma(-1, 1)).toThrow(/concentration/);
  });

  it("Multinomial validates its probs itself when the inner Categorical does not (global default off)", () => {
    Distribution.setDefaultValidateArgs(false);
    // PyTorch 1.13 gives exactly this message for the same call
    expect(() => new Multinomial(3, f32([0.5, -0.2]), { validateArgs: true })).toThrow(
      "Expected parameter probs (Tensor of shape (2,)) of distribution Multinomial() to satisfy the constraint Simplex(), but found invalid values:\ntensor([ 1.6667, -0.6667])",
    );
  });

  it("checks the probs/logits choice and shapes", () => {
    expect(() => new Bernoulli({})).toThrow("Either `probs` or `logits` must be specified, but not both.");
    expect(() => new Categorical({ logits: f32(0) })).toThrow("`logits` parameter must be at least one-dimensional.");
    expect(() => new Normal(f32([0, 1]), f32([1, 1, 1]))).toThrow(/size of tensor a \(2\) must match the size of tensor b \(3\)/);
  });

  it("rejects values whose event shape is wrong", () => {
    expect(() => new Multinomial(3, f32([0.5, 0.5])).logProb(f32([1, 1, 1]))).toThrow(
      "The right-most size of value must match event_shape: torch.Size([3]) vs torch.Size([2]).",
    );
  });

  it("torch.multinomial's own checks still run when validation is off", () => {
    const c = new Categorical(f32([0.5, -0.5]), { validateArgs: false });
    // the normalised probs are [inf, -inf] and [nan, nan]: PyTorch 1.13's messages for them
    expect(() => c.sample()).toThrow(/invalid multinomial distribution \(encountering probability entry = infinity or NaN\)/);
    const z = new Categorical(f32([0, 0]), { validateArgs: false });
    expect(() => z.sample()).toThrow(/invalid multinomial distribution \(encountering probability entry < 0\)/);
  });

  it("raises NotImplementedError where PyTorch does (and for Gamma.rsample, not implemented here)", () => {
    expect(() => new Binomial(f32([3, 4]), f32([0.5, 0.5])).entropy()).toThrow(
      "Inhomogeneous total count not supported by `enumerateSupport`.",
    );
    expect(() => new Categorical(f32([0.5, 0.5])).entropy()).not.toThrow();
    expect(() => new Gamma(2, 1).rsample()).toThrow(NotImplementedError);
  });
});
