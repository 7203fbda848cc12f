import * as torch from "@torchts/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConcatDataset, DataLoader, Dataset, KeyError, Subset, SubsetRandomSampler, TensorDataset, defaultCollate, isDataset, kFold, randomSplit, splitLengths } from "./index";

describe("TensorDataset, Subset, ConcatDataset", () => {
  const X = torch.arange(12, { dtype: torch.float32 }).reshape(4, 3);
  const y = torch.tensor([10, 11, 12, 13]);
  it("items are rows; negative indices count from the end", () => {
    const ds = new TensorDataset(X, y);
    expect(ds.length).toBe(4);
    const [x1, y1] = ds.get(1);
    expect(x1.tolist()).toEqual([3, 4, 5]);
    expect(y1.ndim).toBe(0);
    expect(y1.item()).toBe(11);
    expect(ds.get(-1)[1].item()).toBe(13);
  });
  it("errors: size mismatch, non-tensors, 0-d, index out of range, non-integer index", () => {
    expect(() => new TensorDataset(X, torch.arange(3))).toThrow(/Size mismatch between tensors/);
    expect(() => new TensorDataset(X, [1, 2, 3, 4] as never)).toThrow(/argument 'tensors' \(position 1\) must be Tensor, not Array/);
    expect(() => new TensorDataset(torch.tensor(3))).toThrow(/0-d/);
    const ds = new TensorDataset(X, y);
    expect(() => ds.get(4)).toThrow(torch.IndexError);
    expect(() => ds.get(4)).toThrow(/index 4 is out of bounds for dimension 0 with size 4/);
    expect(() => ds.get(-5)).toThrow(/out of bounds/);
    expect(() => ds.get(1.5)).toThrow(/indices must be integers/);
    expect(() => ds.get("1" as never)).toThrow(/indices must be integers/);
  });
  it("Subset and ConcatDataset index through", () => {
    const ds = new TensorDataset(X, y);
    const s = new Subset(ds, [3, 0]);
    expect(s.length).toBe(2);
    expect(s.get(0)[1].item()).toBe(13);
    expect(() => s.get(2)).toThrow(/Subset.get\(\): list index out of range \(index 2, length 2\)/);
    expect(() => s.get(-3)).toThrow(/list index out of range/);
    const c = new ConcatDataset([ds, s]);
    expect(c.length).toBe(6);
    expect(c.cumulativeSizes).toEqual([4, 6]);
    expect(c.get(4)[1].item()).toBe(13);
    expect(c.get(-1)[1].item()).toBe(10);
    expect(() => c.get(-7)).toThrow(/absolute value of index should not exceed dataset length/);
    expect(() => new ConcatDataset([])).toThrow(/should not be an empty iterable/);
    expect(() => new Subset(5 as never, [0])).toThrow(/dataset/);
    expect(() => new Subset(ds, [0.5])).toThrow(/indices/);
    // PyTorch: a Subset index is a list index (TypeError), a ConcatDataset one reaches the TensorDataset (IndexError)
    expect(() => s.get(0.5)).toThrow(torch.TypeError);
    expect(() => c.get(1.5)).toThrow(torch.IndexError);
    expect(() => c.get(6)).toThrow(torch.IndexError);
    expect(() => c.get(6)).toThrow(/ConcatDataset.get\(\): list index out of range/);
    expect(new Subset(ds, [1, -1]).get(1)[1].item()).toBe(13); // a negative inner index counts from the end
    expect(() => new Subset(ds, [1, 20]).get(1)).toThrow(/index 20 is out of bounds for dimension 0 with size 4/);
  });
  it("indices as a 1-D integer tensor (Subset, SubsetRandomSampler, a DataLoader's sampler), as PyTorch takes them", () => {
    const ds = new TensorDataset(torch.arange(10).mul(10));
    expect(new Subset(ds, torch.tensor([3, 1])).get(0)[0].item()).toBe(30);
    expect(new Subset(ds, torch.randperm(10).get("0:3")).length).toBe(3);
    expect([...new SubsetRandomSampler(torch.tensor([1, 2]))].sort()).toEqual([1, 2]);
    expect([...new DataLoader(ds, { batchSize: 2, sampler: torch.tensor([4, 2]) })][0][0].tolist()).toEqual([40, 20]);
    expect(() => new Subset(ds, torch.tensor([0.5]))).toThrow(/Subset\(\): argument 'indices' \(position 1\) must be a sequence of integers or a 1-D integer tensor/);
    expect(() => new Subset(ds, torch.tensor([[1]]))).toThrow(/1-D integer tensor/);
  });
  it("Dataset is a base class to extend, as in PyTorch, and a shape any object can have", () => {
    class Squares extends Dataset<[number, number]> {
      get length() {
        return 4;
      }
      get(i: number): [number, number] {
        return [i, i * i];
      }
    }
    const sq = new Squares();
    expect(sq).toBeInstanceOf(Dataset);
    expect(isDataset(sq)).toBe(true);
    expect(new Subset(sq, [3]).get(0)).toEqual([3, 9]);
    const plain: Dataset<number> = { length: 2, get: (i) => i };
    expect(new ConcatDataset([plain, plain]).get(3)).toBe(1);
  });
  it("a Subset of a TensorDataset batches through the fast path with the same values", () => {
    const s = new Subset(new TensorDataset(X, y), [3, 1, 2]);
    const [bx, by] = s.getBatch([0, 2]) as torch.Tensor[];
    expect(bx.tolist()).toEqual([[9, 10, 11], [6, 7, 8]]);
    expect(by.tolist()).toEqual([13, 12]);
  });
});

describe("randomSplit", () => {
  const ds = new TensorDataset(torch.arange(10));
  it("PyTorch's rounding of fractions: floor, then the remainder round-robin", () => {
    expect(splitLengths(10, [0.3, 0.3, 0.4])).toEqual([3, 3, 4]);
    expect(splitLengths(11, [0.5, 0.5])).toEqual([6, 5]);
    expect(splitLengths(7, [0.1, 0.1, 0.8])).toEqual([1, 1, 5]);
    expect(splitLengths(60000, [0.8, 0.2])).toEqual([48000, 12000]);
    expect(splitLengths(10, [7, 3])).toEqual([7, 3]);
  });
  it("sizes and disjointness, for any lengths (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), (lens, seed) => {
        const n = lens.reduce((a, b) => a + b, 0);
        const d = new TensorDataset(torch.arange(Math.max(n, 1)).narrow(0, 0, n === 0 ? 0 : n));
        const parts = randomSplit(d, lens, { generator: new torch.Generator().manualSeed(seed) });
        expect(parts.map((p) => p.length)).toEqual(lens);
        const all = parts.flatMap((p) => [...p.indices]).sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 60 },
    );
  });
  it("equal seeds give equal splits", () => {
    const a = randomSplit(ds, [0.5, 0.5], { generator: new torch.Generator().manualSeed(1) }).map((s) => s.indices);
    const b = randomSplit(ds, [0.5, 0.5], { generator: new torch.Generator().manualSeed(1) }).map((s) => s.indices);
    expect(a).toEqual(b);
  });
  it("errors", () => {
    expect(() => randomSplit(ds, [5, 4])).toThrow(/Sum of input lengths does not equal the length of the input dataset!/);
    expect(() => randomSplit(ds, [1.5, -0.5])).toThrow(/Fraction at index 0 is not between 0 and 1/);
    expect(() => randomSplit(ds, [0.5, 0.4])).toThrow(/Sum of input lengths|integers/);
    expect(() => randomSplit(ds, "ab" as never)).toThrow(/lengths/);
    expect(() => randomSplit(ds, [5, 5], { generator: 1 } as never)).toThrow(/generator/);
    expect(() => randomSplit({} as never, [1])).toThrow(/dataset/);
  });
});

describe("kFold", () => {
  const X = torch.arange(22, { dtype: torch.float32 }).reshape(11, 2);
  const y = torch.arange(11);
  it("fold i is the validation part; other folds in order train; the n % k leftover rows are in none (d2l)", () => {
    const [Xt, yt, Xv, yv] = kFold(5, 1, X, y);
    expect(yv.tolist()).toEqual([2, 3]);
    expect(yt.tolist()).toEqual([0, 1, 4, 5, 6, 7, 8, 9]);
    expect([...Xt.shape]).toEqual([8, 2]);
    expect(Xv.tolist()).toEqual([[4, 5], [6, 7]]);
    const [tr, va] = kFold(5, 4, new TensorDataset(X, y));
    expect(tr.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(va.indices).toEqual([8, 9]);
  });
  it("errors", () => {
    expect(() => kFold(1, 0, X, y)).toThrow(/k must be greater than 1/);
    expect(() => kFold(5, 5, X, y)).toThrow(/fold i must be in \[0, 5\)/);
    expect(() => kFold(5, 0, X, torch.arange(3))).toThrow(/same first dimension/);
    expect(() => kFold(20, 0, X, y)).toThrow(/non-empty folds/);
    expect(() => kFold(2.5, 0, X, y)).toThrow(/argument 'k'/);
    expect(() => kFold(5, 0, [1, 2] as never)).toThrow(/Tensor or Dataset/);
  });
});

describe("defaultCollate", () => {
  it("stacks tensors, makes int64/float64/bool tensors of numbers, keeps strings", () => {
    expect([...defaultCollate([torch.ones(2), torch.zeros(2)]).shape]).toEqual([2, 2]);
    expect(defaultCollate([1, 2]).dtype).toBe(torch.int64);
    expect(defaultCollate([1, 2.5]).dtype).toBe(torch.float64);
    expect(defaultCollate([true, false]).dtype).toBe(torch.bool);
    expect(defaultCollate(["a", "b"])).toEqual(["a", "b"]);
  });
  it("errors name what went wrong", () => {
    expect(() => defaultCollate([torch.ones(3), torch.ones(2)])).toThrow(/stack expects each tensor to be equal size, but got \[3\] at entry 0 and \[2\] at entry 1/);
    expect(() => defaultCollate([[1, 2], [1]])).toThrow(/each element in list of batch should be of equal size/);
    expect(() => defaultCollate([null])).toThrow(/found null/);
    expect(() => defaultCollate([{ a: 1 }, { b: 2 }])).toThrow(KeyError);
    expect(() => defaultCollate([1, "a"])).toThrow(/found number at entry 0 and string at entry 1/);
    expect(() => defaultCollate([])).toThrow(torch.IndexError); // PyTorch reads batch[0]: list index out of range
    expect(() => defaultCollate([{ a: 1 }, [1]])).toThrow(torch.TypeError); // PyTorch: list indices must be integers
    expect(() => defaultCollate([true, "a"])).toThrow(/found boolean at entry 0 and string at entry 1/);
    expect(() => defaultCollate([torch.ones(2), 1])).toThrow(/found Tensor at entry 0 and number at entry 1/);
  });
});
