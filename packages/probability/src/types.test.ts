/** The misuses TypeScript's types catch (an unused @ts-expect-error fails typecheck), and their run-time errors. */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Bernoulli, Multinomial, Normal, marginalize } from "./index";

describe("types reject what the boundary rejects", () => {
  it("misspelt keys, wrong kinds", () => {
    // @ts-expect-error validate_args is spelt validateArgs
    expect(() => new Normal(0, 1, { validate_args: false })).toThrow(torch.TorchError);
    // @ts-expect-error a parameter is a number or a tensor
    expect(() => new Normal("a", 1)).toThrow(torch.ValueError);
    // @ts-expect-error probs, not prob
    expect(() => new Bernoulli({ prob: 0.3 })).toThrow(torch.TorchError);
    // @ts-expect-error totalCount is one number
    expect(() => new Multinomial("3", torch.ones(2))).toThrow(torch.NotImplementedError);
    // @ts-expect-error a sample shape holds numbers
    expect(() => new Normal(0, 1).sample(["2"])).toThrow(torch.TypeError);
    // @ts-expect-error keepdim is all lower case
    expect(() => marginalize(torch.tensor([[0.5, 0.5]]), 0, { keepDim: true })).toThrow(torch.TypeError);
  });
});
