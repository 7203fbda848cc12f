/**
 * Reductions (sum, mean, prod, max/min, argmax, all/any, var/std, logsumexp,
 * softmax) and scans (cumsum, cumprod). Every reduction views its input as
 * [outer, red, inner] — without a copy when the reduced dims are one contiguous
 * block of a contiguous tensor, else after moving them to the end.
 */
import { type DType, type FloatArray, type TypedArray, allocate, allocateEmpty, bool, defaultFloat, int64, isNarrowInt, uint8 } from "./dtype";
import { DTypeError, IndexError, RuntimeError, TypeError, fmtShape } from "./errors";
import { composite, record } from "./hooks";
import { contiguousStrides, normalizeDim, normalizeDims } from "./shape";
import { scatterStrided } from "./storage";
import { Tensor } from "./tensor";
import type { DimArg, ReduceOptions, ValuesIndices, VarOptions } from "./tensor-types";
import { kernels } from "./kernels/registry";
import { unary } from "./elementwise";
import { maximum, minimum } from "./binary-ops";
import { checkedOp } from "./signature";
import { defineMethods } from "./methods";

export interface ReduceSpec {
  dim: DimArg | undefined;
  keepdim: boolean;
  correction: number;
}

/**
 * `f(x, ..., { dtype })`: PyTorch casts the input to `dtype` before reducing (so an int64 input
 * can be averaged in float32), and the result has that dtype (an int32 sum stays int32).
 */
export function withDtype(x: Tensor, dtype: DType | undefined, f: (t: Tensor) => Tensor): Tensor {
  if (dtype === undefined) return f(x);
  const out = f(x.dtype === dtype ? x : x.to(dtype));
  return out.dtype === dtype ? out : out.to(dtype);
}

export interface Layout {
  values: TypedArray;
  outer: number;
  red: number;
  inner: number;
  dims: number[];
  /** result shape with keepdim (reduced dims kept as 1) and without */
  keptShape: number[];
  outShape: number[];
}

export function layout(op: string, t: Tensor, dim: DimArg | undefined, keepdim: boolean): Layout {
  const dims = normalizeDims(op, dim, t.ndim);
  const shape = t._shape;
  const keptShape = shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const outShape = keepdim ? keptShape : shape.filter((_, i) => !dims.includes(i));
  let red = 1;
  for (const d of dims) red *= shape[d];
  const block = dims.length === 0 || dims[dims.length - 1] - dims[0] === dims.length - 1;
  // outer/inner are products of the kept sizes (not n / red, which is 0/0 when a reduced dim is empty)
  if (block && t.isContiguous()) {
    const first = dims.length > 0 ? dims[0] : shape.length;
    const last = dims.length > 0 ? dims[dims.length - 1] : shape.length - 1;
    let outer = 1;
    for (let i = 0; i < first; i++) outer *= shape[i];
    let inner = 1;
    for (let i = last + 1; i < shape.length; i++) inner *= shape[i];
    return { values: t._values(), outer, red, inner, dims, keptShape, outShape };
  }
  const kept = shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const moved = new Tensor(t._storage, [...kept, ...dims].map((i) => shape[i]), [...kept, ...dims].map((i) => t._strides[i]), t._offset, t.dtype);
  const outer = kept.reduce((p, i) => p * shape[i], 1);
  return { values: moved._values(), outer, red, inner: 1, dims, keptShape, outShape };
}

function sumValues(l: Layout, dtype: DType): TypedArray {
  const out = allocate(dtype, l.outer * l.inner);
  if (l.red === 0) return out;
  if (l.inner === 1) kernels.sumInner(l.values, out, l.outer, l.red);
  else kernels.sumMiddle(l.values, out, l.outer, l.red, l.inner);
  return out;
}

/**
 * uint8/int8/int16/int32 reduce as their int64 values: sums, products and scans
 * give int64 anyway (as in PyTorch), max/min cast back exactly, and the reduction
 * kernels keep seeing only float32, float64/int64 and bool arrays (monomorphic loops).
 */
const widened = (t: Tensor): Tensor => (isNarrowInt(t.dtype) ? t.to(int64) : t);

/** Called as PyTorch's `sum(x, dim, keepdim)` overload rather than `sum(x)` (which names the node). */
const dimOverload = (spec: ReduceSpec): boolean => spec.dim !== undefined || spec.keepdim;

export function sum(t: Tensor, spec: ReduceSpec): Tensor {
  const dtype = t.dtype.isFloatingPoint ? t.dtype : int64;
  const l = layout("sum", widened(t), spec.dim, spec.keepdim);
  const res = Tensor._fromData(sumValues(l, dtype), l.outShape, dtype);
  return dtype.isFloatingPoint ? record("sum", [t], res, { dims: l.dims, keepdim: spec.keepdim, dimGiven: dimOverload(spec) }) : res;
}

function requireFloat(op: string, t: Tensor): void {
  if (!t.dtype.isFloatingPoint) {
    throw new DTypeError(
      `${op}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${t.dtype.scalarType}`,
    );
  }
}

export function mean(t: Tensor, spec: ReduceSpec): Tensor {
  requireFloat("mean", t);
  const dims = normalizeDims("mean", spec.dim, t.ndim);
  let count = 1;
  for (const d of dims) count *= t._shape[d];
  const out = sum(t, spec).div(count);
  composite(out, "mean", { dimGiven: spec.dim !== undefined });
  return out;
}

export function prod(t: Tensor, spec: ReduceSpec): Tensor {
  const dtype = t.dtype.isFloatingPoint ? t.dtype : int64;
  const l = layout("prod", widened(t), spec.dim, spec.keepdim);
  const out = allocate(dtype, l.outer * l.inner);
  kernels.prodAxis(l.values, out, l.outer, l.red, l.inner);
  const res = Tensor._fromData(out, l.outShape, dtype);
  return dtype.isFloatingPoint ? record("prod", [t], res, { dims: l.dims, keepdim: spec.keepdim, dimGiven: dimOverload(spec) }) : res;
}

function extremum(which: "max" | "min", l: Layout, values: TypedArray, indices: Float64Array | null): void {
  if (l.inner === 1) {
    if (which === "max") kernels.maxInner(l.values, values, indices, l.outer, l.red);
    else kernels.minInner(l.values, values, indices, l.outer, l.red);
  } else if (which === "max") kernels.maxMiddle(l.values, values, indices, l.outer, l.red, l.inner);
  else kernels.minMiddle(l.values, values, indices, l.outer, l.red, l.inner);
}

/** max/min of nothing is undefined: PyTorch raises (RuntimeError without a dim, except argmax/argmin; IndexError with one). */
function checkNonEmpty(op: string, t: Tensor, l: Layout, dimGiven: boolean, rawDims?: DimArg): void {
  if (l.red !== 0) return;
  if (!dimGiven) {
    const Err = op.startsWith("arg") ? IndexError : RuntimeError;
    throw new Err(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument. (shape ${fmtShape(t._shape)})`,
    );
  }
  // amax/amin name the dim as it was given (-2, not 0); max/min(dim) name it wrapped
  const raw = rawDims === undefined ? [] : typeof rawDims === "number" ? [rawDims] : rawDims;
  const d = raw.find((i) => t._shape[i < 0 ? i + t.ndim : i] === 0) ?? l.dims.find((i) => t._shape[i] === 0);
  throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size. (shape ${fmtShape(t._shape)})`);
}

const dimGiven = (dim: DimArg | undefined): boolean => dim !== undefined && !(Array.isArray(dim) && dim.length === 0);

/** amax/amin: max/min over dims without indices; the gradient is shared evenly among ties. */
export function amaxAmin(op: "amax" | "amin", t: Tensor, spec: ReduceSpec, name: string = op): Tensor {
  if (isNarrowInt(t.dtype)) return amaxAmin(op, t.to(int64), spec, name).to(t.dtype);
  const l = layout(name, t, spec.dim, spec.keepdim);
  checkNonEmpty(name, t, l, dimGiven(spec.dim), spec.dim);
  const values = allocate(t.dtype, l.outer * l.inner);
  extremum(op === "amax" ? "max" : "min", l, values, null);
  const res = Tensor._fromData(values, l.outShape, t.dtype);
  return t.dtype.isFloatingPoint ? record(op, [t], res, { dims: l.dims, keepdim: spec.keepdim }) : res;
}

/** max()/min() over everything, or along one dim with indices. */
export function maxMin(op: "max" | "min", t: Tensor, spec: ReduceSpec, name: string = op): Tensor | ValuesIndices {
  if (spec.dim === undefined) {
    const out = amaxAmin(op === "max" ? "amax" : "amin", t, { ...spec, keepdim: false }, name);
    composite(out, op === "max" ? "maxAll" : "minAll");
    return out;
  }
  if (Array.isArray(spec.dim)) throw new TypeError(`${name}: dim must be a single integer, got ${fmtShape(spec.dim)}`);
  if (isNarrowInt(t.dtype)) {
    const r = maxMin(op, t.to(int64), spec, name) as ValuesIndices;
    return valuesIndices(r.values.to(t.dtype), r.indices);
  }
  const dim = t.ndim === 0 ? (normalizeDim(name, spec.dim, 0), 0) : normalizeDim(name, spec.dim, t.ndim);
  const l = layout(name, t, t.ndim === 0 ? [] : [dim], spec.keepdim);
  checkNonEmpty(name, t, l, true);
  const values = allocate(t.dtype, l.outer * l.inner);
  const idx = new Float64Array(l.outer * l.inner);
  extremum(op, l, values, idx);
  let v = Tensor._fromData(values, l.outShape, t.dtype);
  const indices = Tensor._fromData(idx, l.outShape.slice(), int64);
  if (t.dtype.isFloatingPoint) v = record(op === "max" ? "maxDim" : "minDim", [t], v, { dim, keepdim: spec.keepdim, indices: idx });
  return valuesIndices(v, indices);
}

function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  return {
    values,
    indices,
    *[Symbol.iterator]() {
      yield values;
      yield indices;
    },
  };
}

export function argMaxMin(op: "argmax" | "argmin", t: Tensor, spec: ReduceSpec): Tensor {
  const out = argMaxMinAny(op, t, spec);
  // PyTorch checks the dim and emptiness first; its kernel refuses bool. It skips the kernel (zeros)
  // only for a size-1 dim of a tensor with dims: x.argmax(0) of [[True, False]] is tensor([0, 0])
  const reduced = spec.dim === undefined || t.ndim === 0 ? Infinity : t._shape[normalizeDim(op, spec.dim as number, t.ndim)];
  if (t.dtype === bool && out.numel() > 0 && reduced > 1) throw new DTypeError(`${op}: "${op}_cpu" not implemented for 'Bool'`);
  return out;
}

function argMaxMinAny(op: "argmax" | "argmin", t: Tensor, spec: ReduceSpec): Tensor {
  if (spec.dim === undefined) {
    if (t.numel() === 0) checkNonEmpty(op, t, layout(op, t, undefined, false), false);
    const src = Tensor._fromData(t._values(), [t.numel()], t.dtype);
    const r = maxMin(op === "argmax" ? "max" : "min", src, { dim: 0, keepdim: false, correction: 1 }, op) as ValuesIndices;
    return spec.keepdim ? r.indices.reshape(t._shape.map(() => 1)) : r.indices;
  }
  return (maxMin(op === "argmax" ? "max" : "min", t, spec, op) as ValuesIndices).indices;
}

export function allAny(op: "all" | "any", t: Tensor, spec: ReduceSpec): Tensor {
  // PyTorch 1.13 keeps uint8 for uint8 input (a NumPy-era compatibility rule); every other dtype gives bool
  const outType = t.dtype === uint8 ? uint8 : bool;
  const l = layout(op, isNarrowInt(t.dtype) ? t.to(bool) : t, spec.dim, spec.keepdim);
  const out = allocate(outType, l.outer * l.inner);
  kernels.allAnyAxis(op === "all", l.values, out, l.outer, l.red, l.inner);
  return Tensor._fromData(out, l.outShape, outType);
}

/** var/std with Bessel's correction (composite: recorded through its parts). */
export function variance(t: Tensor, spec: ReduceSpec, sqrt: boolean): Tensor {
  if (!t.dtype.isFloatingPoint) throw new DTypeError(`${sqrt ? "std" : "var"}: std and var only support floating point and complex dtypes (got ${t.dtype.scalarType})`);
  const dims = normalizeDims("var", spec.dim, t.ndim);
  let n = 1;
  for (const d of dims) n *= t._shape[d];
  const mu = sum(t, { dim: dims, keepdim: true, correction: 1 }).div(n);
  const dev = t.sub(mu);
  const ss = sum(dev.mul(dev), { dim: dims, keepdim: spec.keepdim, correction: 1 });
  const v = ss.div(Math.max(n - spec.correction, 0));
  const out = sqrt ? unary("sqrt", v) : v;
  composite(out, sqrt ? "std" : "var");
  return out;
}

/** log Σ exp(x) over dims, shifted by the (detached) max for stability. */
export function logsumexp(x: Tensor, spec: ReduceSpec): Tensor {
  // integer and bool inputs are computed in the default float dtype, as PyTorch does
  const t = x.dtype.isFloatingPoint ? x : x.to(defaultFloat);
  const dims = normalizeDims("logsumexp", spec.dim, t.ndim);
  let red = 1;
  for (const d of dims) red *= t._shape[d];
  // an empty reduction is log(0) = -inf; there is no max to shift by
  let finiteM: Tensor | number = 0;
  if (red > 0) {
    const m = amaxAmin("amax", t.detach(), { dim: spec.dim, keepdim: true, correction: 1 }, "logsumexp");
    finiteM = m.where(m.abs().lt(Infinity), 0);
  }
  const s = sum(unary("exp", t.sub(finiteM)), { ...spec, keepdim: true });
  let out = unary("log", s).add(finiteM);
  if (!spec.keepdim) out = out.squeeze(dims);
  composite(out, "logsumexp");
  return out;
}

/**
 * Run `fn` over the rows of `t` along dim `d` (moved last and made contiguous:
 * `rows` rows of `len`), and return its output laid out like `t`, row-major.
 * Nothing is recorded: the caller records its own primitive.
 */
function alongDim(t: Tensor, d: number, dtype: DType, fn: (src: TypedArray, out: TypedArray, rows: number, len: number) => void): TypedArray {
  const shape = t._shape;
  const n = t.numel();
  const len = shape[d];
  const out = allocateEmpty(dtype, n);
  if (n === 0) return out;
  if (d === t.ndim - 1) {
    fn(t._values(), out, n / len, len);
    return out;
  }
  const order = shape.map((_, i) => i).filter((i) => i !== d);
  order.push(d);
  const moved = new Tensor(t._storage, order.map((i) => shape[i]), order.map((i) => t._strides[i]), t._offset, t.dtype);
  const rows = allocateEmpty(dtype, n);
  fn(moved._values(), rows, n / len, len);
  // write the rows back through the same permutation of out's contiguous strides
  const cs = contiguousStrides(shape);
  scatterStrided(rows, out, order.map((i) => shape[i]), order.map((i) => cs[i]), 0);
  return out;
}

/**
 * softmax / log_softmax along `dim` — primitives (one kernel pass per row and one
 * derivative rule each), as in PyTorch, rather than a chain of exp/sum/div nodes.
 */
function softmaxPrim(op: "softmax" | "logSoftmax", t: Tensor, dim: number): Tensor {
  const d = t.ndim === 0 ? (normalizeDim(op, dim, 0), 0) : normalizeDim(op, dim, t.ndim);
  if (!t.dtype.isFloatingPoint) {
    // PyTorch checks the dim, returns an empty input as it is, then its kernel refuses the dtype
    if (t.numel() === 0) return Tensor._fromData(allocate(t.dtype, 0), t._shape.slice(), t.dtype);
    const kernel = d >= t.ndim - 1 ? `${op === "softmax" ? "softmax" : "log_softmax"}_lastdim_kernel_impl` : "softmax_kernel_impl";
    throw new DTypeError(`${op}: "${kernel}" not implemented for '${t.dtype.scalarType}'`);
  }
  // a 0-d tensor is one row of length 1
  const src = t.ndim === 0 ? new Tensor(t._storage, [1], [1], t._offset, t.dtype) : t;
  const kernel = op === "softmax" ? kernels.softmaxInner : kernels.logSoftmaxInner;
  const out = alongDim(src, d, t.dtype, (x, o, rows, len) => kernel(x as FloatArray, o as FloatArray, rows, len));
  return record(op, [t], Tensor._fromData(out, t._shape.slice(), t.dtype), { dim: d });
}

/** softmax along `dim`: exp(x − max) / Σ exp(x − max). */
export function softmax(t: Tensor, dim: number): Tensor {
  return softmaxPrim("softmax", t, dim);
}

/** log_softmax along `dim`: x − logsumexp(x). */
export function logSoftmax(t: Tensor, dim: number): Tensor {
  return softmaxPrim("logSoftmax", t, dim);
}

/** cumsum/cumprod along dim (shape unchanged; ints accumulate as int64). */
export function cumulative(op: "cumsum" | "cumprod", x: Tensor, dim: number): Tensor {
  if (dim === undefined) throw new RuntimeError(`${op}: missing required argument 'dim'`);
  const t = widened(x);
  const d = normalizeDim(op, dim, t.ndim); // a 0-d tensor takes dim 0 or -1, as in PyTorch
  const dtype = t.dtype.isFloatingPoint ? t.dtype : int64;
  if (t.ndim === 0) return record(op, [t], Tensor._fromData(allocate(dtype, 1).fill(Number(t.item())), [], dtype), { dim: 0 });
  const out = alongDim(t, d, dtype, (v, o, rows, len) => kernels.scanRows(op, v, o, rows, len));
  const res = Tensor._fromData(out, t._shape.slice(), dtype);
  return dtype.isFloatingPoint ? record(op, [t], res, { dim: d }) : res;
}

// ---- the overloaded reductions (the others are declared in reduce-ops.ts) ----
/** var/std's implementation, from their signature `(input, dim?, unbiased?, keepdim, *, correction?)`. */
export function varianceOp(sqrt: boolean) {
  return (x: Tensor, dim: DimArg | undefined, unbiased: boolean | undefined, keepdim: boolean, correction: number | undefined): Tensor =>
    variance(x, { dim, keepdim, correction: correction ?? (unbiased === false ? 0 : 1) }, sqrt);
}

const maxDim = checkedOp("max(Tensor input, int? dim, bool keepdim=false)", (x: Tensor, dim: number | undefined, keepdim: boolean) =>
  maxMin("max", x, { dim, keepdim, correction: 1 }),
);
const minDim = checkedOp("min(Tensor input, int? dim, bool keepdim=false)", (x: Tensor, dim: number | undefined, keepdim: boolean) =>
  maxMin("min", x, { dim, keepdim, correction: 1 }),
);
type DimOrOptions = number | ReduceOptions;

/** `max(x)` is the largest element; `max(x, dim)` gives `{ values, indices }`; `max(x, other)` is `maximum`. */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, other: Tensor): Tensor;
export function max(input: Tensor, dim: DimOrOptions, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): ValuesIndices;
export function max(input: Tensor, dim?: DimOrOptions | Tensor, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return (maximum as (...a: unknown[]) => Tensor)(input, dim, keepdim);
  return maxDim(input as never, dim as never, keepdim as never, options as never) as Tensor | ValuesIndices;
}
/** `min(x)` is the smallest element; `min(x, dim)` gives `{ values, indices }`; `min(x, other)` is `minimum`. */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, other: Tensor): Tensor;
export function min(input: Tensor, dim: DimOrOptions, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): ValuesIndices;
export function min(input: Tensor, dim?: DimOrOptions | Tensor, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return (minimum as (...a: unknown[]) => Tensor)(input, dim, keepdim);
  return minDim(input as never, dim as never, keepdim as never, options as never) as Tensor | ValuesIndices;
}
type VarFn = (input: Tensor, dim?: DimArg | null | VarOptions, unbiased?: boolean | VarOptions, keepdim?: boolean | VarOptions, options?: VarOptions) => Tensor;
/**
 * The variance, with Bessel's correction unless `{ correction: 0 }` (or `unbiased` false);
 * PyTorch's positional order `var(x, dim, unbiased, keepdim)`. Exported as `torch.var` and `torch.var_`.
 */
export const var_: VarFn = checkedOp("var(Tensor input, int[1]? dim, bool? unbiased, bool keepdim=false, *, float? correction)", varianceOp(false));

/** The overloaded reductions, and var (tensor.ts: `interface Tensor extends ReduceOverloadMethods`). */
export interface ReduceOverloadMethods {
  /** `max()` is the largest element; `max(dim)` gives `{ values, indices }`; `max(tensor)` is `maximum`. */
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: DimOrOptions, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): ValuesIndices;
  /** `min()` is the smallest element; `min(dim)` gives `{ values, indices }`; `min(tensor)` is `minimum`. */
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: DimOrOptions, keepdim?: boolean | ReduceOptions, options?: ReduceOptions): ValuesIndices;
  /** The variance, with Bessel's correction unless `{ correction: 0 }`; `var(dim, unbiased, keepdim)` as in PyTorch. */
  var(dim?: DimArg | null | VarOptions, unbiased?: boolean | VarOptions, keepdim?: boolean | VarOptions, options?: VarOptions): Tensor;
}

const maxMethod = maxDim.method as (this: Tensor, ...a: unknown[]) => Tensor;
const minMethod = minDim.method as (this: Tensor, ...a: unknown[]) => Tensor;
defineMethods({
  max(this: Tensor, dim?: unknown, keepdim?: unknown, options?: unknown, extra?: unknown) {
    return dim instanceof Tensor ? (this.maximum as (...a: unknown[]) => Tensor)(dim, keepdim) : maxMethod.call(this, dim, keepdim, options, extra);
  },
  min(this: Tensor, dim?: unknown, keepdim?: unknown, options?: unknown, extra?: unknown) {
    return dim instanceof Tensor ? (this.minimum as (...a: unknown[]) => Tensor)(dim, keepdim) : minMethod.call(this, dim, keepdim, options, extra);
  },
  var: (var_ as unknown as { method: (this: Tensor) => Tensor }).method,
});
