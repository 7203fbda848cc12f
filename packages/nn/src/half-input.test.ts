/** float16/bfloat16 inputs to nn's losses and dropout raise instead of reading 16-bit words as numbers. */
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import * as F from "./functional-index";

describe("nn with float16/bfloat16 inputs", () => {
  const h = torch.tensor([[0.5, -1, 2], [1, 0.25, -0.5]], { dtype: torch.float16 });
  const y = torch.tensor([0, 2]);
  it("nllLoss, crossEntropy, mseLoss, dropout and linear raise naming the op and the dtype", () => {
    expect(() => F.nllLoss(h, y)).toThrow(/"nll_loss" not implemented for 'Half'/);
    expect(() => F.nllLoss(h.to(torch.bfloat16), y)).toThrow(/'BFloat16'/);
    expect(() => F.crossEntropy(h, y)).toThrow(/not implemented for 'Half'/);
    expect(() => F.mseLoss(h, h)).toThrow(/not implemented for 'Half'/);
    expect(() => F.dropout(h, 0.5)).toThrow(/not implemented for 'Half'/);
    expect(() => F.linear(h, torch.ones([2, 3], { dtype: torch.float16 }))).toThrow(/not implemented for 'Half'/);
    expect(F.dropout(h, 0.5, false)).toBe(h);
  });
});
