/**
 * The Tensor class: a strided view (shape, strides, offset) over a shared
 * Storage, with a dtype. Methods are thin: each forwards to the module that
 * owns the op (elementwise.ts, reduce.ts, views.ts, ...).
 */
import { inspect } from "node:util";
import { type DType, type TypedArray, allocateEmpty, bool, float32, float64, int64 } from "./dtype";
import { Storage, gatherStrided } from "./storage";
import { contiguousStrides, numelOf, normalizeDim } from "./shape";
import { Size } from "./size";
import { tracer } from "./hooks";
import * as E from "./elementwise";
import * as R from "./reduce";
import * as V from "./views";
import * as I from "./indexing";
import * as M from "./matmul";
import * as L from "./linalg";
import * as C from "./combine";
import * as X from "./convert";
import * as P from "./inplace";
import { formatTensor } from "./format";
import { formatTensorHTML } from "./format-html";
import type { Index } from "./index-spec";
import type { Generator } from "./random";

import type { DimArg, ReduceOptions, TensorLike, ValuesIndices, VarOptions } from "./tensor-types";
export type { DimArg, ReduceOptions, TensorLike, ValuesIndices, VarOptions } from "./tensor-types";

export class Tensor {
  /** @internal */ _storage: Storage;
  /** @internal */ _shape: number[];
  /** @internal */ _strides: number[];
  /** @internal */ _offset: number;
  readonly dtype: DType;
  /** @internal Slot for the layers above tensor (autograd keeps its metadata here). */
  _ext: unknown = undefined;
  /**
   * @internal For a view made by a view op (reshape without a copy, permute, expand, slice and
   * what is built on them): the tensor that owns the memory, PyTorch's `_base` (a view of a view
   * points at the first base). Its geometry is the view's own shape, strides and offset.
   * `detach()` is not a view in this sense. Null for every other tensor.
   */
  _base: Tensor | null = null;

  /** @internal Use the creation functions (`tensor`, `zeros`, ...) instead. */
  constructor(storage: Storage, shape: number[], strides: number[], offset: number, dtype: DType) {
    this._storage = storage;
    this._shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
  }

  /** @internal A fresh contiguous tensor owning `data`. */
  static _fromData(data: TypedArray, shape: number[], dtype: DType): Tensor {
    return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, dtype);
  }

  // ---- metadata ---------------------------------------------------------
  /** The shape, as a torch.Size (an array of numbers). */
  get shape(): Size {
    return Size.fromDims(this._shape);
  }
  get ndim(): number {
    return this._shape.length;
  }
  get device(): string {
    return "cpu";
  }
  /** Number of dims (PyTorch's `x.dim()`). */
  dim(): number {
    return this._shape.length;
  }
  numel(): number {
    return numelOf(this._shape);
  }
  /** `size()` is the shape; `size(d)` one dim (negative d counts from the end). */
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return this.shape;
    return this._shape[normalizeDim("size", dim, this.ndim)];
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[normalizeDim("stride", dim, this.ndim)];
  }
  storageOffset(): number {
    return this._offset;
  }
  isFloatingPoint(): boolean {
    return this.dtype.isFloatingPoint;
  }
  elementSize(): number {
    return this.dtype.itemsize;
  }
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this._shape.length - 1; i >= 0; i--) {
      if (this._shape[i] !== 1 && this._strides[i] !== expected) return this.numel() === 0;
      expected *= this._shape[i];
    }
    return true;
  }
  /** @internal The elements in row-major order: the storage itself when possible, else a copy. */
  _values(): TypedArray {
    const n = this.numel();
    const data = this._storage.data;
    if (this.isContiguous()) {
      if (this._offset === 0 && data.length === n) return data;
      return data.subarray(this._offset, this._offset + n) as TypedArray;
    }
    const out = allocateEmpty(this.dtype, n);
    gatherStrided(data, this._shape, this._strides, this._offset, out);
    return out;
  }
  /** `len(x)`: the size of dim 0. */
  get length(): number {
    if (this.ndim === 0) throw new TypeError("len() of a 0-d tensor");
    return this._shape[0];
  }

  // ---- conversion -------------------------------------------------------
  to(dtype: DType): Tensor {
    return X.to(this, dtype);
  }
  float(): Tensor {
    return X.to(this, float32);
  }
  double(): Tensor {
    return X.to(this, float64);
  }
  long(): Tensor {
    return X.to(this, int64);
  }
  bool(): Tensor {
    return X.to(this, bool);
  }
  /** The value of a one-element tensor as a JS number (or boolean for bool). */
  item(): number | boolean {
    return X.item(this);
  }
  /** Nested JS arrays (PyTorch's `tolist()`); a 0-d tensor gives a scalar. */
  tolist(): unknown {
    return X.tolist(this);
  }
  /** Same as tolist(). */
  toArray(): unknown {
    return X.tolist(this);
  }
  /**
   * The elements as a flat TypedArray in row-major order (PyTorch's `.numpy()`):
   * shares memory when the tensor is contiguous, otherwise a copy.
   */
  toTypedArray(): TypedArray {
    return this._values();
  }
  toString(): string {
    return formatTensor(this._values(), this._shape, this.dtype, tracer()?.describe(this));
  }
  /** An HTML table, for notebooks. */
  toHTML(): string {
    return formatTensorHTML(this._values(), this._shape, this.dtype, tracer()?.describe(this));
  }
  [inspect.custom](): string {
    return this.toString();
  }
  [Symbol.toPrimitive](hint: string): number | string {
    if (hint === "string") return this.toString();
    return Number(X.item(this, "Number()"));
  }

  // ---- elementwise ------------------------------------------------------
  add(other: TensorLike, options?: { alpha?: number }): Tensor {
    return E.add(this, other, options);
  }
  sub(other: TensorLike, options?: { alpha?: number }): Tensor {
    return E.sub(this, other, options);
  }
  mul(other: TensorLike): Tensor {
    return E.binary("mul", this, other);
  }
  div(other: TensorLike, options?: { roundingMode?: "floor" | "trunc" }): Tensor {
    return E.div(this, other, options);
  }
  pow(exponent: TensorLike): Tensor {
    return E.binary("pow", this, exponent);
  }
  floorDivide(other: TensorLike): Tensor {
    return E.binary("floorDivide", this, other);
  }
  remainder(other: TensorLike): Tensor {
    return E.remainder(this, other);
  }
  maximum(other: Tensor): Tensor {
    return E.binary("maximum", this, other);
  }
  minimum(other: Tensor): Tensor {
    return E.binary("minimum", this, other);
  }
  /** clamp(min, max) or clamp({ min, max }); either bound may be omitted. */
  clamp(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): Tensor {
    return E.clamp(this, min, max);
  }
  /** `x.where(cond, y)`: x where cond is true, else y. */
  where(condition: Tensor, other: TensorLike): Tensor {
    return E.where(condition, this, other);
  }
  isnan(): Tensor {
    return E.binary("ne", this, this);
  }
  /** True when both have the same shape and elements (PyTorch's torch.equal). */
  equal(other: Tensor): boolean {
    return E.equal(this, other);
  }
  allclose(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean {
    return E.allclose(this, other, options);
  }
  softmax(dim: number): Tensor {
    return R.softmax(this, dim);
  }
  logSoftmax(dim: number): Tensor {
    return R.logSoftmax(this, dim);
  }

  // ---- in place (write through views; bump the version counter) --------
  add_(other: TensorLike, options?: { alpha?: number }): this {
    return P.inplace(this, "add_", E.add(this, other, options));
  }
  sub_(other: TensorLike, options?: { alpha?: number }): this {
    return P.inplace(this, "sub_", E.sub(this, other, options));
  }
  mul_(other: TensorLike): this {
    return P.inplace(this, "mul_", E.binary("mul", this, other));
  }
  div_(other: TensorLike): this {
    return P.inplace(this, "div_", E.div(this, other));
  }
  clamp_(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): this {
    return P.inplace(this, "clamp_", E.clamp(this, min, max));
  }
  /** Copy `src` (broadcast to this shape, cast to this dtype) into this tensor. */
  copy_(src: TensorLike): this {
    return P.copy_(this, src);
  }
  fill_(value: number | boolean | Tensor): this {
    return P.fill_(this, value);
  }
  zero_(): this {
    return P.fill_(this, 0);
  }
  normal_(mean = 0, std = 1, options?: { generator?: Generator }): this {
    return P.normal_(this, mean, std, options?.generator);
  }
  uniform_(from = 0, to = 1, options?: { generator?: Generator }): this {
    return P.uniform_(this, from, to, options?.generator);
  }

  // ---- reductions -------------------------------------------------------
  /** sum over all dims, or `sum(dim)`, `sum({ dim, keepdim })`. */
  sum(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.sum(this, R.reduceArgs(dim, options));
  }
  mean(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.mean(this, R.reduceArgs(dim, options));
  }
  prod(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.prod(this, R.reduceArgs(dim, options));
  }
  /** `max()` is the largest element; `max(dim)` gives `{ values, indices }`; `max(tensor)` is `maximum`. */
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number | ReduceOptions, options?: ReduceOptions): ValuesIndices;
  max(dim?: number | ReduceOptions | Tensor, options?: ReduceOptions): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return E.binary("maximum", this, dim);
    return R.maxMin("max", this, R.reduceArgs(dim, options));
  }
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number | ReduceOptions, options?: ReduceOptions): ValuesIndices;
  min(dim?: number | ReduceOptions | Tensor, options?: ReduceOptions): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return E.binary("minimum", this, dim);
    return R.maxMin("min", this, R.reduceArgs(dim, options));
  }
  amax(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.amaxAmin("amax", this, R.reduceArgs(dim, options));
  }
  amin(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.amaxAmin("amin", this, R.reduceArgs(dim, options));
  }
  argmax(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.argMaxMin("argmax", this, R.reduceArgs(dim, options));
  }
  argmin(dim?: number | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.argMaxMin("argmin", this, R.reduceArgs(dim, options));
  }
  all(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.allAny("all", this, R.reduceArgs(dim, options));
  }
  any(dim?: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.allAny("any", this, R.reduceArgs(dim, options));
  }
  var(dim?: DimArg | VarOptions, options?: VarOptions): Tensor {
    return R.variance(this, R.reduceArgs(dim, options), false);
  }
  std(dim?: DimArg | VarOptions, options?: VarOptions): Tensor {
    return R.variance(this, R.reduceArgs(dim, options), true);
  }
  logsumexp(dim: DimArg | ReduceOptions, options?: ReduceOptions): Tensor {
    return R.logsumexp(this, R.reduceArgs(dim, options));
  }
  cumsum(dim: number | { dim: number }): Tensor {
    return R.cumulative("cumsum", this, typeof dim === "number" ? dim : dim?.dim);
  }
  cumprod(dim: number | { dim: number }): Tensor {
    return R.cumulative("cumprod", this, typeof dim === "number" ? dim : dim?.dim);
  }
  /** L2 norm by default; `{ p: 1 }`, `{ p: Infinity }`, `"fro"`; over `dim`. */
  norm(p?: number | "fro" | L.NormOptions, options?: L.NormOptions): Tensor {
    return L.norm(this, p, options);
  }

  // ---- shape and views --------------------------------------------------
  reshape(...shape: (number | number[])[]): Tensor {
    return V.reshape(this, shape);
  }
  /** Like reshape, but never copies: errors where PyTorch's view errors. */
  view(...shape: (number | number[])[]): Tensor {
    return V.view(this, shape);
  }
  viewAs(other: Tensor): Tensor {
    return V.view(this, [other._shape]);
  }
  reshapeAs(other: Tensor): Tensor {
    return V.reshape(this, [other._shape]);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return V.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: number[]): Tensor {
    return V.unflatten(this, dim, sizes);
  }
  squeeze(dim?: DimArg): Tensor {
    return V.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return V.unsqueeze(this, dim);
  }
  permute(...dims: (number | number[])[]): Tensor {
    return V.permute(this, dims);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return V.transpose(this, dim0, dim1);
  }
  /** 2-D transpose (PyTorch's `t()`); 0-D and 1-D tensors are returned as is. */
  t(): Tensor {
    return V.t(this);
  }
  /** All dims reversed (PyTorch's `.T`). */
  get T(): Tensor {
    return V.permute(this, [this._shape.map((_, i) => this.ndim - 1 - i)]);
  }
  /** The last two dims swapped (PyTorch's `.mT`). */
  get mT(): Tensor {
    return V.transpose(this, -2, -1);
  }
  expand(...shape: (number | number[])[]): Tensor {
    return V.expand(this, shape);
  }
  expandAs(other: Tensor): Tensor {
    return V.expand(this, [other._shape]);
  }
  /** Repeat the tensor along each dim (PyTorch's `repeat`). */
  repeat(...sizes: (number | number[])[]): Tensor {
    return V.repeat(this, sizes);
  }
  contiguous(): Tensor {
    return this.isContiguous() ? this : V.clone(this);
  }
  clone(): Tensor {
    return V.clone(this);
  }
  /** A view that shares storage but is cut from the autograd graph. */
  detach(): Tensor {
    return V.alias(this);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return V.narrow(this, dim, start, length);
  }
  select(dim: number, index: number): Tensor {
    return V.select(this, dim, index);
  }
  split(splitSize: number | number[], dim = 0): Tensor[] {
    return C.split(this, splitSize, dim);
  }
  chunk(chunks: number, dim = 0): Tensor[] {
    return C.chunk(this, chunks, dim);
  }
  unbind(dim = 0): Tensor[] {
    return C.unbind(this, dim);
  }

  // ---- indexing ---------------------------------------------------------
  /**
   * `X[i, 1:3, ..., None, mask]` is `X.get(i, "1:3", "...", null, mask)`.
   * Integers and slices give views that share storage; index tensors and masks copy.
   */
  get(...index: Index[]): Tensor {
    return I.get(this, index);
  }
  /** `X[1, 2] = 9` is `X.set([1, 2], 9)`; `X[0:2, :] = 12` is `X.set(["0:2", ":"], 12)`. */
  set(index: Index | Index[], value: TensorLike): this {
    return I.set(this, Array.isArray(index) ? index : [index], value);
  }
  gather(dim: number, index: Tensor): Tensor {
    return I.gather(this, dim, index);
  }
  indexSelect(dim: number, index: Tensor | number[]): Tensor {
    return I.indexSelect(this, dim, index);
  }
  maskedSelect(mask: Tensor): Tensor {
    return I.maskedSelect(this, mask);
  }
  maskedFill(mask: Tensor, value: number | boolean): Tensor {
    return E.maskedFill(this, mask, value);
  }

  // ---- linear algebra ---------------------------------------------------
  matmul(other: Tensor): Tensor {
    return M.matmul(this, other);
  }
  mm(other: Tensor): Tensor {
    return M.mm(this, other);
  }
  mv(vec: Tensor): Tensor {
    return M.mv(this, vec);
  }
  bmm(other: Tensor): Tensor {
    return M.bmm(this, other);
  }
  dot(other: Tensor): Tensor {
    return M.dot(this, other);
  }
  outer(other: Tensor): Tensor {
    return M.outer(this, other);
  }
  diag(diagonal = 0): Tensor {
    return L.diag(this, diagonal);
  }
  trace(): Tensor {
    return L.trace(this);
  }
}

/** The elementwise methods that are one call each: declared here, defined in a loop below. */
const UNARY_METHODS = [
  "neg", "abs", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "relu", "reciprocal",
  "square", "log1p", "expm1", "sign", "floor", "ceil", "round", "logicalNot",
] as const;
const COMPARISON_METHODS = ["eq", "ne", "lt", "le", "gt", "ge", "logicalAnd", "logicalOr", "logicalXor"] as const;

export interface Tensor {
  /** −x elementwise (bool raises, as in PyTorch). */ neg(): Tensor;
  /** |x| */ abs(): Tensor;
  /** eˣ (integers give float32) */ exp(): Tensor;
  /** ln x */ log(): Tensor;
  /** √x */ sqrt(): Tensor;
  /** 1/√x */ rsqrt(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  /** 1 / (1 + e⁻ˣ) */ sigmoid(): Tensor;
  /** max(x, 0) */ relu(): Tensor;
  /** 1/x */ reciprocal(): Tensor;
  /** x² */ square(): Tensor;
  /** ln(1 + x) */ log1p(): Tensor;
  /** eˣ − 1 */ expm1(): Tensor;
  /** −1, 0 or 1 */ sign(): Tensor;
  floor(): Tensor;
  ceil(): Tensor;
  /** Round half to even, as torch.round. */ round(): Tensor;
  /** `~x` for bool tensors (nonzero → false). */ logicalNot(): Tensor;
  /** `x == other` (broadcasting; bool result) */ eq(other: TensorLike): Tensor;
  /** `x != other` */ ne(other: TensorLike): Tensor;
  /** `x < other` */ lt(other: TensorLike): Tensor;
  /** `x <= other` */ le(other: TensorLike): Tensor;
  /** `x > other` */ gt(other: TensorLike): Tensor;
  /** `x >= other` */ ge(other: TensorLike): Tensor;
  /** `x & other` on truth values */ logicalAnd(other: TensorLike): Tensor;
  /** `x | other` on truth values */ logicalOr(other: TensorLike): Tensor;
  /** `x ^ other` on truth values */ logicalXor(other: TensorLike): Tensor;
}

const define = (name: string, value: (this: Tensor, ...args: never[]) => Tensor) =>
  Object.defineProperty(Tensor.prototype, name, { value, writable: true, configurable: true });
for (const op of UNARY_METHODS) define(op, function (this: Tensor) { return E.unary(op, this); });
for (const op of COMPARISON_METHODS) define(op, function (this: Tensor, other: TensorLike) { return E.binary(op, this, other); });
