/**
 * PyTorch's `DataLoader` for map-style datasets: a sampler's indices, grouped
 * into batches, each batch collated. Iterate it once per epoch.
 *
 * Batches are produced on the calling thread, as PyTorch's `num_workers=0` does.
 * `numWorkers` is accepted and checked (d2l passes 4) but starts no workers: a
 * batch of a TensorDataset or of a whole-set transformed image dataset is one
 * memcpy-bound gather (about 0.1 ms for 256 Fashion-MNIST images), cheaper
 * than handing it between threads. PyTorch's worker options (`timeout`, `workerInitFn`,
 * `prefetchFactor`, `persistentWorkers`) and `pinMemory` are accepted and checked as
 * PyTorch checks them; with no workers and no GPU they change nothing, as in PyTorch
 * with `num_workers=0` on a CPU-only machine.
 */
import { Generator as TorchGenerator, Tensor, TypeError, ValueError, argTypeError, checkOptions, defaultGenerator } from "@torchts/tensor";
import { defaultCollate, type Collated } from "./collate";
import { datasetLength, indexList, type Dataset } from "./dataset-index";
import { BatchSampler, RandomSampler, SequentialSampler, checkBatchSize, checkDropLast, drawSeed, type Sampler } from "./sampler";

export interface DataLoaderOptions<T = unknown, B = Collated<T>> {
  /** Samples per batch (default 1); `null` turns batching off: each item is yielded as it is. Also accepted positionally. */
  batchSize?: number | null;
  /** A new random order every epoch (default false). */
  shuffle?: boolean;
  /** Where indices come from instead (exclusive with `shuffle`): a sampler, an array, or a 1-D integer tensor. */
  sampler?: Sampler | Tensor;
  /** Yields whole batches of indices (exclusive with batchSize, shuffle, sampler, dropLast). */
  batchSampler?: Iterable<number[]> & { readonly length?: number };
  /** Accepted for PyTorch's `num_workers` (non-negative integer); batches are made on the calling thread. */
  numWorkers?: number;
  /** Turns a list of samples into a batch (default: `defaultCollate`); with `batchSize: null`, PyTorch's way, it gets each item alone. */
  collateFn?: (samples: T[]) => B;
  /** Drop the last, short batch (default false). */
  dropLast?: boolean;
  /** Generator for the shuffle order and the per-epoch seed draw. */
  generator?: TorchGenerator;
  /** PyTorch's `pin_memory` (default false): CPU only, so it changes nothing. */
  pinMemory?: boolean;
  /** PyTorch's `timeout` for collecting a batch from workers (non-negative; default 0): there are none. */
  timeout?: number;
  /** PyTorch's `worker_init_fn` (a function or null): never called, as with `num_workers=0`. */
  workerInitFn?: ((workerId: number) => void) | null;
  /** PyTorch's `prefetch_factor` (default 2; any other value needs `numWorkers > 0`, as in PyTorch 1.13). */
  prefetchFactor?: number;
  /** PyTorch's `persistent_workers` (default false; true needs `numWorkers > 0`). */
  persistentWorkers?: boolean;
}

const KEYS = ["batchSize", "shuffle", "sampler", "batchSampler", "numWorkers", "collateFn", "pinMemory", "dropLast", "timeout", "workerInitFn", "generator", "prefetchFactor", "persistentWorkers"];

/** PyTorch's checks of the worker options (DataLoader.__init__'s first lines), in its order. */
function checkWorkerOptions(o: DataLoaderOptions<any, any>): number {
  const numWorkers = o.numWorkers ?? 0;
  if (typeof numWorkers !== "number" || !Number.isInteger(numWorkers)) throw argTypeError("DataLoader", "num_workers", undefined, "int", numWorkers);
  if (numWorkers < 0) throw new ValueError("DataLoader(): num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
  const timeout = o.timeout ?? 0;
  if (typeof timeout !== "number" || Number.isNaN(timeout)) throw argTypeError("DataLoader", "timeout", undefined, "float", timeout);
  if (timeout < 0) throw new ValueError("DataLoader(): timeout option should be non-negative");
  const prefetch = o.prefetchFactor ?? 2;
  if (typeof prefetch !== "number" || !Number.isInteger(prefetch)) throw argTypeError("DataLoader", "prefetch_factor", undefined, "int", prefetch);
  if (numWorkers === 0 && prefetch !== 2) {
    throw new ValueError("DataLoader(): prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.");
  }
  if (prefetch <= 0) throw new ValueError(`DataLoader(): prefetch_factor should be a positive integer, got ${prefetch}`);
  const persistent = o.persistentWorkers ?? false;
  if (typeof persistent !== "boolean") throw argTypeError("DataLoader", "persistent_workers", undefined, "bool", persistent);
  if (persistent && numWorkers === 0) throw new ValueError("DataLoader(): persistent_workers option needs num_workers > 0");
  const pin = o.pinMemory ?? false;
  if (typeof pin !== "boolean") throw argTypeError("DataLoader", "pin_memory", undefined, "bool", pin);
  const init = o.workerInitFn ?? null;
  if (init !== null && typeof init !== "function") throw argTypeError("DataLoader", "worker_init_fn", undefined, "a function or null", init);
  return numWorkers;
}

/**
 * Batches of a dataset, PyTorch's `torch.utils.data.DataLoader`.
 * @example
 * const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 256, shuffle: true });
 * // or new DataLoader(ds, 256, { shuffle: true })
 * for (const [Xb, yb] of loader) { ... }   // Xb: [256, ...X.shape.slice(1)], yb: [256]
 * loader.length;                            // Math.ceil(ds.length / 256) batches
 */
export class DataLoader<T = unknown, B = Collated<T>> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly numWorkers: number;
  readonly sampler: Sampler;
  readonly batchSampler: (Iterable<number[]> & { readonly length?: number }) | null;
  readonly generator: TorchGenerator | undefined;
  readonly collateFn: (samples: T[]) => B;
  private readonly autoCollate: boolean;
  private readonly userCollate: boolean;

  constructor(dataset: Dataset<T>, batchSize?: number | null | DataLoaderOptions<T, B>, options?: DataLoaderOptions<T, B>) {
    let opts: DataLoaderOptions<T, B> | undefined = options;
    let bs: unknown = 1;
    if (batchSize !== null && typeof batchSize === "object") {
      if (options !== undefined) throw argTypeError("DataLoader", "batch_size", 1, "int or None", batchSize);
      opts = batchSize as DataLoaderOptions<T, B>;
      bs = opts.batchSize === undefined ? 1 : opts.batchSize;
    } else {
      if (batchSize !== undefined) bs = batchSize;
      if (options !== undefined && options !== null && typeof options === "object" && "batchSize" in options) {
        throw new TypeError("DataLoader(): got multiple values for argument 'batch_size' (positionally and in the options)");
      }
    }
    checkOptions("DataLoader", opts, KEYS);
    datasetLength("DataLoader", dataset);
    const o = opts ?? {};
    const numWorkers = checkWorkerOptions(o);
    const shuffle = o.shuffle ?? false;
    if (typeof shuffle !== "boolean") throw argTypeError("DataLoader", "shuffle", undefined, "bool", shuffle);
    let dropLast = checkDropLast("DataLoader", o.dropLast ?? false);
    const generator = o.generator ?? undefined;
    if (generator !== undefined && !(generator instanceof TorchGenerator)) throw argTypeError("DataLoader", "generator", undefined, "torch.Generator", generator);
    if (o.collateFn !== undefined && typeof o.collateFn !== "function") throw argTypeError("DataLoader", "collate_fn", undefined, "a function", o.collateFn);
    // a 1-D integer tensor of indices is a sampler too (PyTorch iterates it)
    let sampler = o.sampler instanceof Tensor ? indexList("DataLoader", "sampler", undefined, o.sampler) : o.sampler;
    if (sampler !== undefined && (sampler === null || typeof (sampler as Sampler)[Symbol.iterator] !== "function")) {
      throw argTypeError("DataLoader", "sampler", undefined, "an iterable of indices", sampler);
    }
    if (sampler !== undefined && shuffle) throw new ValueError("DataLoader(): sampler option is mutually exclusive with shuffle");
    let batchSampler = o.batchSampler ?? null;
    if (batchSampler !== null) {
      if (typeof (batchSampler as Iterable<number[]>)[Symbol.iterator] !== "function") throw argTypeError("DataLoader", "batch_sampler", undefined, "an iterable of index lists", batchSampler);
      if (bs !== 1 || shuffle || sampler !== undefined || dropLast) {
        throw new ValueError("DataLoader(): batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
      }
      bs = null;
      dropLast = false;
    } else if (bs === null) {
      if (dropLast) throw new ValueError("DataLoader(): batch_size=None option disables auto-batching and is mutually exclusive with drop_last");
    } else {
      checkBatchSize("DataLoader", bs);
    }
    sampler ??= shuffle ? new RandomSampler(dataset, { generator }) : new SequentialSampler(dataset);
    if (bs !== null && batchSampler === null) batchSampler = new BatchSampler(sampler, bs as number, dropLast);
    this.dataset = dataset;
    this.batchSize = bs as number | null;
    this.dropLast = dropLast;
    this.numWorkers = numWorkers;
    this.sampler = sampler;
    this.batchSampler = batchSampler;
    this.generator = generator;
    this.autoCollate = o.collateFn === undefined;
    this.userCollate = o.collateFn !== undefined;
    this.collateFn = o.collateFn ?? (defaultCollate as unknown as (samples: T[]) => B);
  }

  /** The number of batches per epoch: `ceil(n / batchSize)`, or `floor` with `dropLast`. */
  get length(): number {
    if (this.batchSampler === null) {
      const n = this.sampler.length;
      if (typeof n !== "number") throw new TypeError("DataLoader.length: the sampler has no length (PyTorch: object has no len())");
      return n;
    }
    const n = this.batchSampler.length;
    if (typeof n !== "number") throw new TypeError("DataLoader.length: the batch sampler has no length (PyTorch: object has no len())");
    return n;
  }

  /** One epoch: each call draws a new order when shuffling. */
  [Symbol.iterator](): Iterator<B> {
    // PyTorch's _BaseDataLoaderIter draws a base seed (for workers) on every iter(), shuffling or not;
    // drawing it too (when iteration starts, not at the first batch) keeps the stream where PyTorch's is.
    drawSeed(this.generator ?? defaultGenerator);
    return this.epoch();
  }

  private *epoch(): globalThis.Generator<B> {
    const ds = this.dataset;
    if (this.batchSize === null && this.batchSampler === null) {
      for (const i of this.sampler) yield this.fetchOne(i) as unknown as B;
      return;
    }
    const fast = this.autoCollate && typeof ds.getBatch === "function";
    const s = this.sampler as { _epoch?: () => Float64Array };
    if (this.batchSampler instanceof BatchSampler && this.batchSampler.sampler === this.sampler && typeof s._epoch === "function") {
      // built-in samplers: one array per epoch, sliced into batches (no per-index iterator steps)
      const order = s._epoch();
      const bs = this.batchSize as number;
      const end = this.dropLast ? order.length - (order.length % bs) : order.length;
      for (let a = 0; a < end; a += bs) yield this.fetch(order.subarray(a, Math.min(a + bs, end)), fast);
      return;
    }
    for (const batch of this.batchSampler as Iterable<number[]>) yield this.fetch(batch, fast);
  }

  /** Without auto-batching PyTorch converts each item (default_convert: tensors and numbers stay as they are) or passes it to the given collateFn. */
  private fetchOne(i: number): T {
    const item = this.dataset.get(i);
    return this.userCollate ? (this.collateFn as unknown as (x: T) => T)(item) : item;
  }

  private fetch(indices: ArrayLike<number>, fast: boolean): B {
    if (fast) {
      const b = (this.dataset.getBatch as (ix: ArrayLike<number>) => unknown).call(this.dataset, indices);
      if (b !== undefined) return b as B;
    }
    const samples = new Array<T>(indices.length);
    for (let k = 0; k < indices.length; k++) samples[k] = this.dataset.get(indices[k]);
    return this.collateFn(samples);
  }
}
