/**
 * Argument checking derived from an op's signature, as PyTorch's Python binding
 * checks every call against the op's schema (native_functions.yaml) before
 * anything runs. Each op declares its signature once, in PyTorch's notation:
 *
 *   "sum(Tensor input, int[1]? dim, bool keepdim=false, *, ScalarType? dtype)"
 *
 * and `checkedOp` compiles from it the `torch.*` function and the Tensor method
 * (where `this` is the input), which check and normalise their arguments, then
 * call the implementation with every parameter in order. The call convention:
 * - Tensor parameters are positional.
 * - Every other parameter may be given positionally, in PyTorch's order, or by
 *   name in one trailing options object (`x.sum(1, true)`, `x.sum({ dim: 1, keepdim: true })`);
 *   those after `*` (keyword-only in PyTorch) only by name. NumPy's `axis` and
 *   `keepdims` are aliases of `dim` and `keepdim`, wherever those exist (as in PyTorch).
 * - `undefined` is an absent argument; `null` is Python's None (accepted where the type has `?`).
 * - A wrong type, an unknown option, a missing or repeated argument: a TypeError naming the
 *   function and the argument (PyTorch's wording).
 *
 * The checking code is generated once per signature (straight-line code, no loop over
 * parameters, no array per call), so a check costs a few comparisons.
 */
import { DType } from "./dtype";
import { RuntimeError, TypeError, argTypeError, isPlainObject, suggestKey } from "./errors";
import { Tensor } from "./tensor";

/** The parameter kinds, in PyTorch's schema spelling. */
export type Kind = "Tensor" | "Tensor|Number" | "Tensor|int[]" | "Tensor[]" | "Number" | "float" | "int" | "int[]" | "int[1]" | "int|int[]" | "bool" | "str" | "ScalarType" | "any";

const EXPECTED: Record<Kind, string> = {
  Tensor: "Tensor",
  "Tensor|Number": "Tensor",
  "Tensor|int[]": "Tensor or Array of ints",
  "Tensor[]": "Array of Tensors",
  Number: "Number",
  float: "float",
  int: "int",
  "int[]": "Array of ints",
  "int[1]": "int or Array of ints",
  "int|int[]": "int or Array of ints",
  bool: "bool",
  str: "str",
  ScalarType: "torch.dtype",
  any: "any value",
};

/** The test each kind makes on a present value `v` (a JS expression). */
const TEST: Record<Kind, string> = {
  Tensor: "v instanceof Tensor",
  "Tensor|Number": 'v instanceof Tensor || typeof v === "number" || typeof v === "boolean"',
  "Tensor|int[]": "v instanceof Tensor || H.isInts(v)",
  "Tensor[]": "H.isTensors(v)",
  Number: 'typeof v === "number" || typeof v === "boolean"',
  float: 'typeof v === "number"',
  int: "Number.isInteger(v)",
  "int[]": "H.isInts(v)",
  "int[1]": "Number.isInteger(v) || H.isInts(v)",
  "int|int[]": "Number.isInteger(v) || H.isInts(v)",
  bool: 'typeof v === "boolean"',
  str: 'typeof v === "string"',
  ScalarType: "v instanceof DType",
  any: "true",
};

/** NumPy spellings PyTorch's binding accepts for a parameter (`x.sum(axis=0)`). */
const ALIASES: Record<string, string> = { axis: "dim", keepdims: "keepdim" };

export interface Param {
  readonly name: string;
  readonly kind: Kind;
  /** `?`: None (null) and absence are accepted (the implementation gets undefined). */
  readonly nullable: boolean;
  /** The value when absent (`=...`), or undefined when required (or nullable). */
  readonly def: unknown;
  readonly hasDefault: boolean;
  /** After `*`: by name only. */
  readonly kwOnly: boolean;
}

export interface Signature {
  readonly name: string;
  readonly params: readonly Param[];
  /**
   * PyTorch's numbers-as-tensors ops (add, sub, mul, div, floor_divide): when no
   * `Tensor|Number` argument is a tensor, the first becomes a 0-d tensor (`torch.add(1, 2)` is `tensor(3)`).
   * Elsewhere a `Tensor|Number` argument may be a number only if another is a tensor.
   */
  readonly numbersAsTensors: boolean;
}

function parseDefault(s: string): unknown {
  if (s === "true" || s === "false") return s === "true";
  if (s === "[]") return [];
  const n = Number(s);
  if (s !== "" && !Number.isNaN(n)) return n;
  return s.replace(/^"|"$/g, "");
}

/** Parses `name(Kind[?] param[=default], ..., *, ...)`. */
export function parseSignature(src: string, numbersAsTensors = false): Signature {
  const m = /^(\w+)\((.*)\)$/.exec(src.trim());
  if (m === null) throw new TypeError(`signature: cannot parse '${src}'`);
  const params: Param[] = [];
  let kwOnly = false;
  for (const part of m[2].split(",").map((s) => s.trim()).filter(Boolean)) {
    if (part === "*") {
      kwOnly = true;
      continue;
    }
    const p = /^([\w|[\]1]+)(\?)? (\w+)(?:=(.*))?$/.exec(part);
    if (p === null || !(p[1] in TEST)) throw new TypeError(`signature: cannot parse parameter '${part}' of '${src}'`);
    params.push({ name: p[3], kind: p[1] as Kind, nullable: p[2] === "?", def: p[4] === undefined ? undefined : parseDefault(p[4]), hasDefault: p[4] !== undefined, kwOnly });
  }
  return { name: m[1], params, numbersAsTensors };
}

// ---- the helpers the generated code calls ----------------------------------------------------

function isInts(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!Number.isInteger(v[i])) return false;
  return true;
}

function isTensors(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!(v[i] instanceof Tensor)) return false;
  return true;
}

/** Shows the value itself where its kind alone would not say what was wrong (0.5 for an int, "1" for a Tensor). */
function shown(v: unknown): string {
  if (typeof v === "number" || typeof v === "bigint") return ` (${String(v)}${typeof v === "bigint" ? "n" : ""})`;
  if (typeof v === "string") return ` (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}...` : v)})`;
  if (Array.isArray(v) && v.length <= 8) return ` ([${v.map((x) => (typeof x === "string" ? JSON.stringify(x) : x instanceof Tensor ? "Tensor" : String(x))).join(", ")}])`;
  return "";
}

function badArg(fn: string, p: Param, position: number, v: unknown): TypeError {
  const e = argTypeError(fn, p.name, p.kwOnly ? undefined : position, EXPECTED[p.kind], v);
  e.message += shown(v);
  return e;
}

function tooMany(fn: string, max: number, given: unknown[]): TypeError {
  const n = given.filter((v) => v !== undefined).length + max;
  return new TypeError(`${fn}() takes ${max} positional argument${max === 1 ? "" : "s"} but at least ${n} were given`);
}

function duplicate(fn: string, name: string): TypeError {
  return new TypeError(`${fn}(): got multiple values for argument '${name}'`);
}

function unknownOption(fn: string, key: string, allowed: readonly string[], options: unknown): TypeError {
  if (!isPlainObject(options)) return new TypeError(`${fn}(): options must be a plain object`);
  const hint = suggestKey(key, allowed);
  const accepts = allowed.length ? `${fn}() accepts: ${allowed.join(", ")}` : `${fn}() takes no options`;
  return new TypeError(`${fn}(): unknown option '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}; ${accepts}`);
}

/**
 * The ops that only move or copy elements (views, clone, fill, copy): float16 and bfloat16
 * words pass through them unchanged. Every other op gets such a tensor checked by `reduced`.
 */
const WORD_OPS = new Set(["flatten", "unflatten", "unsqueeze", "squeeze", "t", "transpose", "clone", "narrow", "select", "chunk", "split", "unbind", "copy_", "fill_", "zero_"]);

/** Whether `v` is (or, for a list, holds) a float16 or bfloat16 tensor: 16-bit words most kernels cannot read. */
function isReduced(v: unknown): boolean {
  if (v instanceof Tensor) return v.dtype.code >= 8;
  if (Array.isArray(v)) for (const x of v) if (x instanceof Tensor && x.dtype.code >= 8) return true;
  return false;
}

const REDUCED_IMPLS = new Map<string, (args: unknown[]) => unknown>();

/** @internal half-ops.ts hands over the ops that compute on float16/bfloat16 (through float32, as PyTorch's CPU kernels). */
export function bindReducedOp(name: string, impl: (args: unknown[]) => unknown): void {
  REDUCED_IMPLS.set(name, impl);
}

/** `fn` with a float16/bfloat16 operand: its implementation for them, or PyTorch's error for a kernel it lacks. */
function reduced(fn: string, args: unknown[]): unknown {
  const impl = REDUCED_IMPLS.get(fn);
  if (impl !== undefined) return impl(args);
  let d: DType | undefined;
  for (const a of args) {
    if (a instanceof Tensor && a.dtype.code >= 8) d ??= a.dtype;
    else if (Array.isArray(a)) for (const x of a) if (x instanceof Tensor && x.dtype.code >= 8) d ??= x.dtype;
  }
  throw new RuntimeError(`"${fn}" not implemented for '${d?.scalarType}' (torchts computes only the ops docs/pytorch-to-torchts.md lists on float16/bfloat16: cast with .float() first)`);
}

const HELPERS = { Tensor, DType, isInts, isTensors, badArg, tooMany, duplicate, unknownOption, isReduced, reduced, wrap: null as unknown };

type Impl = (...args: never[]) => unknown;

/**
 * The checking entry for `sig` calling `impl(input, p1, ..., pn)` with every parameter in
 * order. `method`: the Tensor method (`this` is the first parameter, positions count from
 * the next one, as PyTorch's messages count them for methods).
 */
export function compileSignature(sig: Signature, impl: Impl, method: boolean, wrap: (v: number | boolean) => Tensor): Impl {
  const ps = sig.params;
  const fn = sig.name;
  const first = method ? 1 : 0; // the first parameter read from the argument list
  const positional = ps.filter((p) => !p.kwOnly).length;
  const named = ps.filter((p, i) => i > 0 && !p.kind.startsWith("Tensor"));
  const hasOptions = named.length > 0;
  const v = (i: number) => `a${i}`;
  const argNames: string[] = [];
  // checkedOp's entries pass on 7 arguments (the method 6): enough for the longest signature plus options and one extra
  if (positional + 2 - first > (method ? 6 : 7)) throw new TypeError(`signature: '${fn}' has too many positional parameters`);
  for (let i = first; i < positional; i++) argNames.push(v(i));
  if (hasOptions) argNames.push("opts");
  argNames.push("extra");
  const L: string[] = [];
  if (method) L.push("var a0 = this;");
  for (let i = positional; i < ps.length; i++) L.push(`var ${v(i)};`);
  L.push("var o;");
  const slotArgs = argNames.filter((n) => n !== "extra");
  // an options object closes the argument list: it may stand in any slot after the first tensor(s)
  const optionSlots: string[] = [];
  for (let i = Math.max(first, 1); i < positional; i++) if (!ps[i].kind.startsWith("Tensor")) optionSlots.push(v(i));
  if (hasOptions) optionSlots.push("opts");
  const isObj = (x: string) => `(typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}) && !(${x} instanceof Tensor) && !(${x} instanceof DType))`;
  if (hasOptions) {
    optionSlots.forEach((s, k) => {
      const rest = slotArgs.slice(slotArgs.indexOf(s) + 1);
      L.push(`${k === 0 ? "if" : "else if"} (${isObj(s)}) { o = ${s}; ${s === "opts" ? "" : `${s} = undefined;`}${rest.length ? ` if (${rest.map((r) => `${r} !== undefined`).join(" || ")}) throw H.tooMany(${JSON.stringify(fn)}, ${positional - first}, [${rest.join(", ")}]);` : ""} }`);
    });
    L.push(`else if (opts !== undefined) throw H.tooMany(${JSON.stringify(fn)}, ${positional - first}, [opts]);`);
  }
  L.push(`if (extra !== undefined) throw H.tooMany(${JSON.stringify(fn)}, ${positional - first}, [${hasOptions ? "opts, " : ""}extra]);`);
  const allowed: string[] = [];
  if (hasOptions) {
    const cases: string[] = [];
    for (const p of named) {
      const i = ps.indexOf(p);
      const keys = [p.name, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === p.name)];
      allowed.push(...keys);
      cases.push(`${keys.map((k) => `case ${JSON.stringify(k)}:`).join(" ")} if (x !== undefined) { if (${v(i)} !== undefined) throw H.duplicate(${JSON.stringify(fn)}, ${JSON.stringify(p.name)}); ${v(i)} = x; } break;`);
    }
    L.push(`if (o !== undefined) { var pr = Object.getPrototypeOf(o); if (pr !== Object.prototype && pr !== null) throw H.unknownOption(${JSON.stringify(fn)}, "", ALLOWED, o);`);
    L.push(`for (var k in o) { var x = o[k]; switch (k) { ${cases.join(" ")} default: throw H.unknownOption(${JSON.stringify(fn)}, k, ALLOWED, o); } } }`);
  }
  // the checks, in parameter order; a Tensor|Number pair may need one wrapped
  const scalarTensors = ps.map((p, i) => (p.kind === "Tensor|Number" ? i : -1)).filter((i) => i >= 0);
  ps.forEach((p, i) => {
    const a = v(i);
    const pos = i + 1 - first;
    const bad = `throw H.badArg(${JSON.stringify(fn)}, P[${i}], ${pos}, ${a});`;
    if (method && i === 0) return;
    const present = `if (!(${TEST[p.kind].replace(/\bv\b/g, a)})) ${bad}`;
    if (p.nullable) L.push(`if (${a} === undefined || ${a} === null) ${a} = undefined; else { ${present} }`);
    else if (p.hasDefault) L.push(`if (${a} === undefined) ${a} = D[${i}]; else { ${present} }`);
    else L.push(`if (${a} === undefined) ${bad} ${present}`);
  });
  // with a Tensor parameter there is always a tensor; else at least one Tensor|Number must be one
  if (scalarTensors.length > 0 && !ps.some((p) => p.kind === "Tensor")) {
    const none = scalarTensors.map((i) => `!(${v(i)} instanceof Tensor)`).join(" && ");
    const firstS = scalarTensors[0];
    L.push(
      sig.numbersAsTensors
        ? `if (${none}) ${v(firstS)} = WRAP(${v(firstS)});`
        : `if (${none}) throw H.badArg(${JSON.stringify(fn)}, P[${firstS}], ${firstS + 1 - first}, ${v(firstS)});`,
    );
  }
  // float16/bfloat16 operands go to their own implementation or raise (a kernel would read their words as numbers)
  const tensorParams = ps.map((p, i) => (p.kind.startsWith("Tensor") ? i : -1)).filter((i) => i >= 0);
  if (!WORD_OPS.has(fn) && tensorParams.length > 0) {
    // inline tests where the kind is known (a checked Tensor parameter is a Tensor): no call on the hot path
    const test = (i: number) =>
      ps[i].kind === "Tensor" && !ps[i].nullable ? `${v(i)}.dtype.code >= 8` : ps[i].kind === "Tensor[]" ? `H.isReduced(${v(i)})` : `(${v(i)} instanceof Tensor && ${v(i)}.dtype.code >= 8)`;
    L.push(`if (${tensorParams.map(test).join(" || ")}) return H.reduced(${JSON.stringify(fn)}, [${ps.map((_, i) => v(i)).join(", ")}]);`);
  }
  L.push(`return IMPL(${ps.map((_, i) => v(i)).join(", ")});`);
  const jsName = /^(var|new|delete|in|do|if|for|with|typeof|void|this|switch|case|default|function|return|class|let)$/.test(fn) ? `${fn}_` : fn;
  const src = `"use strict"; return function ${jsName}(${argNames.join(", ")}) { ${L.join("\n")} };`;
  const defaults = ps.map((p) => p.def);
  return new Function("H", "P", "D", "ALLOWED", "IMPL", "WRAP", "Tensor", "DType", src)(
    HELPERS,
    ps,
    defaults,
    allowed,
    impl,
    wrap,
    Tensor,
    DType,
  ) as Impl;
}

/** A `torch.*` function with its Tensor method form (`x.op(...)` is `op(x, ...)`), both checked. */
export type CheckedOp<F> = F & { readonly signature: Signature; readonly method: (this: Tensor, ...args: never[]) => unknown };

let wrapScalar: (v: number | boolean) => Tensor = () => {
  throw new TypeError("signature: the op layer is not loaded");
};
/** @internal elementwise.ts hands over how a JS scalar becomes a 0-d tensor (numbers-as-tensors ops). */
export function bindScalarWrap(f: (v: number | boolean) => Tensor): void {
  wrapScalar = f;
}

/**
 * Declares an op from its signature: the checked `torch.*` function (type `F`), carrying
 * `.method`, the checked Tensor method. `impl` receives every parameter in order, defaults applied.
 * @example const flatten = checkedOp<(input: Tensor, startDim?: number, endDim?: number) => Tensor>(
 *   "flatten(Tensor input, int startDim=0, int endDim=-1)", (x, s, e) => V.flatten(x, s, e));
 */
export function checkedOp<F = (...args: never[]) => unknown>(signature: string | Signature, impl: Impl): CheckedOp<F> {
  const sig = typeof signature === "string" ? parseSignature(signature) : signature;
  const wrap = (v: number | boolean) => wrapScalar(v);
  // compiled on first use: loading the package compiles nothing (about 75 ops, two entries each)
  type Entry = (this: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, g?: unknown, h?: unknown) => unknown;
  let fn: Entry | null = null;
  let method: Entry | null = null;
  const f = function (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, g?: unknown, h?: unknown) {
    return (fn ??= compileSignature(sig, impl, false, wrap) as Entry)(a, b, c, d, e, g, h);
  } as unknown as CheckedOp<F>;
  const m = function (this: Tensor, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, g?: unknown) {
    if (method === null) {
      method = compileSignature(sig, impl, true, wrap) as Entry;
      // installed as Tensor.prototype[name]: put the compiled method there, so later calls skip this stub
      const proto = Tensor.prototype as unknown as Record<string, unknown>;
      if (proto[sig.name] === m) Object.defineProperty(proto, sig.name, { value: method, writable: true, configurable: true });
    }
    return method.call(this, a, b, c, d, e, g);
  };
  Object.defineProperties(f, { name: { value: sig.name }, signature: { value: sig }, method: { value: m } });
  Object.defineProperty(m, "name", { value: sig.name });
  return f;
}
