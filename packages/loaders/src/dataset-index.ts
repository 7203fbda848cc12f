/**
 * The Dataset base class (an interface in effect) and the checks every loader function makes on a
 * dataset argument (its length) and on an index (PyTorch's IndexError text).
 */
import { IndexError, Tensor, TypeError, ValueError, argTypeError, bool, describeValue } from "@torchts/tensor";

/**
 * A map-style dataset, PyTorch's `Dataset` (`__len__` + `__getitem__`): a base class to
 * extend, as in PyTorch, or a shape to implement. Any object with a non-negative integer
 * `length` and a `get(index)` method is a dataset; it need not extend this class.
 * @example
 * class Squares extends Dataset<[number, number]> {
 *   get length() { return 10; }
 *   get(i: number): [number, number] { return [i, i * i]; }
 * }
 * const ds: Dataset<number> = { length: 3, get: (i) => i * 2 }; // structural: also a dataset
 */
export abstract class Dataset<T = unknown> {
  abstract readonly length: number;
  abstract get(index: number): T;
  /**
   * Optional fast path: the batch of `indices`, equal to `defaultCollate(indices.map(i => get(i)))`,
   * or `undefined` to decline (the DataLoader then collates item by item). Used only with the default collate.
   */
  getBatch?(indices: ArrayLike<number>): unknown;
}

/** True for anything usable as a map-style dataset. */
export function isDataset(v: unknown): v is Dataset {
  return v !== null && typeof v === "object" && typeof (v as Dataset).get === "function" && "length" in (v as object);
}

/** Checks the dataset argument of `fn` and returns its length (a non-negative integer, as Python's `len()` demands). */
export function datasetLength(fn: string, dataset: unknown, position = 0): number {
  if (!isDataset(dataset)) throw argTypeError(fn, "dataset", position, "Dataset (an object with length and get(index))", dataset);
  const n = (dataset as Dataset).length;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new TypeError(`${fn}(): the dataset's length must be an integer ('${describeValue(n)}' object cannot be interpreted as an integer), got ${String(n)}`);
  }
  if (n < 0) throw new ValueError(`${fn}(): the dataset's length should return >= 0, got ${n}`);
  return n;
}

/**
 * An index checked against a length: an integer in [-n, n), negatives counting from the end.
 * A non-integer raises IndexError as tensor indexing does (`asList`: TypeError, as a Python list does);
 * out of range, tensor indexing's message or (`asList`) Python's `list index out of range`.
 */
export function checkIndex(fn: string, index: unknown, n: number, asList = false): number {
  if (typeof index !== "number" || !Number.isInteger(index)) {
    const what = typeof index === "number" ? String(index) : describeValue(index);
    if (asList) throw new TypeError(`${fn}: indices must be integers, not ${what}`);
    throw new IndexError(`${fn}: indices must be integers (only integers are valid indices), not ${what}`);
  }
  if (index < -n || index >= n) {
    // Python's list (a Subset's indices) and a tensor (a TensorDataset's rows) word it differently
    if (asList) throw new IndexError(`${fn}: list index out of range (index ${index}, length ${n})`);
    throw new IndexError(`${fn}: index ${index} is out of bounds for dimension 0 with size ${n}`);
  }
  return index < 0 ? index + n : index;
}

/**
 * A list of indices given as an array (any array-like of integers) or, as PyTorch allows
 * (`Subset(ds, torch.randperm(n)[:k])`), a 1-D integer tensor: its values as numbers.
 */
export function indexList(fn: string, name: string, position: number | undefined, value: unknown): number[] {
  if (value instanceof Tensor) {
    if (value.ndim !== 1 || value.dtype.isFloatingPoint || value.dtype === bool) {
      throw argTypeError(fn, name, position, "a sequence of integers or a 1-D integer tensor", value);
    }
    return value.tolist() as number[];
  }
  if (value === null || typeof value !== "object" || typeof (value as ArrayLike<number>).length !== "number") {
    throw argTypeError(fn, name, position, "a sequence of integers", value);
  }
  const list = Array.from(value as ArrayLike<unknown>);
  list.forEach((v) => {
    if (typeof v !== "number" || !Number.isInteger(v)) throw argTypeError(fn, name, position, "a sequence of integers", v);
  });
  return list as number[];
}
