/**
 * In-place ops on tensors with history, writes into views, and the version
 * counter — the values, names and errors PyTorch 1.13.1 gives.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (v: number[]) => torch.tensor(v, { ...f64, requiresGrad: true });

describe("in-place ops on tensors with history", () => {
  it("use the old value of the target for the other operand's gradient (mul_)", () => {
    const x = leaf([1, 2, 3]);
    const y = leaf([4, 5, 6]);
    const z = x.mul(1);
    z.mul_(y);
    expect(z.gradFn!.name).toBe("MulBackward0");
    z.sum().backward();
    expect(x.grad!.tolist()).toEqual([4, 5, 6]);
    expect(y.grad!.tolist()).toEqual([1, 2, 3]);
  });

  it("div_ and clamp_ likewise", () => {
    const x = leaf([1, 2, 3]);
    const y = leaf([2, 4, 8]);
    const z = x.mul(2);
    z.div_(y);
    z.sum().backward();
    expect(x.grad!.tolist()).toEqual([1, 0.5, 0.25]);
    expect(y.grad!.tolist()).toEqual([-2 / 4, -4 / 16, -6 / 64]);
    const c = x.mul(1).clamp_(1.5, 2.5);
    expect(c.gradFn!.name).toBe("ClampBackward1");
  });

  it("zero_ and fill_ keep the history, giving zero gradient to what was overwritten", () => {
    const x = leaf([1, 2, 3]);
    const z = x.mul(1);
    z.zero_();
    expect(z.requiresGrad).toBe(true);
    z.sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
    const w = x.mul(1);
    w.fill_(7);
    expect(String(w.gradFn)).toBe("<FillBackward2>");
    expect(x.mul(1).normal_().gradFn!.name).toBe("NormalBackward0");
    expect(x.mul(1).uniform_().gradFn!.name).toBe("UniformBackward0");
    const c = x.mul(1).copy_(torch.ones(3, f64));
    expect(c.gradFn!.name).toBe("CopyBackwards");
    x.grad = null;
    c.sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
  });

  it("copy_ from a tensor that requires grad gives the target a CopyBackwards node (also from a leaf)", () => {
    const a = leaf([1, 2]);
    const z = torch.zeros([2], f64);
    z.copy_(a);
    expect(z.requiresGrad).toBe(true);
    expect(z.isLeaf).toBe(false);
    expect(z.gradFn!.name).toBe("CopyBackwards");
    z.mul(torch.tensor([3, 4], f64)).sum().backward();
    expect(a.grad!.tolist()).toEqual([3, 4]);
    expect(z.grad).toBeNull();
  });

  it("set on a tensor with history is CopySlices: the overwritten elements get no gradient, the value gets it", () => {
    const x = leaf([1, 2, 3, 4]);
    const v = torch.tensor(10, { ...f64, requiresGrad: true });
    const y = x.mul(2);
    y.set("1:3", v.mul(3));
    expect(y.gradFn!.name).toBe("CopySlices");
    expect(y.tolist()).toEqual([2, 30, 30, 8]);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 0, 0, 2]);
    expect(v.grad!.item()).toBe(6);
  });
});

describe("writes into views of a tensor with history", () => {
  it("change the base's gradient (CopySlices) and the view's (AsStridedBackward0)", () => {
    const a = leaf([1, 1]);
    const b = a.mul(1);
    const v = b.get(0);
    v.mul_(3);
    expect(b.gradFn!.name).toBe("CopySlices");
    expect(v.gradFn!.name).toBe("AsStridedBackward0");
    b.sum().backward();
    expect(a.grad!.tolist()).toEqual([3, 1]);
  });

  it("regenerate other views of the same base on their next use", () => {
    const a = leaf([1, 1]);
    const b = a.mul(1);
    const v1 = b.get(0);
    const v2 = b.get(0);
    v1.mul_(3);
    expect(v2.gradFn!.name).toBe("AsStridedBackward0");
    v2.mul(1).backward();
    expect(a.grad!.tolist()).toEqual([3, 0]);
  });

  it("see in-place ops on the base itself", () => {
    const a = leaf([1, 2]);
    const b = a.mul(1);
    const v = b.get(1);
    b.mul_(5);
    v.backward();
    expect(a.grad!.tolist()).toEqual([0, 5]);
  });

  it("work through views of views and non-contiguous views, with a value that requires grad", () => {
    const a = torch.arange(12, { ...f64, requiresGrad: true });
    const w = leaf([1, 2, 3]);
    const b = a.mul(1).reshape(3, 4);
    b.t().get(1).copy_(w); // column 1 of b
    expect(b.get(":", 1).tolist()).toEqual([1, 2, 3]);
    b.mul(b).sum().backward();
    const expectA = a.detach().mul(2);
    for (const i of [1, 5, 9]) expectA.set(i, 0);
    expect(a.grad!.tolist()).toEqual(expectA.tolist());
    expect(w.grad!.tolist()).toEqual([2, 4, 6]);
  });

  it("set on a view writes into the base's history", () => {
    const a = leaf([1, 2, 3, 4]);
    const w = torch.tensor(5, { ...f64, requiresGrad: true });
    const b = a.mul(1).reshape(2, 2);
    b.get(1).set(0, w.mul(2));
    expect(b.tolist()).toEqual([[1, 2], [10, 4]]);
    b.mul(torch.tensor([[1, 2], [3, 4]], f64)).sum().backward();
    expect(a.grad!.tolist()).toEqual([1, 2, 0, 4]);
    expect(w.grad!.item()).toBe(6);
  });

  it("zero_ through a view zeroes the gradient there", () => {
    const a = leaf([1, 2, 3, 4]);
    const b = a.mul(2);
    b.get("::2").zero_();
    b.sum().backward();
    expect(a.grad!.tolist()).toEqual([0, 2, 0, 2]);
  });
});

describe("the version counter", () => {
  it("detects a saved output modified in place (exp saves its result)", () => {
    const a = leaf([1, 2, 3]);
    const y = a.exp();
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(
      /one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.DoubleTensor \[3\]\], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead/,
    );
  });

  it("detects a saved input modified through a view or a detached alias", () => {
    const a = leaf([1, 2]);
    const s = a.sin();
    a.detach().zero_();
    expect(() => s.sum().backward()).toThrow(/modified by an inplace operation/);
    const b = leaf([1, 2]).mul(1);
    const y = b.mul(b);
    b.get(0).add_(1);
    // PyTorch names the saved tensor by its grad_fn now (its C++ name there: torch::autograd::CopySlices)
    expect(() => y.sum().backward()).toThrow(/\[torch\.DoubleTensor \[2\]\], which is output 0 of CopySlices, is at version 1; expected version 0/);
  });

  it("counts every write, and writes under noGrad too", () => {
    const a = leaf([1, 2]);
    const y = a.exp();
    torch.noGrad(() => y.mul_(2));
    expect(() => y.sum().backward()).toThrow(/is at version 1; expected version 0/);
    const z = a.exp();
    z.set(0, 1).set(1, 2);
    expect(() => z.sum().backward()).toThrow(/is at version 2; expected version 0/);
  });

  it("does not fire for ops that only keep shapes (sum, reshape, add)", () => {
    const a = leaf([1, 2]);
    const b = a.mul(1);
    const s = b.reshape(2, 1).add(1).sum();
    b.add_(1);
    s.backward();
    expect(a.grad!.tolist()).toEqual([1, 1]);
  });
});
