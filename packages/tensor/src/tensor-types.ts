/** The option and result types of Tensor methods (kept apart so tensor.ts holds the class). */
import type { DType } from "./dtype";
import type { Tensor } from "./tensor";

/** A value accepted where PyTorch accepts a tensor or a Python scalar. */
export type TensorLike = Tensor | number | boolean;
export type DimArg = number | number[];
export interface ReduceOptions {
  dim?: DimArg;
  /** NumPy-style alias of `dim`, accepted as PyTorch accepts it. */
  axis?: DimArg;
  keepdim?: boolean;
  /** NumPy-style alias of `keepdim`. */
  keepdims?: boolean;
  /** sum, mean, prod: the input is cast to this dtype first (PyTorch's `dtype=`). */
  dtype?: DType;
}
/** Options of cumsum/cumprod. */
export interface ScanOptions {
  dim?: number;
  /** NumPy-style alias of `dim`. */
  axis?: number;
  /** The input is cast to this dtype first. */
  dtype?: DType;
}
/** Options of softmax/logSoftmax. */
export interface SoftmaxOptions {
  dim?: number;
  /** NumPy-style alias of `dim`. */
  axis?: number;
  /** The input is cast to this dtype first. */
  dtype?: DType;
}
export interface VarOptions extends Omit<ReduceOptions, "dtype"> {
  /** Bessel's correction: 1 (the default) divides by N-1, 0 by N. */
  correction?: number;
  /** PyTorch 1.13's spelling: unbiased=false is correction=0. */
  unbiased?: boolean;
}
/** `max(dim)`/`min(dim)` result: a named pair, also destructurable as `[values, indices]`. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
  [Symbol.iterator](): Iterator<Tensor>;
}
