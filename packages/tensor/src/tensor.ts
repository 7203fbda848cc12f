/**
 * The Tensor class: a strided view (shape, strides, offset) over a shared
 * Storage, with a dtype: its data and metadata, and printing. It imports no op
 * module at runtime. Each op family adds its methods by declaration merging
 * (below) plus definitions on `Tensor.prototype` when its module loads (see
 * methods.ts, and the families: unary-ops.ts, binary-ops.ts, logical-ops.ts,
 * reduce-ops.ts, view-ops.ts, linalg-ops.ts; the method-only ops in convert.ts,
 * views.ts, reduce.ts, elementwise.ts, indexing.ts, inplace.ts).
 */
import { inspect } from "node:util";
import { type DType, type TypedArray, allocateEmpty, valuesOf } from "./dtype";
import { Storage, gatherStrided } from "./storage";
import { contiguousStrides, numelOf, normalizeDim } from "./shape";
import { Size } from "./size";
import { TypeError, argTypeError } from "./errors";
import { type Device, cpu } from "./device";
import { tracer } from "./hooks";
import { formatTensor } from "./format";
import { formatTensorHTML } from "./format-html";

// The methods each op family attaches (type-only imports: erased, so no runtime import of an op module)
import type { ConvertMethods } from "./convert";
import type { TypeMethods } from "./tensor-type";
import type { BinaryMethods, ElementwiseMethods, LogicalMethods, UnaryMethods } from "./elementwise";
import type { IndexMethods } from "./indexing";
import type { TakePutMethods } from "./take-put";
import type { InplaceMethods } from "./inplace";
import type { RandomMethods } from "./random-methods";
import type { ReduceOverloadMethods } from "./reduce";
import type { DerivedViewMethods, LinalgMethods, ReduceMethods } from "./tensor-methods";
import type { ViewMethods } from "./views";
import type { DeviceMethods } from "./tensor-to";
import type { InteropMethods } from "./interop";

export type { DimArg, ReduceOptions, TensorLike, ValuesIndices, VarOptions } from "./tensor-types";

/**
 * The Tensor's op methods: declared by each op family (see the files above) and
 * defined on `Tensor.prototype` when that family's module loads.
 */
export interface Tensor
  extends UnaryMethods, BinaryMethods, LogicalMethods, ElementwiseMethods, ConvertMethods, ReduceMethods, ReduceOverloadMethods,
    DerivedViewMethods, ViewMethods, IndexMethods, TakePutMethods, InplaceMethods, RandomMethods, LinalgMethods, TypeMethods, DeviceMethods, InteropMethods {}

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
  /** Where the data lives: always `torch.device("cpu")` (see device.ts). */
  get device(): Device {
    return cpu;
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
    if (!Number.isInteger(dim)) throw argTypeError("size", "dim", 1, "int", dim);
    return this._shape[normalizeDim("size", dim, this.ndim)];
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    if (!Number.isInteger(dim)) throw argTypeError("stride", "dim", 1, "int", dim);
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

  /**
   * The elements as a flat TypedArray in row-major order (PyTorch's `.numpy()`):
   * shares memory when the tensor is contiguous, otherwise a copy. float16 and
   * bfloat16 give their 16-bit words (a Uint16Array; `.float()` first for their values).
   */
  toTypedArray(): TypedArray {
    return this._values();
  }
  toString(): string {
    return formatTensor(this._shownValues(), this._shape, this.dtype, tracer()?.describe(this));
  }
  /** An HTML table, for notebooks. */
  toHTML(): string {
    return formatTensorHTML(this._shownValues(), this._shape, this.dtype, tracer()?.describe(this));
  }
  /** The values printing shows: float16/bfloat16 words decoded to their (float32) values. */
  private _shownValues(): TypedArray {
    return valuesOf(this._values(), this.dtype);
  }
  [inspect.custom](): string {
    return this.toString();
  }
}
