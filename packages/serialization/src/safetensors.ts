/**
 * safetensors (https://github.com/huggingface/safetensors, format README): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON (`{"__metadata__": {..},
 * "<name>": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}`), then the
 * raw little-endian C-order data. The reader checks what Python's `safetensors` checks,
 * with its messages: the header size (at most 100,000,000 bytes), the JSON, the dtypes,
 * that each tensor's bytes match its shape, and that the tensors tile the data exactly
 * (no overlap, no gap, nothing left over). Loaded tensors come back as a Map, in file order.
 */
import { Tensor, TypeError, ValueError, argTypeError, describeValue, isPlainObject } from "@torchts/tensor";
import * as torch from "@torchts/tensor";
import { readFileSync } from "node:fs";
import { checkArity } from "@torchts/tensor/errors";
import { SafetensorError } from "./errors";
import { fileError } from "./files";
import { writeAtomic } from "./atomic";
import { STORAGE_TYPES, decodeStorage, encodeStorage, storageTypeOf } from "./storage-types";

export type SafetensorsMetadata = Record<string, string>;

const MAX_HEADER = 100_000_000;
// the Rust writer's order: dtypes in descending enum order, then names
const DTYPE_ORDER = ["BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E4M3FNUZ", "F8_E5M2FNUZ", "F8_E8M0", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64"];
const BY_ST = new Map(STORAGE_TYPES.map((s) => [s.st, s]));
const Storage = torch.empty(0)._storage.constructor as new (data: torch.TypedArray) => Tensor["_storage"];

const bad = (what: string): never => {
  throw new SafetensorError(`Error while deserializing header: ${what}`);
};

function entriesOf(fn: string, tensors: unknown): [string, Tensor][] {
  const list = tensors instanceof Map ? [...tensors.entries()] : isPlainObject(tensors) ? Object.entries(tensors) : null;
  if (list === null) throw argTypeError(fn, "tensors", 0, "a Map or plain object of tensors", tensors);
  for (const [k, v] of list) {
    if (typeof k !== "string") throw new SafetensorError(`${fn}(): tensor names must be strings, got ${typeof k}`);
    if (!(v instanceof Tensor)) throw new ValueError(`${fn}(): Key \`${k}\` is invalid, expected a Tensor but received ${describeValue(v)}: not a tensor`);
    if (k === "__metadata__") throw new SafetensorError(`${fn}(): "__metadata__" is reserved for the metadata`);
  }
  return list as [string, Tensor][];
}

/**
 * The safetensors bytes of `tensors` (a Map or plain object of name → tensor). Tensors are
 * written contiguously, views and tied tensors as copies of their own elements.
 *
 * @example
 * const bytes = save({ weight: torch.ones(2, 3) }, { format: "pt" });
 */
export function save(tensors: Map<string, Tensor> | Record<string, Tensor>, metadata?: SafetensorsMetadata): Uint8Array {
  checkArity("save", arguments, 2);
  return concat(parts("save", tensors, metadata));
}

function parts(fn: string, tensors: unknown, metadata: unknown): Uint8Array[] {
  const list = entriesOf(fn, tensors);
  if (metadata !== undefined && metadata !== null) {
    if (!isPlainObject(metadata) || !Object.values(metadata).every((v) => typeof v === "string")) {
      throw new TypeError(`${fn}(): argument 'metadata' must be a plain object of string values, got ${describeValue(metadata)}`);
    }
  }
  const rank = (t: Tensor): number => DTYPE_ORDER.indexOf(storageTypeOf(t.dtype).st);
  list.sort(([a, x], [b, y]) => rank(y) - rank(x) || (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  const datas: Uint8Array[] = [];
  let at = 0;
  for (const [name, t] of list) {
    const data = encodeStorage(t.dtype, t.toTypedArray());
    header[name] = { dtype: storageTypeOf(t.dtype).st, shape: [...t.shape], data_offsets: [at, at + data.length] };
    datas.push(data);
    at += data.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const h = new TextEncoder().encode(json);
  const len = new Uint8Array(8);
  new DataView(len.buffer).setUint32(0, h.length, true);
  return [len, h, ...datas];
}

/** Write `tensors` to a safetensors file (atomically; see save()). */
export function saveFile(tensors: Map<string, Tensor> | Record<string, Tensor>, path: string, metadata?: SafetensorsMetadata): void {
  checkArity("saveFile", arguments, 3);
  if (typeof path !== "string") throw argTypeError("saveFile", "filename", 1, "a path (string)", path);
  writeAtomic(path, (sink) => parts("saveFile", tensors, metadata).forEach((p) => sink(p)));
}

/**
 * Read safetensors bytes: a Map of name → tensor, in the order of their data. F16 and
 * BF16 load as float16 and bfloat16 tensors holding the file's words.
 */
export function load(bytes: Uint8Array): Map<string, Tensor> {
  checkArity("load", arguments, 1);
  if (!(bytes instanceof Uint8Array)) throw argTypeError("load", "data", 0, "bytes (Uint8Array)", bytes);
  return parse(bytes, false).tensors;
}

/** Read a safetensors file: a Map of name → tensor (see load()). */
export function loadFile(path: string): Map<string, Tensor> {
  checkArity("loadFile", arguments, 1);
  if (typeof path !== "string") throw argTypeError("loadFile", "filename", 0, "a path (string)", path);
  let b: Uint8Array;
  try {
    b = readFileSync(path);
  } catch (e) {
    throw fileError(e, path);
  }
  return parse(b, true).tensors;
}

/** The metadata of safetensors bytes (or null). */
export function metadataOf(bytes: Uint8Array): SafetensorsMetadata | null {
  checkArity("metadataOf", arguments, 1);
  if (!(bytes instanceof Uint8Array)) throw argTypeError("metadataOf", "data", 0, "bytes (Uint8Array)", bytes);
  return parse(bytes, false, true).metadata;
}

function parse(b: Uint8Array, owned: boolean, headerOnly = false): { tensors: Map<string, Tensor>; metadata: SafetensorsMetadata | null } {
  if (b.length < 8) bad("header too small");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = v.getUint32(4, true) * 4294967296 + v.getUint32(0, true);
  if (n > MAX_HEADER) bad(`header too large (${n} bytes; the limit is ${MAX_HEADER})`);
  if (8 + n > b.length) bad(`invalid header length (${n} bytes, but the file has ${b.length - 8} after the length)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(8, 8 + n)));
  } catch (e) {
    bad(`invalid JSON in header: ${(e as Error).message}`);
  }
  if (!isPlainObject(header)) bad("invalid JSON in header: not an object");
  const h = header as Record<string, unknown>;
  let metadata: SafetensorsMetadata | null = null;
  if ("__metadata__" in h) {
    const m = h.__metadata__;
    if (m !== null && (!isPlainObject(m) || !Object.values(m).every((x) => typeof x === "string"))) bad("invalid JSON in header: __metadata__ must map strings to strings");
    metadata = m as SafetensorsMetadata | null;
  }
  const dataLen = b.length - 8 - n;
  const infos: { name: string; st: (typeof STORAGE_TYPES)[number]; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(h)) {
    if (name === "__metadata__") continue;
    if (!isPlainObject(info)) bad(`invalid JSON in header: entry ${JSON.stringify(name)} is not an object`);
    const { dtype, shape, data_offsets: off } = info as Record<string, unknown>;
    if (typeof dtype !== "string" || !DTYPE_ORDER.includes(dtype)) bad(`invalid JSON in header: unknown dtype ${JSON.stringify(dtype)} for tensor ${JSON.stringify(name)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) bad(`invalid JSON in header: bad shape for tensor ${JSON.stringify(name)}`);
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && d >= 0)) bad(`invalid JSON in header: bad data_offsets for tensor ${JSON.stringify(name)}`);
    const st = BY_ST.get(dtype as string);
    const [begin, end] = off as number[];
    const numel = (shape as number[]).reduce((a, d) => a * d, 1);
    const size = st ? st.itemsize : 0;
    if (!Number.isSafeInteger(numel * Math.max(size, 1)) || end < begin || (st && end - begin !== numel * size)) {
      bad(`invalid shape, data type, or offset for tensor ${JSON.stringify(name)}`);
    }
    if (st === undefined || st.dtype === null) throw new SafetensorError(`tensor ${JSON.stringify(name)} has dtype ${dtype as string}, which torchts cannot represent`);
    infos.push({ name, st, shape: shape as number[], begin, end });
  }
  infos.sort((a, c) => a.begin - c.begin || a.end - c.end);
  let at = 0;
  for (const t of infos) {
    if (t.begin !== at) bad(`invalid offset for tensor ${JSON.stringify(t.name)} (it starts at ${t.begin}; the data before it ends at ${at}: ${t.begin < at ? "overlap" : "gap"})`);
    at = t.end;
  }
  if (at !== dataLen) bad(`incomplete metadata, file not fully covered (the tensors cover ${at} of ${dataLen} data bytes)`);
  const tensors = new Map<string, Tensor>();
  if (headerOnly) return { tensors, metadata };
  const base = 8 + n;
  for (const t of infos) {
    const numel = t.shape.reduce((a, d) => a * d, 1);
    const data = decodeStorage(t.st, b.subarray(base + t.begin, base + t.end), numel, owned, false);
    const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, d) => a * d, 1));
    tensors.set(t.name, new Tensor(new Storage(data), t.shape.slice(), strides, 0, t.st.dtype!));
  }
  return { tensors, metadata };
}

function concat(ps: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(ps.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of ps) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
