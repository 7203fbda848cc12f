/**
 * The arguments of the creation functions, checked as PyTorch's binding checks
 * them: sizes (`zeros(2, 3)`, `zeros([2, 3])`, BigInt sizes), the trailing
 * options object (known keys only, a real dtype), and the bytes a new tensor
 * would need (PyTorch's "can't allocate memory" instead of a RangeError).
 */
import { DType, type TypedArray, allocate } from "./dtype";
import { RuntimeError, TypeError, argTypeError, checkOptions, describeValue, isPlainObject } from "./errors";
import { Device, usableDevice } from "./device";
import { checkShape } from "./shape";
import { Tensor } from "./tensor";

/** Options of every creation function. Higher layers add fields (autograd adds `requiresGrad`). */
export interface TensorOptions {
  dtype?: DType;
  /** `"cpu"` or `torch.device("cpu")`: the one device torchts computes on (others raise PyTorch's error). */
  device?: string | Device | null;
}

/** The option keys every creation function accepts (`requiresGrad` is autograd's, through the tracer). */
export const CREATION_KEYS: readonly string[] = ["dtype", "device", "requiresGrad"];

/** Largest integer a BigInt may hold to become an exact JS number (int64 storage is exact up to here). */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A BigInt as a number, refusing what would not convert exactly (beyond ±(2^53 − 1)). */
export function bigintToNumber(fn: string, v: bigint): number {
  if (v > SAFE || v < -SAFE) {
    throw new RuntimeError(`${fn}(): ${v}n is beyond ±2^53 - 1, where torchts's int64 (stored as float64) stops being exact`);
  }
  return Number(v);
}

/** `options.dtype` checked: absent, null, or a torch dtype. */
export function checkDType(fn: string, dtype: unknown): DType | undefined {
  if (dtype === undefined || dtype === null) return undefined;
  if (dtype instanceof DType) return dtype;
  const e = argTypeError(fn, "dtype", undefined, "torch.dtype", dtype);
  if (typeof dtype === "string") e.message += ` ("${dtype}"; use torch.${/^\w+$/.test(dtype) ? dtype : "float32"}, not a string)`;
  throw e;
}

/**
 * `options.device` checked: absent, null, the CPU, or PyTorch's error for a device this build
 * lacks. A bare integer is a CUDA index, as in PyTorch (`zeros(2, { device: 0 })`).
 */
export function checkDevice(fn: string, d: unknown): void {
  if (d === undefined || d === null) return;
  if (typeof d === "number" && Number.isInteger(d) && d >= 0) usableDevice(fn, "cuda");
  else if (typeof d === "string" || d instanceof Device) {
    try {
      usableDevice(fn, d);
    } catch (e) {
      // device()'s own parse error names "device"; say which call and argument it came from
      if (e instanceof RuntimeError && e.message.startsWith("device: ")) e.message = `${fn}(): argument 'device': ${e.message.slice(8)}`;
      throw e;
    }
  } else throw argTypeError(fn, "device", undefined, "torch.device", d);
}

/** Checks a creation function's options object (known keys, a real dtype, a usable device) and returns it. */
/** The creation functions that can make float16/bfloat16 tensors (they write words). */
const WORD_CREATORS = new Set(["tensor", "asTensor", "zeros", "ones", "full", "empty", "zerosLike", "onesLike", "fullLike", "emptyLike"]);

export function creationOptions<T extends TensorOptions>(fn: string, options: unknown, allowed: readonly string[] = CREATION_KEYS): T | undefined {
  if (options === undefined) return undefined;
  checkOptions(fn, options, allowed);
  const dtype = checkDType(fn, (options as TensorOptions).dtype);
  // float16/bfloat16 hold words: only the creators that store through castScalar or a cast write them
  if (dtype !== undefined && dtype.code >= 8 && !WORD_CREATORS.has(fn)) {
    throw new RuntimeError(`"${fn}" not implemented for '${dtype.scalarType}' in torchts (create a float32 tensor, then .half() or .bfloat16())`);
  }
  checkDevice(fn, (options as TensorOptions).device);
  return options as T;
}

function sizeElement(fn: string, v: unknown, pos: number, inList: boolean): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint") return bigintToNumber(fn, v);
  if (inList) {
    throw new TypeError(`${fn}(): argument 'size' must be tuple of ints, but found element of type ${describeValue(v)} at pos ${pos}${typeof v === "number" ? ` (${v})` : ""}`);
  }
  const e = argTypeError(fn, "size", pos, "tuple of ints", v);
  if (typeof v === "number" || typeof v === "string") e.message += ` (${JSON.stringify(v)})`;
  throw e;
}

/**
 * Splits `f(2, 3, { dtype })` and `f([2, 3], { dtype })` into a checked shape and options:
 * sizes are integers (or BigInts), given as separate arguments or as one array (a Size);
 * an options object may only come last. Trailing `undefined`s are absent arguments.
 */
export function parseShapeArgs<T extends TensorOptions = TensorOptions>(fn: string, args: readonly unknown[], allowed: readonly string[] = CREATION_KEYS): [number[], T | undefined] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let options: T | undefined;
  if (n > 0 && isPlainObject(args[n - 1])) options = creationOptions<T>(fn, args[--n], allowed);
  if (n === 0) {
    if (args.length > 0) throw argTypeError(fn, "size", 1, "tuple of ints", undefined);
    throw new TypeError(`${fn}(): missing required argument 'size' (position 1); use ${fn}([]) for a 0-d tensor`);
  }
  const list = n === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : null;
  const m = list === null ? n : list.length;
  const dims: number[] = []; // packed (push), as every shape array is: V8 keeps its loops over them fast
  for (let i = 0; i < m; i++) {
    const v = list === null ? args[i] : list[i];
    // the common case first: a non-negative integer
    if (typeof v === "number" && v >= 0 && Number.isInteger(v)) dims.push(v);
    else if (list === null && Array.isArray(v)) throw new TypeError(`${fn}(): argument 'size' must be tuple of ints, but found element of type Array at pos ${i + 1}`);
    else dims.push(sizeElement(fn, v, i + 1, list !== null || n > 1));
  }
  return [checkShape(fn, dims), options];
}

/** Allocates `n` elements of `dtype`; PyTorch's "can't allocate memory" (dtype.ts) gets the function's name. */
export function checkedAllocate(fn: string, dtype: DType, n: number): TypedArray {
  try {
    return allocate(dtype, n);
  } catch (e) {
    if (e instanceof RuntimeError && e.message.startsWith("can't allocate")) e.message = `${fn}(): ${e.message}`;
    throw e;
  }
}

/** True for a Tensor (the creation functions' `*Like` input check). */
export function checkTensorArg(fn: string, name: string, position: number, v: unknown): Tensor {
  if (v instanceof Tensor) return v;
  throw argTypeError(fn, name, position, "Tensor", v);
}
