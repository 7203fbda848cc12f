import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { linreg, sgd, squaredLoss } from "./scratch";
import { loadArray, syntheticData } from "./data";
import { golden } from "./golden.testing";

describe("linreg, squaredLoss", () => {
  it("compute Xw + b and (yHat - y)² / 2 elementwise, by hand", () => {
    const X = torch.tensor([[1, 2], [3, 4]]).float();
    const w = torch.tensor([[0.5], [-1]]);
    const yHat = linreg(X, w, torch.tensor([1]));
    expect(yHat.tolist()).toEqual([[-0.5], [-1.5]]);
    expect(linreg(X, w, 2).tolist()).toEqual([[0.5], [-0.5]]);
    // y is reshaped to yHat's shape: a [2] label vector against [2, 1] predictions
    expect(squaredLoss(yHat, torch.tensor([0.5, -2.5])).tolist()).toEqual([[0.5], [0.5]]);
  });

  it("give autograd's gradient: d/dw sum((Xw + b - y)² / 2) = Xᵀ(Xw + b - y)", () => {
    torch.manualSeed(3);
    const X = torch.randn(5, 3);
    const y = torch.randn(5, 1);
    const w = torch.randn(3, 1, { requiresGrad: true });
    const b = torch.zeros(1, { requiresGrad: true });
    squaredLoss(linreg(X, w, b), y).sum().backward();
    const r = torch.matmul(X, w.detach()).sub(y);
    expect(torch.allclose(w.grad!, torch.matmul(X.T, r), { atol: 1e-5 })).toBe(true);
    expect(Number(b.grad!.item())).toBeCloseTo(Number(r.sum().item()), 5);
  });

  it("check their arguments", () => {
    expect(() => linreg([[1]] as never, torch.ones(1, 1), 0)).toThrow(/linreg\(\): argument 'X' \(position 0\) must be Tensor, not Array/);
    expect(() => linreg(torch.ones(1, 1), torch.ones(1, 1), "0" as never)).toThrow(/argument 'b' \(position 2\)/);
    expect(() => squaredLoss(torch.ones(2), 1 as never)).toThrow(/squaredLoss\(\): argument 'y' \(position 1\) must be Tensor, not number/);
    expect(() => squaredLoss(torch.ones(2), torch.ones(3))).toThrow(torch.RuntimeError); // reshape [3] -> [2]
  });
});

describe("sgd", () => {
  it("steps p -= lr * grad / batchSize under noGrad and zeroes the gradient", () => {
    const w = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    w.mul(torch.tensor([3, -4])).sum().backward();
    sgd([w], 0.5, 2);
    expect(w.tolist()).toEqual([1 - 0.5 * 3 / 2, 2 + 0.5 * 4 / 2]);
    expect(w.grad!.tolist()).toEqual([0, 0]);
    expect(w.requiresGrad).toBe(true);
    expect(w.gradFn).toBeNull(); // the update was not recorded
  });

  it("trains linear regression from scratch as PyTorch does (d2l 3.2, seed 0)", () => {
    const g = golden.linreg_scratch;
    torch.manualSeed(g.seed);
    const [features, labels] = syntheticData(torch.tensor([2, -3.4]), 4.2, 1000);
    const w = torch.normal(0, 0.01, [2, 1]).requiresGrad_();
    const b = torch.zeros(1, { requiresGrad: true });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [X, y] of loadArray([features, labels], 10)) {
        squaredLoss(linreg(X, w, b), y).sum().backward();
        sgd([w, b], 0.03, 10);
      }
      losses.push(torch.noGrad(() => Number(squaredLoss(linreg(features, w, b), labels).mean().item())));
    }
    losses.forEach((l, i) => expect(l / g.losses[i]).toBeCloseTo(1, 3));
    (w.reshape(-1).tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(g.w[i], 5));
    expect(Number(b.item())).toBeCloseTo(g.b, 5);
  });

  it("checks its arguments", () => {
    const w = torch.ones(2, { requiresGrad: true });
    expect(() => sgd(w as never, 0.1, 1)).toThrow(/sgd\(\): argument 'params' \(position 0\) must be an array of Tensors, not Tensor|params\[0\]/);
    expect(() => sgd([w], "0.1" as never, 1)).toThrow(/argument 'lr' \(position 1\) must be a number, not string/);
    expect(() => sgd([w], 0.1, 0)).toThrow(/batch_size should be a positive integer/);
    expect(() => sgd([w], 0.1, 1)).toThrow(/params\[0\] has no gradient/);
    expect(() => sgd([3 as never], 0.1, 1)).toThrow(/params\[0\]/);
  });
});
