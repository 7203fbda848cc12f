/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun's "SN3 pascalvincent" files),
 * gzipped or not. Big-endian: bytes 0-1 zero, byte 2 the element type (0x08 uint8,
 * 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), byte 3 the number
 * of dimensions, then one uint32 per dimension, then the elements row-major.
 * uint8 data is wrapped without copying (the file's bytes are the tensor's storage).
 */
import { readFileSync } from "node:fs";
import { argTypeError, checkArity } from "@torchts/tensor/errors";
import { gunzipSync } from "node:zlib";
import { RuntimeError, Tensor, float32, float64, int16, int32, int8, uint8, type DType } from "@torchts/tensor";

type Store = new (n: number) => Int16Array | Int32Array | Float32Array | Float64Array;
const TYPES: Record<number, { dtype: DType; size: number; store?: Store; read?: (v: DataView, o: number) => number }> = {
  0x08: { dtype: uint8, size: 1 },
  0x09: { dtype: int8, size: 1 },
  0x0b: { dtype: int16, size: 2, store: Int16Array, read: (v, o) => v.getInt16(o) },
  0x0c: { dtype: int32, size: 4, store: Int32Array, read: (v, o) => v.getInt32(o) },
  0x0d: { dtype: float32, size: 4, store: Float32Array, read: (v, o) => v.getFloat32(o) },
  0x0e: { dtype: float64, size: 8, store: Float64Array, read: (v, o) => v.getFloat64(o) },
};

/** The file's bytes, gunzipped when they start with gzip's magic (0x1f 0x8b), whatever the name. */
export function readMaybeGzip(path: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new RuntimeError(`cannot read IDX file '${path}': ${(e as Error).message}`);
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw);
    } catch (e) {
      throw new RuntimeError(`IDX file '${path}' is not a complete gzip stream (truncated or corrupt: ${(e as Error).message})`);
    }
  }
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}

/**
 * Parses IDX bytes into a tensor of the file's shape and type. Checks the magic
 * number, the number of dimensions (1 to 3 here, as torchvision) and that the
 * length is exactly header + product of the dimensions; each error names `name`.
 * @example parseIdx(bytes, "train-labels-idx1-ubyte") // uint8 tensor of shape [60000]
 */
export function parseIdx(bytes: Uint8Array, name: string): Tensor {
  checkArity("parseIdx", arguments, 2);
  if (!(bytes instanceof Uint8Array)) throw argTypeError("parseIdx", "bytes", 0, "Uint8Array", bytes);
  if (typeof name !== "string") throw argTypeError("parseIdx", "name", 1, "str", name);
  if (bytes.length < 4) throw new RuntimeError(`IDX file '${name}' is too short for a header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const magic = view.getUint32(0);
  const type = TYPES[bytes[2]];
  const nd = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined) {
    throw new RuntimeError(`IDX file '${name}' has a bad magic number 0x${magic.toString(16).padStart(8, "0")} (expected 0x000008NN: two zero bytes, a type code 08-0e, the number of dimensions)`);
  }
  if (nd < 1 || nd > 3) throw new RuntimeError(`IDX file '${name}' declares ${nd} dimensions (magic 0x${magic.toString(16).padStart(8, "0")}); expected 1 to 3`);
  const header = 4 + 4 * nd;
  if (bytes.length < header) throw new RuntimeError(`IDX file '${name}' is truncated inside its header (${bytes.length} bytes, header needs ${header})`);
  const dims: number[] = [];
  for (let d = 0; d < nd; d++) dims.push(view.getUint32(4 + 4 * d));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = header + count * type.size;
  if (bytes.length !== expected) {
    throw new RuntimeError(`IDX file '${name}' has ${bytes.length} bytes but its header [${dims.join(", ")}] (type ${type.dtype}) needs ${expected}: ${bytes.length < expected ? "truncated" : "trailing bytes"}`);
  }
  if (type.size === 1) {
    const data = type.dtype === uint8 ? bytes.subarray(header) : new Int8Array(bytes.buffer, bytes.byteOffset + header, count);
    return Tensor._fromData(data, dims, type.dtype);
  }
  const out = new type.store!(count);
  for (let i = 0, o = header; i < count; i++, o += type.size) out[i] = type.read!(view, o);
  return Tensor._fromData(out, dims, type.dtype);
}

/** Reads one IDX file (gzipped or not) into a tensor; see `parseIdx`. */
export function readIdx(path: string): Tensor {
  checkArity("readIdx", arguments, 1);
  if (typeof path !== "string") throw argTypeError("readIdx", "path", 0, "str", path);
  return parseIdx(readMaybeGzip(path), path);
}
