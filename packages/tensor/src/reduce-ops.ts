/**
 * The reductions and scans, each declared once as its `torch.*` function; the
 * Tensor method of the same name (`x.sum(dim)` is `sum(x, dim)`) is derived from
 * it (tensor-methods.ts). Every export here must be such a function. max, min
 * (overloaded) and var (`torch.var_`) are declared in reduce.ts.
 */
import * as R from "./reduce";
import type { Tensor } from "./tensor";
import type { DimArg, ReduceOptions, VarOptions } from "./tensor-types";

/** The sum over all dims, or over `dim`: `sum(x, 1)`, `sum(x, { dim: [0, 2], keepdim: true })`. Integers sum in int64. */
export function sum(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.sum(input, R.reduceArgs(dim, options));
}
/** The mean over all dims or over `dim` (floating dtypes only). */
export function mean(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.mean(input, R.reduceArgs(dim, options));
}
/** The product over all elements or along one dim. */
export function prod(input: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.prod(input, R.reduceArgs(dim, options));
}
/** The largest element over all dims or over `dim` (no indices; ties share the gradient). */
export function amax(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.amaxAmin("amax", input, R.reduceArgs(dim, options));
}
/** The smallest element over all dims or over `dim`. */
export function amin(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.amaxAmin("amin", input, R.reduceArgs(dim, options));
}
/** The index of the largest element (of the flattened tensor, or along `dim`). */
export function argmax(input: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.argMaxMin("argmax", input, R.reduceArgs(dim, options));
}
/** The index of the smallest element (of the flattened tensor, or along `dim`). */
export function argmin(input: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.argMaxMin("argmin", input, R.reduceArgs(dim, options));
}
/** True when every element is nonzero (over all dims or over `dim`); a bool tensor. */
export function all(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.allAny("all", input, R.reduceArgs(dim, options));
}
/** True when some element is nonzero (over all dims or over `dim`); a bool tensor. */
export function any(input: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.allAny("any", input, R.reduceArgs(dim, options));
}
/** The standard deviation, with Bessel's correction unless `{ correction: 0 }`. */
export function std(input: Tensor, dim?: DimArg | VarOptions, options?: VarOptions): Tensor {
  return R.variance(input, R.reduceArgs(dim, options), true);
}
/** log Σ exp(x) over `dim`, computed stably (shifted by the maximum). */
export function logsumexp(input: Tensor, dim: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
  return R.logsumexp(input, R.reduceArgs(dim, options));
}
/** softmax along `dim`: exp(x) / Σ exp(x), max-shifted. */
export function softmax(input: Tensor, dim: number): Tensor {
  return R.softmax(input, dim);
}
/** log_softmax along `dim`: x − logsumexp(x). */
export function logSoftmax(input: Tensor, dim: number): Tensor {
  return R.logSoftmax(input, dim);
}
/** Cumulative sum along `dim`. */
export function cumsum(input: Tensor, dim: number | { dim: number }): Tensor {
  return R.cumulative("cumsum", input, typeof dim === "number" ? dim : dim?.dim);
}
/** Cumulative product along `dim`. */
export function cumprod(input: Tensor, dim: number | { dim: number }): Tensor {
  return R.cumulative("cumprod", input, typeof dim === "number" ? dim : dim?.dim);
}
