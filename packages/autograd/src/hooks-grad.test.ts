/**
 * retainGrad, registerHook, the functional grad() (which leaves .grad alone)
 * and higher-order derivatives with createGraph.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (v: number[]) => torch.tensor(v, { ...f64, requiresGrad: true });

describe("retainGrad", () => {
  it("keeps .grad of a non-leaf; is a no-op on leaves; needs requiresGrad", () => {
    const x = leaf([1, 2]);
    const y = x.mul(2);
    y.retainGrad();
    expect(y.retainsGrad).toBe(true);
    y.mul(y).sum().backward();
    expect(y.grad!.tolist()).toEqual([4, 8]);
    expect(x.grad!.tolist()).toEqual([8, 16]);
    x.retainGrad();
    expect(x.retainsGrad).toBe(false);
    expect(() => torch.ones(2).retainGrad()).toThrow(/can't retain_grad on Tensor that has requires_grad=False/);
  });

  it("sees the gradient as changed by the hooks registered before it, not after (PyTorch's order)", () => {
    const a = leaf([1, 1]);
    const y1 = a.mul(2);
    y1.retainGrad();
    y1.registerHook((g) => g.mul(10));
    y1.mul(1).sum().backward();
    expect(y1.grad!.tolist()).toEqual([1, 1]);
    expect(a.grad!.tolist()).toEqual([20, 20]);
    const y2 = a.mul(2);
    y2.registerHook((g) => g.mul(10));
    y2.retainGrad();
    y2.mul(1).sum().backward();
    expect(y2.grad!.tolist()).toEqual([10, 10]);
  });
});

describe("registerHook", () => {
  it("sees the gradient, may replace it, and can be removed", () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(2);
    const seen: number[][] = [];
    y.registerHook((g) => void seen.push(g.tolist() as number[]));
    const h = y.registerHook((g) => g.mul(10));
    y.sum().backward();
    expect(seen).toEqual([[1, 1, 1]]);
    expect(x.grad!.tolist()).toEqual([20, 20, 20]);
    h.remove();
    x.grad = null;
    x.mul(2).sum().backward();
    y.sum().backward;
    expect(x.grad!.tolist()).toEqual([2, 2, 2]);
  });

  it("on a leaf, changes what is accumulated into .grad", () => {
    const x = leaf([1, 2]);
    const h = x.registerHook((g) => g.mul(10));
    x.mul(2).sum().backward();
    h.remove();
    expect(x.grad!.tolist()).toEqual([20, 20]);
  });

  it("refuses a tensor that does not require grad", () => {
    expect(() => torch.ones(2).registerHook((g) => g)).toThrow(/cannot register a hook on a tensor that doesn't require gradient/);
  });
});

describe("grad(outputs, inputs)", () => {
  it("returns the gradients without touching .grad", () => {
    const x = leaf([1, 2, 3]);
    const w = leaf([0.5]);
    const [gx, gw] = torch.grad(x.mul(w).pow(2).sum(), [x, w]);
    expect(gx!.tolist()).toEqual([0.5, 1, 1.5]); // 2·x·w²
    expect(gw!.tolist()).toEqual([14]); // 2·w·Σx²
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
  });

  it("takes gradOutputs for non-scalar outputs, and checks their shape", () => {
    const x = leaf([1, 2, 3]);
    const [g] = torch.grad(x.mul(x), x, { gradOutputs: torch.tensor([1, 0, 2], f64) });
    expect(g!.tolist()).toEqual([2, 0, 12]);
    expect(() => torch.grad(x.mul(x), x)).toThrow(/grad can be implicitly created only for scalar outputs/);
    expect(() => torch.grad(x.mul(x), x, { gradOutputs: torch.ones(2, f64) })).toThrow(/Mismatch in shape/);
  });

  it("with several outputs sums their contributions", () => {
    const x = leaf([1, 2]);
    const [g] = torch.grad([x.sum(), x.mul(x).sum()], x);
    expect(g!.tolist()).toEqual([3, 5]);
  });

  it("differentiates with respect to an intermediate tensor", () => {
    const x = leaf([1, 2]);
    const y = x.mul(3);
    const [gy] = torch.grad(y.exp().sum(), y);
    expect(gy!.allclose(y.detach().exp())).toBe(true);
  });

  it("raises for unused inputs unless allowUnused, and for inputs that do not require grad", () => {
    const x = leaf([1, 2]);
    const y = leaf([3]);
    expect(() => torch.grad(x.mul(2).sum(), [y])).toThrow(/One of the differentiated Tensors appears to not have been used in the graph. Set allowUnused: true/);
    expect(torch.grad(x.mul(2).sum(), [x, y], { allowUnused: true })[1]).toBeNull();
    expect(() => torch.grad(x.mul(2).sum(), [torch.ones(1)])).toThrow(/One of the differentiated Tensors does not require grad/);
  });

  it("frees the graph unless retainGraph", () => {
    const x = leaf([1, 2]);
    const z = x.exp().sum();
    torch.grad(z, x, { retainGraph: true });
    torch.grad(z, x);
    expect(() => torch.grad(z, x)).toThrow(/backward through the graph a second time/);
  });

  it("fills .grad of tensors that called retainGrad, as PyTorch 1.13 does", () => {
    const a = torch.ones(2, { ...f64, requiresGrad: true });
    const y = a.mul(2);
    y.retainGrad();
    const [g] = torch.grad(y.mul(y).sum(), a);
    expect(g!.tolist()).toEqual([8, 8]);
    expect(y.grad!.tolist()).toEqual([4, 4]);
    expect(a.grad).toBeNull();
  });
});

describe("higher-order derivatives (createGraph)", () => {
  it("x³: 3x², then 6x, then 6, printed as PyTorch", () => {
    const x = torch.tensor(2, { ...f64, requiresGrad: true });
    const [g1] = torch.grad(x.pow(3), x, { createGraph: true });
    expect(String(g1)).toBe("tensor(12., dtype=torch.float64, grad_fn=<MulBackward0>)");
    const [g2] = torch.grad(g1!, x, { createGraph: true });
    expect(String(g2)).toBe("tensor(12., dtype=torch.float64, grad_fn=<MulBackward0>)");
    const [g3] = torch.grad(g2!, x);
    expect(g3!.item()).toBe(6);
  });

  it("the second derivative of x³ is 6x elementwise, through backward(createGraph) and .grad", () => {
    const x = leaf([1, 2, 3]);
    x.pow(3).sum().backward(null, { createGraph: true });
    expect(x.grad!.tolist()).toEqual([3, 12, 27]);
    expect(x.grad!.gradFn!.name).toBe("CopyBackwards");
    const first = x.grad!;
    x.grad = null;
    first.sum().backward();
    expect(x.grad!.tolist()).toEqual([6, 12, 18]);
  });

  it("a Hessian-vector product: ∇(∇f·v) for f = Σ sin(x)·x", () => {
    const x = leaf([0.3, -1.1, 2]);
    const v = torch.tensor([1, -2, 0.5], f64);
    const [g] = torch.grad(x.sin().mul(x).sum(), x, { createGraph: true });
    const [hv] = torch.grad(g!.mul(v).sum(), x);
    // f'' = 2cos(x) − x·sin(x), diagonal Hessian
    const xd = x.detach();
    const expected = xd.cos().mul(2).sub(xd.mul(xd.sin())).mul(v);
    expect(hv!.allclose(expected, { rtol: 1e-12, atol: 1e-12 })).toBe(true);
  });

  it("passes a second-order gradcheck for a set of rules (gradient of the gradient vs finite differences)", () => {
    const x = () => torch.tensor([[0.7, -1.3, 0.4], [1.9, -0.6, 1.1]], { ...f64, requiresGrad: true });
    const fns: [string, (t: torch.Tensor) => torch.Tensor][] = [
      ["exp·sin", (t) => t.exp().mul(t.sin())],
      ["tanh, sigmoid", (t) => t.tanh().add(t.sigmoid())],
      ["pow", (t) => t.pow(3).add(t.abs().pow(t))],
      ["softmax", (t) => t.softmax(1)],
      ["logsumexp", (t) => t.logsumexp(0)],
      ["norm", (t) => t.norm({ dim: 1 })],
      ["prod", (t) => t.prod(1)],
      ["cumprod", (t) => t.cumprod(1)],
      ["var", (t) => t.var(0)],
      ["matmul", (t) => t.matmul(t.t())],
      ["inv", (t) => torch.linalg.inv(t.matmul(t.t()).add(torch.eye(2, f64)))],
      ["gather+index", (t) => t.get(":", torch.tensor([2, 0, 2], { dtype: torch.int64 })).mul(t.max(1, { keepdim: true }).values)],
    ];
    for (const [name, f] of fns) {
      // gradcheck evaluates g under noGrad for finite differences: g records its own graph regardless
      const g = (t: torch.Tensor) =>
        torch.enableGrad(() => {
          const out = f(t);
          const up = torch.linspace(0.5, 1.5, out.numel(), f64).reshape(out.shape);
          return torch.grad(out, t, { gradOutputs: up, createGraph: true })[0]!;
        });
      expect(torch.gradcheck(g, [x()]), name).toBe(true);
    }
  });
});
