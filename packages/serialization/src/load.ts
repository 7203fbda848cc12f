/**
 * torch.load: PyTorch's zip format (any archive prefix; 1.13's and 2.x's record layouts)
 * read by the restricted unpickler of pickle-read.ts. What comes back:
 * - a tensor as a Tensor (on the CPU, whatever `location` the file names); tensors that
 *   shared a storage in PyTorch share one again (views, tied weights);
 * - an OrderedDict (a state dict) as a `Map`, in the file's order;
 * - a dict as a plain object, or as a `Map` when a plain object would reorder or change its
 *   keys (integer-like strings, non-string keys, "__proto__");
 * - a list or tuple as an array; a set as a Set; an int as a number (a bigint beyond
 *   2^53); a float as a number; a str as a string; bytes as a Uint8Array; None as null.
 */
import * as torch from "@torchts/tensor";
import { Tensor, checkOptions, isPlainObject, argTypeError } from "@torchts/tensor";
import { checkArity } from "@torchts/tensor/errors";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { FileError, RuntimeError, UnpicklingError, ValueError } from "./errors";
import { PyDict, PyGlobal, PyTuple, typeName, unpickle, weightsOnlyError } from "./pickle-read";
import { STORAGE_BY_NAME, decodeStorage } from "./storage-types";
import { type Source, ZipReader, bytesSource } from "./zip-read";
import { fileError } from "./files";

export interface LoadOptions {
  /** Always true: torchts never executes code from a file (PyTorch's default since 2.6). */
  weightsOnly?: boolean;
  /** Only "cpu" (every storage loads on the CPU anyway). */
  mapLocation?: string;
}

type StorageCtor = new (data: torch.TypedArray) => Tensor["_storage"];
// tensor's Storage class is not public API; every tensor carries it
const Storage = torch.empty(0)._storage.constructor as StorageCtor;

const REBUILDERS = new Set([
  "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state", "torch._tensor._rebuild_from_type_v2", "torch.nn.parameter.Parameter",
  "collections.OrderedDict", "torch.Size", "torch.Tensor",
]);
const UNSUPPORTED = new Set([
  "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_meta_tensor_no_storage",
  "torch._utils._rebuild_qtensor", "torch.serialization._get_layout", "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_wrapper_subclass",
]);
const DTYPE_NAMES = new Set(["float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "bool", "complex64", "complex128", "half", "float", "double", "long", "int", "short"]);

const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/**
 * Load what `torch.save` wrote (PyTorch's or torchts's), from a path or from bytes.
 *
 * @example
 * const sd = load("mlp.params") as Map<string, Tensor>; // an OrderedDict: Map { "hidden.weight" => tensor [256, 20], ... }
 * const x = load(save(torch.arange(4))) as Tensor;       // tensor([0, 1, 2, 3])
 */
export function load(f: string | Uint8Array | ArrayBuffer, options?: LoadOptions): unknown {
  checkArity("load", arguments, 2);
  checkOptions("load", options, ["weightsOnly", "mapLocation"]);
  if (options?.weightsOnly !== undefined && typeof options.weightsOnly !== "boolean") throw argTypeError("load", "weights_only", undefined, "bool", options.weightsOnly);
  if (options?.weightsOnly === false) {
    throw new ValueError("load(): weightsOnly: false is not supported: torchts never executes code from a file, so it loads only what weights_only=True allows (plus floats)");
  }
  if (options?.mapLocation !== undefined && typeof options.mapLocation !== "string") throw argTypeError("load", "mapLocation", undefined, '"cpu"', options.mapLocation);
  if (options?.mapLocation !== undefined && options.mapLocation !== "cpu") throw new ValueError(`load(): mapLocation must be "cpu", got ${JSON.stringify(options.mapLocation)}`);
  if (typeof f === "string") {
    let fd: number;
    try {
      fd = openSync(f, "r");
    } catch (e) {
      throw fileError(e, f);
    }
    try {
      return loadFrom(fileSource(fd, f));
    } finally {
      closeSync(fd);
    }
  }
  if (f instanceof Uint8Array) return loadFrom(bytesSource(f));
  if (f instanceof ArrayBuffer) return loadFrom(bytesSource(new Uint8Array(f)));
  throw argTypeError("load", "f", 0, "a path (string) or bytes (Uint8Array)", f);
}

/**
 * A file read record by record, each into memory of its own: one copy of the data in all, and
 * no single allocation of the file's size (which the OS would map fresh, page by page, each time).
 */
function fileSource(fd: number, path: string): Source {
  let size: number;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    size = st.size;
  } catch (e) {
    throw fileError(e, path);
  }
  return {
    size,
    fresh: true,
    readAt(pos: number, len: number): Uint8Array {
      const out = Buffer.allocUnsafe(len);
      for (let at = 0; at < len; ) {
        let n: number;
        try {
          n = readSync(fd, out, at, Math.min(len - at, 1 << 30), pos + at);
        } catch (e) {
          throw fileError(e, path);
        }
        if (n === 0) throw new RuntimeError(`load(): ${path} ended early (read ${pos + at} of ${size} bytes): was it truncated while being read?`);
        at += n;
      }
      return out;
    },
  };
}

function loadFrom(src: Source): unknown {
  const owned = src.fresh;
  if (src.size === 0) throw new UnpicklingError("load(): Ran out of input (the file is empty)");
  const b = src.readAt(0, Math.min(src.size, LEGACY_MAGIC.length));
  if (LEGACY_MAGIC.every((x, i) => b[i] === x)) {
    throw new UnpicklingError("load(): this is PyTorch's legacy (pre-1.6) format; torchts reads the zip format only. Re-save it in PyTorch 1.6+ with torch.save(obj, path)");
  }
  if (!(b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5))) {
    throw new UnpicklingError(`load(): invalid load key, '${String.fromCharCode(b[0])}' (the bytes are not a PyTorch zip file)`);
  }
  const zip = new ZipReader(src);
  if (zip.entries.length === 0) throw new RuntimeError("PytorchStreamReader failed reading zip archive: the archive has no records");
  const first = zip.entries[0].name;
  const slash = first.indexOf("/");
  if (slash < 0) throw new RuntimeError(`PytorchStreamReader failed reading zip archive: file in archive is not in a subdirectory: ${first}`);
  const prefix = first.slice(0, slash);
  const rec = (name: string): string => `${prefix}/${name}`;
  const versionName = zip.has(rec("version")) ? rec("version") : rec(".data/version");
  if (!zip.has(versionName)) throw new RuntimeError(`PytorchStreamReader failed locating file ${rec("version")}: file not found`);
  const version = Number(new TextDecoder().decode(zip.read(versionName)).trim());
  if (!Number.isInteger(version) || version < 1 || version > 10) {
    throw new RuntimeError(`Attempted to read a PyTorch file with version ${version}, but the maximum supported version for reading is 10.`);
  }
  let bigEndian = false;
  if (zip.has(rec("byteorder"))) {
    const order = new TextDecoder().decode(zip.read(rec("byteorder")));
    if (order !== "little" && order !== "big") throw new RuntimeError(`load(): unknown byteorder record ${JSON.stringify(order)}`);
    bigEndian = order === "big";
  }
  // every record's CRC is checked, the ones no object refers to included
  for (const e of zip.entries) if (!e.name.endsWith("/data.pkl") && !e.name.includes("/data/")) zip.read(e.name);

  const storages = new Map<string, { st: { name: string }; storage: Tensor["_storage"]; dtype: torch.DType; numel: number }>();
  const persistentLoad = (pid: unknown): unknown => {
    if (!(pid instanceof PyTuple) || pid.length !== 5 || pid[0] !== "storage") throw weightsOnlyError(`persistent id ${typeName(pid)} is not a ('storage', ...) tuple`);
    const [, cls, key, , numel] = pid;
    if (!(cls instanceof PyGlobal) || cls.module !== "torch" || !STORAGE_BY_NAME.has(cls.name)) throw weightsOnlyError(`persistent id names ${typeName(cls)}, not a storage type`);
    if (typeof key !== "string" || typeof numel !== "number" || !Number.isSafeInteger(numel) || numel < 0) throw new UnpicklingError(`load(): malformed storage reference ${JSON.stringify([key, numel])}`);
    const t = STORAGE_BY_NAME.get(cls.name)!;
    const cached = storages.get(key);
    if (cached !== undefined) {
      if (cached.st !== t || cached.numel !== numel) throw new RuntimeError(`load(): storage data/${key} is referenced as two different storages`);
      return cached;
    }
    if (t.dtype === null) throw new RuntimeError(`load(): torchts has no complex dtype, so it cannot load torch.${t.name} (storage data/${key})`);
    const bytes = zip.read(rec(`data/${key}`));
    if (bytes.length < numel * t.itemsize) {
      throw new RuntimeError(`load(): storage data/${key} holds ${bytes.length} bytes, but the file says it has ${numel} elements of torch.${t.name} (${numel * t.itemsize} bytes): the file is corrupt`);
    }
    const data = decodeStorage(t, bytes, numel, owned, bigEndian);
    const entry = { st: t, storage: new Storage(data), dtype: t.dtype, numel };
    storages.set(key, entry);
    return entry;
  };
  const raw = unpickle(zip.read(rec("data.pkl")), { allowGlobal, call, build, persistentLoad });
  // storage records no tensor referenced are CRC-checked too
  for (const e of zip.entries) if (e.name.startsWith(rec("data/")) && !storages.has(e.name.slice(rec("data/").length))) zip.read(e.name);
  return finish(raw, new Map());
}

function allowGlobal(g: PyGlobal): boolean {
  const q = g.qualname;
  if (REBUILDERS.has(q) || UNSUPPORTED.has(q)) return true;
  if (g.module === "torch" && (STORAGE_BY_NAME.has(g.name) || DTYPE_NAMES.has(g.name) || /^[A-Z][a-zA-Z0-9]*Tensor$/.test(g.name))) return true;
  return false;
}

type StorageEntry = { storage: Tensor["_storage"]; dtype: torch.DType; numel: number };

function ints(fn: string, what: string, v: unknown): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "number" && Number.isSafeInteger(x) && x >= 0)) {
    throw new UnpicklingError(`${fn}: ${what} must be a tuple of non-negative ints, got ${typeName(v)}`);
  }
  return v as number[];
}

function rebuildTensor(args: unknown[]): Tensor {
  const fn = "_rebuild_tensor_v2";
  const [s, offset, size, stride, requiresGrad] = args;
  if (s === null || typeof s !== "object" || !("storage" in s)) throw new UnpicklingError(`${fn}: argument 0 is ${typeName(s)}, not a storage`);
  const st = s as StorageEntry;
  const shape = ints(fn, "size", size);
  const strides = ints(fn, "stride", stride);
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) throw new UnpicklingError(`${fn}: bad storage offset ${String(offset)}`);
  if (shape.length !== strides.length) throw new UnpicklingError(`${fn}: size ${JSON.stringify(shape)} and stride ${JSON.stringify(strides)} differ in length`);
  let last = offset;
  let empty = false;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) empty = true;
    last += (shape[i] - 1) * strides[i];
  }
  if (!empty && last >= st.numel) {
    throw new RuntimeError(
      `load(): a tensor of size ${JSON.stringify(shape)}, stride ${JSON.stringify(strides)} at offset ${offset} needs ${last + 1} elements, but its storage has ${st.numel}: the file is corrupt`,
    );
  }
  const t = new Tensor(st.storage, shape.slice(), strides.slice(), offset, st.dtype);
  if (requiresGrad === true) setRequiresGrad(t);
  return t;
}

/** requires_grad survives when @torchts/autograd is loaded (it adds requiresGrad_); tensor alone has no gradients. */
function setRequiresGrad(t: Tensor): void {
  const f = (t as unknown as { requiresGrad_?: (b: boolean) => unknown }).requiresGrad_;
  if (typeof f === "function" && t.dtype.isFloatingPoint) f.call(t, true);
}

function call(g: PyGlobal, args: unknown[], op: string): unknown {
  const q = g.qualname;
  if (op === "NEWOBJ" && q !== "torch.nn.parameter.Parameter") throw weightsOnlyError(`NEWOBJ on ${q}`);
  switch (q) {
    case "collections.OrderedDict": {
      const d = new PyDict(true);
      if (args.length > 0) {
        if (!Array.isArray(args[0])) throw weightsOnlyError("OrderedDict(...) with a non-list argument");
        for (const kv of args[0]) {
          if (!Array.isArray(kv) || kv.length !== 2) throw weightsOnlyError("OrderedDict(...) with an item that is not a pair");
          d.map.set(kv[0], kv[1]);
        }
      }
      return d;
    }
    case "torch._utils._rebuild_tensor":
    case "torch._utils._rebuild_tensor_v2":
      return rebuildTensor(args);
    case "torch._utils._rebuild_parameter":
    case "torch._utils._rebuild_parameter_with_state":
    case "torch.nn.parameter.Parameter": {
      const t = args[0];
      if (!(t instanceof Tensor)) throw new UnpicklingError(`${g.name}: argument 0 is ${typeName(t)}, not a tensor`);
      if (args.length < 2 || args[1] === true) setRequiresGrad(t);
      return t;
    }
    case "torch._tensor._rebuild_from_type_v2": {
      const [func, type, inner] = args;
      if (!(func instanceof PyGlobal) || !(type instanceof PyGlobal) || !(inner instanceof PyTuple)) throw weightsOnlyError("_rebuild_from_type_v2 with malformed arguments");
      if (type.qualname !== "torch.Tensor" && type.qualname !== "torch.nn.parameter.Parameter") throw weightsOnlyError(`tensor subclass ${type.qualname}`);
      return call(func, inner, "REDUCE");
    }
    case "torch.Size":
      if (args.length !== 1 || !Array.isArray(args[0])) throw weightsOnlyError("torch.Size(...) with malformed arguments");
      return Array.from(args[0]);
  }
  if (UNSUPPORTED.has(q)) throw new RuntimeError(`load(): ${q}: torchts has no sparse, quantized or meta tensors, and no dtypes beyond its own`);
  throw weightsOnlyError(`${q} cannot be called`);
}

function build(obj: unknown, state: unknown): void {
  // BUILD on an OrderedDict sets attributes (a state dict's `_metadata`); on a tensor, its Python state
  if (obj instanceof PyDict && obj.ordered) return;
  if (obj instanceof Tensor) return;
  void state;
  throw weightsOnlyError(`can only BUILD tensors, parameters or OrderedDicts, not ${typeName(obj)}`);
}

const INDEX_LIKE = /^(0|[1-9]\d*)$/;

/** PyDicts become objects or Maps, tuples arrays, storages an error (a bare storage is not a value here). */
function finish(x: unknown, seen: Map<unknown, unknown>): unknown {
  if (x === null || typeof x !== "object" || x instanceof Tensor || x instanceof Uint8Array) return x;
  const done = seen.get(x);
  if (done !== undefined) return done;
  if (x instanceof PyDict) {
    const plain = !x.ordered && [...x.map.keys()].every((k) => typeof k === "string" && !(INDEX_LIKE.test(k) && Number(k) < 4294967295) && k !== "__proto__");
    if (plain) {
      const o: Record<string, unknown> = {};
      seen.set(x, o);
      for (const [k, v] of x.map) o[k as string] = finish(v, seen);
      return o;
    }
    const m = new Map<unknown, unknown>();
    seen.set(x, m);
    for (const [k, v] of x.map) m.set(finish(k, seen), finish(v, seen));
    return m;
  }
  if (Array.isArray(x)) {
    const a: unknown[] = [];
    seen.set(x, a);
    for (const v of x) a.push(finish(v, seen));
    return a;
  }
  if (x instanceof Set) {
    const s = new Set<unknown>();
    seen.set(x, s);
    for (const v of x) s.add(finish(v, seen));
    return s;
  }
  if (x instanceof PyGlobal) throw weightsOnlyError(`the file holds the bare global ${x.qualname}`);
  if (isPlainObject(x) || "storage" in x) throw weightsOnlyError("the file holds a bare storage, not a tensor");
  return x;
}
