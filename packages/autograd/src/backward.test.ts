/**
 * requiresGrad, propagation, .grad/.gradFn/.isLeaf, backward(gradient?),
 * accumulation, retainGraph and the release of saved tensors — with PyTorch's
 * behaviour and messages.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Node, Tensor } from "./index";

const f64 = { dtype: torch.float64 };
const vec = (v: number[], requiresGrad = true) => torch.tensor(v, { ...f64, requiresGrad });

/** Every node of the graph behind t. */
function nodesOf(t: Tensor): Node[] {
  const seen = new Set<Node>();
  const stack = t.gradFn ? [t.gradFn] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of n.next) if (e !== null) stack.push(e);
  }
  return [...seen];
}

describe("requiresGrad", () => {
  it("is a creation option of every creation function", () => {
    const made = [
      torch.tensor([1.5, 2], { requiresGrad: true }),
      torch.zeros([2], { requiresGrad: true }),
      torch.ones(2, 3, { requiresGrad: true }),
      torch.full([2], 0.5, { requiresGrad: true }),
      torch.arange(3, { dtype: torch.float32, requiresGrad: true }),
      torch.linspace(0, 1, 3, { requiresGrad: true }),
      torch.eye(2, { requiresGrad: true }),
      torch.randn([2], { requiresGrad: true }),
      torch.rand([2], { requiresGrad: true }),
      torch.zerosLike(torch.ones(2), { requiresGrad: true }),
    ];
    for (const t of made) {
      expect(t.requiresGrad).toBe(true);
      expect(t.isLeaf).toBe(true);
      expect(t.gradFn).toBeNull();
    }
    expect(torch.ones(2).requiresGrad).toBe(false);
  });

  it("requiresGrad_() and the setter work on leaves; integer tensors refuse, as in PyTorch", () => {
    const t = torch.ones(2);
    expect(t.requiresGrad_()).toBe(t);
    expect(t.requiresGrad).toBe(true);
    t.requiresGrad_(false);
    expect(t.requiresGrad).toBe(false);
    t.requiresGrad = true;
    expect(t.requiresGrad).toBe(true);
    expect(() => torch.tensor([1, 2]).requiresGrad_()).toThrow(/only Tensors of floating point dtype can require gradients/);
    expect(() => torch.arange(3, { requiresGrad: true })).toThrow(/only Tensors of floating point dtype can require gradients/);
  });

  it("only leaves can change the flag", () => {
    const y = vec([1, 2]).mul(2);
    expect(() => y.requiresGrad_(false)).toThrow(
      /you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach\(\)/,
    );
    expect(y.requiresGrad_(true).requiresGrad).toBe(true);
  });

  it("propagates from any input that requires grad, and not to non-differentiable results", () => {
    const a = vec([1, -2]);
    const c = torch.tensor([3, 4], f64);
    expect(a.mul(c).requiresGrad).toBe(true);
    expect(c.mul(a).requiresGrad).toBe(true);
    expect(c.mul(c).requiresGrad).toBe(false);
    expect(a.gt(0).requiresGrad).toBe(false);
    expect(a.argmax().requiresGrad).toBe(false);
    expect(a.to(torch.int64).requiresGrad).toBe(false);
    expect(a.max(0).indices.requiresGrad).toBe(false);
    expect(a.detach().requiresGrad).toBe(false);
    expect(torch.tensor(a).requiresGrad).toBe(false);
    expect(a.clone().requiresGrad).toBe(true);
    expect(a.to(torch.float32).requiresGrad).toBe(true);
  });
});

describe(".gradFn, .isLeaf, printing", () => {
  it("names nodes as PyTorch and links them to the inputs' nodes", () => {
    const x = vec([1, 2, 3]);
    const y = x.mul(2);
    expect(y.isLeaf).toBe(false);
    expect(String(y.gradFn)).toBe("<MulBackward0>");
    expect(y.gradFn!.next[0]!.name).toBe("AccumulateGrad");
    expect(y.gradFn!.next[1]).toBeNull();
    expect(x.exp().sum().gradFn!.name).toBe("SumBackward0");
    expect(x.reshape(3, 1).sum(0).gradFn!.name).toBe("SumBackward1");
    expect(x.mean().gradFn!.name).toBe("MeanBackward0");
    expect(x.detach().isLeaf).toBe(true);
    expect(torch.tensor([1]).isLeaf).toBe(true);
  });

  it("prints requires_grad and grad_fn as PyTorch", () => {
    const x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });
    expect(String(x)).toBe("tensor([0., 1., 2., 3.], requires_grad=True)");
    expect(String(x.detach())).toBe("tensor([0., 1., 2., 3.])");
    expect(String(x.mul(1))).toBe("tensor([0., 1., 2., 3.], grad_fn=<MulBackward0>)");
    expect(String(x.mul(1).sum())).toBe("tensor(6., grad_fn=<SumBackward0>)");
  });
});

describe("backward", () => {
  it("is implicit for one-element outputs; a non-scalar needs `gradient` of the same shape", () => {
    const x = vec([1, 2, 3]);
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    expect(() => x.mul(2).backward(torch.ones(2, f64))).toThrow(
      /Mismatch in shape: grad_output\[0\] has a shape of torch.Size\(\[2\]\) and output\[0\] has a shape of torch.Size\(\[3\]\)/,
    );
    x.mul(2).backward(vec([1, 0.5, -1], false));
    expect(x.grad!.tolist()).toEqual([2, 1, -2]);
    x.grad = null;
    x.sum().reshape(1, 1).backward();
    expect(x.grad!.tolist()).toEqual([1, 1, 1]);
  });

  it("raises for a tensor that does not require grad", () => {
    expect(() => torch.tensor(1.5).backward()).toThrow(/element 0 of tensors does not require grad and does not have a grad_fn/);
  });

  it("works from a leaf", () => {
    const x = vec([1, 2]);
    x.backward(torch.tensor([3, 4], f64));
    expect(x.grad!.tolist()).toEqual([3, 4]);
  });

  it("accumulates into .grad across calls until zeroed", () => {
    const x = vec([1, 2, 3]);
    x.mul(x).sum().backward();
    x.mul(x).sum().backward();
    expect(x.grad!.tolist()).toEqual([4, 8, 12]);
    x.grad!.zero_();
    x.mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual([3, 3, 3]);
  });

  it("sums the gradients of every path to a tensor used several times", () => {
    const x = vec([2]);
    const y = x.mul(x).add(x.exp()).add(x.mul(3));
    y.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(4 + Math.exp(2) + 3, 12);
  });

  it("gives .grad its own memory: not the gradient passed in, not a broadcast view", () => {
    const x = vec([1, 2, 3]);
    const g = torch.ones(3, f64);
    x.add(1).backward(g);
    g.mul_(5);
    expect(x.grad!.tolist()).toEqual([1, 1, 1]);
    const y = vec([1, 2, 3]);
    y.sum().backward();
    expect(y.grad!.isContiguous()).toBe(true);
    y.mul(torch.tensor([1, 2, 3], f64)).sum().backward();
    expect(y.grad!.tolist()).toEqual([2, 3, 4]);
  });

  it("gives each input a gradient of its own dtype when dtypes mix (PyTorch casts)", () => {
    const a = torch.ones(2, { requiresGrad: true });
    const b = torch.ones(2, { ...f64, requiresGrad: true });
    a.mul(b).add(a).sum().backward();
    expect(a.grad!.dtype).toBe(torch.float32);
    expect(b.grad!.dtype).toBe(torch.float64);
    expect(a.grad!.tolist()).toEqual([2, 2]);
  });

  it("rejects a gradient of the wrong shape (here from a hook), naming the node and both shapes", () => {
    const x = vec([1, 2, 3]);
    const y = x.mul(2);
    y.registerHook(() => torch.ones(5, f64));
    expect(() => y.sum().backward()).toThrow(/Function MulBackward0 returned an invalid gradient at index 0 - got \[5\] but expected shape compatible with \[3\]/);
  });

  it("leaves .grad null for non-leaves unless retainGrad() was called", () => {
    const x = vec([1, 2]);
    const y = x.mul(2);
    const z = y.mul(y).sum();
    z.backward();
    expect(y.grad).toBeNull();
    expect(y.retainsGrad).toBe(false);
  });
});

describe("large graphs", () => {
  it("backward and grad() through a chain of 20,000 nodes (no recursion, no quadratic passes)", () => {
    const x = torch.tensor(1, { ...f64, requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20_000; i++) y = y.mul(1.0001);
    const [g] = torch.grad(y, x, { retainGraph: true });
    expect(g!.item()).toBeCloseTo(1.0001 ** 20_000, 6);
    y.backward();
    expect(x.grad!.item()).toBeCloseTo(1.0001 ** 20_000, 6);
  });

  it("a wide graph: 2,000 branches summed", () => {
    const x = torch.arange(3, { ...f64, requiresGrad: true });
    const parts = Array.from({ length: 2000 }, (_, i) => x.mul(i % 7));
    torch.stack(parts).sum().backward();
    const per = Array.from({ length: 2000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0);
    expect(x.grad!.tolist()).toEqual([per, per, per]);
  });
});

describe("retainGraph and the release of saved tensors", () => {
  it("frees every node's saved tensors after backward, so a second backward raises", () => {
    const x = vec([1, 2]);
    const z = x.mul(x).exp().sum();
    z.backward();
    for (const n of nodesOf(z)) if (n.op !== "AccumulateGrad") expect(() => n.savedTensor(0)).toThrow(/backward through the graph a second time/);
    expect(() => z.backward()).toThrow(
      /Trying to backward through the graph a second time \(or directly access saved tensors after they have already been freed\)\. .*Specify retain_graph=True.*retainGraph: true/,
    );
  });

  it("keeps them with retainGraph, and gradients accumulate over the repeated backward", () => {
    const x = vec([1, 2]);
    const z = x.mul(3).sum();
    z.backward(null, { retainGraph: true });
    const kept = nodesOf(z).flatMap((n) => n.savedPositions().map((i) => [n, i] as const));
    expect(kept.length).toBeGreaterThan(0);
    for (const [n, i] of kept) expect(() => n.savedTensor(i)).not.toThrow();
    z.backward();
    expect(x.grad!.tolist()).toEqual([6, 6]);
  });

  it("allows a second backward through nodes that saved nothing they need, as PyTorch does", () => {
    const x = vec([1, 2, 3]);
    const z = x.add(1).reshape(3, 1).sum();
    z.backward();
    z.backward();
    expect(x.grad!.tolist()).toEqual([2, 2, 2]);
  });
});

describe("a second backward through nodes that PyTorch saves an index or mask for", () => {
  it.each([
    ["take (advanced indexing)", (x: Tensor) => x.get(torch.tensor([0, 2])).sum()],
    ["where", (x: Tensor) => torch.where(x.gt(0), x, x.mul(2)).sum()],
    ["max(dim)", (x: Tensor) => x.reshape(2, 2).max(1).values.sum()],
    ["gather", (x: Tensor) => x.gather(0, torch.tensor([1, 1])).sum()],
  ])("%s raises without retainGraph, as in PyTorch, and works with it", (_name, f) => {
    const x = torch.tensor([1.5, -2, 3, 4], { requiresGrad: true });
    const y = f(x);
    y.backward();
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
    const z = f(x);
    z.backward(null, { retainGraph: true });
    expect(() => z.backward()).not.toThrow();
  });
});
