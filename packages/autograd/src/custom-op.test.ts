/**
 * defineOp (torch.autograd.Function): first- and second-order gradcheck of custom
 * ops, needsInputGrad, saved tensors (version check, freeing), no-grad mode, inputs
 * that need no gradient, several outputs, and PyTorch's messages and names
 * (checked against PyTorch 1.13.1 by hand: `<MyFnBackward>`, the error texts).
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { type OpContext, type Tensor, defineOp } from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (data: number[] | number[][]) => torch.tensor(data, { ...f64, requiresGrad: true });

/** k·eˣ·y with a non-tensor k: saves the output and y; backward in tensor ops, so it is differentiable again. */
const ScaledExpMul = defineOp({
  name: "ScaledExpMul",
  forward(ctx: OpContext, x: Tensor, y: Tensor, k: number) {
    const out = x.exp().mul(y).mul(k);
    ctx.saveForBackward(out, y, x);
    ctx.k = k;
    return out;
  },
  backward(ctx, g) {
    const [out, y, x] = ctx.savedTensors;
    const k = ctx.k as number;
    return [ctx.needsInputGrad[0] ? g.mul(out) : null, ctx.needsInputGrad[1] ? g.mul(x.exp()).mul(k) : null, null];
  },
});

/** All input gradients (createGraph), flattened, as one output: its gradcheck is the second-order check. */
function gradients(fn: (...xs: Tensor[]) => Tensor) {
  return (...xs: Tensor[]) =>
    torch.enableGrad(() => {
      const out = fn(...xs);
      const up = torch.linspace(0.5, 1.5, out.numel(), f64).reshape(out.shape);
      const gs = torch.grad(out, xs, { gradOutputs: up, createGraph: true, allowUnused: true });
      return torch.cat(gs.map((g, i) => (g ?? torch.zerosLike(xs[i])).reshape(-1)));
    });
}

describe("defineOp: gradients", () => {
  it("passes first- and second-order gradcheck (float64)", () => {
    const x = leaf([0.3, -1.2, 0.8]);
    const y = leaf([1.5, 0.5, -2]);
    const fn = (a: Tensor, b: Tensor) => ScaledExpMul.apply(a, b, 2.5);
    expect(torch.gradcheck(fn, [x, y])).toBe(true);
    expect(torch.gradcheck(gradients(fn), [x, y])).toBe(true);
  });

  it("composes with built-in ops on both sides and broadcasts like any op", () => {
    const x = leaf([0.1, 0.2]);
    const y = leaf([[1], [2], [3]]);
    const fn = (a: Tensor, b: Tensor) => ScaledExpMul.apply(a.sin().expand([3, 2]), b.expand([3, 2]).contiguous(), -1).square().sum(0);
    expect(torch.gradcheck(fn, [x, y])).toBe(true);
    expect(torch.gradcheck(gradients(fn), [x, y])).toBe(true);
  });

  it("is named after the op, as PyTorch names a custom Function's node, and prints so", () => {
    const y = ScaledExpMul.apply(leaf([1, 2]), torch.tensor([1, 1], f64), 2);
    expect(y.gradFn!.name).toBe("ScaledExpMulBackward");
    expect(String(y)).toMatch(/grad_fn=<ScaledExpMulBackward>\)$/);
    expect(y.isLeaf).toBe(false);
  });

  it("gives needsInputGrad per argument, in forward and backward (non-tensors: false)", () => {
    const seen: boolean[][] = [];
    const Probe = defineOp({
      name: "Probe",
      forward(ctx, a: Tensor, b: Tensor, k: number) {
        seen.push([...ctx.needsInputGrad]);
        return a.mul(b).mul(k);
      },
      backward(ctx, g) {
        seen.push([...ctx.needsInputGrad]);
        return [null, ctx.needsInputGrad[1] ? g.mul(2) : null, null];
      },
    });
    const b = leaf([1, 2]);
    Probe.apply(torch.tensor([3, 4], f64), b, 2).sum().backward();
    expect(seen).toEqual([[false, true, false], [false, true, false]]);
    expect(b.grad!.tolist()).toEqual([2, 2]);
  });

  it("inputs that do not require grad get no gradient, and an op over none of them records nothing", () => {
    const x = leaf([0.5, 1]);
    const y = torch.tensor([2, 3], f64);
    ScaledExpMul.apply(x, y, 1).sum().backward();
    expect(x.grad!.tolist()).toEqual([2 * Math.exp(0.5), 3 * Math.exp(1)]);
    expect(y.grad).toBeNull();
    const plain = ScaledExpMul.apply(torch.tensor([0.5], f64), y.get("0:1"), 1);
    expect(plain.requiresGrad).toBe(false);
    expect(plain.gradFn).toBeNull();
  });

  it("records nothing in no-grad mode (forward runs, needsInputGrad still says what requires grad, as PyTorch)", () => {
    let needs: readonly boolean[] = [];
    const Id = defineOp({
      name: "Id",
      forward(ctx, a: Tensor) {
        needs = ctx.needsInputGrad;
        ctx.saveForBackward(a);
        return a.mul(1);
      },
      backward: (_ctx, g) => g,
    });
    const x = leaf([1, 2]);
    const y = torch.noGrad(() => Id.apply(x));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(needs).toEqual([true]);
  });

  it("forward runs with recording off: its own ops leave no nodes behind", () => {
    let inner: Tensor | null = null;
    const Sq = defineOp({
      name: "Sq",
      forward(ctx, a: Tensor) {
        inner = a.exp();
        ctx.saveForBackward(a);
        return a.square();
      },
      backward: (ctx, g) => g.mul(ctx.savedTensors[0]).mul(2),
    });
    const y = Sq.apply(leaf([3]));
    expect(inner!.requiresGrad).toBe(false);
    expect(y.gradFn!.next.length).toBe(1);
    expect(y.gradFn!.next[0]!.name).toBe("AccumulateGrad");
  });
});

describe("defineOp: saved tensors", () => {
  it("raises PyTorch's error when a saved tensor was modified in place before backward", () => {
    const x = leaf([1, 2]);
    const y = ScaledExpMul.apply(x.mul(1), torch.tensor([1, 1], f64), 2);
    y.mul_(2);
    expect(() => y.sum().backward()).toThrow(
      /one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.DoubleTensor \[2\]\], which is output 0 of ScaledExpMulBackward, is at version 1; expected version 0 instead/,
    );
  });

  it("names a saved input as PyTorch's SavedVariable does: by its grad_fn at the error (none for a plain tensor)", () => {
    const x = leaf([1, 2]);
    const y = torch.tensor([1, 1], f64);
    const out = ScaledExpMul.apply(x, y, 2);
    y.add_(1);
    expect(() => out.sum().backward()).toThrow(/inplace operation: \[torch\.DoubleTensor \[2\]\] is at version 1; expected version 0 instead/);
    const a = x.mul(1);
    const out2 = ScaledExpMul.apply(x, a, 2);
    a.relu_();
    expect(() => out2.sum().backward()).toThrow(/\[torch\.DoubleTensor \[2\]\], which is output 0 of ReluBackward0, is at version 1; expected version 0 instead/);
  });

  it("frees them after backward: a second backward raises, retainGraph keeps them", () => {
    const x = leaf([1, 2]);
    const y = ScaledExpMul.apply(x, torch.tensor([1, 1], f64), 2).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
    const z = ScaledExpMul.apply(x, torch.tensor([1, 1], f64), 2).sum();
    z.backward(null, { retainGraph: true });
    z.backward();
    expect(x.grad!.tolist()).toEqual([1, 2].map((v) => 3 * 2 * Math.exp(v))); // three backwards of 2eˣ
  });

  it("keeps only what was saved", () => {
    const y = ScaledExpMul.apply(leaf([1, 2]), torch.tensor([1, 1], f64), 2);
    expect(y.gradFn!.savedPositions()).toEqual([0, 1, 2]);
    const Lin = defineOp({ name: "Lin", forward: (_ctx, a: Tensor) => a.mul(3), backward: (_ctx, g) => g.mul(3) });
    expect(Lin.apply(leaf([1])).gradFn!.savedPositions()).toEqual([]);
  });
});

describe("defineOp: outputs and backward's results", () => {
  const SinCos = defineOp({
    name: "SinCos",
    forward(ctx, x: Tensor) {
      ctx.saveForBackward(x);
      return [x.sin(), x.cos()];
    },
    backward(ctx, gs, gc) {
      const [x] = ctx.savedTensors;
      return gs.mul(x.cos()).sub(gc.mul(x.sin()));
    },
  });

  it("several outputs: gradients of each reach one backward, a missing one arrives as zeros", () => {
    const x = leaf([0.4, -0.7]);
    expect(torch.gradcheck((a) => {
      const [s, c] = SinCos.apply(a);
      return s.mul(2).add(c.square());
    }, [x])).toBe(true);
    expect(torch.gradcheck(gradients((a) => {
      const [s, c] = SinCos.apply(a);
      return s.mul(c).add(c);
    }), [x])).toBe(true);
    const [s] = SinCos.apply(x);
    s.sum().backward();
    expect(x.grad!.tolist()).toEqual([Math.cos(0.4), Math.cos(-0.7)]);
  });

  it("several outputs keep their own hooks, and print the op's name", () => {
    const x = leaf([0.5]);
    const [s, c] = SinCos.apply(x);
    expect(String(c)).toMatch(/grad_fn=<SinCosBackward>/);
    s.registerHook((g) => g.mul(10));
    s.add(c).sum().backward();
    expect(x.grad!.item()).toBeCloseTo(10 * Math.cos(0.5) - Math.sin(0.5), 12);
  });

  it("markNonDifferentiable: that output requires no grad, and backward gets zeros for it", () => {
    let got: number[] = [];
    const WithIndex = defineOp({
      name: "WithIndex",
      forward(ctx, x: Tensor) {
        const doubled = x.mul(2);
        const flag = x.gt(0).to(torch.float64);
        ctx.markNonDifferentiable(flag);
        return [doubled, flag];
      },
      backward(_ctx, g, gFlag) {
        got = gFlag.tolist() as number[];
        return g.mul(2);
      },
    });
    const x = leaf([1, -1]);
    const [d, flag] = WithIndex.apply(x);
    expect(flag.requiresGrad).toBe(false);
    expect(d.gradFn!.name).toBe("WithIndexBackward");
    d.sum().backward();
    expect(got).toEqual([0, 0]);
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });

  it("an output that is an input is returned as a new tensor with the op's history", () => {
    const Ident = defineOp({ name: "Ident", forward: (_ctx, a: Tensor) => a, backward: (_ctx, g) => g.mul(5) });
    const x = leaf([1, 2]);
    const y = Ident.apply(x);
    expect(y).not.toBe(x);
    expect(x.isLeaf).toBe(true);
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([5, 5]);
  });

  it("raises PyTorch's errors for a wrong number or shape of gradients", () => {
    const Few = defineOp({ name: "Few", forward: (_ctx, a: Tensor, k: number) => a.mul(k), backward: (_ctx, g) => [g] });
    expect(() => Few.apply(leaf([1, 2]), 2).sum().backward()).toThrow("function FewBackward returned an incorrect number of gradients (expected 2, got 1)");
    const Bad = defineOp({ name: "Bad", forward: (_ctx, a: Tensor) => a.mul(2), backward: (_ctx, g) => g.get("0:1") });
    expect(() => Bad.apply(leaf([1, 2])).sum().backward()).toThrow("Function BadBackward returned an invalid gradient at index 0 - got [1] but expected shape compatible with [2]");
  });

  it("forward must return tensors", () => {
    const NotTensor = defineOp({ name: "NotTensor", forward: (_ctx, _a: Tensor) => 3 as unknown as Tensor, backward: (_ctx, g) => g });
    expect(() => NotTensor.apply(leaf([1]))).toThrow(/NotTensor\.apply: forward must return a Tensor or an array of Tensors \(output 0 is number\)/);
  });
});

describe("defineOp: freshGrads (a leaf keeps the gradient without a copy)", () => {
  const Scale = (fresh: boolean, returned: Tensor[]) =>
    defineOp({
      name: "Scale",
      freshGrads: fresh,
      forward(ctx: OpContext, x: Tensor, w: Tensor) {
        ctx.saveForBackward(x, w);
        return x.mul(w);
      },
      backward(ctx: OpContext, g: Tensor) {
        const [x, w] = ctx.savedTensors;
        const r = [g.mul(w), g.mul(x)];
        returned.push(...r);
        return r;
      },
    });
  const leaves = () => [torch.tensor([1.5, -2, 4]).requiresGrad_(), torch.tensor([0.5, 3, -1]).requiresGrad_()];

  it("gives the same .grad as the copying path, and keeps the returned tensor's memory", () => {
    const got: Tensor[] = [], ref: Tensor[] = [];
    const [x, w] = leaves(), [x2, w2] = leaves();
    Scale(true, got).apply(x, w).sum().backward();
    Scale(false, ref).apply(x2, w2).sum().backward();
    expect(x.grad!.tolist()).toEqual(x2.grad!.tolist());
    expect(w.grad!.tolist()).toEqual(w2.grad!.tolist());
    expect(x.grad!._storage.data).toBe(got[0]._storage.data);
    expect(x2.grad!._storage.data).not.toBe(ref[0]._storage.data);
  });

  it("copies when a tensor hook saw the gradient (the hook may keep it)", () => {
    const got: Tensor[] = [], seen: Tensor[] = [];
    const [x, w] = leaves();
    x.registerHook((g: Tensor) => void seen.push(g));
    Scale(true, got).apply(x, w).sum().backward();
    expect(x.grad!._storage.data).not.toBe(seen[0]._storage.data);
    x.grad!.add_(1); // .grad is not the hook's tensor
    expect(seen[0].tolist()).toEqual([0.5, 3, -1]);
  });

  it("sums a leaf used twice into a new tensor, then accumulates in place on the next backward", () => {
    const got: Tensor[] = [];
    const [x, w] = leaves();
    const op = Scale(true, got);
    op.apply(x, w).add(op.apply(x, w)).sum().backward();
    expect(x.grad!.tolist()).toEqual([1, 6, -2]);
    for (const t of got) expect(x.grad!._storage.data).not.toBe(t._storage.data);
    op.apply(x, w).sum().backward();
    expect(x.grad!.tolist()).toEqual([1.5, 9, -3]);
  });

  it("is ignored with createGraph (the gradient is recorded, CopyBackwards)", () => {
    const got: Tensor[] = [];
    const [x, w] = leaves();
    Scale(true, got).apply(x, w).sum().backward(null, { createGraph: true });
    expect(x.grad!._storage.data).not.toBe(got[0]._storage.data);
  });

  it("checks its type", () => {
    expect(() => defineOp({ name: "Bad", freshGrads: 1 as unknown as boolean, forward: (_c: OpContext, a: Tensor) => a, backward: (_c: OpContext, g: Tensor) => g })).toThrow(
      /freshGrads/,
    );
  });
});

describe("markDirty: ops that modify an argument in place (PyTorch's ctx.mark_dirty)", () => {
  // x ← 2x in place; backward reads the result (saved after the write)
  const Double_ = defineOp({
    name: "Double_",
    forward(ctx, x: Tensor) {
      ctx.markDirty(x);
      x.mul_(2);
      ctx.saveForBackward(x);
      return x;
    },
    backward(ctx, g) {
      ctx.savedTensors; // read (version-checked) though not needed
      return g.mul(2);
    },
  });
  const f64 = (v: number[], requiresGrad = false) => torch.tensor(v, { dtype: torch.float64, requiresGrad });

  it("returns the argument itself, with the op's node and one version bump", () => {
    const w = f64([1, -2], true);
    const a = w.mul(3);
    const y = Double_.apply(a);
    expect(y).toBe(a);
    expect(a.gradFn?.name).toBe("Double_Backward");
    expect(a.gradFn?.next[0]?.name).toBe("MulBackward0");
    expect(a._storage.version).toBe(1);
    a.sum().backward();
    expect(w.grad!.tolist()).toEqual([6, 6]);
  });

  it("refuses a leaf that requires grad before writing (PyTorch's message), and works under noGrad", () => {
    const w = f64([1, -2], true);
    expect(() => Double_.apply(w)).toThrow("Double_: a leaf Variable that requires grad is being used in an in-place operation.");
    expect(w.tolist()).toEqual([1, -2]);
    torch.noGrad(() => Double_.apply(w));
    expect(w.tolist()).toEqual([2, -4]);
    expect(w.gradFn).toBeNull();
  });

  it("a later write into the result fails its backward with PyTorch's version error", () => {
    const a = f64([1, -2], true).mul(1);
    const y = Double_.apply(a);
    a.add_(1);
    expect(() => y.sum().backward()).toThrow(/which is output 0 of Double_Backward, is at version 2; expected version 1 instead/);
  });

  it("a view written in place rewrites its base's history (CopySlices, AsStridedBackward0)", () => {
    const w = f64([1, 2, 3], true);
    const a = w.mul(1);
    const v = a.get(torch.slice(1));
    Double_.apply(v);
    expect(a.gradFn?.name).toBe("CopySlices");
    expect(v.gradFn?.name).toBe("AsStridedBackward0");
    expect(a.tolist()).toEqual([1, 4, 6]);
    a.sum().backward();
    expect(w.grad!.tolist()).toEqual([1, 2, 2]);
  });

  it("a dirty tensor must be returned", () => {
    const Bad = defineOp({
      name: "Bad",
      forward(ctx, x: Tensor) {
        ctx.markDirty(x);
        return x.mul(2);
      },
      backward: (_c, g) => g,
    });
    expect(() => Bad.apply(f64([1], true).mul(1))).toThrow("Some elements marked as dirty during the forward method were not returned as output.");
  });
});
