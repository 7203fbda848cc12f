import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("x.data (PyTorch's .data)", () => {
  it("shares memory, requires no grad, has no history and is not a view", () => {
    const w = torch.ones(2, 3, { requiresGrad: true });
    const d = w.data;
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    expect(d._base).toBeNull();
    d.set([0, 0], 5);
    expect(Number(w.get(0, 0))).toBe(5);
    expect(w.isLeaf).toBe(true);
  });

  it("has its own version counter: a write after forward raises nothing, backward reads the new value", () => {
    const w = torch.tensor([2, 3], { dtype: torch.float64, requiresGrad: true });
    const x = torch.tensor([1, 1], { dtype: torch.float64, requiresGrad: true });
    const y = w.mul(x).sum(); // saves w for x's gradient
    w.data.mul_(10);
    y.backward();
    expect(x.grad!.tolist()).toEqual([20, 30]);
    // through the tensor itself, the same write is an error
    const z = w.mul(x).sum();
    torch.noGrad(() => w.mul_(2));
    expect(() => z.backward()).toThrow("modified by an inplace operation");
  });

  it("in-place writes through .data record nothing even in grad mode (a leaf that requires grad)", () => {
    const w = torch.zeros(3, { requiresGrad: true });
    w.data.add_(1);
    w.data.get("1:").fill_(7);
    w.data.mul_(w.data.ge(5));
    expect(w.tolist()).toEqual([0, 7, 7]);
    expect(w.gradFn).toBeNull();
  });

  it("overlap between x.data and x is seen by the direct in-place path", () => {
    const x = torch.arange(6, { dtype: torch.float32 });
    x.data.get("1:").add_(x.get(":-1"));
    expect(x.tolist()).toEqual([0, 1, 3, 5, 7, 9]);
  });

  it("assigning rebinds memory, shape and dtype and keeps the object, its grad flag and identity", () => {
    const p = torch.zeros(2, { requiresGrad: true });
    const src = torch.arange(6, { dtype: torch.float64 }).reshape(2, 3);
    p.data = src;
    expect(p.shape).toEqual([2, 3]);
    expect(p.dtype).toBe(torch.float64);
    expect(p.requiresGrad).toBe(true);
    src.set([0, 0], 9);
    expect(Number(p.get(0, 0))).toBe(9);
    expect(() => {
      p.data = 3 as never;
    }).toThrow(torch.RuntimeError);
  });
});
