/**
 * torch.* function forms of the Tensor methods (`torch.exp(x)`, `torch.cat(...)`).
 * Each is a one-line forward to the op module, so both spellings share one implementation.
 */
import * as E from "./elementwise";
import * as R from "./reduce";
import type { Tensor, TensorLike, DimArg, ReduceOptions, VarOptions, ValuesIndices } from "./tensor";

export const add = (a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor => E.add(a, b, options);
export const sub = (a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor => E.sub(a, b, options);
export const mul = (a: TensorLike, b: TensorLike): Tensor => E.binary("mul", a, b);
export const div = (a: TensorLike, b: TensorLike, options?: { roundingMode?: "floor" | "trunc" }): Tensor => E.div(a, b, options);
export const pow = (a: TensorLike, b: TensorLike): Tensor => E.binary("pow", a, b);
export const floorDivide = (a: TensorLike, b: TensorLike): Tensor => E.binary("floorDivide", a, b);
export const remainder = (a: TensorLike, b: TensorLike): Tensor => E.remainder(a, b);
export const maximum = (a: Tensor, b: Tensor): Tensor => E.binary("maximum", a, b);
export const minimum = (a: Tensor, b: Tensor): Tensor => E.binary("minimum", a, b);
export const eq = (a: TensorLike, b: TensorLike): Tensor => E.binary("eq", a, b);
export const ne = (a: TensorLike, b: TensorLike): Tensor => E.binary("ne", a, b);
export const lt = (a: TensorLike, b: TensorLike): Tensor => E.binary("lt", a, b);
export const le = (a: TensorLike, b: TensorLike): Tensor => E.binary("le", a, b);
export const gt = (a: TensorLike, b: TensorLike): Tensor => E.binary("gt", a, b);
export const ge = (a: TensorLike, b: TensorLike): Tensor => E.binary("ge", a, b);
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => E.binary("logicalAnd", a, b);
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => E.binary("logicalOr", a, b);
export const logicalXor = (a: TensorLike, b: TensorLike): Tensor => E.binary("logicalXor", a, b);
export const logicalNot = (x: Tensor): Tensor => E.unary("logicalNot", x);
export const neg = (x: Tensor): Tensor => E.unary("neg", x);
export const abs = (x: Tensor): Tensor => E.unary("abs", x);
export const exp = (x: Tensor): Tensor => E.unary("exp", x);
export const log = (x: Tensor): Tensor => E.unary("log", x);
export const sqrt = (x: Tensor): Tensor => E.unary("sqrt", x);
export const rsqrt = (x: Tensor): Tensor => E.unary("rsqrt", x);
export const sin = (x: Tensor): Tensor => E.unary("sin", x);
export const cos = (x: Tensor): Tensor => E.unary("cos", x);
export const tanh = (x: Tensor): Tensor => E.unary("tanh", x);
export const sigmoid = (x: Tensor): Tensor => E.unary("sigmoid", x);
export const relu = (x: Tensor): Tensor => E.unary("relu", x);
export const reciprocal = (x: Tensor): Tensor => E.unary("reciprocal", x);
export const square = (x: Tensor): Tensor => E.unary("square", x);
export const log1p = (x: Tensor): Tensor => E.unary("log1p", x);
export const expm1 = (x: Tensor): Tensor => E.unary("expm1", x);
export const sign = (x: Tensor): Tensor => E.unary("sign", x);
export const floor = (x: Tensor): Tensor => E.unary("floor", x);
export const ceil = (x: Tensor): Tensor => E.unary("ceil", x);
export const round = (x: Tensor): Tensor => E.unary("round", x);
export const where = (condition: Tensor, a: TensorLike, b: TensorLike): Tensor => E.where(condition, a, b);
export const clamp = (x: Tensor, min?: number | null, max?: number | null): Tensor => E.clamp(x, min, max);
export const equal = (a: Tensor, b: Tensor): boolean => E.equal(a, b);
export const allclose = (a: Tensor, b: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean =>
  E.allclose(a, b, options);
export const isnan = (x: Tensor): Tensor => E.binary("ne", x, x);

export const sum = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.sum(dim, options);
export const mean = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.mean(dim, options);
export const prod = (x: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor => x.prod(dim, options);
export const amax = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.amax(dim, options);
export const amin = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.amin(dim, options);
export const argmax = (x: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor => x.argmax(dim, options);
export const argmin = (x: Tensor, dim?: number | ReduceOptions, options?: ReduceOptions): Tensor => x.argmin(dim, options);
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number | ReduceOptions, options?: ReduceOptions): ValuesIndices;
export function max(x: Tensor, dim?: number | ReduceOptions | Tensor, options?: ReduceOptions): Tensor | ValuesIndices {
  return (x.max as (d?: unknown, o?: ReduceOptions) => Tensor | ValuesIndices)(dim, options);
}
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number | ReduceOptions, options?: ReduceOptions): ValuesIndices;
export function min(x: Tensor, dim?: number | ReduceOptions | Tensor, options?: ReduceOptions): Tensor | ValuesIndices {
  return (x.min as (d?: unknown, o?: ReduceOptions) => Tensor | ValuesIndices)(dim, options);
}
export const all = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.all(dim, options);
export const any = (x: Tensor, dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.any(dim, options);
export const var_ = (x: Tensor, dim?: DimArg | VarOptions, options?: VarOptions): Tensor => x.var(dim, options);
export const std = (x: Tensor, dim?: DimArg | VarOptions, options?: VarOptions): Tensor => x.std(dim, options);
export const logsumexp = (x: Tensor, dim: DimArg | ReduceOptions, options?: ReduceOptions): Tensor => x.logsumexp(dim, options);
export const softmax = (x: Tensor, dim: number): Tensor => R.softmax(x, dim);
export const logSoftmax = (x: Tensor, dim: number): Tensor => R.logSoftmax(x, dim);
export const cumsum = (x: Tensor, dim: number | { dim: number }): Tensor => x.cumsum(dim);
export const cumprod = (x: Tensor, dim: number | { dim: number }): Tensor => x.cumprod(dim);

export const reshape = (x: Tensor, ...shape: (number | number[])[]): Tensor => x.reshape(...shape);
export const flatten = (x: Tensor, startDim = 0, endDim = -1): Tensor => x.flatten(startDim, endDim);
export const squeeze = (x: Tensor, dim?: DimArg): Tensor => x.squeeze(dim);
export const unsqueeze = (x: Tensor, dim: number): Tensor => x.unsqueeze(dim);
export const permute = (x: Tensor, ...dims: (number | number[])[]): Tensor => x.permute(...dims);
export const transpose = (x: Tensor, dim0: number, dim1: number): Tensor => x.transpose(dim0, dim1);
export const t = (x: Tensor): Tensor => x.t();
export const clone = (x: Tensor): Tensor => x.clone();
export const narrow = (x: Tensor, dim: number, start: number, length: number): Tensor => x.narrow(dim, start, length);
export const select = (x: Tensor, dim: number, index: number): Tensor => x.select(dim, index);
export const gather = (x: Tensor, dim: number, index: Tensor): Tensor => x.gather(dim, index);
export const indexSelect = (x: Tensor, dim: number, index: Tensor | number[]): Tensor => x.indexSelect(dim, index);
export const maskedSelect = (x: Tensor, mask: Tensor): Tensor => x.maskedSelect(mask);
export const split = (x: Tensor, splitSize: number | number[], dim = 0): Tensor[] => x.split(splitSize, dim);
export const chunk = (x: Tensor, chunks: number, dim = 0): Tensor[] => x.chunk(chunks, dim);
export const unbind = (x: Tensor, dim = 0): Tensor[] => x.unbind(dim);
export const norm = (x: Tensor, p?: number | "fro", options?: { dim?: number | number[]; keepdim?: boolean }): Tensor => x.norm(p, options);
export const diag = (x: Tensor, diagonal = 0): Tensor => x.diag(diagonal);
export const trace = (x: Tensor): Tensor => x.trace();
