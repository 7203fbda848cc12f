/**
 * Shape, view, split and gather ops, each declared once as its `torch.*`
 * function from its PyTorch signature (signature.ts checks every call against it);
 * the Tensor method of the same name (`x.flatten(1)` is `flatten(x, 1)`) is derived
 * from the same declaration (tensor-methods.ts). Every export here must be such a
 * function. Method-only view ops (view, viewAs, expand, repeat, contiguous, detach,
 * `.T`, ...) and the methods of reshape/permute (which take their sizes as rest
 * arguments) are declared in views.ts.
 */
import * as V from "./views";
import * as C from "./combine";
import * as I from "./indexing";
import { checkedOp } from "./signature";
import type { Tensor } from "./tensor";

/** Named forms of the dim arguments (`x.flatten({ startDim: 1 })`, `x.split(2, { dim: 1 })`). */
export interface DimOptions {
  dim?: number;
  /** NumPy-style alias of `dim`. */
  axis?: number;
}

/** Dims `startDim..endDim` merged into one (a view when the strides allow it). */
export const flatten: (input: Tensor, startDim?: number | { startDim?: number; endDim?: number }, endDim?: number | { endDim?: number }, options?: { endDim?: number }) => Tensor =
  checkedOp("flatten(Tensor input, int startDim=0, int endDim=-1)", V.flatten);
/**
 * Dim `dim` split into `sizes` (one of them may be −1): `(2, 6).unflatten(1, [2, 3])` is `(2, 2, 3)`.
 * @example torch.arange(6).unflatten(0, [2, -1])  // shape [2, 3]
 */
export const unflatten: (input: Tensor, dim: number, sizes: number[]) => Tensor = checkedOp("unflatten(Tensor input, int dim, int[] sizes)", V.unflatten);
/** Size-1 dims removed (all of them, or those among `dim`). */
export const squeeze: (input: Tensor, dim?: number | number[] | null | { dim?: number | number[]; axis?: number | number[] }) => Tensor = checkedOp(
  "squeeze(Tensor input, int[1]? dim)",
  V.squeeze,
);
/** A size-1 dim inserted at `dim`. */
export const unsqueeze: (input: Tensor, dim: number | DimOptions) => Tensor = checkedOp("unsqueeze(Tensor input, int dim)", V.unsqueeze);
/** Dims `dim0` and `dim1` swapped (a view). */
export const transpose: (input: Tensor, dim0: number | { dim0: number; dim1: number }, dim1?: number | { dim1: number }) => Tensor = checkedOp(
  "transpose(Tensor input, int dim0, int dim1)",
  V.transpose,
);
/** The 2-D transpose; a 0-D or 1-D tensor gives a new view of itself, as PyTorch's t(). */
export const t: (input: Tensor) => Tensor = checkedOp("t(Tensor input)", V.t);
/** A new contiguous copy (recorded as `clone`). */
export const clone: (input: Tensor) => Tensor = checkedOp("clone(Tensor input)", V.clone);
/** `length` elements of `dim` from `start` (a view). */
export const narrow: (input: Tensor, dim: number, start: number, length: number) => Tensor = checkedOp("narrow(Tensor input, int dim, int start, int length)", V.narrow);
/** Element `index` of `dim`, that dim removed (a view). */
export const select: (input: Tensor, dim: number, index: number) => Tensor = checkedOp("select(Tensor input, int dim, int index)", V.select);
/** Views of `splitSize` elements along dim (the last may be smaller), or of the given sizes. */
export const split: (input: Tensor, splitSize: number | number[], dim?: number | DimOptions, options?: DimOptions) => Tensor[] = checkedOp(
  "split(Tensor input, int|int[] splitSize, int dim=0)",
  C.split,
);
/** `chunks` pieces along dim, each of ceil(size / chunks) (the last may be smaller). */
export const chunk: (input: Tensor, chunks: number, dim?: number | DimOptions, options?: DimOptions) => Tensor[] = checkedOp("chunk(Tensor input, int chunks, int dim=0)", C.chunk);
/** Remove a dim, returning every slice along it. */
export const unbind: (input: Tensor, dim?: number | DimOptions, options?: DimOptions) => Tensor[] = checkedOp("unbind(Tensor input, int dim=0)", C.unbind);
/** out[i][j] = input[index[i][j]][j] (dim 0), PyTorch's gather; `index` is int64 with input's number of dims. */
export const gather: (input: Tensor, dim: number, index: Tensor) => Tensor = checkedOp("gather(Tensor input, int dim, Tensor index)", I.gather);
/** The entries of `index` (an int64 tensor or an array of ints) along `dim`. */
export const indexSelect: (input: Tensor, dim: number, index: Tensor | number[]) => Tensor = checkedOp("indexSelect(Tensor input, int dim, Tensor|int[] index)", I.indexSelect);
/** The elements where `mask` (bool, broadcast to input) is true, as a 1-D tensor. */
export const maskedSelect: (input: Tensor, mask: Tensor) => Tensor = checkedOp("maskedSelect(Tensor input, Tensor mask)", I.maskedSelect);
/**
 * The coordinates of the nonzero elements, one row each: int64 [count, ndim].
 * @example torch.nonzero(torch.tensor([0, 3, 0, 5])) // tensor([[1], [3]])
 */
export const nonzero: (input: Tensor) => Tensor = checkedOp("nonzero(Tensor input)", I.nonzero);

/** `torch.reshape(x, 3, -1)`: a view when the strides allow it, else a copy. */
export function reshape(input: Tensor, ...shape: (number | number[])[]): Tensor {
  return V.reshape(input, shape);
}
/** `torch.permute(x, 2, 0, 1)`: the dims reordered (a view). */
export function permute(input: Tensor, ...dims: (number | number[])[]): Tensor {
  return V.permute(input, dims);
}
