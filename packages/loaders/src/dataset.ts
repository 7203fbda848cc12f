/**
 * torch.utils.data's map-style datasets: the `Dataset` interface (a length and
 * item access by index), `TensorDataset`, `Subset` and `ConcatDataset`.
 * A dataset may also offer `getBatch(indices)`, the already-collated batch; the
 * DataLoader uses it with the default collate (TensorDataset: one row gather
 * per tensor per batch instead of one stack of B small tensors).
 */
import { IndexError, RuntimeError, Tensor, ValueError, argTypeError } from "@torchts/tensor";
import { checkIndex, datasetLength, indexList } from "./dataset-index";
import { gatherRows } from "./gather";
import type { Dataset } from "./dataset-index";
import { checkArity, guardArity } from "@torchts/tensor/errors";

export type { Dataset };

/**
 * Rows of tensors that share their first dimension, PyTorch's `TensorDataset(*tensors)`.
 * `ds.get(i)` is `[t0.get(i), t1.get(i), ...]` (views); a DataLoader batch of B rows
 * is one gather per tensor: shapes `[B, ...t.shape.slice(1)]`.
 * @example
 * const ds = new TensorDataset(torch.randn(10, 2), torch.arange(10));
 * ds.length;  // 10
 * ds.get(3);  // [tensor([...]) (shape [2]), tensor(3)]
 */
/** getBatch's indices: an array or typed array (each entry is checked where it is read). */
function batchIndices(fn: string, indices: unknown): void {
  if (indices === null || typeof indices !== "object" || typeof (indices as ArrayLike<number>).length !== "number") {
    throw argTypeError(fn, "indices", 0, "a sequence of integers", indices);
  }
}

export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: Tensor[];

  constructor(...tensors: Tensor[]) {
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw argTypeError("TensorDataset", "tensors", i, "Tensor", t);
      if (t.ndim === 0) throw new IndexError(`TensorDataset(): tensor ${i} is 0-d: size(0) needs at least one dimension`);
    });
    if (tensors.length > 0 && tensors.some((t) => t.shape[0] !== tensors[0].shape[0])) {
      // PyTorch: AssertionError('Size mismatch between tensors')
      throw new RuntimeError(`TensorDataset(): Size mismatch between tensors: first dimensions are [${tensors.map((t) => t.shape[0]).join(", ")}]`);
    }
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors.length === 0 ? 0 : this.tensors[0].shape[0];
  }

  get(index: number): Tensor[] {
    const i = checkIndex("TensorDataset.get()", index, this.length);
    return this.tensors.map((t) => t.get(i));
  }

  getBatch(indices: ArrayLike<number>): Tensor[] {
    batchIndices("TensorDataset.getBatch", indices);
    return this.tensors.map((t) => gatherRows("TensorDataset", t, indices));
  }
}

/**
 * The rows `indices` of another dataset, PyTorch's `Subset(dataset, indices)`; the indices
 * may be an array or a 1-D integer tensor (`torch.randperm(n).get("0:k")`).
 * @example new Subset(ds, [0, 2, 4]).get(1) // ds.get(2)
 */
export class Subset<T = unknown> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];

  constructor(dataset: Dataset<T>, indices: ArrayLike<number> | Tensor) {
    checkArity("Subset", arguments, 2);
    datasetLength("Subset", dataset);
    this.dataset = dataset;
    this.indices = indexList("Subset", "indices", 1, indices);
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    const i = checkIndex("Subset.get()", index, this.indices.length, true);
    return this.dataset.get(this.indices[i]);
  }

  getBatch(indices: ArrayLike<number>): unknown {
    batchIndices("Subset.getBatch", indices);
    const inner = this.dataset.getBatch;
    if (!inner) return undefined;
    const n = this.indices.length;
    const mapped = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) mapped[k] = this.indices[checkIndex("Subset.get()", indices[k], n, true)];
    return inner.call(this.dataset, mapped);
  }
}

/**
 * Datasets one after another, PyTorch's `ConcatDataset(datasets)`.
 * @example new ConcatDataset([a, b]).length // a.length + b.length
 */
export class ConcatDataset<T = unknown> implements Dataset<T> {
  readonly datasets: Dataset<T>[];
  /** Running totals of the lengths, PyTorch's `cumulative_sizes`. */
  readonly cumulativeSizes: number[];

  constructor(datasets: Iterable<Dataset<T>>) {
    checkArity("ConcatDataset", arguments, 1);
    if (datasets === null || typeof datasets !== "object" || typeof (datasets as Iterable<Dataset<T>>)[Symbol.iterator] !== "function") {
      throw argTypeError("ConcatDataset", "datasets", 0, "an iterable of datasets", datasets);
    }
    this.datasets = Array.from(datasets);
    if (this.datasets.length === 0) throw new ValueError("ConcatDataset(): datasets should not be an empty iterable");
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d, i) => (total += datasetLength("ConcatDataset", d, i)));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1];
  }

  get(index: number): T {
    if (typeof index === "number" && Number.isInteger(index) && index < 0 && -index > this.length) {
      throw new ValueError(`ConcatDataset.get(): absolute value of index should not exceed dataset length (index ${index}, length ${this.length})`);
    }
    // past the end: PyTorch's bisect runs off cumulative_sizes (list index out of range);
    // a non-integer reaches the inner dataset in PyTorch (a TensorDataset's IndexError)
    if (typeof index === "number" && Number.isInteger(index) && index >= this.length) {
      throw new IndexError(`ConcatDataset.get(): list index out of range (index ${index}, length ${this.length})`);
    }
    const i = checkIndex("ConcatDataset.get()", index, this.length);
    let d = 0;
    while (this.cumulativeSizes[d] <= i) d++;
    return this.datasets[d].get(d === 0 ? i : i - this.cumulativeSizes[d - 1]);
  }
}

// Python raises on extra positional arguments; JavaScript would drop them.
guardArity(TensorDataset, { get: 1, getBatch: 1 });
guardArity(Subset, { get: 1, getBatch: 1 });
guardArity(ConcatDataset, { get: 1 });
