/**
 * Every view records the tensor that owns its memory (`_base`, PyTorch's `._base`),
 * with or without autograd: a view of a view points at the first base; copies,
 * detach() and fresh results have none. Plus the tensor-level fixes that came with
 * PyTorch's graph structure: repeat always copies, flatten of one dim returns its
 * input, t() of a vector is a new view, and `scalar / x` is reciprocal(x) · scalar.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./tensor";

const f32 = { dtype: torch.float32 };
/** A fresh tensor (not itself a view) holding 0, 1, 2, ... */
const iota = (...shape: number[]): Tensor => torch.arange(shape.reduce((p, s) => p * s, 1), f32).reshape(shape).clone();

describe("_base", () => {
  it("is the owner of the memory for every view op, and null for copies", () => {
    const x = torch.zeros([3, 4]);
    expect(x._base).toBeNull();
    const views: [string, Tensor][] = [
      ["get(int)", x.get(0)],
      ["get(slice)", x.get("1:", "::2")],
      ["get(null)", x.get(null)],
      ["get(...)", x.get("...")],
      ["t()", x.t()],
      ["mT", x.mT],
      ["permute", x.permute(1, 0)],
      ["reshape (view)", x.reshape(12)],
      ["view", x.view(2, 6)],
      ["flatten", x.flatten()],
      ["squeeze", x.unsqueeze(0).squeeze()],
      ["expand", x.get(0).expand(2, 4)],
      ["narrow", x.narrow(1, 1, 2)],
      ["select", x.select(1, 2)],
      ["split", x.split(2)[1]],
      ["chunk", x.chunk(2, 1)[0]],
      ["unbind", x.unbind(1)[3]],
      ["view of a view of a view", x.t().get(1).get("1:")],
    ];
    for (const [name, v] of views) {
      expect(v._base, name).toBe(x);
      expect(v._storage, name).toBe(x._storage);
    }
    const copies: [string, Tensor][] = [
      ["clone", x.clone()],
      ["detach", x.detach()],
      ["reshape (copy)", x.t().reshape(12)],
      ["contiguous of a transpose", x.t().contiguous()],
      ["index tensor", x.get(torch.tensor([0, 2]))],
      ["mask", x.get(x.eq(0))],
      ["repeat", x.repeat(1, 1)],
      ["add", x.add(1)],
    ];
    for (const [name, c] of copies) expect(c._base, name).toBeNull();
  });

  it("base plus the view's own geometry locate every element (random slices of transposes)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.integer({ min: 0, max: 3 }), (R, C, tr, k) => {
        // an iota base: the value of each element is its storage offset
        const x = iota(R, C);
        const v = (tr ? x.t() : x).get(`${k % (tr ? C : R)}:`, "::2");
        expect(v._base).toBe(x);
        const got = v.contiguous().toTypedArray();
        let i = 0;
        for (let a = 0; a < v._shape[0]; a++) {
          for (let b = 0; b < v._shape[1]; b++) expect(got[i++]).toBe(v._offset + a * v._strides[0] + b * v._strides[1]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("graph-shaped tensor semantics (PyTorch's)", () => {
  it("repeat always copies, also when no size tiles", () => {
    const x = iota(2, 3);
    const r = x.repeat(1, 1);
    r.set(0, 0, 100);
    expect(x.get(0, 0).item()).toBe(0);
    const one = torch.tensor([5], f32);
    const r3 = one.repeat(3);
    expect([...r3.stride()]).toEqual([1]);
    r3.set(0, 7);
    expect(one.tolist()).toEqual([5]);
    expect(r3.tolist()).toEqual([7, 5, 5]);
  });

  it("flatten over a single dim returns the input itself; a 0-d tensor becomes a new 1-element view", () => {
    const x = iota(2, 3);
    expect(x.flatten(1, 1)).toBe(x);
    expect(x.get(0).flatten()).not.toBe(x);
    const s = torch.tensor(3, f32);
    const f = s.flatten();
    expect([...f.shape]).toEqual([1]);
    expect(f._base).toBe(s);
    // dims of a 0-d tensor range over [-1, 0] as for 1-d (nn.Flatten's startDim 1 raises, as PyTorch's IndexError)
    expect([...s.flatten(0, -1).shape]).toEqual([1]);
    expect(() => s.flatten(1)).toThrow("flatten: Dimension out of range (expected to be in range of [-1, 0], but got 1)");
    expect(() => s.flatten(0, 2)).toThrow(torch.IndexError);
  });

  it("t() of a 0-D or 1-D tensor is a new view of it", () => {
    const v = iota(4);
    const tv = v.t();
    expect(tv).not.toBe(v);
    expect(tv._base).toBe(v);
    expect(tv.tolist()).toEqual([0, 1, 2, 3]);
    expect(torch.tensor(2, f32).transpose(0, 0).item()).toBe(2);
  });

  it("a number over a tensor is reciprocal(x) · number, as Python's 2 / x (float results for ints too)", () => {
    const x = torch.tensor([1, 2, 4, 0, -0.5], f32);
    const r = torch.div(2, x);
    const expected = torch.reciprocal(x).mul(2);
    expect(r.equal(expected)).toBe(true);
    expect(r.tolist()).toEqual([2, 1, 0.5, Infinity, -4]);
    const ints = torch.div(3, torch.tensor([2, 4]));
    expect(ints.dtype).toBe(torch.float32);
    expect(ints.tolist()).toEqual([1.5, 0.75]);
  });

  it("div with a rounding mode: floor and trunc in the promoted dtype; an unknown mode raises", () => {
    const a = torch.tensor([7, -7, 7.5, -7.5], f32);
    expect(a.div(2, { roundingMode: "floor" }).tolist()).toEqual([3, -4, 3, -4]);
    expect(a.div(2, { roundingMode: "trunc" }).tolist()).toEqual([3, -3, 3, -3]);
    expect(torch.tensor([-7, 7]).div(2, { roundingMode: "trunc" }).tolist()).toEqual([-3, 3]);
    expect(torch.tensor([-7, 7]).div(2, { roundingMode: "trunc" }).dtype).toBe(torch.int64);
    expect(() => a.div(2, { roundingMode: "round" as "floor" })).toThrow(/^div: div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'/);
  });

  it("the Frobenius norm over two dims needs two different dims, at most two", () => {
    const x = iota(2, 3, 4);
    expect(x.norm({ dim: [0, 2] }).allclose(x.mul(x).sum({ dim: [0, 2] }).sqrt())).toBe(true);
    expect(() => x.norm("fro", { dim: [0, 1, 2] })).toThrow(/^norm: Expected at most 2 dimensions, but got 3 dimensions instead/);
    expect(() => x.norm({ dim: [0, 1, 2] })).toThrow(/Expected at most 2 dimensions/);
    expect(() => x.norm("fro", { dim: [1, -2] })).toThrow(/^norm: Expected dims to be different, got \[1, -2\] instead/);
    // an explicit p = 2 is the vector norm over any number of dims
    expect(x.norm(2, { dim: [0, 1, 2] }).allclose(x.norm())).toBe(true);
  });
});
