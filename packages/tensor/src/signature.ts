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
 * Each signature is worked out once, at load, into a plan (signature-check.ts) that one
 * ordinary function runs per call: a few comparisons per parameter, no generated code.
 */
import { TypeError } from "./errors";
import { KINDS, callChecked, planSignature } from "./signature-check";
import { GENERATED_CHECKERS } from "./signature-checkers.generated";
import type { Tensor } from "./tensor";

export { bindReducedOp } from "./signature-check";

/** The parameter kinds, in PyTorch's schema spelling. */
export type Kind = "Tensor" | "Tensor|Number" | "Tensor|int[]" | "Tensor[]" | "Number" | "float" | "int" | "int[]" | "int[1]" | "int|int[]" | "bool" | "str" | "ScalarType" | "any";

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
    if (p === null || !(p[1] in KINDS)) throw new TypeError(`signature: cannot parse parameter '${part}' of '${src}'`);
    params.push({ name: p[3], kind: p[1] as Kind, nullable: p[2] === "?", def: p[4] === undefined ? undefined : parseDefault(p[4]), hasDefault: p[4] !== undefined, kwOnly });
  }
  return { name: m[1], params, numbersAsTensors };
}

type Impl = (...args: never[]) => unknown;

/** The text that identifies what a signature's checks depend on: the key of its generated checker. */
export function signatureKey(sig: Signature): string {
  const shown = (d: unknown) => (Array.isArray(d) ? "[]" : typeof d === "string" ? JSON.stringify(d) : String(d));
  const parts: string[] = [];
  sig.params.forEach((p, i) => {
    if (p.kwOnly && (i === 0 || !sig.params[i - 1].kwOnly)) parts.push("*");
    parts.push(`${p.kind}${p.nullable ? "?" : ""} ${p.name}${p.hasDefault ? `=${shown(p.def)}` : ""}`);
  });
  return `${sig.name}(${parts.join(", ")})${sig.numbersAsTensors ? " numbersAsTensors" : ""}`;
}

const declared: Signature[] = [];
/** @internal Every signature `checkedOp` has seen: what signature-codegen.testing.ts generates checkers for. */
export function declaredSignatures(): readonly Signature[] {
  return declared;
}

/**
 * The checking entry for `sig` calling `impl(input, p1, ..., pn)` with every parameter in
 * order. `method`: the Tensor method (`this` is the first parameter, positions count from
 * the next one, as PyTorch's messages count them for methods). The generated checker where
 * there is one (signature-checkers.generated.ts, for every op torchts declares), else the
 * generic one: both check alike (signature-generated.test.ts compares them).
 */
export function compileSignature(sig: Signature, impl: Impl, method: boolean, wrap: (v: number | boolean) => Tensor, generic = false): Impl {
  const P = planSignature(sig, impl, method, wrap);
  const generated = generic ? undefined : GENERATED_CHECKERS[signatureKey(sig)];
  const entry =
    generated !== undefined
      ? generated[method ? 1 : 0](P)
      : method
        ? function (this: unknown, a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, g?: unknown) {
            return callChecked(P, this, a, b, c, d, e, g, undefined);
          }
        : function (a?: unknown, b?: unknown, c?: unknown, d?: unknown, e?: unknown, g?: unknown, h?: unknown) {
            return callChecked(P, undefined, a, b, c, d, e, g, h);
          };
  // the op's name, as `torch.sum.name` shows it (the generated `var` is `var_` in its source)
  if (entry.name !== sig.name) Object.defineProperty(entry, "name", { value: sig.name });
  return entry as Impl;
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
  declared.push(sig);
  const wrap = (v: number | boolean) => wrapScalar(v);
  const f = compileSignature(sig, impl, false, wrap) as unknown as CheckedOp<F>;
  Object.defineProperties(f, { signature: { value: sig }, method: { value: compileSignature(sig, impl, true, wrap) } });
  return f;
}
