/**
 * PyTorch's storage classes (torch/storage.py: `torch.FloatStorage`, ...) and the
 * conversions between a storage record's raw little-endian bytes and torchts's typed
 * arrays. int64 lives in a Float64Array in torchts (exact to ±2^53), so Long records are
 * converted both ways; every other dtype, float16 and bfloat16 (16-bit words in a
 * Uint16Array) included, is the same bytes.
 */
import * as torch from "@torchts/tensor";
import type { DType, TypedArray } from "@torchts/tensor";
import { RuntimeError } from "./errors";

export interface StorageType {
  /** `torch.<name>` in the pickle, e.g. "FloatStorage" */
  name: string;
  /** bytes per element in the record */
  itemsize: number;
  /** the torchts dtype it loads as, or null when torchts has none */
  dtype: DType | null;
  /** safetensors' dtype string */
  st: string;
}

export const STORAGE_TYPES: readonly StorageType[] = [
  { name: "DoubleStorage", itemsize: 8, dtype: torch.float64, st: "F64" },
  { name: "FloatStorage", itemsize: 4, dtype: torch.float32, st: "F32" },
  { name: "HalfStorage", itemsize: 2, dtype: torch.float16, st: "F16" },
  { name: "BFloat16Storage", itemsize: 2, dtype: torch.bfloat16, st: "BF16" },
  { name: "LongStorage", itemsize: 8, dtype: torch.int64, st: "I64" },
  { name: "IntStorage", itemsize: 4, dtype: torch.int32, st: "I32" },
  { name: "ShortStorage", itemsize: 2, dtype: torch.int16, st: "I16" },
  { name: "CharStorage", itemsize: 1, dtype: torch.int8, st: "I8" },
  { name: "ByteStorage", itemsize: 1, dtype: torch.uint8, st: "U8" },
  { name: "BoolStorage", itemsize: 1, dtype: torch.bool, st: "BOOL" },
  { name: "ComplexFloatStorage", itemsize: 8, dtype: null, st: "C64" },
  { name: "ComplexDoubleStorage", itemsize: 16, dtype: null, st: "C128" },
];
export const STORAGE_BY_NAME = new Map(STORAGE_TYPES.map((s) => [s.name, s]));
/** The storage type a torchts dtype saves as. */
export function storageTypeOf(dtype: DType): StorageType {
  const s = STORAGE_TYPES.find((t) => t.dtype === dtype);
  if (s === undefined) throw new RuntimeError(`save: no PyTorch storage type for dtype ${dtype}`);
  return s;
}

const CTORS: Record<string, new (n: number) => TypedArray> = {
  DoubleStorage: Float64Array, FloatStorage: Float32Array, LongStorage: Float64Array, IntStorage: Int32Array,
  ShortStorage: Int16Array, CharStorage: Int8Array, ByteStorage: Uint8Array, BoolStorage: Uint8Array,
  HalfStorage: Uint16Array, BFloat16Storage: Uint16Array,
};

/**
 * The typed array of `numel` elements that `bytes` (at least numel·itemsize long) holds.
 * `mayAlias`: the bytes belong to us (a file we read), so an aligned plain record is
 * viewed in place, not copied. `bigEndian`: the file's `byteorder` record says "big".
 */
export function decodeStorage(t: StorageType, bytes: Uint8Array, numel: number, mayAlias: boolean, bigEndian: boolean): TypedArray {
  const Ctor = CTORS[t.name];
  if (Ctor === undefined || t.dtype === null) throw new RuntimeError(`load: torchts has no dtype for torch.${t.name}`);
  const nbytes = numel * t.itemsize;
  let src = bytes.subarray(0, nbytes);
  let fresh = false; // src is already a private copy
  if (bigEndian && t.itemsize > 1) [src, fresh] = [swapped(src, t.itemsize), true];
  else if (t.itemsize > 1 && src.byteOffset % t.itemsize !== 0) [src, fresh] = [src.slice(), true]; // typed arrays need alignment
  if (t.name === "LongStorage") {
    const w = new Int32Array(src.buffer, src.byteOffset, 2 * numel);
    const out = new Float64Array(numel);
    for (let i = 0, j = 0; i < numel; i++, j += 2) out[i] = w[j + 1] * 4294967296 + (w[j] >>> 0);
    return out;
  }
  if (mayAlias || fresh) return new (Ctor as unknown as new (b: ArrayBufferLike, o: number, n: number) => TypedArray)(src.buffer, src.byteOffset, numel);
  // a copy, in memory that is not zero-filled first (Buffer.allocUnsafe; large ones own their ArrayBuffer)
  const buf = Buffer.allocUnsafe(nbytes);
  if (buf.byteOffset % t.itemsize !== 0) {
    const out = new Ctor(numel);
    new Uint8Array(out.buffer, out.byteOffset, nbytes).set(src);
    return out;
  }
  buf.set(src);
  return new (Ctor as unknown as new (b: ArrayBufferLike, o: number, n: number) => TypedArray)(buf.buffer, buf.byteOffset, numel);
}

/** The record bytes of a storage's elements: a view of its memory, or (int64) a converted copy. */
export function encodeStorage(dtype: DType, data: TypedArray): Uint8Array {
  if (dtype === torch.int64) {
    const n = data.length;
    const w = new Int32Array(2 * n);
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      const x = data[i];
      const hi = Math.floor(x / 4294967296);
      w[j] = x - hi * 4294967296; // wraps to the low 32 bits
      w[j + 1] = hi;
    }
    return new Uint8Array(w.buffer);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function swapped(src: Uint8Array, k: number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += k) for (let j = 0; j < k; j++) out[i + j] = src[i + k - 1 - j];
  return out;
}
