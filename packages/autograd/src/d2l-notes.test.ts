/**
 * Section 1.5 (自动微分) of the d2l notes, example by example, with the values
 * and printed text PyTorch 1.13.1 gives.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./index";

const f32 = { dtype: torch.float32 };

describe("d2l notes 1.5: automatic differentiation", () => {
  it("examples 1-3: y = 2xᵀx, then sum(x), then sum(x ⊙ x), zeroing the accumulated gradient in between", () => {
    // x = torch.arange(4.0, requires_grad=True)
    const x = torch.arange(4, { ...f32, requiresGrad: true });
    expect(String(x)).toBe("tensor([0., 1., 2., 3.], requires_grad=True)");
    expect(x.grad).toBeNull();

    const y = torch.dot(x, x).mul(2);
    expect(String(y)).toBe("tensor(28., grad_fn=<MulBackward0>)");
    y.backward();
    expect(String(x.grad)).toBe("tensor([ 0.,  4.,  8., 12.])");
    expect(x.grad!.equal(x.mul(4))).toBe(true);

    x.grad!.zero_();
    const s = x.sum();
    expect(String(s)).toBe("tensor(6., grad_fn=<SumBackward0>)");
    s.backward();
    expect(String(x.grad)).toBe("tensor([1., 1., 1., 1.])");

    x.grad!.zero_();
    const sq = x.mul(x);
    sq.sum().backward(); // same as sq.backward(torch.ones(len(x)))
    expect(String(x.grad)).toBe("tensor([0., 2., 4., 6.])");
  });

  it("example 3: y.sum().backward() equals y.backward(ones(len(x)))", () => {
    const x = torch.arange(4, { ...f32, requiresGrad: true });
    x.mul(x).backward(torch.ones(x.length));
    const viaOnes = x.grad!.clone();
    x.grad = null;
    x.mul(x).sum().backward();
    expect(x.grad!.equal(viaOnes)).toBe(true);
    expect(viaOnes.tolist()).toEqual([0, 2, 4, 6]);
  });

  it("a non-scalar output needs a gradient argument", () => {
    const x = torch.arange(4, { ...f32, requiresGrad: true });
    expect(() => x.mul(x).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
  });

  it("example 4: gradients through Python control flow (while and if), a.grad == d / a", () => {
    // def f(a): b = a * 2; while b.norm() < 1000: b *= 2; c = b if b.sum() > 0 else 100 * b; return c
    function f(a: Tensor): Tensor {
      let b = a.mul(2);
      while (Number(b.norm().item()) < 1000) b = b.mul(2);
      return Number(b.sum().item()) > 0 ? b : b.mul(100);
    }
    // several draws, so both branches of the `if` run
    torch.manualSeed(0);
    const branches = new Set<boolean>();
    for (let k = 0; k < 12; k++) {
      const a = torch.randn([], { requiresGrad: true });
      const d = f(a);
      d.backward();
      branches.add(Number(a.item()) > 0);
      // d = a·2ᵏ (·100), so a.grad is exactly that power of two (times 100); d / a rounds twice
      // in float32 and can miss it by an ulp, in PyTorch too (a = -1.3157439 gives 102399.99)
      const g = Number(a.grad!.item()) / (Number(a.item()) > 0 ? 1 : 100);
      expect(Number.isInteger(Math.log2(g))).toBe(true);
      expect(a.grad!.allclose(d.div(a))).toBe(true);
    }
    expect(branches.size).toBe(2);
  });

  it("example 4 with the in-place `b *= 2` of the notes", () => {
    function f(a: Tensor): Tensor {
      const b = a.mul(2);
      while (Number(b.norm().item()) < 1000) b.mul_(2);
      return Number(b.sum().item()) > 0 ? b : b.mul(100);
    }
    const a = torch.tensor(-0.37, { requiresGrad: true });
    const d = f(a);
    d.backward();
    expect(String(a.grad!.eq(d.div(a)))).toBe("tensor(True)");
    expect(a.grad!.item()).toBe(2 * 2 ** 11 * 100);
  });

  it("chain-rule example 1: z = (⟨x, w⟩ − y)² gives ∂z/∂w = 2(⟨x, w⟩ − y)x", () => {
    const x = torch.tensor([1, -2, 0.5], f32);
    const w = torch.tensor([0.3, 0.1, -1], { ...f32, requiresGrad: true });
    const y = 2;
    const z = torch.dot(x, w).sub(y).pow(2);
    z.backward();
    const expected = x.mul(torch.dot(x, w).detach().sub(y).mul(2));
    expect(w.grad!.allclose(expected)).toBe(true);
  });

  it("chain-rule example 2: z = ‖Xw − y‖² gives ∂z/∂w = 2(Xw − y)ᵀX", () => {
    torch.manualSeed(3);
    const X = torch.randn([5, 3], { dtype: torch.float64 });
    const yv = torch.randn([5], { dtype: torch.float64 });
    const w = torch.randn([3], { dtype: torch.float64, requiresGrad: true });
    X.mv(w).sub(yv).norm().pow(2).backward();
    const expected = X.mv(w).detach().sub(yv).mul(2).matmul(X);
    expect(w.grad!.allclose(expected, { rtol: 1e-12, atol: 1e-12 })).toBe(true);
  });
});
