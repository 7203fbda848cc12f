/**
 * Creation functions: tensor, zeros/ones/full/empty (+Like), arange, linspace,
 * eye, fromTypedArray. The trailing options object carries `dtype` (and, once
 * @torchts/autograd is loaded, `requiresGrad`).
 */
import { type DType, type TypedArray, allocate, bool, checkedScalar, defaultFloat, dtypeOfArray, int64, isIntegral, isReducedFloat, isNarrowInt, uint8 } from "./dtype";
import { DTypeError, RuntimeError, TypeError, ValueError, argTypeError, describeValue, fmtShape, isPlainObject } from "./errors";
import { tracer } from "./hooks";
import { checkShape, numelOf } from "./shape";
import { Tensor } from "./tensor";
import { type TensorOptions, bigintToNumber, checkTensorArg, checkedAllocate, creationOptions, parseShapeArgs } from "./creation-args";

export { type TensorOptions, parseShapeArgs } from "./creation-args";

export type NestedArray = number | boolean | bigint | readonly NestedArray[];
type ShapeAndOptions = (number | bigint | readonly (number | bigint)[] | TensorOptions | undefined)[];

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

function inferDType(flat: (number | boolean)[], sawBigint: boolean): DType {
  if (flat.length === 0) return defaultFloat;
  let allBool = true;
  let allInt = true;
  for (const v of flat) {
    if (typeof v !== "boolean") {
      allBool = false;
      if (!isIntegral(v)) allInt = false;
    }
  }
  return allBool && !sawBigint ? bool : allInt ? int64 : defaultFloat;
}

/** Flattens nested arrays into `flat`, recording the shape; BigInts become exact numbers. Returns whether a BigInt was seen. */
function flattenNested(data: NestedArray, shape: number[], flat: (number | boolean)[], depth: number): boolean {
  if (!Array.isArray(data)) {
    if (depth < shape.length) throw new ValueError(`tensor(): expected sequence of length ${shape[depth]} at dim ${depth} (got a scalar)`);
    if (typeof data === "bigint") {
      flat.push(bigintToNumber("tensor", data));
      return true;
    }
    if (typeof data !== "number" && typeof data !== "boolean") {
      throw new DTypeError(`tensor(): invalid data type '${describeValue(data)}' (elements must be numbers, booleans or BigInts)`);
    }
    flat.push(data);
    return false;
  }
  if (depth === shape.length) shape.push(data.length);
  else if (shape[depth] !== data.length) {
    throw new ValueError(`tensor(): expected sequence of length ${shape[depth]} at dim ${depth} (got ${data.length})`);
  }
  let big = false;
  for (const d of data) big = flattenNested(d, shape, flat, depth + 1) || big;
  return big;
}

/**
 * A new tensor that copies `data` (torch.tensor). Nested arrays of integers
 * give int64, of booleans bool, otherwise float32; typed arrays keep their
 * element type (Float64Array → float64, Int32Array → int32, Uint8Array → uint8).
 * With a narrow integer `dtype`, a nested value it cannot hold raises, as in PyTorch.
 * @example tensor([[1, 2], [3, 4]]) // int64, shape [2, 2]
 */
export function tensor(data: NestedArray | TypedArray | Tensor, options?: TensorOptions): Tensor {
  options = creationOptions("tensor", options);
  if (data === undefined || data === null || typeof data === "string" || (typeof data === "object" && !Array.isArray(data) && !ArrayBuffer.isView(data) && !(data instanceof Tensor))) {
    throw new (data === null || data === undefined ? RuntimeError : TypeError)(`tensor(): could not infer dtype of ${describeValue(data)} (data must be a number, boolean, BigInt, nested array, typed array or Tensor)`);
  }
  let t: Tensor;
  if (data instanceof Tensor) {
    t = Tensor._fromData(data._values().slice(), data._shape.slice(), data.dtype);
    if (options?.dtype) t = t.to(options.dtype);
  } else if (ArrayBuffer.isView(data)) {
    const arr = data as TypedArray;
    // bytes are uint8 here (torch.tensor of a NumPy uint8 array); fromTypedArray keeps Uint8Array as bool's storage
    // a Uint16Array with dtype float16/bfloat16 holds that dtype's words (a checkpoint's raw data); without, dtypeOfArray refuses it
    const src = arr instanceof Uint8Array ? uint8 : arr instanceof Uint16Array && options?.dtype !== undefined && isReducedFloat(options.dtype) ? options.dtype : dtypeOfArray(arr);
    const own = Tensor._fromData(arr.slice(), [arr.length], src);
    t = options?.dtype ? own.to(options.dtype) : own;
  } else {
    const shape: number[] = [];
    const flat: (number | boolean)[] = [];
    const big = flattenNested(data, shape, flat, 0);
    const dtype = options?.dtype ?? inferDType(flat, big);
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
  return fillShape(op, shape, value, options?.dtype ?? fallback, options);
}

function fillShape(op: string, shape: number[], value: number, dtype: DType, options: TensorOptions | undefined): Tensor {
  const data = checkedAllocate(op, dtype, numelOf(shape));
  if (value !== 0) data.fill(checkedScalar(op, dtype, value));
  return finish(Tensor._fromData(data, shape, dtype), options);
}

/** The fill value of full/fullLike: a JS number or boolean (a BigInt converts exactly). */
function fillArg(op: string, v: unknown): number | boolean {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return bigintToNumber(op, v);
  throw argTypeError(op, "fillValue", 2, "Number", v);
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
export function full(shape: readonly (number | bigint)[], fillValue: number | boolean | bigint, options?: TensorOptions): Tensor {
  if (!Array.isArray(shape)) throw argTypeError("full", "size", 1, "tuple of ints", shape);
  const value = fillArg("full", fillValue);
  const o = creationOptions("full", options);
  const dtype = o?.dtype ?? (typeof value === "boolean" ? bool : isIntegral(value) ? int64 : defaultFloat);
  const [dims] = parseShapeArgs("full", [shape]);
  return fillShape("full", dims, Number(value), dtype, o);
}
function like(op: string, t: Tensor, options: TensorOptions | undefined, value: number): Tensor {
  checkTensorArg(op, "input", 1, t);
  const o = creationOptions(op, options);
  return fillShape(op, t._shape.slice(), value, o?.dtype ?? t.dtype, o);
}
/** Zeros with `t`'s shape (and dtype, unless given). */
export function zerosLike(t: Tensor, options?: TensorOptions): Tensor {
  return like("zerosLike", t, options, 0);
}
/** Ones with `t`'s shape (and dtype, unless given). */
export function onesLike(t: Tensor, options?: TensorOptions): Tensor {
  return like("onesLike", t, options, 1);
}
/** `zerosLike` (PyTorch's are uninitialised; JS arrays are always initialised). */
export function emptyLike(t: Tensor, options?: TensorOptions): Tensor {
  return like("emptyLike", t, options, 0);
}
/** `fillValue` with `t`'s shape (and dtype, unless given). */
export function fullLike(t: Tensor, fillValue: number | boolean | bigint, options?: TensorOptions): Tensor {
  checkTensorArg("fullLike", "input", 1, t);
  const value = fillArg("fullLike", fillValue);
  const o = creationOptions("fullLike", options);
  return fillShape("fullLike", t._shape.slice(), Number(value), o?.dtype ?? t.dtype, o);
}

/**
 * arange(end), arange(start, end), arange(start, end, step): int64 when every
 * argument is an integer, else float32 — as in PyTorch.
 * @example arange(10) // tensor([0, 1, ..., 9])
 */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: TensorOptions): Tensor;
export function arange(...args: (number | bigint | TensorOptions | undefined)[]): Tensor {
  let count = args.length;
  while (count > 0 && args[count - 1] === undefined) count--;
  let options: TensorOptions | undefined;
  if (count > 0 && isPlainObject(args[count - 1])) options = creationOptions("arange", args[--count]);
  if (count === 0 || count > 3) throw new TypeError(`arange(): expected arange(end), arange(start, end) or arange(start, end, step), got ${count} numbers`);
  const names = count === 1 ? ["end"] : ["start", "end", "step"];
  const nums = args.slice(0, count).map((v, i) => {
    if (typeof v === "number") return v;
    if (typeof v === "bigint") return bigintToNumber("arange", v);
    throw argTypeError("arange", names[i], i + 1, "Number", v);
  });
  let start = 0;
  let end: number;
  let step = 1;
  if (nums.length === 1) end = nums[0];
  else if (nums.length === 2) [start, end] = nums;
  else [start, end, step] = nums;
  if (options?.dtype === bool) throw new DTypeError(`arange: "arange" is not implemented for 'Bool' (start ${start}, end ${end}, step ${step})`);
  // the length: PyTorch computes it from the truncated arguments for int64 only, from the given ones for
  // the narrower integers (`arange(1, 3.75, { dtype: torch.int32 })` has 3 elements, int64 has 2)
  let span = options?.dtype === int64 || options?.dtype === undefined || options.dtype.isFloatingPoint ? null : (end - start) / step;
  if (options?.dtype !== undefined && !options.dtype.isFloatingPoint) {
    // PyTorch computes an integer range from the arguments truncated to integers (narrow dtypes then wrap)
    start = Math.trunc(start);
    end = Math.trunc(end);
    step = Math.trunc(step);
  }
  // a NaN step is refused as a zero one, as PyTorch does
  if (step === 0 || Number.isNaN(step)) throw new RuntimeError("arange: step must be nonzero");
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RuntimeError(`arange: unsupported range: ${start} -> ${end}`);
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new RuntimeError(`arange: upper bound and larger bound inconsistent with step sign (start ${start}, end ${end}, step ${step})`);
  }
  const dtype = options?.dtype ?? (nums.every(isIntegral) ? int64 : defaultFloat);
  if (span === null) span = (end - start) / step;
  const n = Math.max(0, Math.ceil(span));
  if (dtype === int64 && n > 0 && Math.max(Math.abs(start), Math.abs(start + (n - 1) * step)) > Number.MAX_SAFE_INTEGER) {
    // past 2^53 consecutive integers are no longer distinct doubles: the range would repeat values
    throw new RuntimeError(
      `arange(): int64 values beyond ±2^53 - 1 are not exact in torchts (int64 is stored as float64): start ${start}, end ${end}, step ${step}; use { dtype: torch.float64 } or a range within ±2^53`,
    );
  }
  const data = checkedAllocate("arange", dtype, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return finish(Tensor._fromData(data, [n], dtype), options);
}

/** `steps` evenly spaced values from start to end inclusive (float32 by default). */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  if (typeof start !== "number") throw argTypeError("linspace", "start", 1, "Number", start);
  if (typeof end !== "number") throw argTypeError("linspace", "end", 2, "Number", end);
  if (!Number.isInteger(steps)) throw argTypeError("linspace", "steps", 3, "int", steps);
  options = creationOptions("linspace", options);
  if (steps < 0) throw new RuntimeError(`linspace: number of steps must be non-negative (got ${steps})`);
  const dtype = options?.dtype ?? defaultFloat;
  if (isNarrowInt(dtype)) {
    // PyTorch casts the ends into the dtype first (checked: uint8 refuses 300, takes -1 as 255)
    start = checkedScalar("linspace", dtype, start);
    end = checkedScalar("linspace", dtype, end);
  } else if (dtype === int64) {
    // likewise int64: linspace(2.5, -3.5, 5) steps from 2 to -3 (checked against 1.13)
    start = Math.trunc(start);
    end = Math.trunc(end);
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
  if (!Number.isInteger(n)) throw argTypeError("eye", "n", 1, "int", n);
  let cols = n;
  if (isPlainObject(m)) {
    if (options !== undefined) throw new TypeError("eye(): options must come last");
    options = m as TensorOptions;
  } else if (m !== undefined && m !== null) {
    if (!Number.isInteger(m)) throw argTypeError("eye", "m", 2, "int", m);
    cols = m as number;
  }
  options = creationOptions("eye", options);
  if (n < 0) throw new RuntimeError(`eye(): n must be greater or equal to 0, got ${n}`);
  if (cols < 0) throw new RuntimeError(`eye(): m must be greater or equal to 0, got ${cols}`);
  checkShape("eye", [n, cols]);
  const dtype = options?.dtype ?? defaultFloat;
  const data = checkedAllocate("eye", dtype, n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) data[i * cols + i] = 1;
  return finish(Tensor._fromData(data, [n, cols], dtype), options);
}

