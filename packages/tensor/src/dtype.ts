/**
 * dtypes, their storage, and PyTorch's type-promotion lattice.
 *
 * | dtype   | storage       | exact range                      |
 * |---------|---------------|----------------------------------|
 * | float32 | Float32Array  | IEEE single                      |
 * | float64 | Float64Array  | IEEE double                      |
 * | int64   | Float64Array  | integers in ±(2^53 − 1), exactly |
 * | bool    | Uint8Array    | 0 / 1                            |
 *
 * int64 is stored in a Float64Array: every op stays on V8's fast double path,
 * and integers are exact up to Number.MAX_SAFE_INTEGER. Beyond that they round,
 * where PyTorch would wrap at 2^63.
 */
import { inspect } from "node:util";

export type DTypeName = "float32" | "float64" | "int64" | "bool";
export type TypedArray = Float32Array | Float64Array | Uint8Array;
export type FloatArray = Float32Array | Float64Array;

export class DType {
  /** @internal */
  constructor(
    readonly name: DTypeName,
    readonly isFloatingPoint: boolean,
    /** position in the promotion lattice: bool < int64 < float32 < float64 */
    readonly rank: number,
    readonly itemsize: number,
  ) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export const bool = new DType("bool", false, 0, 1);
export const int64 = new DType("int64", false, 1, 8);
export const float32 = new DType("float32", true, 2, 4);
export const float64 = new DType("float64", true, 3, 8);
/** PyTorch aliases. */
export const long = int64;
export const float = float32;
export const double = float64;

export const dtypes: Record<DTypeName, DType> = { bool, int64, float32, float64 };

/** The default floating dtype (torch.get_default_dtype()). */
export const defaultFloat = float32;

/** Allocate zeroed storage for `n` elements of `dtype`. */
export function allocate(dtype: DType, n: number): TypedArray {
  switch (dtype.name) {
    case "float32":
      return new Float32Array(n);
    case "bool":
      return new Uint8Array(n);
    default:
      return new Float64Array(n);
  }
}

/** Below this many bytes a zeroed allocation costs no more (V8 may place it on its own heap). */
const EMPTY_MIN_BYTES = 1 << 16;

type UnsafeAlloc = (bytes: number) => { buffer: ArrayBuffer; byteOffset: number };
// Node's Buffer.allocUnsafeSlow: a standalone ArrayBuffer from malloc, without calloc's zeroing.
const unsafeAlloc: UnsafeAlloc | null =
  typeof Buffer !== "undefined" && typeof Buffer.allocUnsafeSlow === "function" ? (b) => Buffer.allocUnsafeSlow(b) : null;

/**
 * Test aid: TORCHTS_POISON_EMPTY=1 fills every allocateEmpty result with NaN
 * (bool: 0xa5) whatever its size, so a kernel that leaves an element unwritten
 * fails the golden tests (`pnpm test` runs the tensor and autograd suites so).
 */
const POISON = typeof process !== "undefined" && process.env?.TORCHTS_POISON_EMPTY === "1";

/**
 * Allocate storage for `n` elements whose contents are unspecified, as
 * torch.empty's are. Only for outputs a kernel overwrites completely. Why: a
 * zeroed 4 MB array costs a 4 MB memset (0.25 ns/element for float32), a fifth
 * of an elementwise op; Node hands out uninitialised memory the same way for
 * Buffer.allocUnsafe. The storage is an ordinary garbage-collected ArrayBuffer.
 */
export function allocateEmpty(dtype: DType, n: number): TypedArray {
  if (POISON) return allocate(dtype, n).fill(dtype.name === "bool" ? 0xa5 : NaN);
  const bytes = n * dtype.itemsize;
  if (unsafeAlloc === null || bytes < EMPTY_MIN_BYTES) return allocate(dtype, n);
  const { buffer, byteOffset } = unsafeAlloc(bytes);
  switch (dtype.name) {
    case "float32":
      return new Float32Array(buffer, byteOffset, n);
    case "bool":
      return new Uint8Array(buffer, byteOffset, n);
    default:
      return new Float64Array(buffer, byteOffset, n);
  }
}

/** torch.promote_types for two tensor dtypes. */
export function promoteTypes(a: DType, b: DType): DType {
  return a.rank >= b.rank ? a : b;
}

/** The dtype of a JS scalar: boolean -> bool, integral number -> int64, else float (weak). */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === "boolean") return bool;
  return Number.isInteger(v) ? int64 : defaultFloat;
}

/**
 * Promotion of a tensor with a JS scalar, as PyTorch does for Python scalars:
 * the scalar only moves the result up a *category* (bool < integral < floating),
 * never to a wider type within the tensor's category.
 */
export function promoteWithScalar(t: DType, v: number | boolean): DType {
  const s = scalarDType(v);
  if (s.isFloatingPoint) return t.isFloatingPoint ? t : defaultFloat;
  if (s === int64) return t === bool ? int64 : t;
  return t;
}

/**
 * A JS scalar as `dtype` stores it, the way PyTorch casts a fill value:
 * int64 truncates toward zero, bool is 0/1 (any non-zero, NaN included, is 1).
 */
export function castScalar(dtype: DType, v: number | boolean): number {
  const x = Number(v);
  if (dtype === bool) return x !== 0 ? 1 : 0;
  // as convert.ts's float -> int64 cast: NaN/inf become INT64_MIN; + 0 turns -0 into 0
  if (dtype === int64) return Number.isFinite(x) ? Math.trunc(x) + 0 : -9223372036854775808;
  return x;
}

export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Uint8Array) return bool;
  return float64;
}
