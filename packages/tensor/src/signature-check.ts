/**
 * How one call is checked against a declared signature (signature.ts parses the
 * declarations). A signature becomes a `Plan` once, at load: per parameter its kind
 * as a small integer, whether it is required, nullable or defaulted, where an options
 * object may stand, the option keys. Every call then runs `callChecked`, one
 * ordinary function, over that plan: no code is generated at run time, so tsc checks
 * all of it (issue 21; until then each signature was compiled with `new Function`).
 *
 * This generic checker is the reference: the ops torchts declares run their generated
 * twins (signature-checkers.generated.ts, the same checks as straight-line code per op),
 * because one function shared by every op shares V8's type feedback too and cost 25-140 ns
 * more per call on small tensors (issue 13). signature-generated.test.ts runs both on the
 * same calls. A call here allocates one small array (the parameters in order), loops over
 * the parameters with a `switch` per kind, and calls the implementation with its exact arity.
 */
import { DType } from "./dtype";
import { RuntimeError, TypeError, argTypeError, isPlainObject, suggestKey } from "./errors";
import type { Kind, Param, Signature } from "./signature";
import { Tensor } from "./tensor";

// The kinds as integers: `passes` switches on them.
const K_TENSOR = 0, K_TENSOR_OR_NUMBER = 1, K_TENSOR_OR_INTS = 2, K_TENSORS = 3, K_NUMBER = 4, K_FLOAT = 5, K_INT = 6;
const K_INTS = 7, K_INT_OR_INTS = 8, K_BOOL = 9, K_STR = 10, K_SCALAR_TYPE = 11, K_ANY = 12;

/** Per kind: its code, and how PyTorch's messages name what was expected. */
export const KINDS: Record<Kind, readonly [code: number, expected: string]> = {
  Tensor: [K_TENSOR, "Tensor"],
  "Tensor|Number": [K_TENSOR_OR_NUMBER, "Tensor"],
  "Tensor|int[]": [K_TENSOR_OR_INTS, "Tensor or Array of ints"],
  "Tensor[]": [K_TENSORS, "Array of Tensors"],
  Number: [K_NUMBER, "Number"],
  float: [K_FLOAT, "float"],
  int: [K_INT, "int"],
  "int[]": [K_INTS, "Array of ints"],
  "int[1]": [K_INT_OR_INTS, "int or Array of ints"],
  "int|int[]": [K_INT_OR_INTS, "int or Array of ints"],
  bool: [K_BOOL, "bool"],
  str: [K_STR, "str"],
  ScalarType: [K_SCALAR_TYPE, "torch.dtype"],
  any: [K_ANY, "any value"],
};

export function isInts(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!Number.isInteger(v[i])) return false;
  return true;
}

export function isTensors(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!(v[i] instanceof Tensor)) return false;
  return true;
}

/** Whether a present value `v` is of kind `code`. */
function passes(code: number, v: unknown): boolean {
  switch (code) {
    case K_TENSOR:
      return v instanceof Tensor;
    case K_TENSOR_OR_NUMBER:
      return v instanceof Tensor || typeof v === "number" || typeof v === "boolean";
    case K_TENSOR_OR_INTS:
      return v instanceof Tensor || isInts(v);
    case K_TENSORS:
      return isTensors(v);
    case K_NUMBER:
      return typeof v === "number" || typeof v === "boolean";
    case K_FLOAT:
      return typeof v === "number";
    case K_INT:
      return Number.isInteger(v);
    case K_INTS:
      return isInts(v);
    case K_INT_OR_INTS:
      return Number.isInteger(v) || isInts(v);
    case K_BOOL:
      return typeof v === "boolean";
    case K_STR:
      return typeof v === "string";
    case K_SCALAR_TYPE:
      return v instanceof DType;
    default:
      return code === K_ANY;
  }
}

// The classes as module constants: V8 folds them into `instanceof` (an imported name is a property load per use).
const TensorClass = Tensor, DTypeClass = DType;

/** An options object, as opposed to a value of a parameter (an array, a tensor, a dtype). */
export function isOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof TensorClass) && !(x instanceof DTypeClass);
}

// ---- PyTorch's messages --------------------------------------------------------------------

/** Shows the value itself where its kind alone would not say what was wrong (0.5 for an int, "1" for a Tensor). */
function shown(v: unknown): string {
  if (typeof v === "number" || typeof v === "bigint") return ` (${String(v)}${typeof v === "bigint" ? "n" : ""})`;
  if (typeof v === "string") return ` (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}...` : v)})`;
  if (Array.isArray(v) && v.length <= 8) return ` ([${v.map((x) => (typeof x === "string" ? JSON.stringify(x) : x instanceof Tensor ? "Tensor" : String(x))).join(", ")}])`;
  return "";
}

export function badArg(P: Plan, i: number, v: unknown): TypeError {
  const p = P.params[i];
  const e = argTypeError(P.fn, p.name, p.kwOnly ? undefined : i + 1 - P.first, KINDS[p.kind][1], v);
  e.message += shown(v);
  return e;
}

/** `given`: how many arguments beyond the positional ones were given, or those arguments (undefined: not given). */
export function tooMany(P: Plan, given: number | readonly unknown[]): TypeError {
  const max = P.positional - P.first;
  const n = typeof given === "number" ? given : given.filter((v) => v !== undefined).length;
  return new TypeError(`${P.fn}() takes ${max} positional argument${max === 1 ? "" : "s"} but at least ${n + max} were given`);
}

export function duplicate(P: Plan, i: number): TypeError {
  return new TypeError(`${P.fn}(): got multiple values for argument '${P.params[i].name}'`);
}

export function unknownOption(P: Plan, key: string, options: unknown): TypeError {
  const fn = P.fn;
  if (!isPlainObject(options)) return new TypeError(`${fn}(): options must be a plain object`);
  const hint = suggestKey(key, P.keys);
  const accepts = P.keys.length ? `${fn}() accepts: ${P.keys.join(", ")}` : `${fn}() takes no options`;
  return new TypeError(`${fn}(): unknown option '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}; ${accepts}`);
}

// ---- float16 / bfloat16 operands -------------------------------------------------------------

/**
 * The ops that only move or copy elements (views, clone, fill, copy): float16 and bfloat16
 * words pass through them unchanged. Every other op gets such a tensor checked by `reduced`.
 */
export const WORD_OPS = new Set(["flatten", "unflatten", "unsqueeze", "squeeze", "t", "transpose", "clone", "narrow", "select", "chunk", "split", "unbind", "copy_", "fill_", "zero_"]);

/** Whether `v` is (or, for a list, holds) a float16 or bfloat16 tensor: 16-bit words most kernels cannot read. */
export function isReduced(v: unknown): boolean {
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
export function reduced(fn: string, args: unknown[]): unknown {
  const impl = REDUCED_IMPLS.get(fn);
  if (impl !== undefined) return impl(args);
  let d: DType | undefined;
  for (const a of args) {
    if (a instanceof Tensor && a.dtype.code >= 8) d ??= a.dtype;
    else if (Array.isArray(a)) for (const x of a) if (x instanceof Tensor && x.dtype.code >= 8) d ??= x.dtype;
  }
  throw new RuntimeError(`"${fn}" not implemented for '${d?.scalarType}' (torchts computes only the ops docs/pytorch-to-torchts.md lists on float16/bfloat16: cast with .float() first)`);
}

// ---- the plan and the check ------------------------------------------------------------------

const REQUIRED = 0, NULLABLE = 1, DEFAULTED = 2;
// How a tensor parameter is tested for float16/bfloat16: a checked Tensor is a Tensor; a list; anything else.
const HALF_TENSOR = 0, HALF_LIST = 1, HALF_MAYBE = 2;

/** NumPy spellings PyTorch's binding accepts for a parameter (`x.sum(axis=0)`). */
export const ALIASES: Readonly<Record<string, string>> = { axis: "dim", keepdims: "keepdim" };

type Impl = (...args: never[]) => unknown;

/** A generated checker (signature-checkers.generated.ts): the checked entry for a plan. */
export type Checker = (P: Plan) => (this: unknown, ...args: unknown[]) => unknown;

/** What `callChecked` needs of a signature, worked out once. */
export interface Plan {
  readonly fn: string;
  readonly params: readonly Param[];
  readonly n: number;
  /** 1 for the Tensor method (`this` is parameter 0, positions count from the next one), else 0. */
  readonly first: number;
  /** How many parameters may be given positionally (those before `*`). */
  readonly positional: number;
  /** Whether an options object is accepted: some non-tensor parameter after the first. */
  readonly hasOptions: boolean;
  /** The positional parameters where an options object may stand instead (it closes the list). */
  readonly optionSlots: readonly number[];
  /** The option keys (names and aliases) and the parameter each sets. */
  readonly keys: readonly string[];
  readonly keyParam: readonly number[];
  readonly codes: readonly number[];
  readonly modes: readonly number[];
  readonly defs: readonly unknown[];
  /** The `Tensor|Number` parameters when no `Tensor` one guarantees a tensor (else empty). */
  readonly scalarTensors: readonly number[];
  readonly wrapNumbers: boolean;
  /** The tensor parameters tested for float16/bfloat16, and how (empty for WORD_OPS). */
  readonly halfParams: readonly number[];
  readonly halfTests: readonly number[];
  readonly impl: (...args: unknown[]) => unknown;
  readonly wrap: (v: number | boolean) => Tensor;
}

/** The plan for `sig` calling `impl`; `method`: the Tensor method form. */
export function planSignature(sig: Signature, impl: Impl, method: boolean, wrap: (v: number | boolean) => Tensor): Plan {
  const ps = sig.params;
  const first = method ? 1 : 0;
  const positional = ps.filter((p) => !p.kwOnly).length;
  const named = ps.filter((p, i) => i > 0 && !p.kind.startsWith("Tensor"));
  const hasOptions = named.length > 0;
  // the entries pass on 7 arguments (the method 6): enough for the longest signature plus options and one extra
  if (positional + 2 - first > (method ? 6 : 7)) throw new TypeError(`signature: '${sig.name}' has too many positional parameters`);
  const optionSlots: number[] = [];
  if (hasOptions) for (let i = Math.max(first, 1); i < positional; i++) if (!ps[i].kind.startsWith("Tensor")) optionSlots.push(i);
  const keys: string[] = [];
  const keyParam: number[] = [];
  for (const p of named) {
    for (const k of [p.name, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === p.name)]) {
      keys.push(k);
      keyParam.push(ps.indexOf(p));
    }
  }
  const indices = (test: (p: Param) => boolean) => ps.flatMap((p, i) => (test(p) ? [i] : []));
  const halfParams = WORD_OPS.has(sig.name) ? [] : indices((p) => p.kind.startsWith("Tensor"));
  return {
    fn: sig.name,
    params: ps,
    n: ps.length,
    first,
    positional,
    hasOptions,
    optionSlots,
    keys,
    keyParam,
    codes: ps.map((p) => KINDS[p.kind][0]),
    modes: ps.map((p) => (p.nullable ? NULLABLE : p.hasDefault ? DEFAULTED : REQUIRED)),
    defs: ps.map((p) => p.def),
    scalarTensors: ps.some((p) => p.kind === "Tensor") ? [] : indices((p) => p.kind === "Tensor|Number"),
    wrapNumbers: sig.numbersAsTensors,
    halfParams,
    halfTests: halfParams.map((i) => (ps[i].kind === "Tensor" && !ps[i].nullable ? HALF_TENSOR : ps[i].kind === "Tensor[]" ? HALF_LIST : HALF_MAYBE)),
    impl: impl as (...args: unknown[]) => unknown,
    wrap,
  };
}

/**
 * The slow part of reading a call: an options object (in the options slot or standing in
 * for a positional parameter, at parameter `at`, or -1), or arguments beyond the last slot.
 * Leaves `v` holding the parameters as given (undefined where absent).
 */
function readOptions(P: Plan, v: unknown[], at: number): void {
  const positional = P.positional;
  const opts = v[positional];
  const extra = v[positional + 1];
  for (let i = positional; i < P.n; i++) v[i] = undefined;
  let o: unknown;
  // an options object closes the argument list: what follows it must be absent
  if (at >= 0) {
    o = v[at];
    v[at] = undefined;
    let after = opts !== undefined ? 1 : 0;
    for (let i = at + 1; i < positional; i++) if (v[i] !== undefined) after++;
    if (after > 0) throw tooMany(P, after);
  } else if (isOptions(opts)) o = opts;
  else if (opts !== undefined) throw tooMany(P, 1);
  if (extra !== undefined) throw tooMany(P, opts !== undefined ? 2 : 1);
  if (o === undefined) return;
  const pr = Object.getPrototypeOf(o) as unknown;
  if (pr !== Object.prototype && pr !== null) throw unknownOption(P, "", o);
  const keys = P.keys;
  for (const k in o as Record<string, unknown>) {
    const x = (o as Record<string, unknown>)[k];
    let i = -1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === k) {
        i = P.keyParam[j];
        break;
      }
    }
    if (i < 0) throw unknownOption(P, k, o);
    if (x !== undefined) {
      if (v[i] !== undefined) throw duplicate(P, i);
      v[i] = x;
    }
  }
}

/**
 * Checks and normalises one call's arguments (`self`: the method's `this`) and calls the
 * implementation with every parameter in order, defaults applied; or throws PyTorch's TypeError.
 * Kept small (the rare paths are calls) so that V8 inlines it into each entry.
 */
export function callChecked(P: Plan, self: unknown, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, g: unknown, h: unknown): unknown {
  const n = P.n, first = P.first, positional = P.positional;
  // the parameters in order; the arguments are the positional ones, then the options object (if any), then one too many
  const v: unknown[] = first === 0 ? [a, b, c, d, e, g, h, undefined] : [self, a, b, c, d, e, g, undefined];
  if (P.hasOptions) {
    const slots = P.optionSlots;
    let at = -1;
    for (let k = 0; k < slots.length; k++) {
      if (isOptions(v[slots[k]])) {
        at = slots[k];
        break;
      }
    }
    if (at >= 0 || v[positional] !== undefined || v[positional + 1] !== undefined) readOptions(P, v, at);
    else for (let i = positional; i < n; i++) v[i] = undefined;
  } else {
    if (v[positional] !== undefined) throw tooMany(P, 1);
    for (let i = positional; i < n; i++) v[i] = undefined;
  }
  // the checks, in parameter order (the method's `this` is its own)
  const codes = P.codes, modes = P.modes;
  for (let i = first; i < n; i++) {
    const x = v[i];
    const mode = modes[i];
    if (x === undefined || (x === null && mode === NULLABLE)) {
      if (mode === REQUIRED) throw badArg(P, i, x);
      v[i] = mode === DEFAULTED ? P.defs[i] : undefined;
    } else if (!passes(codes[i], x)) throw badArg(P, i, x);
  }
  // with a Tensor parameter there is always a tensor; else at least one Tensor|Number must be one
  const st = P.scalarTensors;
  if (st.length > 0) {
    let none = true;
    for (let k = 0; k < st.length; k++) if (v[st[k]] instanceof Tensor) none = false;
    if (none) {
      if (!P.wrapNumbers) throw badArg(P, st[0], v[st[0]]);
      v[st[0]] = P.wrap(v[st[0]] as number | boolean);
    }
  }
  // float16/bfloat16 operands go to their own implementation or raise (a kernel would read their words as numbers)
  const hp = P.halfParams;
  for (let k = 0; k < hp.length; k++) {
    const x = v[hp[k]];
    const test = P.halfTests[k];
    if (test === HALF_TENSOR ? (x as Tensor).dtype.code >= 8 : test === HALF_LIST ? isReduced(x) : x instanceof Tensor && x.dtype.code >= 8) return reduced(P.fn, v.slice(0, n));
  }
  const impl = P.impl;
  switch (n) {
    case 1: return impl(v[0]);
    case 2: return impl(v[0], v[1]);
    case 3: return impl(v[0], v[1], v[2]);
    case 4: return impl(v[0], v[1], v[2], v[3]);
    case 5: return impl(v[0], v[1], v[2], v[3], v[4]);
    case 6: return impl(v[0], v[1], v[2], v[3], v[4], v[5]);
    default: return impl(...v.slice(0, n));
  }
}
