/**
 * The reductions and scans, each declared once as its `torch.*` function from its
 * PyTorch signature (signature.ts checks every call against it); the Tensor
 * method of the same name (`x.sum(dim)` is `sum(x, dim)`) is derived from the same
 * declaration (tensor-methods.ts). Every export here must be such a function.
 * max, min (overloaded) and var (`torch.var`, also `torch.var_`) are declared in reduce.ts.
 */
import type { DType } from "./dtype";
import * as R from "./reduce";
import { checkedOp } from "./signature";
import type { Tensor } from "./tensor";
import type { DimArg, ReduceOptions, ScanOptions, SoftmaxOptions, VarOptions } from "./tensor-types";

/** A reduction's call forms: `f(x)`, `f(x, dim)`, `f(x, dim, keepdim)`, `f(x, { dim, keepdim, dtype })`, mixed. */
export type Reduction<D, O = ReduceOptions> = (input: Tensor, dim?: D | null | O, keepdim?: boolean | O, options?: O) => Tensor;

const spec = (dim: DimArg | undefined, keepdim: boolean): R.ReduceSpec => ({ dim, keepdim, correction: 1 });

/**
 * The sum over all dims, or over `dim`: `sum(x, 1)`, `sum(x, 1, true)`, `sum(x, { dim: [0, 2], keepdim: true })`.
 * Integers sum in int64 unless `{ dtype }` is given (the input is cast to it first, as in PyTorch).
 */
export const sum: Reduction<DimArg> = checkedOp("sum(Tensor input, int[1]? dim, bool keepdim=false, *, ScalarType? dtype)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean, dtype: DType | undefined) =>
  (dtype === undefined ? R.sum(x, spec(dim, keepdim)) : R.withDtype(x, dtype, (t) => R.sum(t, spec(dim, keepdim)))),
);
/** The mean over all dims or over `dim` (floating dtypes, or an integer input with a floating `{ dtype }`). */
export const mean: Reduction<DimArg> = checkedOp("mean(Tensor input, int[1]? dim, bool keepdim=false, *, ScalarType? dtype)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean, dtype: DType | undefined) =>
  (dtype === undefined ? R.mean(x, spec(dim, keepdim)) : R.withDtype(x, dtype, (t) => R.mean(t, spec(dim, keepdim)))),
);
/** The product over all elements, or along `dim` (one dim as in PyTorch; a list of dims is accepted too). */
export const prod: Reduction<DimArg> = checkedOp("prod(Tensor input, int[1]? dim, bool keepdim=false, *, ScalarType? dtype)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean, dtype: DType | undefined) =>
  (dtype === undefined ? R.prod(x, spec(dim, keepdim)) : R.withDtype(x, dtype, (t) => R.prod(t, spec(dim, keepdim)))),
);
/** The largest element over all dims or over `dim` (no indices; ties share the gradient). */
export const amax: Reduction<DimArg> = checkedOp("amax(Tensor input, int[1]? dim, bool keepdim=false)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean) =>
  R.amaxAmin("amax", x, spec(dim, keepdim)),
);
/** The smallest element over all dims or over `dim`. */
export const amin: Reduction<DimArg> = checkedOp("amin(Tensor input, int[1]? dim, bool keepdim=false)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean) =>
  R.amaxAmin("amin", x, spec(dim, keepdim)),
);
/** The index of the largest element (of the flattened tensor, or along `dim`). */
export const argmax: Reduction<number> = checkedOp("argmax(Tensor input, int? dim, bool keepdim=false)", (x: Tensor, dim: number | undefined, keepdim: boolean) =>
  R.argMaxMin("argmax", x, spec(dim, keepdim)),
);
/** The index of the smallest element (of the flattened tensor, or along `dim`). */
export const argmin: Reduction<number> = checkedOp("argmin(Tensor input, int? dim, bool keepdim=false)", (x: Tensor, dim: number | undefined, keepdim: boolean) =>
  R.argMaxMin("argmin", x, spec(dim, keepdim)),
);
/** True when every element is nonzero (over all dims or over `dim`); a bool tensor. */
export const all: Reduction<DimArg> = checkedOp("all(Tensor input, int[1]? dim, bool keepdim=false)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean) =>
  R.allAny("all", x, spec(dim, keepdim)),
);
/** True when some element is nonzero (over all dims or over `dim`); a bool tensor. */
export const any: Reduction<DimArg> = checkedOp("any(Tensor input, int[1]? dim, bool keepdim=false)", (x: Tensor, dim: DimArg | undefined, keepdim: boolean) =>
  R.allAny("any", x, spec(dim, keepdim)),
);
/**
 * The standard deviation, with Bessel's correction unless `{ correction: 0 }` (or `unbiased` false).
 * Positional order as PyTorch's: `std(x, dim, unbiased, keepdim)`.
 */
export const std: (input: Tensor, dim?: DimArg | null | VarOptions, unbiased?: boolean | VarOptions, keepdim?: boolean | VarOptions, options?: VarOptions) => Tensor =
  checkedOp("std(Tensor input, int[1]? dim, bool? unbiased, bool keepdim=false, *, float? correction)", R.varianceOp(true));
/** log Σ exp(x) over `dim`, computed stably (shifted by the maximum). */
export const logsumexp: (input: Tensor, dim: DimArg | ReduceOptions, keepdim?: boolean | ReduceOptions, options?: ReduceOptions) => Tensor = checkedOp(
  "logsumexp(Tensor input, int[1] dim, bool keepdim=false)",
  (x: Tensor, dim: DimArg, keepdim: boolean) => R.logsumexp(x, spec(dim, keepdim)),
);
/** softmax along `dim`: exp(x) / Σ exp(x), max-shifted; `dtype` casts the input first. */
export const softmax: (input: Tensor, dim: number | SoftmaxOptions, dtype?: DType | SoftmaxOptions, options?: SoftmaxOptions) => Tensor = checkedOp(
  "softmax(Tensor input, int dim, ScalarType? dtype)",
  (x: Tensor, dim: number, dtype: DType | undefined) => (dtype === undefined ? R.softmax(x, dim) : R.withDtype(x, dtype, (t) => R.softmax(t, dim))),
);
/** log_softmax along `dim`: x − logsumexp(x); `dtype` casts the input first. */
export const logSoftmax: (input: Tensor, dim: number | SoftmaxOptions, dtype?: DType | SoftmaxOptions, options?: SoftmaxOptions) => Tensor = checkedOp(
  "logSoftmax(Tensor input, int dim, ScalarType? dtype)",
  (x: Tensor, dim: number, dtype: DType | undefined) => (dtype === undefined ? R.logSoftmax(x, dim) : R.withDtype(x, dtype, (t) => R.logSoftmax(t, dim))),
);
/** Cumulative sum along `dim` (`cumsum(x, 0)`, `cumsum(x, { dim: 0, dtype })`). */
export const cumsum: (input: Tensor, dim: number | ScanOptions, options?: ScanOptions) => Tensor = checkedOp(
  "cumsum(Tensor input, int dim, *, ScalarType? dtype)",
  (x: Tensor, dim: number, dtype: DType | undefined) => (dtype === undefined ? R.cumulative("cumsum", x, dim) : R.withDtype(x, dtype, (t) => R.cumulative("cumsum", t, dim))),
);
/** Cumulative product along `dim`. */
export const cumprod: (input: Tensor, dim: number | ScanOptions, options?: ScanOptions) => Tensor = checkedOp(
  "cumprod(Tensor input, int dim, *, ScalarType? dtype)",
  (x: Tensor, dim: number, dtype: DType | undefined) => (dtype === undefined ? R.cumulative("cumprod", x, dim) : R.withDtype(x, dtype, (t) => R.cumulative("cumprod", t, dim))),
);
