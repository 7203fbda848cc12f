/** The option and result types of Tensor methods (kept apart so tensor.ts holds the class). */
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
}
export interface VarOptions extends ReduceOptions {
  /** Bessel's correction: 1 (the default) divides by N-1, 0 by N. */
  correction?: number;
  /** Older PyTorch spelling: unbiased=false is correction=0. */
  unbiased?: boolean;
}
/** `max(dim)`/`min(dim)` result: a named pair, also destructurable as `[values, indices]`. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
  [Symbol.iterator](): Iterator<Tensor>;
}
