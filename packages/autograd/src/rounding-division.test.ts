/**
 * remainder, floorDivide, div with a rounding mode and the reflected ops (a JS number
 * on the left, Python's `2 - x`, `2 / x`, `2 % x`): grad_fn names, gradients and
 * the errors of PyTorch 1.13.1, where floor_divide and `number % tensor` have no
 * derivative (their node is NotImplemented and backward raises).
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (v: number[]) => torch.tensor(v, { ...f64, requiresGrad: true });

describe("remainder", () => {
  it("d/da = 1, d/db = −floor(a/b), with the divisor's sign", () => {
    const a = leaf([5, -5, 5, -5]);
    const b = leaf([3, 3, -3, -3]);
    const r = a.remainder(b);
    expect(r.tolist()).toEqual([2, 1, -1, -2]);
    expect(r.gradFn!.name).toBe("RemainderBackward1");
    r.sum().backward();
    expect(a.grad!.tolist()).toEqual([1, 1, 1, 1]);
    expect(b.grad!.tolist()).toEqual([-1, 2, 2, -1]);
  });

  it("names the number-divisor overload RemainderBackward0, a 0-d tensor divisor RemainderBackward1", () => {
    const a = leaf([1.5, -2.5]);
    expect(a.remainder(0.7).gradFn!.name).toBe("RemainderBackward0");
    expect(torch.remainder(a, 0.7).gradFn!.name).toBe("RemainderBackward0");
    expect(a.remainder(torch.tensor(0.7, f64)).gradFn!.name).toBe("RemainderBackward1");
  });

  it("a number dividend (Python's 2 % x) records NotImplemented, whose backward raises", () => {
    const x = leaf([0.75, -1.5]);
    const r = torch.remainder(2, x);
    expect(r.tolist()).toEqual([0.5, -1]);
    expect(r.requiresGrad).toBe(true);
    expect(r.gradFn!.name).toBe("NotImplemented");
    expect(() => r.sum().backward()).toThrow(/^derivative for aten::remainder is not implemented$/);
  });
});

describe("floorDivide and div with a rounding mode", () => {
  it("floorDivide propagates requiresGrad with a NotImplemented node, and its backward raises", () => {
    const a = leaf([7, -7]);
    const q = a.floorDivide(2);
    expect(q.tolist()).toEqual([3, -4]);
    expect(q.gradFn!.name).toBe("NotImplemented");
    expect(torch.floorDivide(a, leaf([2, 2])).gradFn!.name).toBe("NotImplemented");
    // even when the rest of the graph is differentiable, the engine reaches the node and raises
    expect(() => q.mul(0).add(a).sum().backward()).toThrow(/derivative for aten::floor_divide is not implemented/);
  });

  it("div with roundingMode floor or trunc is DivBackward2, with zero gradient to both operands", () => {
    for (const mode of ["floor", "trunc"] as const) {
      const a = leaf([7, -7, 2.5]);
      const b = leaf([2, 2, -1]);
      const q = a.div(b, { roundingMode: mode });
      expect(q.gradFn!.name).toBe("DivBackward2");
      expect(q.tolist()).toEqual(mode === "floor" ? [3, -4, -3] : [3, -3, -2]);
      q.sum().backward();
      expect(a.grad!.tolist()).toEqual([0, 0, 0]);
      expect(b.grad!.tolist()).toEqual([0, 0, 0]);
      const s = a.detach().div(b, { roundingMode: mode });
      expect(s.gradFn!.name).toBe("DivBackward2");
    }
  });

  it("integer operands are not recorded (they cannot require grad)", () => {
    const q = torch.tensor([7, -7]).div(2, { roundingMode: "floor" });
    expect(q.requiresGrad).toBe(false);
    expect(q.tolist()).toEqual([3, -4]);
  });
});

describe("a JS number on the left (Python's reflected operators)", () => {
  it("torch.sub(2, x) is rsub (RsubBackward1), alpha included", () => {
    const x = leaf([1, 2]);
    const r = torch.sub(2, x, { alpha: 3 });
    expect(r.tolist()).toEqual([-1, -4]);
    expect(r.gradFn!.name).toBe("RsubBackward1");
    r.sum().backward();
    expect(x.grad!.tolist()).toEqual([-3, -3]);
    expect(torch.sub(torch.tensor(2, f64), x).gradFn!.name).toBe("SubBackward0");
  });

  it("torch.div(2, x) is reciprocal(x) · 2 (MulBackward0)", () => {
    const x = leaf([0.5, -4]);
    const r = torch.div(2, x);
    expect(r.tolist()).toEqual([4, -0.5]);
    expect(r.gradFn!.name).toBe("MulBackward0");
    r.sum().backward();
    expect(x.grad!.tolist()).toEqual([-8, -0.125]);
  });
});
