/**
 * Views made while nothing required grad (or in no-grad mode), then written in place:
 * the names, values, gradients and errors PyTorch 1.13.1 gives. tensor records every
 * view's base (`_base`), so autograd finds the base at in-place time (CopySlices).
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (v: torch.NestedArray) => torch.tensor(v, { ...f64, requiresGrad: true });

describe("writes into views made while nothing required grad", () => {
  it("make the base require grad through CopySlices: zeros(3).get(0).copy_(w)", () => {
    const w = leaf(5);
    const z = torch.zeros([3], f64);
    const v = z.get(0);
    expect(v.requiresGrad).toBe(false);
    v.copy_(w);
    expect(z.requiresGrad).toBe(true);
    expect(z.isLeaf).toBe(false);
    expect(z.gradFn!.name).toBe("CopySlices");
    expect(v.gradFn!.name).toBe("AsStridedBackward0");
    expect(String(z)).toBe("tensor([5., 0., 0.], dtype=torch.float64, grad_fn=<CopySlices>)");
    z.mul(torch.tensor([3, 4, 5], f64)).sum().backward();
    expect(w.grad!.item()).toBe(3);
  });

  it("regenerate views made earlier, and views of views, from the rewritten base", () => {
    const w = leaf([1, 2]);
    const z = torch.zeros([2, 3], f64);
    const col = z.get(":", 0); // made before the write, overlapping it
    const inner = z.get(0).get("1:"); // a view of a view
    inner.copy_(w);
    expect(z.tolist()).toEqual([[0, 1, 2], [0, 0, 0]]);
    expect(col.requiresGrad).toBe(true);
    expect(col.gradFn!.name).toBe("AsStridedBackward0");
    col.sum().backward(null, { retainGraph: true }); // col holds z[0, 0] and z[1, 0]: neither came from w
    expect(w.grad!.tolist()).toEqual([0, 0]);
    const row = z.get(0);
    expect(row.gradFn!.name).toBe("SelectBackward0");
    w.grad = null;
    row.mul(torch.tensor([1, 10, 100], f64)).sum().backward();
    expect(w.grad!.tolist()).toEqual([10, 100]);
  });

  it("see in-place ops on the base itself (the base's new history reaches old views)", () => {
    const v4 = leaf([1, 2, 3, 4]);
    const z = torch.zeros([3, 4], f64);
    const w = z.get(0);
    z.add_(v4);
    expect(z.gradFn!.name).toBe("AddBackward0");
    expect(w.requiresGrad).toBe(true);
    expect(w.gradFn!.name).toBe("AsStridedBackward0");
    // a view of the stale view is recorded from the regenerated one
    const w2 = w.get("1:");
    expect(w2.gradFn!.name).toBe("SliceBackward0");
    w2.sum().backward();
    expect(v4.grad!.tolist()).toEqual([0, 1, 1, 1]);
  });

  it("leave everything without grad when nothing requires grad, or when recording is off", () => {
    const z = torch.zeros([3], f64);
    z.get("0:2").fill_(1);
    z.get(2).copy_(torch.tensor(2, f64));
    expect(z.requiresGrad).toBe(false);
    expect(z.gradFn).toBeNull();
    expect(z.tolist()).toEqual([1, 1, 2]);
    const y = torch.zeros([3], f64);
    const v = y.get("0:2");
    torch.noGrad(() => v.copy_(leaf([7, 8])));
    expect(y.requiresGrad).toBe(false);
    expect(y.tolist()).toEqual([7, 8, 0]);
  });

  it("a reshape that copies and detach() are not views: their writes leave the source alone", () => {
    const v = leaf([1, 2, 3, 4]);
    const z = torch.zeros([3, 4], f64);
    const r = z.t().reshape(12);
    r.get("0:4").copy_(v);
    expect(z.requiresGrad).toBe(false);
    expect(r.gradFn!.name).toBe("CopySlices");
    const d = z.get(0).detach();
    d.copy_(v);
    expect(z.requiresGrad).toBe(false);
    expect(d.gradFn!.name).toBe("CopyBackwards");
    expect(z.get(0).tolist()).toEqual([1, 2, 3, 4]); // the memory is shared all the same
  });

  it("an index put into a view rewrites the base (CopySlices) and the view (AsStridedBackward0)", () => {
    const x = leaf([[1, 2, 3], [4, 5, 6]]);
    const y = x.mul(1);
    const row = y.get(1);
    row.set(torch.tensor([0, 2]), leaf([10, 20]).mul(1));
    expect(y.gradFn!.name).toBe("CopySlices");
    expect(row.gradFn!.name).toBe("AsStridedBackward0");
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 1, 1], [0, 1, 0]]);
  });
});

describe("views made in no-grad mode", () => {
  it("may be written with grad mode on when nothing requires grad", () => {
    const z = torch.zeros([3], f64);
    const v = torch.noGrad(() => z.get("0:2"));
    v.mul_(2).add_(1);
    expect(z.tolist()).toEqual([1, 1, 0]);
    expect(z.requiresGrad).toBe(false);
  });

  it("raise when written with grad mode on and something requires grad (the base, or the value)", () => {
    const message = /A view was created in no_grad mode and is being modified inplace with grad mode enabled/;
    const x = leaf([1, 2, 3]);
    const y = x.mul(1);
    const vy = torch.noGrad(() => y.get(0));
    expect(() => vy.mul_(2)).toThrow(message);
    const vx = torch.noGrad(() => x.get(0));
    expect(() => vx.mul_(2)).toThrow(message);
    const z = torch.zeros([3], f64);
    const vz = torch.noGrad(() => z.get("0:2"));
    expect(() => vz.copy_(leaf([1, 2]))).toThrow(/^copy_: A view was created in no_grad mode/);
    // views of such views inherit how they were made
    const vzz = vz.get(0);
    expect(() => vzz.copy_(leaf(1))).toThrow(message);
    expect(y.gradFn!.name).toBe("MulBackward0");
  });

  it("may be written in no-grad mode (the SGD update idiom through a view)", () => {
    const w = leaf([1, 2, 3]);
    torch.noGrad(() => w.get("1:").sub_(1));
    expect(w.tolist()).toEqual([1, 1, 2]);
    expect(w.isLeaf).toBe(true);
  });
});

describe("leaf checks on views (PyTorch's messages)", () => {
  it("a leaf that started requiring grad after the view was made", () => {
    const z = torch.zeros([3], f64);
    const v = z.get("0:2");
    z.requiresGrad_();
    expect(() => v.mul_(2)).toThrow(/^mul_: a view of a leaf Variable that requires grad is being used in an in-place operation\./);
  });

  it("a view that was made to require grad itself", () => {
    const z = torch.zeros([3], f64);
    const v = z.get("0:2").requiresGrad_();
    expect(v.isLeaf).toBe(true);
    expect(() => v.mul_(2)).toThrow(/a view of a leaf Variable that requires grad/);
  });

  it("set: a view of the leaf with basic indices, the leaf itself with index tensors and masks", () => {
    const x = leaf([1, 2, 3]);
    expect(() => x.set(0, 1)).toThrow(/^set: a view of a leaf Variable that requires grad/);
    expect(() => x.set("0:2", 1)).toThrow(/^set: a view of a leaf Variable that requires grad/);
    expect(() => x.set(torch.tensor([0]), 1)).toThrow(/^set: a leaf Variable that requires grad/);
    expect(() => x.set(torch.tensor([true, false, true]), 1)).toThrow(/^set: a leaf Variable that requires grad/);
    expect(x.tolist()).toEqual([1, 2, 3]);
  });
});
