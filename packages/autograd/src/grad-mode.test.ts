/**
 * noGrad / enableGrad / isGradEnabled, detach, and the training-loop idiom of
 * updating leaves in place under noGrad.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };

describe("grad mode", () => {
  it("noGrad(fn) records nothing, returns fn's value and restores the mode", () => {
    const a = torch.ones(2, { requiresGrad: true });
    expect(torch.isGradEnabled()).toBe(true);
    const b = torch.noGrad(() => {
      expect(torch.isGradEnabled()).toBe(false);
      return a.mul(2);
    });
    expect(b.requiresGrad).toBe(false);
    expect(b.gradFn).toBeNull();
    expect(torch.isGradEnabled()).toBe(true);
  });

  it("restores the mode when fn throws", () => {
    expect(() =>
      torch.noGrad(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(torch.isGradEnabled()).toBe(true);
  });

  it("noGrad.enter() is a scope; exit() is idempotent; scopes nest", () => {
    const a = torch.ones(2, { requiresGrad: true });
    const outer = torch.noGrad.enter();
    expect(a.mul(2).requiresGrad).toBe(false);
    const inner = torch.enableGrad.enter();
    expect(torch.isGradEnabled()).toBe(true);
    expect(a.mul(2).requiresGrad).toBe(true);
    inner.exit();
    inner.exit();
    expect(torch.isGradEnabled()).toBe(false);
    outer.exit();
    expect(torch.isGradEnabled()).toBe(true);
  });

  it("enableGrad inside noGrad records again (torch.enable_grad)", () => {
    const a = torch.ones(2, { requiresGrad: true });
    const [b, c] = torch.noGrad(() => [torch.enableGrad(() => a.mul(2)), a.mul(2)]);
    expect(b.requiresGrad).toBe(true);
    expect(c.requiresGrad).toBe(false);
  });

  it("setGradEnabled returns the previous mode", () => {
    expect(torch.setGradEnabled(false)).toBe(true);
    expect(torch.isGradEnabled()).toBe(false);
    expect(torch.setGradEnabled(true)).toBe(false);
  });

  it("detach() shares memory but is cut from the graph", () => {
    const a = torch.tensor([1, 2], { ...f64, requiresGrad: true });
    const d = a.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    const y = a.mul(d).sum();
    y.backward();
    expect(a.grad!.tolist()).toEqual([1, 2]); // d is a constant: no second term
    torch.noGrad(() => d.mul_(10));
    expect(a.tolist()).toEqual([10, 20]);
  });
});

describe("in-place updates of leaves", () => {
  it("are allowed under noGrad (the SGD step) and keep the leaf a leaf that requires grad", () => {
    const w = torch.tensor([1, 2], { ...f64, requiresGrad: true });
    w.mul(w).sum().backward();
    torch.noGrad(() => {
      w.sub_(w.grad!.mul(0.1));
      w.grad!.zero_();
    });
    expect(w.tolist()).toEqual([0.8, 1.6]);
    expect(w.isLeaf).toBe(true);
    expect(w.requiresGrad).toBe(true);
    expect(w.grad!.tolist()).toEqual([0, 0]);
    torch.noGrad(() => w.set(0, 5));
    expect(w.tolist()).toEqual([5, 1.6]);
    w.mul(w).sum().backward();
    expect(w.grad!.tolist()).toEqual([10, 3.2]);
  });

  it("raise PyTorch's error with recording on, for the leaf and for its views", () => {
    const w = torch.tensor([1, 2], { ...f64, requiresGrad: true });
    expect(() => w.sub_(1)).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => w.zero_()).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => w.copy_(torch.ones(2, f64))).toThrow(/a leaf Variable that requires grad/);
    expect(() => w.set(0, 1)).toThrow(/a view of a leaf Variable that requires grad is being used in an in-place operation/);
    expect(() => w.get(0).mul_(2)).toThrow(/a view of a leaf Variable that requires grad is being used in an in-place operation/);
    expect(w.tolist()).toEqual([1, 2]);
  });
});
