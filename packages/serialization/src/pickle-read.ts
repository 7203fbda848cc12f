/**
 * A restricted unpickler: the opcodes and globals of PyTorch's `weights_only=True`
 * loader (torch/_weights_only_unpickler.py), plus BINFLOAT (which 1.13 lacks, so it cannot
 * read an optimizer's state dict) and the protocol-3/4 opcodes current PyTorch writes.
 * Globals are never looked up or called: each allowed name maps to a JavaScript builder
 * given by the caller (see torch-globals.ts); any other name is an error that names it.
 *
 * Opcodes follow CPython's Lib/pickletools.py; each case cites its name and byte.
 * Every read is bounds-checked against the buffer, and a length in the data can never
 * make it allocate more than the bytes that remain.
 */
import { UnpicklingError } from "./errors";

/** A Python global named by GLOBAL / STACK_GLOBAL ("module.name"). */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  get qualname(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A Python dict (or OrderedDict) while unpickling; converted at the end. */
export class PyDict {
  readonly map = new Map<unknown, unknown>();
  constructor(readonly ordered: boolean) {}
}

/** A Python tuple (kept apart from lists while unpickling; both end as arrays). */
export class PyTuple extends Array<unknown> {}

export interface UnpickleHooks {
  /** May this global be named at all? */
  allowGlobal(g: PyGlobal): boolean;
  /** REDUCE / NEWOBJ: build `callable(*args)` for an allowed global. */
  call(g: PyGlobal, args: unknown[], op: string): unknown;
  /** BUILD on an object (OrderedDict metadata, tensor state). */
  build(obj: unknown, state: unknown): void;
  /** BINPERSID: a storage reference. */
  persistentLoad(pid: unknown): unknown;
}

const MARK = Symbol("mark");

export function weightsOnlyError(detail: string): UnpicklingError {
  return new UnpicklingError(
    `Weights only load failed: ${detail}. torchts.load reads only tensors, storages, dicts, lists, tuples, strings, numbers, ` +
      "booleans and None, and never executes anything from the file; the file holds some other Python object.",
  );
}

export function unpickle(data: Uint8Array, hooks: UnpickleHooks): unknown {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = data.length;
  let p = 0;
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const latin1 = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8", { fatal: true });

  const need = (k: number): number => {
    if (k < 0 || p + k > n) throw new UnpicklingError(`pickle data was truncated (needed ${k} bytes at offset ${p} of ${n})`);
    const at = p;
    p += k;
    return at;
  };
  const u8 = (): number => data[need(1)];
  const u32 = (): number => v.getUint32(need(4), true);
  const line = (): string => {
    const end = data.indexOf(0x0a, p);
    if (end < 0) throw new UnpicklingError("pickle data was truncated (no newline after GLOBAL)");
    const s = latin1.decode(data.subarray(p, end));
    p = end + 1;
    return s;
  };
  const text = (len: number): string => {
    const at = need(len);
    try {
      return utf8.decode(data.subarray(at, at + len));
    } catch {
      throw new UnpicklingError(`invalid UTF-8 in a pickled string at offset ${at}`);
    }
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw new UnpicklingError(`unpickling stack underflow at offset ${p - 1}`);
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw new UnpicklingError(`unpickling stack underflow at offset ${p - 1}`);
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const prev = marks.pop();
    if (prev === undefined) throw new UnpicklingError(`could not find MARK (offset ${p - 1})`);
    stack = prev;
    return items;
  };
  const memoGet = (i: number): unknown => {
    if (!memo.has(i)) throw new UnpicklingError(`Memo value not found at index ${i}`);
    return memo.get(i);
  };
  const asList = (o: unknown): unknown[] => {
    if (!Array.isArray(o) || o instanceof PyTuple) throw weightsOnlyError(`can only append to lists, not ${typeName(o)}`);
    return o;
  };
  const asDict = (o: unknown): PyDict => {
    if (!(o instanceof PyDict)) throw weightsOnlyError(`can only set items of dicts, not ${typeName(o)}`);
    return o;
  };
  const setItems = (d: PyDict, items: unknown[]): void => {
    if (items.length % 2) throw new UnpicklingError("odd number of items for SETITEMS");
    for (let i = 0; i < items.length; i += 2) d.map.set(dictKey(items[i]), items[i + 1]);
  };
  const global = (module: string, name: string): PyGlobal => {
    const g = new PyGlobal(module, name);
    if (!hooks.allowGlobal(g)) throw weightsOnlyError(`unsupported global: GLOBAL ${g.qualname} was not an allowed global`);
    return g;
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: need(8); break; // FRAME (protocol 4): a length hint only
      case 0x2e: { // STOP '.'
        if (marks.length) throw new UnpicklingError("unbalanced MARK at STOP");
        return pop();
      }
      case 0x28: marks.push(stack); stack = []; break; // MARK '('
      case 0x30: pop(); break; // POP '0'
      case 0x31: popMark(); break; // POP_MARK '1'
      case 0x32: stack.push(top()); break; // DUP '2'
      case 0x4e: stack.push(null); break; // NONE 'N'
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(v.getInt32(need(4), true)); break; // BININT 'J'
      case 0x4b: stack.push(u8()); break; // BININT1 'K'
      case 0x4d: stack.push(v.getUint16(need(2), true)); break; // BININT2 'M'
      case 0x8a: stack.push(long(data, need(0), u8(), need)); break; // LONG1
      case 0x8b: stack.push(long(data, need(0), u32(), need)); break; // LONG4
      case 0x47: stack.push(v.getFloat64(need(8), false)); break; // BINFLOAT 'G' (big-endian double)
      case 0x58: stack.push(text(u32())); break; // BINUNICODE 'X'
      case 0x8c: stack.push(text(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(text(u64(v, need(8)))); break; // BINUNICODE8
      case 0x55: { const k = u8(); stack.push(latin1.decode(data.subarray(need(k), p))); break; } // SHORT_BINSTRING 'U'
      case 0x54: { const k = u32(); stack.push(latin1.decode(data.subarray(need(k), p))); break; } // BINSTRING 'T'
      case 0x43: { const k = u8(); stack.push(data.slice(need(k), p)); break; } // SHORT_BINBYTES 'C'
      case 0x42: { const k = u32(); stack.push(data.slice(need(k), p)); break; } // BINBYTES 'B'
      case 0x29: stack.push(new PyTuple()); break; // EMPTY_TUPLE ')'
      case 0x74: { const t = tuple(popMark()); stack.push(t); break; } // TUPLE 't' (popMark first: it swaps `stack`)
      case 0x85: { const a = pop(); stack.push(tuple([a])); break; } // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push(tuple([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(tuple([a, b, c])); break; } // TUPLE3
      case 0x5d: stack.push([]); break; // EMPTY_LIST ']'
      case 0x6c: { const l = popMark(); stack.push(l); break; } // LIST 'l'
      case 0x61: { const x = pop(); asList(top()).push(x); break; } // APPEND 'a'
      case 0x65: { const items = popMark(); const l = asList(top()); for (const x of items) l.push(x); break; } // APPENDS 'e'
      case 0x7d: stack.push(new PyDict(false)); break; // EMPTY_DICT '}'
      case 0x64: { const d = new PyDict(false); setItems(d, popMark()); stack.push(d); break; } // DICT 'd'
      case 0x73: { const val = pop(); const key = pop(); asDict(top()).map.set(dictKey(key), val); break; } // SETITEM 's'
      case 0x75: { const items = popMark(); setItems(asDict(top()), items); break; } // SETITEMS 'u'
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x90: { const items = popMark(); const s = top(); if (!(s instanceof Set)) throw weightsOnlyError("ADDITEMS on a non-set"); for (const x of items) s.add(x); break; } // ADDITEMS
      case 0x91: { const s = new Set(popMark()); stack.push(s); break; } // FROZENSET
      case 0x63: { const m = line(); stack.push(global(m, line())); break; } // GLOBAL 'c'
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const m = pop();
        if (typeof m !== "string" || typeof name !== "string") throw new UnpicklingError("STACK_GLOBAL requires str");
        stack.push(global(m, name));
        break;
      }
      case 0x52: { // REDUCE 'R'
        const args = pop();
        const f = pop();
        if (!(f instanceof PyGlobal)) throw weightsOnlyError(`REDUCE on ${typeName(f)}, not an allowed global`);
        if (!(args instanceof PyTuple)) throw weightsOnlyError(`REDUCE with ${typeName(args)} arguments`);
        stack.push(hooks.call(f, args, "REDUCE"));
        break;
      }
      case 0x81: { // NEWOBJ
        const args = pop();
        const cls = pop();
        if (!(cls instanceof PyGlobal) || !(args instanceof PyTuple)) throw weightsOnlyError("NEWOBJ on something other than an allowed class");
        stack.push(hooks.call(cls, args, "NEWOBJ"));
        break;
      }
      case 0x62: { const state = pop(); hooks.build(top(), state); break; } // BUILD 'b'
      case 0x51: stack.push(hooks.persistentLoad(pop())); break; // BINPERSID 'Q'
      case 0x68: stack.push(memoGet(u8())); break; // BINGET 'h'
      case 0x6a: stack.push(memoGet(u32())); break; // LONG_BINGET 'j'
      case 0x71: memo.set(u8(), top()); break; // BINPUT 'q'
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT 'r'
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      default:
        throw weightsOnlyError(`Unsupported operand ${op} (${JSON.stringify(String.fromCharCode(op))}) at offset ${p - 1}`);
    }
  }
}

function tuple(items: unknown[]): PyTuple {
  const t = new PyTuple();
  for (const x of items) t.push(x);
  return t;
}

function u64(v: DataView, at: number): number {
  const hi = v.getUint32(at + 4, true);
  if (hi >= 0x200000) throw new UnpicklingError("BINUNICODE8 length beyond 2^53");
  return hi * 0x100000000 + v.getUint32(at, true);
}

/** LONG1/LONG4: little-endian two's complement of `len` bytes; a number when exact, else a bigint. */
function long(data: Uint8Array, _at: number, len: number, need: (k: number) => number): number | bigint {
  if (len > 1024) throw new UnpicklingError(`a pickled integer of ${len} bytes (more than 1024) is not read`);
  const at = need(len);
  if (len === 0) return 0;
  let x = 0n;
  for (let i = len - 1; i >= 0; i--) x = (x << 8n) | BigInt(data[at + i]);
  if (data[at + len - 1] & 0x80) x -= 1n << BigInt(8 * len);
  return x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
}

/** Dict keys: strings, numbers, booleans, None, tuples of those (by identity). */
function dictKey(k: unknown): unknown {
  if (k instanceof PyDict || (Array.isArray(k) && !(k instanceof PyTuple))) throw new UnpicklingError(`unhashable type: '${k instanceof PyDict ? "dict" : "list"}'`);
  return k;
}

export function typeName(o: unknown): string {
  if (o === null) return "None";
  if (o instanceof PyGlobal) return o.qualname;
  if (o instanceof PyDict) return o.ordered ? "OrderedDict" : "dict";
  if (o instanceof PyTuple) return "tuple";
  if (Array.isArray(o)) return "list";
  if (o instanceof Set) return "set";
  return typeof o === "object" ? ((o as object).constructor?.name ?? "object") : typeof o;
}
