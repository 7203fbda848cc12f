/**
 * Creation functions: tensor, zeros/ones/full/empty (+Like), arange, linspace,
 * eye, fromTypedArray. The trailing options object carries `dtype` (and, once
 * @torchts/autograd is loaded, `requiresGrad`).
 */
import { type DType, type TypedArray, allocate, bool, checkedScalar, defaultFloat, dtypeOfArray, int64, isNarrowInt, uint8 } from "./dtype";
import { DTypeError, RuntimeError, TypeError, ValueError, fmtShape } from "./errors";
import { tracer } from "./hooks";
import { checkShape, numelOf } from "./shape";
import { Tensor } from "./tensor";

/** Options of every creation function. Higher layers add fields (autograd adds `requiresGrad`). */
export interface TensorOptions {
  dtype?: DType;
}

export type NestedArray = number | boolean | readonly NestedArray[];
type ShapeAndOptions = (number | readonly number[] | TensorOptions | undefined)[];

/** Let the tracer see creation options (e.g. requiresGrad). */
export function finish(t: Tensor, options: TensorOptions | undefined): Tensor {
  if (options !== undefined) {
    const tr = tracer();
    if (tr !== null) tr.onCreate(t, options);
    else if ((options as { requiresGrad?: unknown }).requiresGrad === true) throw needsAutograd();
  }
  return t;
}

/** `{ requiresGrad: true }` with @torchts/tensor alone: say where gradients come from instead of ignoring it. */
function needsAutograd(): RuntimeError {
  return new RuntimeError(
    'requiresGrad: gradients need @torchts/autograd: add `import "@torchts/autograd";` (or import torch from "@torchts/autograd", which re-exports all of @torchts/tensor)',
  );
}

/** Split `f(2, 3, {dtype})`, `f([2, 3], {dtype})` into shape and options. */
export function parseShapeArgs(op: string, args: ShapeAndOptions): [number[], TensorOptions | undefined] {
  let options: TensorOptions | undefined;
  const dims: number[] = [];
  for (const a of args) {
    if (a === undefined) continue;
    if (Array.isArray(a)) dims.push(...(a as number[]));
    else if (typeof a === "number") dims.push(a);
    else options = a as TensorOptions;
  }
  return [checkShape(op, dims), options];
}

function inferDType(flat: (number | boolean)[]): DType {
  if (flat.length === 0) return defaultFloat;
  let allBool = true;
  let allInt = true;
  for (const v of flat) {
    if (typeof v !== "boolean") {
      allBool = false;
      if (!Number.isInteger(v)) allInt = false;
    }
  }
  return allBool ? bool : allInt ? int64 : defaultFloat;
}

function flattenNested(data: NestedArray, shape: number[], flat: (number | boolean)[], depth: number): void {
  if (!Array.isArray(data)) {
    if (depth < shape.length) throw new ValueError(`tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got a scalar)`);
    if (typeof data !== "number" && typeof data !== "boolean") {
      throw new DTypeError(`tensor: could not convert ${typeof data} to a tensor element`);
    }
    flat.push(data);
    return;
  }
  if (depth === shape.length) shape.push(data.length);
  else if (shape[depth] !== data.length) {
    throw new ValueError(`tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got ${data.length})`);
  }
  for (const d of data) flattenNested(d, shape, flat, depth + 1);
}

/**
 * A new tensor that copies `data` (torch.tensor). Nested arrays of integers
 * give int64, of booleans bool, otherwise float32; typed arrays keep their
 * element type (Float64Array → float64, Int32Array → int32, Uint8Array → uint8).
 * With a narrow integer `dtype`, a nested value it cannot hold raises, as in PyTorch.
 * @example tensor([[1, 2], [3, 4]]) // int64, shape [2, 2]
 */
export function tensor(data: NestedArray | TypedArray | Tensor, options?: TensorOptions): Tensor {
  let t: Tensor;
  if (data instanceof Tensor) {
    t = Tensor._fromData(data._values().slice(), data._shape.slice(), data.dtype);
    if (options?.dtype) t = t.to(options.dtype);
  } else if (ArrayBuffer.isView(data)) {
    const arr = data as TypedArray;
    // bytes are uint8 here (torch.tensor of a NumPy uint8 array); fromTypedArray keeps Uint8Array as bool's storage
    const src = arr instanceof Uint8Array ? uint8 : dtypeOfArray(arr);
    const own = Tensor._fromData(arr.slice(), [arr.length], src);
    t = options?.dtype ? own.to(options.dtype) : own;
  } else {
    const shape: number[] = [];
    const flat: (number | boolean)[] = [];
    flattenNested(data, shape, flat, 0);
    const dtype = options?.dtype ?? inferDType(flat);
    const out = allocate(dtype, flat.length);
    for (let i = 0; i < flat.length; i++) out[i] = checkedScalar("tensor", dtype, flat[i]);
    t = Tensor._fromData(out, shape, dtype);
  }
  return finish(t, options);
}

/**
 * Wrap a TypedArray without copying (torch.from_numpy): writes through the
 * tensor are visible in the array. Float32Array → float32, Float64Array → float64,
 * Uint8Array → bool. `shape` defaults to 1-D.
 */
export function fromTypedArray(data: TypedArray, shape?: number[]): Tensor {
  if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint8Array)) {
    const name = (data as object)?.constructor?.name ?? typeof data;
    throw new DTypeError(`fromTypedArray: expected a Float32Array, Float64Array or Uint8Array (a view without copying), got ${name}; use tensor(data) to copy other arrays`);
  }
  const s = shape ?? [data.length];
  if (numelOf(s) !== data.length) {
    throw new RuntimeError(`fromTypedArray: shape ${fmtShape(s)} is invalid for an array of ${data.length} elements`);
  }
  return Tensor._fromData(data, s.slice(), dtypeOfArray(data));
}

function filled(op: string, args: ShapeAndOptions, value: number, fallback: DType): Tensor {
  const [shape, options] = parseShapeArgs(op, args);
  const dtype = options?.dtype ?? fallback;
  const data = allocate(dtype, numelOf(shape));
  if (value !== 0) data.fill(checkedScalar(op, dtype, value));
  return finish(Tensor._fromData(data, shape, dtype), options);
}

/** zeros(2, 3) or zeros([2, 3], { dtype }). */
export function zeros(...args: ShapeAndOptions): Tensor {
  return filled("zeros", args, 0, defaultFloat);
}
export function ones(...args: ShapeAndOptions): Tensor {
  return filled("ones", args, 1, defaultFloat);
}
/** Uninitialised in PyTorch; zero-filled here (JS arrays are always initialised). */
export function empty(...args: ShapeAndOptions): Tensor {
  return filled("empty", args, 0, defaultFloat);
}
/** full([2, 3], 7): dtype from the fill value (bool, int64 or float32) unless given. */
export function full(shape: readonly number[], fillValue: number | boolean, options?: TensorOptions): Tensor {
  const dtype = options?.dtype ?? (typeof fillValue === "boolean" ? bool : Number.isInteger(fillValue) ? int64 : defaultFloat);
  return filled("full", [shape, { ...options, dtype }], Number(fillValue), dtype);
}
export function zerosLike(t: Tensor, options?: TensorOptions): Tensor {
  return filled("zerosLike", [t._shape, { ...options, dtype: options?.dtype ?? t.dtype }], 0, t.dtype);
}
export function onesLike(t: Tensor, options?: TensorOptions): Tensor {
  return filled("onesLike", [t._shape, { ...options, dtype: options?.dtype ?? t.dtype }], 1, t.dtype);
}
export function emptyLike(t: Tensor, options?: TensorOptions): Tensor {
  return zerosLike(t, options);
}
export function fullLike(t: Tensor, fillValue: number | boolean, options?: TensorOptions): Tensor {
  return full(t._shape, fillValue, { ...options, dtype: options?.dtype ?? t.dtype });
}

/**
 * arange(end), arange(start, end), arange(start, end, step): int64 when every
 * argument is an integer, else float32 — as in PyTorch.
 * @example arange(10) // tensor([0, 1, ..., 9])
 */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: TensorOptions): Tensor;
export function arange(...args: (number | TensorOptions | undefined)[]): Tensor {
  const nums = args.filter((a): a is number => typeof a === "number");
  const options = args.find((a): a is TensorOptions => typeof a === "object" && a !== null);
  let start = 0;
  let end: number;
  let step = 1;
  if (nums.length === 1) end = nums[0];
  else if (nums.length === 2) [start, end] = nums;
  else if (nums.length === 3) [start, end, step] = nums;
  else throw new TypeError("arange: expected arange(end), arange(start, end) or arange(start, end, step)");
  if (options?.dtype === bool) throw new DTypeError(`arange: "arange" is not implemented for 'Bool' (start ${start}, end ${end}, step ${step})`);
  if (options?.dtype !== undefined && !options.dtype.isFloatingPoint) {
    // PyTorch computes an integer range from the arguments truncated to integers (narrow dtypes then wrap)
    start = Math.trunc(start);
    end = Math.trunc(end);
    step = Math.trunc(step);
  }
  if (step === 0) throw new RuntimeError("arange: step must be nonzero");
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RuntimeError(`arange: unsupported range: ${start} -> ${end}`);
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new RuntimeError(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`);
  }
  const dtype = options?.dtype ?? (nums.every(Number.isInteger) ? int64 : defaultFloat);
  const n = Math.ceil((end - start) / step);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return finish(Tensor._fromData(data, [n], dtype), options);
}

/** `steps` evenly spaced values from start to end inclusive (float32 by default). */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RuntimeError(`linspace: number of steps must be non-negative (got ${steps})`);
  const dtype = options?.dtype ?? defaultFloat;
  if (isNarrowInt(dtype)) {
    // PyTorch casts the ends into the dtype first (checked: uint8 refuses 300, takes -1 as 255)
    start = checkedScalar("linspace", dtype, start);
    end = checkedScalar("linspace", dtype, end);
  }
  const data = allocate(dtype, steps);
  if (steps === 1) data[0] = start;
  else if (steps > 1) {
    // PyTorch fills the two halves from either end, so the last value is exactly `end`
    const step = (end - start) / (steps - 1);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) data[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  }
  if (!dtype.isFloatingPoint) for (let i = 0; i < steps; i++) data[i] = Math.trunc(data[i]);
  return finish(Tensor._fromData(data, [steps], dtype), options);
}

/** The n×m identity (m defaults to n). */
export function eye(n: number, m?: number | TensorOptions, options?: TensorOptions): Tensor {
  let cols = n;
  if (typeof m === "number") cols = m;
  else if (m !== undefined) options = m;
  checkShape("eye", [n, cols]);
  const dtype = options?.dtype ?? defaultFloat;
  const data = allocate(dtype, n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) data[i * cols + i] = 1;
  return finish(Tensor._fromData(data, [n, cols], dtype), options);
}

