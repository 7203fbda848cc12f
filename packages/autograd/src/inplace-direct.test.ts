/**
 * In-place updates with autograd installed: the optimizer's step (under noGrad, parameters
 * that require grad) and ops on tensors that require nothing write straight into the target
 * (no storage allocated); anything autograd must record keeps the recorded path.
 */
import { describe, expect, it } from "vitest";
import { allocationCount } from "@torchts/tensor/internal";
import * as torch from "./index";

const N = 1 << 20;

/** Storage arrays `fn` allocates, after one warm-up call (sub_'s alpha scratch is made once). */
function allocations(fn: () => unknown): number {
  fn();
  const a0 = allocationCount();
  fn();
  return allocationCount() - a0;
}

describe("in-place ops that record nothing allocate nothing (1M float32)", () => {
  it("an SGD-style step under noGrad on a parameter that requires grad", () => {
    torch.manualSeed(3);
    const p = torch.rand([N], { dtype: torch.float32, requiresGrad: true });
    const g = torch.rand([N]);
    const slice = torch.rand([N + 64], { dtype: torch.float32, requiresGrad: true });
    const view = torch.noGrad(() => slice.narrow(0, 32, N));
    for (const t of [p, view]) {
      const before = t.detach().clone();
      const v0 = t._storage.version;
      expect(allocations(() => torch.noGrad(() => t.add_(g)))).toBe(0);
      expect(allocations(() => torch.noGrad(() => t.mul_(2)))).toBe(0);
      expect(allocations(() => torch.noGrad(() => t.sub_(g, { alpha: 0.5 })))).toBe(0);
      expect(t._storage.version).toBe(v0 + 6);
      // the same bits as the out-of-place ops
      let want = before;
      for (let i = 0; i < 2; i++) want = want.add(g);
      for (let i = 0; i < 2; i++) want = want.mul(2);
      for (let i = 0; i < 2; i++) want = want.sub(g, { alpha: 0.5 });
      expect(torch.equal(t.detach(), want)).toBe(true);
      expect(t.gradFn).toBeNull();
    }
  });

  it("grad mode on, nothing requires grad", () => {
    const x = torch.rand([N]);
    const y = torch.rand([N]);
    const want = x.add(y).mul(2).sub(y, { alpha: 0.5 });
    const a0 = allocationCount();
    x.add_(y).mul_(2).sub_(y, { alpha: 0.5 });
    expect(allocationCount() - a0).toBe(0);
    expect(torch.equal(x, want)).toBe(true);
    expect(x.requiresGrad).toBe(false);
  });
});

describe("in-place ops that autograd records keep the recorded path", () => {
  it("an operand that requires grad", () => {
    const x = torch.ones([3]);
    const w = torch.tensor([1, 2, 3], { dtype: torch.float32, requiresGrad: true });
    x.mul_(w);
    expect(x.gradFn!.name).toBe("MulBackward0");
    x.sum().backward();
    expect(w.grad!.tolist()).toEqual([1, 1, 1]);
  });

  it("a leaf that requires grad, outside noGrad, still raises", () => {
    const p = torch.ones([3], { dtype: torch.float32, requiresGrad: true });
    expect(() => p.add_(1)).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
  });

  it("a view made in noGrad of a base that requires grad, written with grad on, still raises", () => {
    const p = torch.ones([4], { dtype: torch.float32, requiresGrad: true });
    const v = torch.noGrad(() => p.narrow(0, 0, 2));
    expect(() => v.mul_(2)).toThrow(/A view was created in no_grad mode and is being modified inplace with grad mode enabled/);
  });

  it("a write into a view of a base with history rewrites the base's history (CopySlices)", () => {
    const a = torch.tensor([1, 2, 3, 4], { dtype: torch.float32, requiresGrad: true });
    const b = a.mul(1);
    b.narrow(0, 1, 2).mul_(3);
    expect(b.gradFn!.name).toBe("CopySlices");
    b.sum().backward();
    expect(a.grad!.tolist()).toEqual([1, 3, 3, 1]);
  });

  it("a saved tensor overwritten under noGrad is detected at backward", () => {
    const a = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    const y = a.exp();
    torch.noGrad(() => y.mul_(2));
    expect(() => y.sum().backward()).toThrow(/is at version 1; expected version 0/);
  });
});
