/**
 * Samplers (torch/utils/data/sampler.py): which dataset indices an epoch visits,
 * in which order, and how they group into batches.
 *
 * Random draws follow PyTorch 1.13 call for call, so the orders equal PyTorch's
 * once the generator's stream is PyTorch's mt19937: a RandomSampler without a
 * generator draws a seed as `torch.empty((), dtype=torch.int64).random_()` does
 * (one 64-bit draw: two 32-bit outputs), seeds a fresh Generator with it and
 * calls `randperm(n, generator)`; with a generator it calls `randperm(n, generator)`.
 */
import { Generator, Tensor, ValueError, TypeError, argTypeError, checkOptions, defaultGenerator, int64, randint, randperm } from "@torchts/tensor";
import { datasetLength, indexList } from "./dataset-index";
import type { Dataset } from "./dataset-index";
import { checkArity } from "@torchts/tensor/errors";

/** A sampler: anything iterable over dataset indices, optionally with a `length` (PyTorch's `__len__`). */
export type Sampler = Iterable<number> & { readonly length?: number };

/**
 * `torch.empty((), dtype=torch.int64).random_(generator=g)`: one 64-bit draw
 * (`random64()`: high word first, reduced mod 2^63). Only its low 32 bits seed a
 * Generator (PyTorch's mt19937 takes `seed & 0xffffffff`), so that word is returned:
 * a Generator seeded with it gives the same stream PyTorch's gives.
 */
export function drawSeed(g: Generator): number {
  g.nextUint32();
  return g.nextUint32();
}

function checkGenerator(fn: string, g: unknown): Generator | undefined {
  if (g === undefined || g === null) return undefined;
  if (!(g instanceof Generator)) throw argTypeError(fn, "generator", undefined, "torch.Generator", g);
  return g;
}

/**
 * The indices 0, 1, ..., n-1 in order (the DataLoader's default without shuffle).
 * @example [...new SequentialSampler(ds)] // [0, 1, 2, ...]
 */
export class SequentialSampler implements Sampler {
  readonly dataSource: Dataset;
  constructor(dataSource: Dataset) {
    checkArity("SequentialSampler", arguments, 1);
    datasetLength("SequentialSampler", dataSource);
    this.dataSource = dataSource;
  }
  get length(): number {
    return this.dataSource.length;
  }
  /** @internal One epoch's indices as one array (the DataLoader's fast path). */
  _epoch(): Float64Array {
    const n = datasetLength("SequentialSampler", this.dataSource);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = datasetLength("SequentialSampler", this.dataSource);
    for (let i = 0; i < n; i++) yield i;
  }
}

export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** How many indices per epoch (default: the dataset's length). */
  numSamples?: number;
  /** The generator to draw from (default: a fresh one per epoch, seeded from the global generator). */
  generator?: Generator;
}

/**
 * A random order of the indices, new every epoch (the DataLoader's `shuffle: true`).
 * @example new RandomSampler(ds, { generator: new torch.Generator().manualSeed(0) })
 */
export class RandomSampler implements Sampler {
  readonly dataSource: Dataset;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly _numSamples: number | undefined;

  constructor(dataSource: Dataset, options?: RandomSamplerOptions) {
    checkArity("RandomSampler", arguments, 2);
    checkOptions("RandomSampler", options, ["replacement", "numSamples", "generator"]);
    datasetLength("RandomSampler", dataSource);
    const replacement = options?.replacement ?? false;
    if (typeof replacement !== "boolean") throw new TypeError(`RandomSampler(): replacement should be a boolean value, but got replacement=${String(replacement)}`);
    this.dataSource = dataSource;
    this.replacement = replacement;
    this.generator = checkGenerator("RandomSampler", options?.generator);
    this._numSamples = options?.numSamples;
    const ns = this.length;
    if (typeof ns !== "number" || !Number.isInteger(ns) || ns <= 0) {
      throw new ValueError(`RandomSampler(): num_samples should be a positive integer value, but got num_samples=${String(ns)}`);
    }
  }

  /** PyTorch's `num_samples`. */
  get length(): number {
    return this._numSamples ?? this.dataSource.length;
  }

  /** @internal One epoch's indices as one array, drawn exactly as PyTorch's `__iter__` draws them. */
  _epoch(): Float64Array {
    const n = datasetLength("RandomSampler", this.dataSource);
    const m = this.length;
    const g = this.generator ?? new Generator(drawSeed(defaultGenerator));
    const out = new Float64Array(m);
    let k = 0;
    if (this.replacement) {
      const draw = (size: number) => {
        const v = randint(n, [size], { dtype: int64, generator: g })._values();
        for (let i = 0; i < size; i++) out[k++] = v[i];
      };
      for (let c = 0; c < Math.floor(m / 32); c++) draw(32);
      draw(m % 32);
    } else {
      const take = (p: Tensor, count: number) => {
        const v = p._values();
        for (let i = 0; i < count; i++) out[k++] = v[i];
      };
      for (let c = 0; c < Math.floor(m / n); c++) take(randperm(n, { generator: g }), n);
      take(randperm(n, { generator: g }), m % n);
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<number> {
    yield* this._epoch();
  }
}

/**
 * The given indices in a random order, new every epoch, PyTorch's `SubsetRandomSampler`.
 * @example new SubsetRandomSampler([0, 2, 4, 6])
 */
export class SubsetRandomSampler implements Sampler {
  readonly indices: readonly number[];
  readonly generator: Generator | undefined;
  constructor(indices: ArrayLike<number> | Tensor, options?: { generator?: Generator }) {
    checkArity("SubsetRandomSampler", arguments, 2);
    checkOptions("SubsetRandomSampler", options, ["generator"]);
    this.indices = indexList("SubsetRandomSampler", "indices", 0, indices);
    this.generator = checkGenerator("SubsetRandomSampler", options?.generator);
  }
  get length(): number {
    return this.indices.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    const p = randperm(this.indices.length, this.generator ? { generator: this.generator } : undefined)._values();
    for (let i = 0; i < p.length; i++) yield this.indices[p[i]];
  }
}

/** `batch_size should be a positive integer value, ...` — PyTorch's BatchSampler check (booleans and fractions refused). */
export function checkBatchSize(fn: string, batchSize: unknown): number {
  if (typeof batchSize !== "number" || !Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(`${fn}(): batch_size should be a positive integer value, but got batch_size=${describe(batchSize)}`);
  }
  return batchSize;
}

export function checkDropLast(fn: string, dropLast: unknown): boolean {
  if (typeof dropLast !== "boolean") throw new ValueError(`${fn}(): drop_last should be a boolean value, but got drop_last=${describe(dropLast)}`);
  return dropLast;
}

function describe(v: unknown): string {
  return typeof v === "string" ? `'${v}'` : Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
}

/**
 * Groups another sampler's indices into arrays of `batchSize` (the last one shorter
 * unless `dropLast`), PyTorch's `BatchSampler(sampler, batch_size, drop_last)`.
 * @example [...new BatchSampler(new SequentialSampler(ds10), 4, false)] // [[0,1,2,3],[4,5,6,7],[8,9]]
 */
export class BatchSampler implements Iterable<number[]> {
  readonly sampler: Sampler;
  readonly batchSize: number;
  readonly dropLast: boolean;
  constructor(sampler: Sampler, batchSize: number, dropLast: boolean) {
    checkArity("BatchSampler", arguments, 3);
    if (sampler === null || typeof sampler !== "object" || typeof (sampler as Sampler)[Symbol.iterator] !== "function") {
      throw argTypeError("BatchSampler", "sampler", 0, "an iterable of indices", sampler);
    }
    this.sampler = sampler;
    this.batchSize = checkBatchSize("BatchSampler", batchSize);
    this.dropLast = checkDropLast("BatchSampler", dropLast);
  }
  get length(): number {
    const n = this.sampler.length;
    if (typeof n !== "number") throw new TypeError("BatchSampler: the sampler has no length");
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const i of this.sampler) {
      batch.push(i);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
