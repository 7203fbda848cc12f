/**
 * torch.take and torch.put: read and write a tensor as if it were flattened to
 * one dim (row-major), at positions given by an int64 index tensor. Negative
 * positions count from the end, as in PyTorch.
 *
 * They are thin public forms of the `take` / `put` primitives (indexing.ts),
 * which every gather-like read and scatter-like write is built on.
 */
import { int64 } from "./dtype";
import { IndexError, RuntimeError } from "./errors";
import { composite } from "./hooks";
import { take as takePositions, put as putPositions } from "./indexing";
import { inplace } from "./inplace";
import { defineMethods } from "./methods";
import { checkedOp } from "./signature";
import type { Tensor } from "./tensor";

/** The flat positions of `index` in a tensor of `numel` elements, negative ones counted from the end. */
function positions(op: string, index: Tensor, numel: number): Int32Array {
  const v = index._values();
  const out = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const p = v[i];
    if (p < -numel || p >= numel) throw new IndexError(`${op}: out of range: tried to access index ${p} on a tensor of ${numel} elements.`);
    out[i] = p < 0 ? p + numel : p;
  }
  return out;
}

function checkIndex(op: string, index: Tensor): void {
  if (index.dtype !== int64) throw new RuntimeError(`${op}(): Expected a long tensor for index, but got ${index.dtype.scalarType}`);
}

/**
 * `input.flatten()[index]`, shaped like `index` (int64; negative positions count from the end).
 * Differentiable in `input` (TakeBackward0).
 * @example torch.take(torch.tensor([[4, 3, 5], [6, 7, 8]]), torch.tensor([0, 2, 5])) // tensor([4, 5, 8])
 */
export const take = checkedOp<(input: Tensor, index: Tensor) => Tensor>("take(Tensor input, Tensor index)", (input: Tensor, index: Tensor) => {
  checkIndex("take", index);
  const n = input.numel();
  if (n === 0 && index.numel() > 0) throw new IndexError("take: take(): tried to take from an empty tensor");
  return composite(takePositions(input, positions("take", index, n), index._shape.slice()), "take");
});

/** Options of put / put_. */
export interface PutOptions {
  /** Add `source` into the positions instead of overwriting them (repeated positions then add up). */
  accumulate?: boolean;
}

function putChecked(op: string, input: Tensor, index: Tensor, source: Tensor, accumulate: boolean): Tensor {
  checkIndex(op, index);
  if (source.numel() !== index.numel()) {
    throw new IndexError(
      `${op}: put_(): Expected source and index to have the same number of elements, but got source.numel() = ${source.numel()}, index.numel() = ${index.numel()}`,
    );
  }
  if (source.dtype !== input.dtype) {
    throw new RuntimeError(
      `${op}: put_(): self and source expected to have the same dtype, but got self.dtype = ${input.dtype.scalarType} and source.dtype = ${source.dtype.scalarType}`,
    );
  }
  const out = putPositions(input, positions(op, index, input.numel()), source, accumulate);
  return composite(out, "put");
}

/**
 * A copy of `input` with `input.flatten()[index[i]] = source.flatten()[i]` (or `+=` with
 * `accumulate`). `index` is int64 and has as many elements as `source`; `source` has input's dtype.
 * @example torch.put(torch.zeros(2, 3), torch.tensor([1, -1]), torch.tensor([9, 8], { dtype: torch.float32 }))
 * // tensor([[0., 9., 0.], [0., 0., 8.]])
 */
export const put = checkedOp<(input: Tensor, index: Tensor, source: Tensor, accumulate?: boolean | PutOptions, options?: PutOptions) => Tensor>(
  "put(Tensor input, Tensor index, Tensor source, bool accumulate=false)",
  (input: Tensor, index: Tensor, source: Tensor, accumulate: boolean) => putChecked("put", input, index, source, accumulate),
);

// computed out of place, then written through the view, as every in-place op (inplace.ts)
const putInplace = checkedOp("put_(Tensor input, Tensor index, Tensor source, bool accumulate=false)", (input: Tensor, index: Tensor, source: Tensor, accumulate: boolean) =>
  inplace(input, "put_", putChecked("put_", input, index, source, accumulate)),
);

/** The take/put methods (tensor.ts: `interface Tensor extends TakePutMethods`). */
export interface TakePutMethods {
  /** `torch.take(x, index)`: x read as if flattened, at int64 positions, shaped like index. */
  take(index: Tensor): Tensor;
  /** `torch.put(x, index, source)`: a copy of x with the flat positions written from source. */
  put(index: Tensor, source: Tensor, options?: PutOptions): Tensor;
  /** In place: `x.flatten()[index[i]] = source.flatten()[i]` (or `+=` with `accumulate`). */
  put_(index: Tensor, source: Tensor, options?: PutOptions): this;
}

defineMethods({ take: take.method, put: put.method, put_: putInplace.method });
