/**
 * The boundary checks of @torchts/probability: option keys, parameter types,
 * sample shapes, and PyTorch 1.13's validation of Multinomial's total_count.
 */
import * as torch from "@torchts/autograd";
import { afterEach, describe, expect, it } from "vitest";
import { Bernoulli, Binomial, Categorical, Distribution, Multinomial, Normal, Uniform, empiricalMean, expectation, isIndependent, marginalize } from "./index";
import { OPTION_KEYS } from "./args";

const p = torch.tensor([0.5, 0.5]);

describe("Multinomial's totalCount, as PyTorch 1.13 checks it", () => {
  afterEach(() => Distribution.setDefaultValidateArgs(true));
  it("a negative count fails at construction with Binomial's total_count message", () => {
    expect(() => new Multinomial(-1, p)).toThrowError(torch.ValueError);
    expect(() => new Multinomial(-1, p)).toThrowError(
      /Expected parameter totalCount \(Tensor of shape \(2,\)\) of distribution Binomial\(totalCount: torch.Size\(\[2\]\), probs: torch.Size\(\[2\]\)\) to satisfy the constraint IntegerGreaterThan\(lower_bound=0\)/,
    );
    // PyTorch's inner Binomial uses the global default, so validateArgs: false on the Multinomial does not skip it
    expect(() => new Multinomial(-1, p, { validateArgs: false })).toThrowError(/totalCount/);
  });
  it("sampling zero or fewer draws is torch.multinomial's RuntimeError; a non-integer count is NotImplementedError", () => {
    expect(() => new Multinomial(0, p).sample()).toThrowError(torch.RuntimeError);
    expect(() => new Multinomial(0, p).sample()).toThrowError(/cannot sample n_sample <= 0 samples/);
    expect(new Multinomial(0, p).logProb(torch.tensor([0, 0])).item()).toBeCloseTo(0, 6);
    Distribution.setDefaultValidateArgs(false);
    expect(() => new Multinomial(-1, p).sample()).toThrowError(/cannot sample n_sample <= 0 samples/);
    expect(() => new Multinomial(2.5, p)).toThrowError(torch.NotImplementedError);
    expect(() => new Multinomial("3" as never, p)).toThrowError(/inhomogeneous total_count is not supported/);
  });
});

describe("parameters, options and sample shapes", () => {
  it("a parameter that is not a number or a tensor names itself (PyTorch's ValueError)", () => {
    expect(() => new Normal("a" as never, 1)).toThrowError(torch.ValueError);
    expect(() => new Normal(0, undefined as never)).toThrowError(/Normal\(\): argument 'scale' \(position 2\) must be a number or a Tensor, not undefined/);
    expect(() => new Uniform(0, null as never)).toThrowError(/argument 'high'/);
    expect(new Normal(true as never, 1).loc.item()).toBe(1); // a bool is a Python number
  });
  it("unknown option keys are rejected with a suggestion", () => {
    expect(() => new Normal(0, 1, { validate_args: false } as never)).toThrowError(/Normal\(\): unknown option 'validate_args' \(did you mean 'validateArgs'\?\)/);
    expect(() => new Bernoulli({ prob: 0.3 } as never)).toThrowError(/unknown option 'prob' \(did you mean 'probs'\?\)/);
    expect(() => new Normal(0, 1, { validateArgs: "yes" } as never)).toThrowError(/argument 'validateArgs' must be a boolean, not string/);
    expect(() => new Normal(0, 1).sample([2], { generater: null } as never)).toThrowError(/Normal.sample\(\): unknown option 'generater' \(did you mean 'generator'\?\)/);
    expect(() => new Normal(0, 1).sample([2], { generator: 3 } as never)).toThrowError(/argument 'generator' must be torch.Generator, not number/);
    expect(() => marginalize(torch.tensor([[0.5, 0.5]]), 0, { keepDim: true } as never)).toThrowError(/did you mean 'keepdim'/);
    expect(isIndependent(torch.tensor([[0.25, 0.25], [0.25, 0.25]]), { tolerance: 1e-9 })).toBe(true);
    for (const [fn, keys] of Object.entries(OPTION_KEYS)) expect(new Set(keys).size, fn).toBe(keys.length);
  });
  it("sample shapes are lists of non-negative integers, as torch.Size takes them", () => {
    expect(() => new Normal(0, 1).sample([2.5])).toThrowError(torch.TypeError);
    expect(() => new Normal(0, 1).sample([2.5])).toThrowError(/torch.Size\(\) takes an iterable of 'int' \(item 0 is 'float'\)/);
    expect(() => new Normal(0, 1).sample("a" as never)).toThrowError(/argument 'sampleShape'/);
    expect(() => new Normal(0, 1).sample([-1])).toThrowError(torch.RuntimeError);
    expect(new Normal(0, 1).sample([0]).shape).toEqual([0]);
  });
  it("values and tables must be tensors", () => {
    expect(() => new Normal(0, 1).logProb("a" as never)).toThrowError(/Normal.logProb\(\): The value argument must be a Tensor or a number, not string/);
    expect(() => new Categorical(torch.tensor([0.5, 0.5])).logProb(undefined as never)).toThrowError(torch.ValueError);
    expect(() => expectation(torch.arange(2), [0.5, 0.5] as never)).toThrowError(/expectation\(\): argument 'probs' \(position 2\) must be Tensor, not Array/);
    expect(() => empiricalMean(undefined as never)).toThrowError(/empiricalMean\(\): argument 'samples'/);
    expect(() => new Binomial(-1, 0.5)).toThrowError(/IntegerGreaterThan\(lower_bound=0\)/);
  });
});
