/**
 * The pickler torch.save needs: protocol 2 (PyTorch's DEFAULT_PROTOCOL), writing what
 * PyTorch 1.13's own pickler writes for the same objects (opcodes from CPython's
 * Lib/pickletools.py). Tensors become `torch._utils._rebuild_tensor_v2(storage, offset,
 * size, stride, requires_grad, OrderedDict())` with the storage as a persistent id
 * `('storage', torch.<Type>Storage, key, 'cpu', numel)`; a Map becomes an OrderedDict, a
 * plain object a dict, an array a list. Containers are memoized (BINPUT) before their
 * items, so shared and cyclic references come back shared, as with Python's pickle.
 */
import { Tensor, isPlainObject, type DType } from "@torchts/tensor";
import { TorchError } from "./errors";
import { storageTypeOf } from "./storage-types";

/** An object torch.save cannot write (Python's pickle.PicklingError). */
export class PicklingError extends TorchError {
  override name = "PicklingError";
}

export interface SavedStorage {
  key: string;
  dtype: DType;
  data: Tensor["_storage"]["data"];
}

class Out {
  buf = new Uint8Array(256);
  n = 0;
  private grow(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }
  byte(x: number): void {
    this.grow(1);
    this.buf[this.n++] = x;
  }
  bytes(x: Uint8Array): void {
    this.grow(x.length);
    this.buf.set(x, this.n);
    this.n += x.length;
  }
  u32(x: number): void {
    this.grow(4);
    new DataView(this.buf.buffer).setUint32(this.n, x >>> 0, true);
    this.n += 4;
  }
}

const enc = new TextEncoder();
const ascii = (s: string): Uint8Array => enc.encode(s);

export function pickle(obj: unknown, fn: string): { bytes: Uint8Array; storages: SavedStorage[] } {
  const o = new Out();
  const memo = new Map<unknown, number>();
  const globals = new Map<string, number>();
  const storages = new Map<Tensor["_storage"], SavedStorage>();
  const path: string[] = [];

  const put = (x: unknown): void => {
    const i = memo.size;
    memo.set(x, i);
    if (i < 256) { o.byte(0x71); o.byte(i); } // BINPUT
    else { o.byte(0x72); o.u32(i); } // LONG_BINPUT
  };
  const get = (i: number): void => {
    if (i < 256) { o.byte(0x68); o.byte(i); } // BINGET
    else { o.byte(0x6a); o.u32(i); } // LONG_BINGET
  };
  const global = (module: string, name: string): void => {
    const q = `${module}\n${name}\n`;
    const m = globals.get(q);
    if (m !== undefined) return get(m);
    o.byte(0x63); // GLOBAL 'c'
    o.bytes(ascii(q));
    const i = memo.size;
    globals.set(q, i);
    put(Symbol(q));
  };
  const str = (s: string): void => {
    const b = enc.encode(s);
    o.byte(0x58); // BINUNICODE 'X'
    o.u32(b.length);
    o.bytes(b);
  };
  const int = (x: number | bigint): void => {
    if (typeof x === "number" && x >= 0 && x < 256) { o.byte(0x4b); o.byte(x); return; } // BININT1
    if (typeof x === "number" && x >= 0 && x < 65536) { o.byte(0x4d); o.byte(x & 0xff); o.byte(x >> 8); return; } // BININT2
    if (typeof x === "number" && x >= -2147483648 && x <= 2147483647) { o.byte(0x4a); o.u32(x); return; } // BININT
    // LONG1: little-endian two's complement, shortest form
    let v = BigInt(x);
    const bytes: number[] = [];
    for (;;) {
      const b = Number(v & 0xffn);
      bytes.push(b);
      v >>= 8n;
      if ((v === 0n && !(b & 0x80)) || (v === -1n && b & 0x80)) break;
    }
    o.byte(0x8a);
    o.byte(bytes.length);
    for (const b of bytes) o.byte(b);
  };
  const float = (x: number): void => {
    o.byte(0x47); // BINFLOAT 'G', big-endian
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    o.bytes(b);
  };
  const tuple = (items: (() => void)[]): void => {
    if (items.length === 0) { o.byte(0x29); return; } // EMPTY_TUPLE
    if (items.length <= 3) { items.forEach((f) => f()); o.byte(0x84 + items.length); return; } // TUPLE1..3
    o.byte(0x28); // MARK
    items.forEach((f) => f());
    o.byte(0x74); // TUPLE
  };
  const where = (): string => (path.length ? ` at ${path.join("")}` : "");
  const refuse = (what: string): never => {
    throw new PicklingError(`${fn}(): cannot save ${what}${where()}: torchts saves tensors, arrays, Maps, plain objects, strings, numbers, bigints, booleans and null`);
  };

  const tensor = (t: Tensor): void => {
    let s = storages.get(t._storage);
    if (s === undefined) {
      storageTypeOf(t.dtype);
      s = { key: String(storages.size), dtype: t.dtype, data: t._storage.data };
      storages.set(t._storage, s);
    } else if (s.dtype !== t.dtype) refuse(`two dtypes viewing one storage (${s.dtype}, ${t.dtype})`);
    const st = storageTypeOf(t.dtype);
    const rg = (t as unknown as { requiresGrad?: unknown }).requiresGrad === true;
    const saved = s;
    global("torch._utils", "_rebuild_tensor_v2");
    o.byte(0x28); // MARK: the arguments
    o.byte(0x28); // MARK: the persistent id ('storage', torch.<T>Storage, key, 'cpu', numel)
    str("storage");
    global("torch", st.name);
    str(saved.key);
    str("cpu");
    int(saved.data.length);
    o.byte(0x74); // TUPLE
    o.byte(0x51); // BINPERSID
    int(t.storageOffset());
    tuple(t._shape.map((d) => () => int(d)));
    tuple(t._strides.map((d) => () => int(d)));
    o.byte(rg ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
    global("collections", "OrderedDict");
    o.byte(0x29); // EMPTY_TUPLE
    o.byte(0x52); // REDUCE
    o.byte(0x74); // TUPLE
    o.byte(0x52); // REDUCE
  };

  const value = (x: unknown): void => {
    if (x === null) return o.byte(0x4e); // NONE
    if (x === true) return o.byte(0x88);
    if (x === false) return o.byte(0x89);
    if (typeof x === "number") return Number.isSafeInteger(x) && !Object.is(x, -0) ? int(x) : float(x);
    if (typeof x === "bigint") return int(x);
    if (typeof x === "string") return str(x);
    if (typeof x === "undefined") return refuse("undefined");
    if (typeof x === "function") return refuse(`a function (${x.name || "anonymous"})`);
    if (typeof x === "symbol") return refuse(`a symbol (${String(x)})`);
    const m = memo.get(x);
    if (m !== undefined) return get(m);
    if (x instanceof Tensor) {
      tensor(x);
      return put(x);
    }
    if (Array.isArray(x)) {
      o.byte(0x5d); // EMPTY_LIST
      put(x);
      if (x.length === 0) return;
      o.byte(0x28); // MARK
      x.forEach((v, i) => {
        path.push(`[${i}]`);
        value(v);
        path.pop();
      });
      return o.byte(0x65); // APPENDS
    }
    if (x instanceof Map) {
      global("collections", "OrderedDict");
      o.byte(0x29); // EMPTY_TUPLE
      o.byte(0x52); // REDUCE
      put(x);
      return items(x.entries(), true);
    }
    if (isPlainObject(x)) {
      o.byte(0x7d); // EMPTY_DICT
      put(x);
      return items(Object.entries(x), false);
    }
    const name = (x as object).constructor?.name ?? "object";
    return refuse(`an instance of ${name}`);
  };
  const items = (entries: Iterable<[unknown, unknown]>, isMap: boolean): void => {
    let open = false;
    for (const [k, v] of entries) {
      if (!open) o.byte(0x28); // MARK
      open = true;
      if (isMap && !(typeof k === "string" || typeof k === "number" || typeof k === "bigint" || typeof k === "boolean" || k === null)) {
        refuse(`a Map key of type ${typeof k === "object" ? ((k as object).constructor?.name ?? "object") : typeof k}`);
      }
      value(k);
      path.push(typeof k === "string" ? `[${JSON.stringify(k)}]` : `[${String(k)}]`);
      value(v);
      path.pop();
    }
    if (open) o.byte(0x75); // SETITEMS
  };

  o.byte(0x80); // PROTO 2
  o.byte(2);
  value(obj);
  o.byte(0x2e); // STOP
  return { bytes: o.buf.subarray(0, o.n), storages: [...storages.values()] };
}
