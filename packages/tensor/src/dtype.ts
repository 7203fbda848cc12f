/**
 * dtypes, their storage, and PyTorch's type-promotion lattice.
 *
 * | dtype   | storage       | exact range                      |
 * |---------|---------------|----------------------------------|
 * | float32 | Float32Array  | IEEE single                      |
 * | float64 | Float64Array  | IEEE double                      |
 * | float16 | Uint16Array   | IEEE half, as 16-bit words       |
 * | bfloat16| Uint16Array   | bfloat16, as 16-bit words        |
 * | int64   | Float64Array  | integers in ±(2^53 − 1), exactly |
 * | int32   | Int32Array    | two's complement, wraps as in C  |
 * | int16   | Int16Array    | two's complement, wraps as in C  |
 * | int8    | Int8Array     | two's complement, wraps as in C  |
 * | uint8   | Uint8Array    | 0..255, wraps as in C            |
 * | bool    | Uint8Array    | 0 / 1                            |
 *
 * int64 is stored in a Float64Array: every op stays on V8's fast double path,
 * and integers are exact up to Number.MAX_SAFE_INTEGER. Beyond that they round,
 * where PyTorch would wrap at 2^63. The narrower integers live in their own
 * typed arrays, whose stores wrap exactly as PyTorch's (C's) do: uint8 255 + 1 is 0.
 * float16 and bfloat16 hold their 16-bit words (JS has no such number type):
 * half-bits.ts converts; only the ops half-ops.ts lists accept them.
 */
import { inspect } from "node:util";
import { DTypeError, RuntimeError } from "./errors";
import { bfloat16Bits, decodeWords, halfBits } from "./kernels/half-bits";
import { HUGE_MIN, adviseHugePages } from "./memory";

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "int16" | "int8" | "uint8" | "bool" | "float16" | "bfloat16";
export type TypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array;
export type FloatArray = Float32Array | Float64Array;

export class DType {
  /** @internal */
  constructor(
    readonly name: DTypeName,
    readonly isFloatingPoint: boolean,
    /**
     * @internal a small dense index (bool 0, uint8 1, int8 2, int16 3, int32 4, int64 5, float32 6, float64 7,
     * float16 8, bfloat16 9): kernels key their loops by it (codes below 8; the 16-bit floats never reach them)
     */
    readonly code: number,
    readonly itemsize: number,
    /** @internal PyTorch's C++ scalar-type name, as its messages spell it ("Byte", "Long", ...) */
    readonly scalarType: string,
  ) {}
  toString(): string {
    return `torch.${this.name}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export const bool = new DType("bool", false, 0, 1, "Bool");
export const uint8 = new DType("uint8", false, 1, 1, "Byte");
export const int8 = new DType("int8", false, 2, 1, "Char");
export const int16 = new DType("int16", false, 3, 2, "Short");
export const int32 = new DType("int32", false, 4, 4, "Int");
export const int64 = new DType("int64", false, 5, 8, "Long");
export const float32 = new DType("float32", true, 6, 4, "Float");
export const float64 = new DType("float64", true, 7, 8, "Double");
export const float16 = new DType("float16", true, 8, 2, "Half");
export const bfloat16 = new DType("bfloat16", true, 9, 2, "BFloat16");
/** PyTorch aliases (PyTorch 1.13 has no torch.byte / torch.char: those are the `.byte()` / `.char()` methods). */
export const long = int64;
export const int = int32;
export const short = int16;
export const float = float32;
export const double = float64;
export const half = float16;

export const dtypes: Record<DTypeName, DType> = { bool, uint8, int8, int16, int32, int64, float32, float64, float16, bfloat16 };
/** Every dtype, indexed by its code. */
export const DTYPES: readonly DType[] = [bool, uint8, int8, int16, int32, int64, float32, float64, float16, bfloat16];

/** `data` as numbers: float16/bfloat16 words decoded to float32 values (a copy), any other storage itself. */
export function valuesOf(data: TypedArray, dtype: DType): TypedArray {
  if (!(data instanceof Uint16Array) || dtype.code < 8) return data;
  const out = new Float32Array(data.length);
  decodeWords(data, out, data.length, dtype.code === 9);
  return out;
}

/** float16 or bfloat16: 16-bit words in a Uint16Array, which most ops refuse (half-ops.ts). */
export function isReducedFloat(d: DType): boolean {
  return d.code >= 8;
}

/** The default floating dtype (torch.get_default_dtype()). */
export const defaultFloat = float32;

/** Integer dtypes stored in their own wrapping typed array (not int64, which is a Float64Array). */
export function isNarrowInt(d: DType): boolean {
  return d.code >= 1 && d.code <= 4;
}

let allocations = 0;

/**
 * @internal How many storage arrays allocate/allocateEmpty have handed out in this process
 * (tests: an in-place op that allocates none leaves it unchanged).
 */
export function allocationCount(): number {
  return allocations;
}

/** PyTorch's message for a request the allocator cannot meet (JavaScript throws a RangeError). */
function outOfMemory(n: number, dtype: DType, e: unknown): unknown {
  if (!(e instanceof RangeError)) return e;
  return new RuntimeError(`can't allocate memory: you tried to allocate ${n * dtype.itemsize} bytes (${n} elements of ${dtype.name}, more than JavaScript can allocate)`);
}

function make(dtype: DType, buffer: ArrayBuffer | null, byteOffset: number, n: number): TypedArray {
  let a: TypedArray;
  if (buffer === null) {
    try {
      a = makeArray(dtype, null, 0, n);
    } catch (e) {
      throw outOfMemory(n, dtype, e);
    }
  } else a = makeArray(dtype, buffer, byteOffset, n);
  // a large new array is a fresh mapping: huge pages before its first touch (memory.ts)
  if (n * dtype.itemsize >= HUGE_MIN) adviseHugePages(a);
  return a;
}

function makeArray(dtype: DType, buffer: ArrayBuffer | null, byteOffset: number, n: number): TypedArray {
  allocations++;
  switch (dtype.code) {
    case 0:
    case 1:
      return buffer === null ? new Uint8Array(n) : new Uint8Array(buffer, byteOffset, n);
    case 2:
      return buffer === null ? new Int8Array(n) : new Int8Array(buffer, byteOffset, n);
    case 3:
      return buffer === null ? new Int16Array(n) : new Int16Array(buffer, byteOffset, n);
    case 4:
      return buffer === null ? new Int32Array(n) : new Int32Array(buffer, byteOffset, n);
    case 6:
      return buffer === null ? new Float32Array(n) : new Float32Array(buffer, byteOffset, n);
    case 8:
    case 9:
      return buffer === null ? new Uint16Array(n) : new Uint16Array(buffer, byteOffset, n);
    default:
      return buffer === null ? new Float64Array(n) : new Float64Array(buffer, byteOffset, n);
  }
}

/** Allocate zeroed storage for `n` elements of `dtype`. */
export function allocate(dtype: DType, n: number): TypedArray {
  return make(dtype, null, 0, n);
}

/** Below this many bytes a zeroed allocation costs no more (V8 may place it on its own heap). */
const EMPTY_MIN_BYTES = 1 << 16;

type UnsafeAlloc = (bytes: number) => { buffer: ArrayBuffer; byteOffset: number };
// Node's Buffer.allocUnsafeSlow: a standalone ArrayBuffer from malloc, without calloc's zeroing.
const unsafeAlloc: UnsafeAlloc | null =
  typeof Buffer !== "undefined" && typeof Buffer.allocUnsafeSlow === "function" ? (b) => Buffer.allocUnsafeSlow(b) : null;

/**
 * Test aid: TORCHTS_POISON_EMPTY=1 fills every allocateEmpty result with NaN
 * (integers and bool: 0xa5 bytes) whatever its size, so a kernel that leaves an
 * element unwritten fails the golden tests (`pnpm test` runs the tensor and autograd suites so).
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
  if (POISON) {
    const a = allocate(dtype, n);
    if (dtype.code >= 8) a.fill(0x7e00); // a NaN in either 16-bit float (bfloat16: a large number; any garbage shows)
    else if (dtype.isFloatingPoint) a.fill(NaN);
    else new Uint8Array(a.buffer, a.byteOffset, a.byteLength).fill(0xa5);
    return a;
  }
  const bytes = n * dtype.itemsize;
  if (unsafeAlloc === null || bytes < EMPTY_MIN_BYTES) return allocate(dtype, n);
  let block: { buffer: ArrayBuffer; byteOffset: number };
  try {
    block = unsafeAlloc(bytes);
  } catch (e) {
    throw outOfMemory(n, dtype, e);
  }
  const { buffer, byteOffset } = block;
  // Node's pool is 8-byte aligned, as every typed array here needs
  return make(dtype, buffer, byteOffset, n);
}

/**
 * torch.promote_types for two tensor dtypes: bool < integers < floats; within
 * the integers the wider wins, except uint8 with int8, which needs int16 to hold both ranges;
 * float16 and bfloat16 sit above the integers and below float32, and together give float32.
 * @example promoteTypes(uint8, int8) // torch.int16
 * @example promoteTypes(float16, bfloat16) // torch.float32
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a.code >= 8 || b.code >= 8) {
    if (a.code >= 8 && b.code >= 8) return float32;
    const [r, o] = a.code >= 8 ? [a, b] : [b, a];
    return o === float32 || o === float64 ? o : r;
  }
  if ((a === uint8 && b === int8) || (a === int8 && b === uint8)) return int16;
  // codes follow the lattice elsewhere: bool 0 < uint8 < int8 < int16 < int32 < int64 < float32 < float64
  return a.code >= b.code ? a : b;
}

/**
 * Is `v` what Python would write as an int? JavaScript has one number type: an integral value
 * within int64's range (|v| < 2^63) counts as an int, so 1e30 is a float (Python's 10**30 overflows int64).
 */
export function isIntegral(v: number): boolean {
  return Number.isInteger(v) && v < 9223372036854775808 && v >= -9223372036854775808;
}

/** The dtype of a JS scalar: boolean -> bool, integral number -> int64, else float (weak). */
export function scalarDType(v: number | boolean): DType {
  if (typeof v === "boolean") return bool;
  return isIntegral(v) ? int64 : defaultFloat;
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

const INT64_MIN = -9223372036854775808;
// one-element arrays whose stores do C's integer wrapping (ToInt8, ToUint8, ...)
const wrap8 = new Int8Array(1);
const wrapU8 = new Uint8Array(1);
const wrap16 = new Int16Array(1);
const wrap32 = new Int32Array(1);

/**
 * A number as `dtype` stores it, the way PyTorch's static_cast does on x86
 * (float16 and bfloat16: the 16-bit word, half-bits.ts):
 * floats truncate toward zero; float -> int64 and int32 give the type's minimum
 * for NaN, ±inf and out-of-range values; int16 and int8 take the low bits of
 * that int32 (so they give 0 there), uint8 the low byte of the int64; integers
 * wrap modulo 2^bits; bool is 0/1 (any non-zero, NaN included, is 1).
 * @example castScalar(uint8, -1) // 255
 */
export function castScalar(dtype: DType, v: number | boolean): number {
  const x = Number(v);
  // a JS integer is a Python int (int64): it wraps into a narrow integer modulo 2^bits (2 ** 40 + 3 is 3);
  // typed-array stores (ToInt8, ToUint8, ...) take that modulo exactly, for every integral double
  if (Number.isInteger(x) && dtype.code >= 1 && dtype.code <= 4) {
    const w = dtype.code === 1 ? wrapU8 : dtype.code === 2 ? wrap8 : dtype.code === 3 ? wrap16 : wrap32;
    w[0] = x;
    return w[0];
  }
  switch (dtype.code) {
    case 0:
      return x !== 0 ? 1 : 0;
    case 1:
      wrapU8[0] = x; // ToUint8: truncate, then modulo 256; NaN and ±inf give 0, as the int64 route does
      return wrapU8[0];
    case 2:
      wrap8[0] = x > -2147483649 && x < 2147483648 ? x : 0;
      return wrap8[0];
    case 3:
      wrap16[0] = x > -2147483649 && x < 2147483648 ? x : 0;
      return wrap16[0];
    case 4:
      return x > -2147483649 && x < 2147483648 ? x | 0 : -2147483648;
    case 5:
      // + 0 turns -0 into 0
      return Number.isFinite(x) ? Math.trunc(x) + 0 : INT64_MIN;
    case 8:
      return halfBits(x); // the storage holds words
    case 9:
      return bfloat16Bits(x);
    default:
      return x; // a float32 store rounds it
  }
}

const C_NAME: Partial<Record<DTypeName, string>> = { uint8: "uint8_t", int8: "int8_t", int16: "int16_t", int32: "int", int64: "int64_t" };

/**
 * A fill value (full, fill_, set, where, maskedFill, clamp bounds) as `dtype` stores
 * it, refusing what PyTorch's checked conversion refuses for the integer
 * dtypes: a value outside the type's range, NaN or ±inf. As in C++, a
 * negative integer may wrap into uint8 (-1 is 255), down to -255.
 * @example checkedScalar("full", uint8, 300) // RuntimeError: value cannot be converted to type uint8_t without overflow
 */
export function checkedScalar(op: string, dtype: DType, v: number | boolean): number {
  // int64: NaN, ±inf and values beyond ±2^63 have no int64 value (a float in range truncates)
  if (dtype.code === 5 && typeof v === "number" && !(v < 9223372036854775808 && v >= -9223372036854775808)) {
    throw new RuntimeError(`${op}: value cannot be converted to type int64_t without overflow (value ${v})`);
  }
  // float16/bfloat16: a finite value beyond the largest finite one (even one that would round down to it);
  // torch.tensor's values are not checked (they round, to inf if need be)
  if (dtype.code >= 8 && typeof v === "number" && op !== "tensor" && Number.isFinite(v) && Math.abs(v) > (dtype.code === 8 ? 65504 : 3.3895313892515355e38)) {
    throw new RuntimeError(`${op}: value cannot be converted to type at::${dtype.scalarType} without overflow (value ${v}, dtype ${dtype.name})`);
  }
  if (isNarrowInt(dtype) && typeof v === "number") {
    const bits = dtype.itemsize * 8;
    const signed = dtype !== uint8;
    const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    const min = signed ? -(2 ** (bits - 1)) : Number.isInteger(v) ? -max : 0;
    if (!(v >= min && v <= max)) {
      // torch.tensor's conversion names the dtype (uint8), fill_'s the C type (uint8_t)
      throw new RuntimeError(`${op}: value cannot be converted to type ${op === "tensor" ? dtype.name : C_NAME[dtype.name]} without overflow (value ${v}, dtype ${dtype.name})`);
    }
  }
  return castScalar(dtype, v);
}

/**
 * The dtype whose storage `a` is. Uint8Array is bool's storage (and uint8's:
 * callers that mean bytes say so); Float64Array is float64's (and int64's).
 */
export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float32Array) return float32;
  // 16-bit words could be float16 or bfloat16 (or an unsigned integer, which PyTorch 1.13 lacks): the caller says which
  if (a instanceof Uint16Array) throw new DTypeError("a Uint16Array has no dtype of its own: its words may be float16 or bfloat16 (pass { dtype }), and PyTorch 1.13 has no uint16");
  if (a instanceof Uint8Array) return bool;
  if (a instanceof Int32Array) return int32;
  if (a instanceof Int16Array) return int16;
  if (a instanceof Int8Array) return int8;
  return float64;
}
