/**
 * PyTorch's `default_collate` (torch/utils/data/_utils/collate.py): a list of
 * samples becomes one batch, recursively by the first sample's kind.
 */
import { IndexError, RuntimeError, Tensor, TypeError, bool, float32, float64, int64, stack, tensor } from "@torchts/tensor";
import { KeyError } from "./errors";
import { checkArity } from "@torchts/tensor/errors";

/** The batch type `defaultCollate` gives for samples of type T. */
export type Collated<T> = 0 extends 1 & T
  ? any
  : T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

const MSG = "default_collate: batch must contain tensors, numbers, dicts or lists";

/**
 * Collates a list of samples as PyTorch's `default_collate` does:
 * - tensors → `torch.stack(batch, 0)` (shape `[B, ...]`);
 * - numbers → an int64 tensor when all are integers, else float64 (JavaScript has one
 *   number type: Python's `int` gives int64, its `float` float64); booleans → bool;
 *   booleans mixed with numbers count as 0 and 1 (Python's bool is an int): a batch starting
 *   with a boolean takes Python's `int` path (int64, or float32 when a fraction follows);
 * - strings → the array unchanged;
 * - arrays (Python's lists and tuples) → an array with each position collated (all samples
 *   of equal length); plain objects (dicts) → an object with each key collated.
 * @example defaultCollate([[torch.ones(2), 0], [torch.zeros(2), 1]]) // [tensor of shape [2, 2], tensor([0, 1])]
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  checkArity("defaultCollate", arguments, 1);
  if (!Array.isArray(batch)) throw new TypeError(`default_collate(): argument 'batch' must be an array of samples, not ${typeof batch}`);
  // PyTorch reads batch[0] first: IndexError('list index out of range')
  if (batch.length === 0) throw new IndexError("default_collate(): list index out of range (the batch is empty: nothing to collate)");
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) {
    for (let i = 1; i < batch.length; i++) {
      if (!(batch[i] instanceof Tensor)) throw new TypeError(`${MSG}; found Tensor at entry 0 and ${kind(batch[i])} at entry ${i}`);
    }
    return stack(batch as Tensor[], 0);
  }
  if (typeof elem === "number" || typeof elem === "boolean") {
    // Python's bool is an int: torch.tensor([True, 1]) is int64, [1, True] too
    let ints = true;
    let bools = true;
    for (let i = 0; i < batch.length; i++) {
      const v = batch[i];
      if (typeof v === "boolean") continue;
      if (typeof v !== "number") throw new TypeError(`${MSG}; found ${typeof elem} at entry 0 and ${kind(v)} at entry ${i}`);
      bools = false;
      if (!Number.isInteger(v)) ints = false;
    }
    if (bools) return tensor(batch as boolean[], { dtype: bool });
    const values = batch.map((v) => Number(v));
    // a leading boolean is Python's int path (torch.tensor(batch): float32 when a fraction follows);
    // a leading number with a fraction is read as Python's float (float64)
    return tensor(values, { dtype: ints ? int64 : typeof elem === "boolean" ? float32 : float64 });
  }
  if (typeof elem === "string") return batch.slice();
  if (Array.isArray(elem)) {
    const size = elem.length;
    batch.forEach((v, i) => {
      if (!Array.isArray(v)) throw new TypeError(`${MSG}; found Array at entry 0 and ${kind(v)} at entry ${i}`);
      if (v.length !== size) throw new RuntimeError(`default_collate: each element in list of batch should be of equal size (entry 0 has ${size}, entry ${i} has ${v.length})`);
    });
    const out = new Array<unknown>(size);
    for (let j = 0; j < size; j++) out[j] = collate(batch.map((v) => (v as unknown[])[j]));
    return out;
  }
  if (elem !== null && typeof elem === "object" && Object.getPrototypeOf(elem) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      out[key] = collate(
        batch.map((v, i) => {
          if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof Tensor) {
            throw new TypeError(`${MSG}; found a dict at entry 0 and ${kind(v)} at entry ${i} (indices must be integers, not str)`);
          }
          if (!(key in (v as object))) throw new KeyError(`default_collate: key '${key}' missing from sample ${i}`);
          return (v as Record<string, unknown>)[key];
        }),
      );
    }
    return out;
  }
  throw new TypeError(`${MSG}; found ${kind(elem)}`);
}

function kind(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (v instanceof Tensor) return "Tensor";
  if (Array.isArray(v)) return "Array";
  if (typeof v === "object") return (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name ?? "object";
  return typeof v;
}
