/** autograd's own error class sits in the one hierarchy: GradcheckError is a RuntimeError, so a TorchError. */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("autograd's errors", () => {
  it("GradcheckError: its name, a RuntimeError and a TorchError, and what a wrong gradient raises", () => {
    const e = new torch.GradcheckError("boom");
    expect(e.name).toBe("GradcheckError");
    expect(e).toBeInstanceOf(torch.RuntimeError);
    expect(e).toBeInstanceOf(torch.TorchError);
    const x = torch.tensor([0.3, -1.2], { dtype: torch.float64, requiresGrad: true });
    // a hook doubles the gradient, so autograd disagrees with finite differences
    const wrong = (t: torch.Tensor) => {
      const y = t.mul(1);
      if (y.requiresGrad) y.registerHook((g) => g.mul(2));
      return y.sum();
    };
    expect(() => torch.gradcheck(wrong, [x])).toThrow(torch.GradcheckError);
  });

  it("autograd's misuse errors are torchts RuntimeErrors", () => {
    let err: unknown;
    try {
      torch.tensor([1.5]).backward();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(torch.RuntimeError);
    expect(err).toBeInstanceOf(torch.TorchError);
  });
});
