/**
 * Plain-TypeScript elementwise kernels.
 *
 * Each op is one expression over `v` (unary) or `a`, `b` (binary), in a table.
 * A loop is generated from the expression per (op, input dtypes, output dtype)
 * with `new Function`, once, on first use; the caller passes the dtypes (the
 * array class alone cannot tell bool from uint8, or int64 from float64). Why:
 * a single generic loop called with several array types becomes polymorphic in
 * V8 and runs 2-4x slower; a separate function literal per dtype signature keeps
 * every loop monomorphic, with no closure call and no dtype branch per element,
 * and the body unrolled by 4 (measured: add 1.47 -> 0.93 ns/element).
 *
 * Values are computed in float64 and stored into the output's type. When the
 * result is float32 the operands are float32 (a JS scalar is rounded to float32,
 * as PyTorch casts a Python scalar to the tensor's dtype), so +, -, *, / and
 * comparisons give exactly PyTorch's float32 results: one float64 operation on
 * float32 inputs rounds to the correctly rounded float32 result. Narrow integer
 * outputs (uint8, int8, int16, int32) wrap on store, as C does; mul and pow use
 * 32-bit integer multiplication there (Math.imul), because a double product of
 * two int32 values may pass 2^53 and lose the low bits that the wrap keeps.
 */
import type { DType, TypedArray } from "../dtype";
import { RuntimeError } from "../errors";
import type { BinaryKernel, BinaryOp, BinaryScalarKernel, UnaryKernel, UnaryOp } from "./types";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { floorDiv, ipow, maximum, minimum, powC, remainder, rint } from "./js-scalar";

/** Expressions over the input `v`, with PyTorch semantics (from the declarations in unary-ops.ts, logical-ops.ts). */
export const UNARY_EXPR = Object.fromEntries(UNARY_DECLS.map((d) => [d.op, d.spec.expr])) as Record<UnaryOp, string>;

/** Expressions over `a` and `b`, with PyTorch semantics (from binary-ops.ts, logical-ops.ts). */
export const BINARY_EXPR = Object.fromEntries(BINARY_DECLS.map((d) => [d.op, d.spec.expr])) as Record<BinaryOp, string>;

/** The expressions some ops use for a narrow integer output (uint8, int8, int16, int32): `intExpr` in their declarations. */
const NARROW_INT_EXPR = Object.fromEntries(
  [...UNARY_DECLS, ...BINARY_DECLS].filter((d) => d.spec.intExpr !== undefined).map((d) => [d.op, d.spec.intExpr]),
) as Partial<Record<UnaryOp | BinaryOp, string>>;

/** Ops whose result is already 0/1, so a bool output needs no normalisation. */
const PREDICATES = new Set<string>([...UNARY_DECLS, ...BINARY_DECLS].filter((d) => d.spec.predicate).map((d) => d.op));

/** The scalar functions expressions may call: PyTorch's C semantics, plus those a declaration brings. */
const HELPERS: Record<string, (...v: number[]) => number> = { rint, powC, ipow, floorDiv, remainder, maximum, minimum };
for (const d of UNARY_DECLS) Object.assign(HELPERS, d.spec.helpers);
const HELPER_NAMES = Object.keys(HELPERS);
const HELPER_VALUES = HELPER_NAMES.map((k) => HELPERS[k]);

/** dtype codes (dtype.ts): bool 0, uint8 1, int8 2, int16 3, int32 4, int64 5, float32 6, float64 7. */
const BOOL = 0, INT32 = 4, INT64 = 5, FLOAT32 = 6, FLOAT64 = 7;
const NDTYPES = 8;
const isNarrowInt = (code: number): boolean => code >= 1 && code <= INT32;

/** The code of the dtype a kernel's caller passed, or of the array's own (dtypeOfArray's) when it passed none. */
function codeOf(d: DType | undefined, a: TypedArray): number {
  if (d !== undefined) {
    // float16/bfloat16 (codes 8, 9) hold words: a loop over them would compute garbage (the op layer routes them first)
    if (d.code >= NDTYPES) throw new RuntimeError(`elementwise kernel not implemented for '${d.scalarType}'`);
    return d.code;
  }
  return a instanceof Float32Array ? FLOAT32 : a instanceof Uint8Array ? BOOL : a instanceof Int32Array ? INT32 : a instanceof Int16Array ? 3 : a instanceof Int8Array ? 2 : a instanceof Uint16Array ? codeOf({ code: 8, scalarType: "Half" } as DType, a) : FLOAT64;
}

/** The expression of `op` for an output of dtype code `out`. A bool output stores any non-zero (including NaN) as 1, as casting to torch.bool does. */
function outputExpr(op: UnaryOp | BinaryOp, expr: string, out: number): string {
  if (out === BOOL) return PREDICATES.has(op) ? expr : `((${expr}) !== 0 ? 1 : 0)`;
  return isNarrowInt(out) ? (NARROW_INT_EXPR[op] ?? expr) : expr;
}

/**
 * One loop over `n` elements, unrolled by 4. `load(i, j)` declares the inputs
 * of element i in variables suffixed j; `store(i, j)` computes and writes it.
 * Why all loads come before all stores: a store to a typed array may alias any
 * other typed array, so V8 re-checks every later load; grouping the loads keeps
 * add at 0.9 ns/element, and at 1.2 instead of 2.2 once any ArrayBuffer in the
 * process has been detached (tfjs-backend-wasm growing its memory does that).
 */
function compile(params: string, setup: string, load: (i: string, j: number) => string, store: (i: string, j: number) => string, name: string): Function {
  const at = (j: number) => (j === 0 ? "i" : `i + ${j}`);
  const block = (f: (i: string, j: number) => string) => [0, 1, 2, 3].map((j) => f(at(j), j)).join(" ");
  const src =
    `"use strict";\n` +
    `return function ${name}Kernel(${params}) {\n${setup}` +
    `  let i = 0;\n` +
    `  for (const n4 = n - 3; i < n4; i += 4) {\n` +
    `    ${block(load)}\n    ${block(store)}\n  }\n` +
    `  for (; i < n; i++) { ${load("i", 0)} ${store("i", 0)} }\n};`;
  return new Function(...HELPER_NAMES, src)(...HELPER_VALUES);
}

/**
 * Reads element i of `arr`, holding dtype code `t`. When the op computes in
 * float32 (PyTorch's result dtype), int32, int64 and float64 values are rounded
 * to float32 first, as PyTorch casts its operands to the common dtype (the
 * narrower types are exact in float32).
 */
function read(arr: string, t: number, i: string, f32: boolean): string {
  return f32 && (t === INT32 || t === INT64 || t === FLOAT64) ? `Math.fround(${arr}[${i}])` : `${arr}[${i}]`;
}

/** Renames the single-letter operands `v`, `a`, `b` of an expression (whole words only). */
function sub(expr: string, names: Record<string, string>): string {
  return expr.replace(/\b[vab]\b/g, (m) => names[m] ?? m);
}

function makeUnary(op: UnaryOp): UnaryKernel {
  const specs: (UnaryKernel | undefined)[] = new Array(NDTYPES * NDTYPES);
  return (x, out, n, dx, dout) => {
    const tx = codeOf(dx, x), to = codeOf(dout, out), key = tx * NDTYPES + to;
    let f = specs[key];
    if (f === undefined) {
      const e = outputExpr(op, UNARY_EXPR[op], to);
      const r = (i: string) => read("x", tx, i, to === FLOAT32);
      const load = (i: string, j: number) => `const v${j} = ${r(i)};`;
      const store = (i: string, j: number) => `out[${i}] = ${sub(e, { v: `v${j}` })};`;
      f = specs[key] = compile("x, out, n", "", load, store, op) as UnaryKernel;
    }
    f(x, out, n);
  };
}

/** Whether a binary op with operand codes ta, tb and output `to` computes in float32. */
function inFloat32(ta: number, tb: number, to: number): boolean {
  // the result is float32, or the inputs are float32 and narrower types (a comparison's promoted dtype is float32)
  return to === FLOAT32 || (ta !== INT64 && ta !== FLOAT64 && tb !== INT64 && tb !== FLOAT64 && (ta === FLOAT32 || tb === FLOAT32));
}

function makeBinary(op: BinaryOp): BinaryKernel {
  const specs: (BinaryKernel | undefined)[] = new Array(NDTYPES * NDTYPES * NDTYPES);
  return (a, b, out, n, da, db, dout) => {
    const ta = codeOf(da, a), tb = codeOf(db, b), to = codeOf(dout, out), key = (ta * NDTYPES + tb) * NDTYPES + to;
    let f = specs[key];
    if (f === undefined) {
      const e = outputExpr(op, BINARY_EXPR[op], to);
      const f32 = inFloat32(ta, tb, to);
      const load = (i: string, j: number) => `const a${j} = ${read("x", ta, i, f32)}, b${j} = ${read("y", tb, i, f32)};`;
      const store = (i: string, j: number) => `out[${i}] = ${sub(e, { a: `a${j}`, b: `b${j}` })};`;
      f = specs[key] = compile("x, y, out, n", "", load, store, op) as BinaryKernel;
    }
    f(a, b, out, n);
  };
}

function makeBinaryScalar(op: BinaryOp): BinaryScalarKernel {
  const specs: (BinaryScalarKernel | undefined)[] = new Array(NDTYPES * NDTYPES);
  return (a, s, out, n, da, dout) => {
    const ta = codeOf(da, a), to = codeOf(dout, out), key = ta * NDTYPES + to;
    let f = specs[key];
    if (f === undefined) {
      const e = outputExpr(op, BINARY_EXPR[op], to);
      // A JS scalar is "weak" (a Python scalar): a float32 tensor keeps float32 arithmetic,
      // so the scalar itself is rounded to float32 first, as PyTorch does.
      const f32 = to === FLOAT32 || ta === FLOAT32;
      const setup = f32 ? "  b = Math.fround(b);\n" : "";
      const load = (i: string, j: number) => `const a${j} = ${read("x", ta, i, f32)};`;
      const store = (i: string, j: number) => `out[${i}] = ${sub(e, { a: `a${j}` })};`;
      f = specs[key] = compile("x, b, out, n", setup, load, store, op) as BinaryScalarKernel;
    }
    f(a, s, out, n);
  };
}

function mapOps<K extends string, V>(keys: readonly K[], make: (k: K) => V): Record<K, V> {
  const r = {} as Record<K, V>;
  for (const k of keys) r[k] = make(k);
  return r;
}

export const UNARY_OPS = Object.keys(UNARY_EXPR) as UnaryOp[];
export const BINARY_OPS = Object.keys(BINARY_EXPR) as BinaryOp[];

export const jsUnary: Record<UnaryOp, UnaryKernel> = mapOps(UNARY_OPS, makeUnary);
export const jsBinary: Record<BinaryOp, BinaryKernel> = mapOps(BINARY_OPS, makeBinary);
export const jsBinaryScalar: Record<BinaryOp, BinaryScalarKernel> = mapOps(BINARY_OPS, makeBinaryScalar);

/**
 * out[i] = cond[i] ? a[i] : b[i]; a scalar operand stands for every element. A
 * copy, so the dtype does not change the loop (the op layer hands narrow integers
 * over as int64, which keeps this loop's array types few).
 */
export function jsWhere(cond: Uint8Array, a: TypedArray | number, b: TypedArray | number, out: TypedArray, n: number, _dtype?: DType): void {
  if (typeof a === "number") {
    if (typeof b === "number") for (let i = 0; i < n; i++) out[i] = cond[i] ? a : b;
    else for (let i = 0; i < n; i++) out[i] = cond[i] ? a : b[i];
  } else if (typeof b === "number") {
    for (let i = 0; i < n; i++) out[i] = cond[i] ? a[i] : b;
  } else {
    for (let i = 0; i < n; i++) out[i] = cond[i] ? a[i] : b[i];
  }
}
