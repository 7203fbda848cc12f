/**
 * Views share storage: writes through a slice, a transpose, a select or a
 * reshape reach the base tensor (and the base's writes reach the view), while
 * advanced indexing and reshape-that-must-copy give independent tensors.
 * Checked against a plain JS model of the same index arithmetic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./tensor";

const iota = (...shape: number[]): Tensor => torch.arange(shape.reduce((p, s) => p * s, 1), { dtype: torch.float32 }).reshape(shape);

/** Python's slice rules for a positive step, as the reference for the view arithmetic. */
function pySlice(size: number, start: number | null, stop: number | null, step: number): number[] {
  const clamp = (v: number | null, d: number) => (v === null ? d : Math.min(Math.max(v < 0 ? v + size : v, 0), size));
  const out: number[] = [];
  for (let i = clamp(start, 0); i < clamp(stop, size); i += step) out.push(i);
  return out;
}

const sliceArb = fc.tuple(fc.option(fc.integer({ min: -7, max: 7 })), fc.option(fc.integer({ min: -7, max: 7 })), fc.integer({ min: 1, max: 3 }));

describe("writes through views reach the base", () => {
  it("a random 2-D slice written with set() changes exactly the selected elements of the base", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), sliceArb, sliceArb, (R, C, s0, s1) => {
        const x = iota(R, C);
        const rows = pySlice(R, s0[0], s0[1], s0[2]);
        const cols = pySlice(C, s1[0], s1[1], s1[2]);
        const v = x.get(torch.slice(s0[0], s0[1], s0[2]), torch.slice(s1[0], s1[1], s1[2]));
        expect([...v.shape]).toEqual([rows.length, cols.length]);
        expect(v._storage).toBe(x._storage);
        v.set("...", -1);
        const model = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => (rows.includes(i) && cols.includes(j) ? -1 : i * C + j)));
        expect(x.tolist()).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });

  it("set() of one element through a random permutation lands at the permuted index of the base", () => {
    const case3 = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
      .chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), fc.tuple(fc.nat(), fc.nat(), fc.nat())));
    fc.assert(
      fc.property(case3, ([s, p, raw]) => {
        const x = iota(...s);
        const v = x.permute(p);
        const idx = p.map((d, i) => raw[i] % s[d]); // an index into v
        v.set(...idx, -7);
        const baseIdx = [0, 0, 0];
        p.forEach((d, i) => (baseIdx[d] = idx[i]));
        expect(Number(x.get(...baseIdx))).toBe(-7);
        expect(Number(x.sum())).toBe((x.numel() * (x.numel() - 1)) / 2 - (baseIdx[0] * s[1] * s[2] + baseIdx[1] * s[2] + baseIdx[2]) - 7);
      }),
      { numRuns: 300 },
    );
  });

  it("in-place ops through a transposed view, a select and a narrow change the base", () => {
    const x = iota(3, 4);
    x.t().get(1).mul_(10); // column 1 of x
    x.select(0, 2).add_(100); // row 2
    x.narrow(1, 3, 1).fill_(-1); // last column
    expect(x.tolist()).toEqual([
      [0, 10, 2, -1],
      [4, 50, 6, -1],
      [108, 190, 110, -1],
    ]);
  });

  it("set() through a transposed view with slices, ints, masks and index tensors", () => {
    const x = iota(3, 4);
    const t = x.t(); // [4, 3]
    t.set("1:3", 0, torch.tensor([7.5, 8.5]));
    t.set(torch.tensor([3]), 0);
    t.set(t.gt(9), 99);
    expect(x.tolist()).toEqual([
      [0, 7.5, 8.5, 0],
      [4, 5, 6, 0],
      [8, 9, 99, 0],
    ]);
  });

  it("base writes are visible in views; reshape views alias, reshape copies do not", () => {
    const x = iota(2, 6);
    const v = x.view(3, 4);
    const r = x.reshape(4, 3);
    const copy = x.t().reshape(12); // non-contiguous: must copy, as in PyTorch
    x.set(0, 0, 42);
    expect(Number(v.get(0, 0))).toBe(42);
    expect(Number(r.get(0, 0))).toBe(42);
    expect(Number(copy.get(0))).toBe(0);
    const d = x.detach();
    d.set(1, 5, -5);
    expect(Number(x.get(1, 5))).toBe(-5);
    // contiguous() returns the tensor itself when already contiguous, a copy otherwise
    expect(x.contiguous()).toBe(x);
    const tc = x.t().contiguous();
    expect(tc._storage).not.toBe(x._storage);
  });

  it("advanced indexing reads are copies", () => {
    const x = iota(3, 4);
    const a = x.get(torch.tensor([0, 2]));
    const m = x.get(x.gt(5));
    a.fill_(0);
    m.fill_(0);
    expect(x.equal(iota(3, 4))).toBe(true);
  });

  it("0-d tensors view as one-element shapes (unsqueeze aliases)", () => {
    const s = torch.tensor(2.5);
    const u = s.unsqueeze(0).reshape(1, 1);
    u.set(0, 0, 9);
    expect(Number(s)).toBe(9);
  });

  it("every in-place write bumps the shared version counter", () => {
    const x = iota(2, 3);
    const v = x.get(1);
    const before = x._storage.version;
    v.add_(1);
    x.set(0, 3);
    v.zero_();
    expect(x._storage.version).toBe(before + 3);
  });
});

describe("conversion to JS values", () => {
  it("Number(x) and item() read one-element tensors of any shape, including views", () => {
    expect(Number(torch.tensor([3.5]))).toBe(3.5);
    expect(torch.tensor([[7]]).item()).toBe(7);
    expect(torch.tensor([true]).item()).toBe(true);
    expect(Number(iota(3, 4).t().get(2, 1))).toBe(6);
    expect(+iota(2, 2).get(1, 1)).toBe(3);
    expect(`${torch.tensor(1.5)}`).toBe("tensor(1.5000)");
    expect(() => Number(iota(2))).toThrow(torch.ValueError);
    expect(() => iota(0).item()).toThrow(/only one element tensors can be converted/);
  });

  it("tolist() nests by shape and reads views in logical order", () => {
    expect(iota(2, 3).t().tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(torch.tensor(2.5).tolist()).toBe(2.5);
    expect(torch.tensor([[true, false]]).tolist()).toEqual([[true, false]]);
    expect(torch.zeros(2, 0).tolist()).toEqual([[], []]);
  });

  it("toTypedArray() shares memory when contiguous and copies otherwise", () => {
    const x = iota(2, 3);
    const a = x.toTypedArray();
    a[0] = 100;
    expect(Number(x.get(0, 0))).toBe(100);
    // a contiguous slice with an offset shares too
    const row = x.get(1).toTypedArray();
    row[2] = -1;
    expect(Number(x.get(1, 2))).toBe(-1);
    const t = x.t().toTypedArray();
    expect(Array.from(t)).toEqual([100, 3, 1, 4, 2, -1]);
    t[0] = 0;
    expect(Number(x.get(0, 0))).toBe(100);
    expect(torch.zeros(3, { dtype: torch.int64 }).toTypedArray()).toBeInstanceOf(Float64Array);
    expect(torch.zeros(3, { dtype: torch.bool }).toTypedArray()).toBeInstanceOf(Uint8Array);
  });

  it("fromTypedArray() wraps without copying, in both directions", () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const x = torch.fromTypedArray(data, [2, 3]);
    expect(x.dtype).toBe(torch.float32);
    expect([...x.shape]).toEqual([2, 3]);
    data[4] = 50;
    expect(Number(x.get(1, 1))).toBe(50);
    x.set(0, 0, -1);
    expect(data[0]).toBe(-1);
    expect(x.toTypedArray()).toBe(data);
    expect(torch.fromTypedArray(new Float64Array(2)).dtype).toBe(torch.float64);
    expect(torch.fromTypedArray(new Uint8Array(2)).dtype).toBe(torch.bool);
    expect(() => torch.fromTypedArray(data, [4, 2])).toThrow(/fromTypedArray.*\[4,2\].*6 elements/);
  });

  it("shape and dtype print as PyTorch prints them", () => {
    const x = iota(2, 3);
    expect(String(x.shape)).toBe("torch.Size([2, 3])");
    expect(`${x.dtype}`).toBe("torch.float32");
    expect(String(torch.tensor(1).shape)).toBe("torch.Size([])");
    expect(x.shape[0]).toBe(2);
    const [r, c] = x.shape;
    expect(r * c).toBe(6);
    expect(x.shape.numel()).toBe(6);
  });
});
