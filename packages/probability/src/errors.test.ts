/** probability's errors are torchts errors: NotImplementedError is tensor's class, and validation raises TorchErrors. */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Categorical, Gamma, Normal, NotImplementedError, klDivergence } from "./index";

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("the call must throw");
}

describe("probability's errors", () => {
  it("NotImplementedError is the one class of @torchts/tensor, named as Python's, a TorchError", () => {
    expect(NotImplementedError).toBe(torch.NotImplementedError);
    const e = thrown(() => new Gamma(2, 1).rsample());
    expect(e).toBeInstanceOf(NotImplementedError);
    expect(e).toBeInstanceOf(torch.TorchError);
    expect((e as Error).name).toBe("NotImplementedError");
    const kl = thrown(() => klDivergence(new Normal(0, 1), new Categorical(torch.tensor([0.5, 0.5]))));
    expect(kl).toBeInstanceOf(NotImplementedError);
  });

  it("argument validation raises torchts ValueErrors", () => {
    const e = thrown(() => new Normal(0, -1, { validateArgs: true }));
    expect(e).toBeInstanceOf(torch.ValueError);
    expect(e).toBeInstanceOf(torch.TorchError);
  });
});
