import { existsSync } from "node:fs";
import * as torch from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { DataLoader, RandomSampler, SubsetRandomSampler, TensorDataset, datasets, defaultCollate, kFold, randomSplit, transforms, type Dataset } from "./index";
import { expectEncoded, fixtures, type Enc } from "./fixtures.testing";

describe("DataLoader over TensorDataset without shuffling = PyTorch 1.13", () => {
  const X = torch.arange(21, { dtype: torch.float32 }).reshape(7, 3).mul(0.5);
  const y = torch.arange(7);
  const y2 = torch.arange(7, { dtype: torch.float64 }).reshape(7, 1).div(3);
  for (const c of fixtures.tensorDataset as { batchSize: number; dropLast: boolean; length: number; batches: Enc[] }[]) {
    it(`batchSize ${c.batchSize}, dropLast ${c.dropLast}`, () => {
      const loader = new DataLoader(new TensorDataset(X, y, y2), { batchSize: c.batchSize, dropLast: c.dropLast });
      expect(loader.length).toBe(c.length);
      const got = [...loader];
      expect(got.length).toBe(c.batches.length);
      got.forEach((b, i) => expectEncoded(b, c.batches[i], `batch ${i}`));
      // the same through the per-item path (a collateFn that is the default collate spelled out)
      const slow = new DataLoader(new TensorDataset(X, y, y2), c.batchSize, { dropLast: c.dropLast, collateFn: (s) => s[0].map((_, j) => torch.stack(s.map((r) => r[j]))) });
      [...slow].forEach((b, i) => expectEncoded(b, c.batches[i], `per-item batch ${i}`));
    });
  }
});

describe("default collate = PyTorch's default_collate", () => {
  class Tuples implements Dataset<[torch.Tensor, number, number, number[], string]> {
    readonly length = 5;
    get(i: number): [torch.Tensor, number, number, number[], string] {
      return [torch.tensor([i, i * 2], { dtype: torch.float32 }), i, i + 0.25, [i, -i], `s${i}`];
    }
  }
  class Dicts implements Dataset<Record<string, unknown>> {
    readonly length = 5;
    get(i: number) {
      return { x: torch.full([2, 2], i, { dtype: torch.float32 }), label: i % 3, w: i / 4, flag: i % 2 === 0, nested: { a: [i, i + 1] } };
    }
  }
  it("tuples become arrays of batched columns (numbers: integers int64, fractions float64; strings stay)", () => {
    const got = [...new DataLoader(new Tuples(), 2)];
    expect(got.length).toBe(fixtures.tuples.batches.length);
    got.forEach((b, i) => expectEncoded(b, fixtures.tuples.batches[i]));
  });
  it("dicts become dicts of batches, nested ones too", () => {
    // w = i / 4 is 0 for i = 0: an integer in JavaScript, where Python has the float 0.0; the first
    // batch [0, 0.25, 0.5] still has fractions, so it is float64 as in PyTorch
    const got = [...new DataLoader(new Dicts(), { batchSize: 3 })];
    got.forEach((b, i) => expectEncoded(b, fixtures.dicts.batches[i]));
  });
});

const root = "/usr/share/datasets/fashion-mnist";
describe.skipIf(!existsSync(root))("Fashion-MNIST pixels = torchvision's ToTensor / Normalize", () => {
  const fm = fixtures.fashionMnist;
  for (const split of ["train", "test"] as const) {
    it(`${split}: length, labels, first images`, () => {
      const ds = new datasets.FashionMNIST({ root, train: split === "train", transform: new transforms.ToTensor() });
      const f = fm[split];
      expect(ds.length).toBe(f.length);
      expect(ds.data.dtype).toBe(torch.uint8);
      expect(ds.targets.dtype).toBe(torch.int64);
      expect((ds.targets.get("0:20").tolist() as number[])).toEqual(f.labels);
      const counts = new Array(10).fill(0);
      for (const v of ds.targets.tolist() as number[]) counts[v]++;
      expect(counts).toEqual(f.labelCounts);
      expect(ds.data.to(torch.float64).sum().item()).toBe(f.pixelSum);
      for (let i = 0; i < 3; i++) {
        const [img, label] = ds.get(i);
        expect(label).toBe(f.labels[i]);
        expectEncoded(img, f.toTensor[i], `image ${i}`);
      }
      const norm = new datasets.FashionMNIST(root, {
        train: split === "train",
        transform: new transforms.Compose([new transforms.ToTensor(), new transforms.Normalize([fm.mean], [fm.std])]),
      });
      for (let i = 0; i < 3; i++) expectEncoded(norm.get(i)[0], f.normalized[i], `normalized ${i}`);
      // the whole-set path gives the same values: first batch of an unshuffled loader
      const [Xb, yb] = [...new DataLoader(norm, 3)][0];
      expect([...Xb.shape]).toEqual([3, 1, 28, 28]);
      for (let i = 0; i < 3; i++) expectEncoded(Xb.get(i), f.normalized[i], `normalized batch row ${i}`);
      expect(yb.tolist()).toEqual(f.labels.slice(0, 3));
      // ToTensor over the whole set: same float32 values as x.float().div(255) (their float64 sum)
      const whole = new transforms.ToTensor().forwardBatch(ds.data);
      expect(whole.to(torch.float64).sum().item()).toBeCloseTo(f.toTensorSum, 3);
    });
  }
});

// PyTorch's orders need PyTorch's stream: std::mt19937 seeded with 0 first gives 2357136044.
const mt19937 = new torch.Generator(0).nextUint32() === 2357136044;
describe.skipIf(!mt19937)("shuffled orders = PyTorch's (needs the mt19937 generator)", () => {
  const o = fixtures.orders;
  const ds = new TensorDataset(torch.arange(20, { dtype: torch.float32 }).reshape(10, 2), torch.arange(10));
  it("with a generator", () => {
    const loader = new DataLoader(ds, 4, { shuffle: true, generator: new torch.Generator().manualSeed(0) });
    const epochs = [0, 1].map(() => [...loader].map((b) => b[1].tolist()));
    expect(epochs).toEqual(o.generatorSeed0);
  });
  it("with the global generator, and the stream afterwards", () => {
    torch.manualSeed(0);
    const loader = new DataLoader(ds, 4, { shuffle: true });
    const epochs = [0, 1].map(() => [...loader].map((b) => b[1].tolist()));
    expect(epochs).toEqual(o.globalSeed0);
    expect(torch.rand(2).tolist()).toEqual(o.randAfterGlobalEpochs);
  });
  it("randomSplit", () => {
    const r = new TensorDataset(torch.arange(10));
    expect(randomSplit(r, [7, 3], { generator: new torch.Generator().manualSeed(42) }).map((s) => s.indices)).toEqual(o.randomSplitSeed42);
    torch.manualSeed(1);
    expect(randomSplit(r, [0.5, 0.3, 0.2]).map((s) => s.indices)).toEqual(o.randomSplitGlobalSeed1Fractions);
  });
});

describe.skipIf(!mt19937)("more seeded orders = PyTorch's: sizes, batch sizes, dropLast, seeds; samplers; randomSplit", () => {
  type Case = { n: number; batchSize: number; dropLast: boolean; seed: number; length: number; generator: number[][][]; global: number[][][]; randAfter: number[] };
  for (const c of fixtures.moreOrders as Case[]) {
    it(`n ${c.n}, batch ${c.batchSize}, dropLast ${c.dropLast}, seed ${c.seed}: two epochs with a generator and with manualSeed`, () => {
      const ds = new TensorDataset(torch.arange(2 * c.n, { dtype: torch.float32 }).reshape(c.n, 2), torch.arange(c.n));
      const epochs = (l: DataLoader<torch.Tensor[]>) => [0, 1].map(() => [...l].map((b) => b[1].tolist()));
      const withGen = new DataLoader(ds, c.batchSize, { shuffle: true, dropLast: c.dropLast, generator: new torch.Generator().manualSeed(c.seed) });
      expect(epochs(withGen)).toEqual(c.generator);
      torch.manualSeed(c.seed);
      const global = new DataLoader(ds, c.batchSize, { shuffle: true, dropLast: c.dropLast });
      expect(global.length).toBe(c.length);
      expect(epochs(global)).toEqual(c.global);
      expect(torch.rand(2).tolist()).toEqual(c.randAfter);
    });
  }
  it("RandomSampler (replacement, numSamples beyond n) and SubsetRandomSampler, two epochs each", () => {
    const s = fixtures.samplers as Record<string, number[][]>;
    const range = (n: number) => new TensorDataset(torch.arange(n));
    const two = (it: Iterable<number>) => [[...it], [...it]];
    expect(two(new RandomSampler(range(10), { replacement: true, numSamples: 45, generator: new torch.Generator().manualSeed(5) }))).toEqual(s.replacementSeed5);
    expect(two(new RandomSampler(range(7), { numSamples: 17, generator: new torch.Generator().manualSeed(3) }))).toEqual(s.numSamples17Seed3);
    torch.manualSeed(11);
    expect(two(new RandomSampler(range(9), { replacement: true, numSamples: 40 }))).toEqual(s.replacementGlobalSeed11);
    expect(two(new SubsetRandomSampler([3, 5, 8, 13, 21, 34], { generator: new torch.Generator().manualSeed(2) }))).toEqual(s.subsetSeed2);
    torch.manualSeed(4);
    expect(two(new SubsetRandomSampler([3, 5, 8, 13, 21, 34]))).toEqual(s.subsetGlobalSeed4);
  });
  for (const c of fixtures.randomSplits as { n: number; lengths: number[]; seed: number; indices: number[][] }[]) {
    it(`randomSplit of ${c.n} into [${c.lengths.map((v) => +v.toFixed(3)).join(", ")}], seed ${c.seed}`, () => {
      const ds = { length: c.n, get: (i: number) => i };
      const parts = randomSplit(ds, c.lengths, { generator: new torch.Generator().manualSeed(c.seed) });
      expect(parts.map((p) => [...p.indices])).toEqual(c.indices);
      expect(parts.map((p) => p.length)).toEqual(c.indices.map((x) => x.length));
    });
  }
});

describe("default_collate of mixed samples, kFold and loader lengths = PyTorch's / d2l's", () => {
  const dec = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(dec);
    if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if ("tensor" in o) return torch.tensor(o.tensor as number[], { dtype: (torch as unknown as Record<string, torch.DType>)[o.dtype as string] });
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, dec(x)]));
    }
    return v;
  };
  for (const c of fixtures.collate as { name: string; samples: unknown[]; out: Enc }[]) {
    it(`defaultCollate: ${c.name}`, () => expectEncoded(defaultCollate(dec(c.samples) as unknown[]), c.out));
  }
  for (const c of fixtures.kFold as { n: number; k: number; i: number; out: Enc[] }[]) {
    it(`kFold(${c.k}, ${c.i}) of ${c.n} rows = d2l's get_k_fold_data; the dataset form picks the same rows`, () => {
      const X = torch.arange(c.n * 3, { dtype: torch.float32 }).reshape(c.n, 3).div(4);
      const y = torch.arange(c.n, { dtype: torch.float32 }).reshape(c.n, 1).mul(2);
      const got = kFold(c.k, c.i, X, y);
      got.forEach((t, j) => expectEncoded(t, c.out[j], `output ${j}`));
      const [train, valid] = kFold(c.k, c.i, new TensorDataset(X, y));
      expectEncoded([...new DataLoader(train, c.n)][0][0], c.out[0], "train subset");
      expectEncoded([...new DataLoader(valid, c.n)][0][1], c.out[3], "valid subset");
    });
  }
  it("len(DataLoader) over sizes, batch sizes and drop_last", () => {
    const cases = fixtures.lengths as { n: number; batchSize: number; dropLast: boolean; length: number }[];
    const got = cases.map((c) => new DataLoader({ length: c.n, get: (i: number) => i }, c.batchSize, { dropLast: c.dropLast }).length);
    expect(got).toEqual(cases.map((c) => c.length));
    // and the batches an epoch yields agree with the length
    for (const c of cases.filter((c) => c.n <= 256)) expect([...new DataLoader({ length: c.n, get: (i: number) => i }, c.batchSize, { dropLast: c.dropLast })].length).toBe(c.length);
  });
});
