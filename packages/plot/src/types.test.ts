/** The misuses TypeScript's types catch (an unused @ts-expect-error fails typecheck), and their run-time errors. */
import { TorchError } from "@torchts/tensor/errors";
import { describe, expect, it } from "vitest";
import { plotSpec, scatterSpec } from "./index";

describe("types reject what the boundary rejects", () => {
  it("misspelt keys, wrong kinds", () => {
    // @ts-expect-error xlabel is all lower case, as in d2l and matplotlib
    expect(() => plotSpec([1, 2], [1, 2], { xLabel: "x" })).toThrow(TorchError);
    // @ts-expect-error figsize is a pair
    expect(() => plotSpec([1, 2], [1, 2], { figsize: 3 })).toThrow(TorchError);
    // @ts-expect-error xscale is "linear" or "log"
    expect(() => plotSpec([1, 2], [1, 2], { xscale: "logit" })).toThrow(TorchError);
    // @ts-expect-error color, not colour
    expect(() => scatterSpec([1, 2], [1, 2], { colour: "r" })).toThrow(TorchError);
  });
});
