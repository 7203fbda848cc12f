import * as torch from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { BatchSampler, DataLoader, RandomSampler, SequentialSampler, SubsetRandomSampler, TensorDataset, type Dataset } from "./index";

const labels = (loader: Iterable<torch.Tensor[]>) => [...loader].map((b) => b[1].tolist() as number[]);

describe("DataLoader", () => {
  const n = 103;
  const ds = new TensorDataset(torch.arange(n * 2, { dtype: torch.float32 }).reshape(n, 2), torch.arange(n));

  it("length is ceil(n / batchSize), floor with dropLast; the last batch is short", () => {
    expect(new DataLoader(ds, 10).length).toBe(11);
    expect(new DataLoader(ds, { batchSize: 10, dropLast: true }).length).toBe(10);
    const sizes = [...new DataLoader(ds, 10)].map((b) => b[0].shape[0]);
    expect(sizes).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
    expect([...new DataLoader(ds, { batchSize: 10, dropLast: true })].length).toBe(10);
    expect(new DataLoader(ds).length).toBe(n); // batch_size defaults to 1
  });

  it("rows keep their pairing: X row k is [2y, 2y+1]", () => {
    for (const [X, y] of new DataLoader(ds, 16, { shuffle: true })) {
      expect(X.get(":", 0).tolist()).toEqual((y.tolist() as number[]).map((v) => 2 * v));
      expect(X.dtype).toBe(torch.float32);
      expect(y.dtype).toBe(torch.int64);
    }
  });

  it("every index appears exactly once per shuffled epoch, and the order changes between epochs", () => {
    const loader = new DataLoader(ds, 7, { shuffle: true });
    const epochs = [0, 1, 2].map(() => labels(loader).flat());
    for (const e of epochs) expect([...e].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(epochs[1]).not.toEqual(epochs[2]);
    // a shuffled order is far from sorted: few fixed points (expected 1)
    expect(epochs[0].filter((v, i) => v === i).length).toBeLessThan(8);
  });

  it("equal seeds give equal orders (manualSeed and a Generator); different seeds differ", () => {
    torch.manualSeed(5);
    const a = labels(new DataLoader(ds, 8, { shuffle: true }));
    torch.manualSeed(5);
    const b = labels(new DataLoader(ds, 8, { shuffle: true }));
    expect(a).toEqual(b);
    const g = (s: number) => new DataLoader(ds, 8, { shuffle: true, generator: new torch.Generator().manualSeed(s) });
    expect(labels(g(1))).toEqual(labels(g(1)));
    expect(labels(g(1))).not.toEqual(labels(g(2)));
    // a loader's generator makes the order independent of the global stream
    const l1 = g(3);
    torch.manualSeed(0);
    const o1 = labels(l1);
    const l2 = g(3);
    torch.manualSeed(99);
    expect(labels(l2)).toEqual(o1);
  });

  it("iterating draws from the global stream even without shuffling (PyTorch's base seed)", () => {
    torch.manualSeed(0);
    const r0 = torch.rand(1).item();
    torch.manualSeed(0);
    [...new DataLoader(ds, 50)];
    expect(torch.rand(1).item()).not.toBe(r0);
  });

  it("position of each index is uniform over many epochs (chi-square on index 0's batch)", () => {
    const small = new TensorDataset(torch.arange(10), torch.arange(10));
    const loader = new DataLoader(small, 5, { shuffle: true, generator: new torch.Generator().manualSeed(7) });
    const counts = [0, 0];
    for (let e = 0; e < 2000; e++) {
      const bs = labels(loader);
      counts[bs[0].includes(0) ? 0 : 1]++;
    }
    const chi = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi).toBeLessThan(10.83); // p = 0.001, 1 degree of freedom
  });

  it("batchSize positional or in the options; a sampler, a batchSampler, a collateFn; batchSize null", () => {
    expect(labels(new DataLoader(ds, { batchSize: 50, sampler: [5, 3, 1] }))).toEqual([[5, 3, 1]]);
    expect(labels(new DataLoader(ds, { batchSampler: [[0, 1], [7]] }))).toEqual([[0, 1], [7]]);
    const sums = [...new DataLoader(ds, 4, { collateFn: (s) => s.length })];
    expect(sums.slice(0, 2)).toEqual([4, 4]);
    const items = [...new DataLoader(ds, { batchSize: null, sampler: [2] })];
    expect((items[0] as torch.Tensor[])[1].item()).toBe(2);
    expect(new DataLoader(ds, 4, { numWorkers: 4 }).numWorkers).toBe(4);
  });

  it("a TensorDataset batch is one gather per tensor (getBatch), never a get() and stack per sample", () => {
    const t = new TensorDataset(torch.arange(40, { dtype: torch.float32 }).reshape(20, 2), torch.arange(20));
    let gets = 0, batches = 0;
    const get = t.get.bind(t), getBatch = t.getBatch.bind(t);
    t.get = (i) => (gets++, get(i));
    t.getBatch = (ix) => (batches++, getBatch(ix));
    const out = [...new DataLoader(t, 8, { shuffle: true })];
    expect(gets).toBe(0);
    expect(batches).toBe(3);
    expect(out.map((b) => b[0].shape[0])).toEqual([8, 8, 4]);
    // a user collateFn goes item by item, as PyTorch's
    [...new DataLoader(t, 8, { collateFn: (s) => s.length })];
    expect(gets).toBe(20);
  });

  it("user datasets work with the default collate", () => {
    class Sq implements Dataset<[number, number]> {
      readonly length = 5;
      get(i: number): [number, number] {
        return [i, i * i];
      }
    }
    const [b] = [...new DataLoader(new Sq(), 5)];
    expect(b[1].tolist()).toEqual([0, 1, 4, 9, 16]);
    expect(b[1].dtype).toBe(torch.int64);
  });
});

describe("DataLoader and sampler errors", () => {
  const ds = new TensorDataset(torch.arange(10));
  it("batch sizes: zero, negative, fractional, boolean, string", () => {
    for (const bs of [0, -1, 2.5, true, "4"]) {
      expect(() => new DataLoader(ds, bs as never)).toThrow(/batch_size should be a positive integer value/);
      expect(() => new DataLoader(ds, { batchSize: bs as never })).toThrow(/batch_size should be a positive integer value/);
    }
  });
  it("option conflicts and bad options", () => {
    expect(() => new DataLoader(ds, { sampler: [0], shuffle: true })).toThrow(/sampler option is mutually exclusive with shuffle/);
    expect(() => new DataLoader(ds, { batchSampler: [[0]], batchSize: 2 })).toThrow(/mutually exclusive/);
    expect(() => new DataLoader(ds, { batchSize: null, dropLast: true })).toThrow(/disables auto-batching/);
    expect(() => new DataLoader(ds, { numWorkers: -1 })).toThrow(/num_workers option should be non-negative/);
    expect(() => new DataLoader(ds, { shufle: true } as never)).toThrow(/unknown option 'shufle' \(did you mean 'shuffle'\?\)/);
    expect(() => new DataLoader(ds, { generator: 3 } as never)).toThrow(/generator/);
    expect(() => new DataLoader(ds, { collateFn: "x" } as never)).toThrow(/collate_fn/);
    expect(() => new DataLoader(ds, 4, { batchSize: 4 })).toThrow(torch.TypeError);
    expect(() => new DataLoader(ds, 4, { batchSize: 4 })).toThrow(/got multiple values for argument 'batch_size'/);
  });
  it("PyTorch's worker options: accepted, checked in PyTorch's order with its messages", () => {
    const l = new DataLoader(ds, 4, { numWorkers: 2, pinMemory: true, timeout: 5, workerInitFn: () => { throw new Error("never called"); }, prefetchFactor: 4, persistentWorkers: true });
    expect([...l].length).toBe(3); // batches on the calling thread; worker_init_fn never runs
    expect(new DataLoader(ds, { prefetchFactor: 2, workerInitFn: null, pinMemory: false }).length).toBe(10);
    expect(() => new DataLoader(ds, { timeout: -1 })).toThrow(/timeout option should be non-negative/);
    expect(() => new DataLoader(ds, { prefetchFactor: 4 })).toThrow(/prefetch_factor option could only be specified in multiprocessing/);
    expect(() => new DataLoader(ds, { persistentWorkers: true })).toThrow(/persistent_workers option needs num_workers > 0/);
    expect(() => new DataLoader(ds, { numWorkers: -1, timeout: -1 })).toThrow(/num_workers option should be non-negative/);
    expect(() => new DataLoader(ds, { pinMemory: "yes" } as never)).toThrow(/DataLoader\(\): argument 'pin_memory' must be bool/);
    expect(() => new DataLoader(ds, { workerInitFn: 3 } as never)).toThrow(/worker_init_fn/);
    expect(() => new DataLoader(ds, { timeout: "1" } as never)).toThrow(/argument 'timeout'/);
  });
  it("batchSize null: each item alone, through collateFn when one is given (PyTorch's non-auto-collation)", () => {
    const items = [...new DataLoader(ds, { batchSize: null, sampler: [3, 1], collateFn: (x) => (x as unknown as torch.Tensor[])[0].mul(10) })];
    expect(items.map((t) => (t as unknown as torch.Tensor).item())).toEqual([30, 10]);
    expect(new DataLoader(ds, { batchSize: null }).length).toBe(10);
    // a sampler without a length: len() is PyTorch's TypeError, iteration still works
    function* gen() {
      yield 1;
      yield 2;
    }
    expect(() => new DataLoader(ds, { batchSize: null, sampler: gen() }).length).toThrow(torch.TypeError);
    expect(() => new DataLoader(ds, { batchSize: 2, sampler: gen() }).length).toThrow(torch.TypeError);
    expect(() => new DataLoader(ds, { batchSampler: gen() as never }).length).toThrow(/has no length/);
    expect([...new DataLoader(ds, { batchSize: 2, sampler: gen() })].map((b) => b[0].tolist())).toEqual([[1, 2]]);
  });
  it("non-datasets and bad lengths", () => {
    expect(() => new DataLoader([1, 2, 3] as never)).toThrow(/argument 'dataset' \(position 0\) must be Dataset/);
    expect(() => new DataLoader({ length: 2.5, get: () => 0 })).toThrow(/length must be an integer/);
    expect(() => new DataLoader({ length: -1, get: () => 0 })).toThrow(/>= 0/);
    expect(() => new DataLoader({ length: "3", get: () => 0 } as never)).toThrow(/length must be an integer/);
  });
  it("a sampler yielding out-of-range or non-integer indices; a throwing collateFn", () => {
    expect(() => [...new DataLoader(ds, { batchSize: 2, sampler: [0, 10] })]).toThrow(/index 10 is out of bounds for dimension 0 with size 10/);
    expect(() => [...new DataLoader(ds, { batchSize: 2, sampler: [1.5] })]).toThrow(/indices must be integers/);
    expect(() => [...new DataLoader(ds, { batchSize: 2, collateFn: () => { throw new Error("boom"); } })]).toThrow("boom");
    // the first batch arrives before a bad index later: no partial batch is yielded
    const it = new DataLoader(ds, { batchSize: 2, sampler: [0, 1, 2, 99] })[Symbol.iterator]();
    expect(it.next().value![0].tolist()).toEqual([0, 1]);
    expect(() => it.next()).toThrow(/out of bounds/);
  });
  it("samplers check their arguments", () => {
    expect(() => new RandomSampler(ds, { numSamples: 0 })).toThrow(/num_samples should be a positive integer value/);
    expect(() => new RandomSampler(ds, { replacement: 1 as never })).toThrow(/replacement should be a boolean/);
    expect(() => new BatchSampler(new SequentialSampler(ds), 0, false)).toThrow(/batch_size/);
    expect(() => new BatchSampler(new SequentialSampler(ds), 2, 1 as never)).toThrow(/drop_last should be a boolean/);
    expect(() => new SubsetRandomSampler(5 as never)).toThrow(/indices/);
  });
  it("samplers: sequential, random with replacement and numSamples, subset random, batch", () => {
    expect([...new SequentialSampler(ds)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const r = [...new RandomSampler(ds, { replacement: true, numSamples: 70 })];
    expect(r.length).toBe(70);
    expect(r.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    const r2 = [...new RandomSampler(ds, { numSamples: 25 })];
    expect(r2.length).toBe(25);
    expect([...r2.slice(0, 10)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([...new SubsetRandomSampler([4, 8, 12])].sort((a, b) => a - b)).toEqual([4, 8, 12]);
    const bsamp = new BatchSampler(new SequentialSampler(ds), 4, false);
    expect([...bsamp]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(bsamp.length).toBe(3);
    expect(new BatchSampler(new SequentialSampler(ds), 4, true).length).toBe(2);
  });
});
