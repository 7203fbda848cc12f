/**
 * Elementwise ops with NumPy/PyTorch broadcasting and type promotion.
 * Broadcasting is an explicit `expand` (a view, recorded like any op), so the
 * autograd layer undoes it in exactly one place: expand's derivative rule.
 */
import {
  type DType, type TypedArray, allocate, allocateEmpty, bool, castScalar, checkedScalar, defaultFloat, float32, float64, int64, isNarrowInt,
  promoteTypes, scalarDType, uint8,
} from "./dtype";
import { DTypeError, RuntimeError, TypeError, argTypeError, fmtShape } from "./errors";
import { composite, record } from "./hooks";
import type { DifferentiableBinary, DifferentiableUnary } from "./prims";
import { resultType } from "./promotion";
import { broadcastShapes, sameShape } from "./shape";
import { Tensor } from "./tensor";
import type { TensorLike } from "./tensor-types";
import { expand } from "./views";
import { kernels } from "./kernels/registry";
import { binaryBroadcast } from "./kernels/broadcast";
import { type BinaryOp, type UnaryOp, BINARY_DECLS, UNARY_DECLS } from "./elementwise-decls";
import type { BinarySpec, MethodsOf, UnarySpec } from "./op-decl";
import { bindScalarWrap, checkedOp, parseSignature } from "./signature";
import { defineMethods } from "./methods";

/** Each op's flags, from its declaration (unary-ops.ts, binary-ops.ts, logical-ops.ts). */
const UNARY = Object.fromEntries(UNARY_DECLS.map((d) => [d.op, d.spec])) as Record<UnaryOp, UnarySpec>;
const BINARY = Object.fromEntries(BINARY_DECLS.map((d) => [d.op, d.spec])) as Record<BinaryOp, BinarySpec>;

/** The CPU kernel PyTorch names when it refuses bool (`"abs_cpu" not implemented for 'Bool'`). */
const BOOL_KERNELS: Record<string, string> = {
  abs: "abs_cpu", floorDivide: "div_floor_cpu", remainder: "remainder_cpu", divTrunc: "div_trunc_cpu", div: "div_true_cpu",
  round: "round_vml_cpu", ceil: "ceil_vml_cpu", floor: "floor_vml_cpu", neg: "neg_cpu", sign: "sign_cpu", pow: "pow",
};

function notForBool(op: string): DTypeError {
  if (op === "relu") return new DTypeError("relu: Boolean inputs not supported for relu (cast with .long() or .float() first)");
  const kernel = BOOL_KERNELS[op] ?? op;
  return new DTypeError(`${op === "divTrunc" ? "div" : op}: "${kernel}" not implemented for 'Bool' (cast with .long() or .float() first)`);
}

/** Wrap a JS scalar as a 0-d constant of `dtype` (for recording and the generic path). */
export function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = Number(v);
  return Tensor._fromData(data, [], dtype);
}

export function unary(op: UnaryOp, x: Tensor): Tensor {
  const spec = UNARY[op];
  let dtype = x.dtype;
  if (spec.predicate) dtype = bool;
  else if (spec.toFloat && !dtype.isFloatingPoint) dtype = defaultFloat;
  else if (dtype === bool) {
    if (spec.boolError !== undefined) throw new DTypeError(spec.boolError);
    if (spec.noBool) throw notForBool(op);
    if (spec.boolToInt64) dtype = int64;
  }
  const n = x.numel();
  const out = allocateEmpty(dtype, n);
  kernels.unary[op](x._values(), out, n, x.dtype, dtype);
  const res = Tensor._fromData(out, x._shape.slice(), dtype);
  if (spec.predicate || !dtype.isFloatingPoint) return res;
  return record(op as DifferentiableUnary, [x], res, {});
}

/** Resolve bool arithmetic the way PyTorch does (add is `or`, mul is `and`; pow, floorDivide, remainder raise). */
function boolOp(op: BinaryOp, dtype: DType): BinaryOp {
  if (dtype !== bool) return op;
  if (op === "add" || op === "maximum") return "logicalOr";
  if (op === "mul" || op === "minimum") return "logicalAnd";
  if (BINARY[op].noBool) throw notForBool(op);
  return op;
}

const isBool = (v: TensorLike): boolean => (v instanceof Tensor ? v.dtype === bool : typeof v === "boolean");

/** PyTorch refuses `-` with any bool operand (tensor or Python bool). */
function checkSub(a: TensorLike, b: TensorLike): void {
  if (isBool(a) && isBool(b)) {
    throw new DTypeError("sub: Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
  }
  if (isBool(a) || isBool(b)) {
    throw new DTypeError(
      "sub: Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
}

/** Integer floor division and remainder by zero raise, as in PyTorch (an int64 has no inf). */
function checkIntDivisor(op: string, b: TensorLike, values: TypedArray | null): void {
  const zero = values === null ? Number(b) === 0 : values.includes(0);
  if (zero) throw new RuntimeError(`${op}: ZeroDivisionError (integer division by zero)`);
}

/** int64 pow with negative exponents: 1 and -1 keep their powers, every other base gives 0 (PyTorch's powi). */
function fixIntPow(base: TypedArray, exp: TypedArray, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const e = exp[i];
    if (e >= 0) continue;
    const a = base[i];
    out[i] = a === 1 ? 1 : a === -1 ? (e % 2 === 0 ? 1 : -1) : 0;
  }
}

/** The elements of `t` broadcast to `shape` (a contiguous array of numel(shape)). */
function broadcastValues(t: Tensor, shape: number[]): TypedArray {
  return sameShape(t._shape, shape) ? t._values() : expand(t, [shape])._values();
}

interface Computed {
  res: Tensor;
  shape: number[];
  ta: Tensor | null;
  tb: Tensor | null;
}

/**
 * PyTorch computes a narrow integer op in that dtype: a JS scalar or a wider 0-d
 * tensor is cast to it first (so `uint8 < 300` compares with 300 % 256 = 44).
 * Wrapping commutes with +, - and *, but not with //, %, max/min or comparisons.
 * True division computes in float, and pow keeps its exponent as given.
 */
function castToNarrow(op: BinaryOp, v: TensorLike, dtype: DType, isExponent: boolean): TensorLike {
  // a 0-d exponent tensor is PyTorch's Scalar exponent, cast to the dtype (uint8 ** tensor(-7) raises to 249)
  if (isExponent && v instanceof Tensor && v.ndim === 0) return v.dtype === dtype ? v : v.to(dtype);
  if (op === "div" || isExponent) return v;
  if (v instanceof Tensor) return promoteTypes(v.dtype, dtype) === dtype ? v : v.to(dtype);
  return typeof v === "number" ? castScalar(dtype, v) : v;
}

/** op(a, b) computed, broadcasting and promoting, without recording it; into `into` when given. */
function compute(op: BinaryOp, a: TensorLike, b: TensorLike, into?: TypedArray): Computed {
  const spec = BINARY[op];
  const promoted = resultType(a, b);
  let dtype = promoted;
  if (spec.predicate) dtype = bool;
  else if (op === "div" && !promoted.isFloatingPoint) dtype = defaultFloat;
  if (op === "sub") checkSub(a, b);
  const kop = spec.predicate ? op : boolOp(op, dtype);
  const rawB = b;
  if (isNarrowInt(promoted)) {
    a = castToNarrow(op, a, promoted, false);
    b = castToNarrow(op, b, promoted, op === "pow");
    // a number base (`torch.pow(-3, x)`) as a 0-d tensor of the dtype, so the integer kernel wraps each product
    if (op === "pow" && !(a instanceof Tensor)) a = scalarTensor(a as number, promoted);
  }
  let ta = a instanceof Tensor ? a : null;
  let tb = b instanceof Tensor ? b : null;
  if (spec.ordering && promoted === float32) {
    // PyTorch compares in the promoted dtype. A bool output does not tell the kernel that this is
    // float32, so cast float64/int64 operands (and round JS scalars) to float32 here: then
    // float32(0.1) == float64(0.1) and int64 16777217 == 16777216.5, as in PyTorch.
    if (ta !== null && ta.dtype !== float32) a = ta = ta.to(float32);
    if (tb !== null && tb.dtype !== float32) b = tb = tb.to(float32);
    if (typeof a === "number") a = Math.fround(a);
    if (typeof b === "number") b = Math.fround(b);
  }
  const shape = ta && tb ? broadcastShapes(op, ta._shape, tb._shape) : (ta ?? tb)!._shape.slice();
  let n = 1;
  for (const d of shape) n *= d;
  const intResult = !dtype.isFloatingPoint && dtype !== bool;
  const intDivision = intResult && (op === "floorDivide" || op === "remainder");
  if (intResult && op === "pow" && !tb && Number(rawB) < 0) {
    throw new RuntimeError(`pow: Integers to negative integer powers are not allowed (exponent ${Number(b)}, base dtype ${ta?.dtype.name})`);
  }
  const out = into ?? allocateEmpty(dtype, n);
  if (ta && !tb && intDivision) checkIntDivisor(op, b, null);
  // the kernel layer picks a scalar or row-by-row kernel when the broadcast need not be materialised
  if (!(ta && binaryBroadcast(kernels, kop, ta, tb, tb ? 0 : Number(b), shape, n, out, dtype))) {
    const av = ta ? broadcastValues(ta, shape) : fillValue(Number(a), n);
    const bv = tb ? broadcastValues(tb, shape) : fillValue(Number(b), n);
    if (intDivision) checkIntDivisor(op, b, bv);
    // a JS scalar operand is a Float64Array of its value here
    kernels.binary[kop](av, bv, out, n, ta?.dtype ?? float64, tb?.dtype ?? float64, dtype);
    // (narrow integer kernels do PyTorch's powi themselves)
    if (dtype === int64 && op === "pow") fixIntPow(av, bv, out);
  }
  return { res: Tensor._fromData(out, shape, dtype), shape, ta, tb };
}

/** The inputs a binary primitive records: tensors expanded to the result shape, JS scalars as 0-d constants. */
function operands(c: Computed, a: TensorLike, b: TensorLike): Tensor[] {
  const dtype = c.res.dtype;
  // a JS scalar is recorded as a 0-d constant of the result dtype, as PyTorch casts it
  const ia = c.ta ? (sameShape(c.ta._shape, c.shape) ? c.ta : expand(c.ta, [c.shape])) : scalarTensor(a as number, dtype);
  const ib = c.tb ? (sameShape(c.tb._shape, c.shape) ? c.tb : expand(c.tb, [c.shape])) : scalarTensor(b as number, dtype);
  return [ia, ib];
}

/**
 * out = op(a, b), broadcasting and promoting; either side may be a JS scalar.
 * `into`: the in-place entry point (inplace-direct.ts). The result is written into this
 * contiguous array, which may be `a`'s own elements; the caller has checked that it holds
 * the result's numel and dtype, and that nothing is to be recorded (so nothing is).
 */
export function binary(op: BinaryOp, a: TensorLike, b: TensorLike, into?: TypedArray): Tensor {
  const c = compute(op, a, b, into);
  if (into !== undefined || !c.res.dtype.isFloatingPoint || BINARY[op].predicate) return c.res;
  return record(op as DifferentiableBinary, operands(c, a, b), c.res, {});
}

function fillValue(v: number, n: number): Float64Array {
  return new Float64Array(n).fill(v);
}

/**
 * `alpha * b` for add/sub, computed in the result dtype of (a, b) so alpha never
 * changes the promotion: PyTorch computes `a + alpha * b` with alpha cast to that dtype.
 */
function scaled(op: "add" | "sub", a: TensorLike, b: TensorLike, alpha: number | undefined): TensorLike {
  if (alpha === undefined || alpha === 1) return b;
  const dtype = resultType(a, b);
  const boolAlpha = typeof (alpha as unknown) === "boolean"; // Python's True/False
  if (boolAlpha && dtype !== bool) {
    // PyTorch checks the shapes first
    if (a instanceof Tensor && b instanceof Tensor) broadcastShapes(op, a._shape, b._shape);
    throw new RuntimeError(`${op}: Boolean alpha only supported for Boolean results. (alpha=${alpha}, result dtype ${dtype.name})`);
  }
  if (!dtype.isFloatingPoint && !Number.isInteger(alpha) && !boolAlpha) {
    throw new RuntimeError(`${op}: For integral input tensors, argument alpha must not be a floating point number. (alpha=${alpha}, result dtype ${dtype.name})`);
  }
  checkedScalar(op, dtype, alpha); // alpha must fit a narrow integer dtype (uint8 refuses 300)
  if (!(b instanceof Tensor)) return scalarTensor(castScalar(dtype, Number(b) * alpha), dtype);
  if (dtype === bool) return alpha === 0 ? binary("logicalAnd", b, false) : b;
  return binary("mul", b.dtype === dtype ? b : b.to(dtype), alpha);
}

export function add(a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor {
  return binary("add", a, scaled("add", a, b, options?.alpha));
}

export function sub(a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor {
  checkSub(a, b);
  const out = binary("sub", a, scaled("sub", a, b, options?.alpha));
  // a JS scalar minus a tensor is Python's `2 - x`: PyTorch's rsub
  return a instanceof Tensor ? out : composite(out, "rsub");
}

/**
 * True division, or rounded with `roundingMode` "floor" (Python's //) or "trunc" (toward zero).
 * A rounded quotient is piecewise constant: its gradient is zero (PyTorch's DivBackward2).
 * @example torch.div(torch.tensor([-7, 7]), 2, { roundingMode: "trunc" }) // tensor([-3,  3])
 */
export function div(a: TensorLike, b: TensorLike, options?: { roundingMode?: "floor" | "trunc" }): Tensor {
  const mode = options?.roundingMode;
  if (mode === undefined) {
    // a JS scalar over a tensor is Python's `2 / x`, which PyTorch computes as reciprocal(x) * 2 (MulBackward0)
    if (!(a instanceof Tensor) && b instanceof Tensor) return binary("mul", unary("reciprocal", b), a);
    return binary("div", a, b);
  }
  if (mode !== "floor" && mode !== "trunc") {
    throw new RuntimeError(`div: div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  let c: Computed;
  if (mode === "floor") c = compute("floorDivide", a, b);
  else {
    // trunc: round the true quotient toward zero, in the promoted dtype
    const dtype = resultType(a, b);
    if (dtype === bool) throw notForBool("divTrunc");
    if (!dtype.isFloatingPoint) {
      // integers: divide exactly in float64 (float32 would round large quotients), refuse a zero divisor
      // among the elements actually divided (after the shapes broadcast, as PyTorch's kernel meets them)
      const shape = a instanceof Tensor && b instanceof Tensor ? broadcastShapes("div", a._shape, b._shape) : (a instanceof Tensor ? a : (b as Tensor))._shape;
      if (!shape.includes(0)) checkIntDivisor("div", b, b instanceof Tensor ? b._values() : null);
      const wide = (v: TensorLike): TensorLike => (v instanceof Tensor ? v.to(float64) : v);
      const q = compute("div", wide(a), wide(b)).res;
      truncValues(q._storage.data);
      return q.to(dtype);
    }
    c = compute("div", a, b);
    truncValues(c.res._storage.data);
  }
  if (!c.res.dtype.isFloatingPoint) return c.res;
  return record("divRounding", operands(c, a, b), c.res, { mode });
}

function truncValues(v: TypedArray): void {
  for (let i = 0; i < v.length; i++) v[i] = Math.trunc(v[i]);
}

/**
 * Python's `%`: the remainder with the sign of the divisor. d/da = 1, d/db = −floor(a/b).
 * As in PyTorch, a JS scalar dividend (`2 % x`) has no derivative (its backward raises).
 */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  const out = binary("remainder", a, b);
  if (!(b instanceof Tensor)) return composite(out, "remainderNumberDivisor");
  return a instanceof Tensor ? out : composite(out, "remainderNumberDividend");
}

/** where(condition, a, b): a where condition is true, else b; all three broadcast. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  return checkedWhere(condition as never, a as never, b as never) as Tensor;
}

function whereImpl(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  // PyTorch 1.13 still takes a uint8 condition (deprecated), read as its truth values
  if (condition.dtype !== bool && condition.dtype !== uint8) {
    throw new DTypeError(`where: expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.name}`);
  }
  const dtype = resultType(a, b);
  if (isNarrowInt(dtype)) {
    // a scalar must fit the dtype; the copy runs on int64 values (exact), which keeps the kernel's array types few
    const wide = (v: TensorLike): TensorLike => (v instanceof Tensor ? v.to(int64) : checkedScalar("where", dtype, v));
    return whereImpl(condition, wide(a), wide(b)).to(dtype);
  }
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  let shape = condition._shape.slice();
  if (ta) shape = broadcastShapes("where", shape, ta._shape);
  if (tb) shape = broadcastShapes("where", shape, tb._shape);
  let n = 1;
  for (const d of shape) n *= d;
  const cv = broadcastValues(condition, shape) as Uint8Array;
  const av = ta ? broadcastValues(ta, shape) : Number(a);
  const bv = tb ? broadcastValues(tb, shape) : Number(b);
  const out = allocateEmpty(dtype, n);
  kernels.where(cv, av, bv, out, n, dtype);
  const res = Tensor._fromData(out, shape, dtype);
  if (!dtype.isFloatingPoint) return res;
  const ia = ta ? (sameShape(ta._shape, shape) ? ta : expand(ta, [shape])) : scalarTensor(a as number, dtype);
  const ib = tb ? (sameShape(tb._shape, shape) ? tb : expand(tb, [shape])) : scalarTensor(b as number, dtype);
  return record("where", [ia, ib], res, { cond: cv === condition._storage.data ? cv.slice() : cv });
}

/** x with `value` where mask is true. Keeps x's shape and dtype (value is cast, as PyTorch does). */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean): Tensor {
  if (mask.dtype !== bool && mask.dtype !== uint8) {
    throw new DTypeError(`maskedFill: only boolean masks are supported, but got mask with dtype ${mask.dtype.name}`);
  }
  const shape = broadcastShapes("maskedFill", x._shape, mask._shape);
  if (!sameShape(shape, x._shape)) {
    throw new RuntimeError(`maskedFill: mask of shape ${fmtShape(mask._shape)} cannot be broadcast to the tensor's shape ${fmtShape(x._shape)}`);
  }
  return composite(where(mask, scalarTensor(checkedScalar("maskedFill", x.dtype, value), x.dtype), x), "maskedFill");
}

type Bound = number | null | undefined;
/**
 * clamp(x, min, max) or clamp(x, { min, max }): the method's and clamp_'s forms.
 * `into`, for a float x: as binary's (the result is written there, nothing is recorded).
 */
export function clampAny(x: Tensor, min?: Bound | { min?: Bound; max?: Bound }, max?: Bound, into?: TypedArray): Tensor {
  let lo: Bound = min as Bound;
  let hi: Bound = max;
  if (min !== null && typeof min === "object") {
    lo = min.min;
    hi = min.max;
  }
  lo = lo ?? null;
  hi = hi ?? null;
  if (lo === null && hi === null) throw new RuntimeError("clamp: At least one of 'min' or 'max' must not be None");
  // the bounds promote like scalar operands (an int bound lifts bool to int64, a float bound int to float32)
  const dtype = resultType(x, ...[lo, hi].filter((v): v is number => v !== null));
  if (isNarrowInt(dtype)) {
    // bounds are cast to the dtype (checked: uint8 refuses 300, takes -3 as 253); clamp the exact int64 values
    const bound = (v: number | null) => (v === null ? null : checkedScalar("clamp", dtype, v));
    return clamp(x.to(int64), bound(lo), bound(hi)).to(dtype);
  }
  const n = x.numel();
  const src = x._values();
  const out = into ?? allocateEmpty(dtype, n);
  const l = lo ?? -Infinity;
  const h = hi ?? Infinity;
  // PyTorch: min(max(x, lo), hi) — when lo > hi every element becomes hi; NaN propagates
  kernels.clamp(src, out, n, l, h);
  const res = Tensor._fromData(out, x._shape.slice(), dtype);
  return dtype.isFloatingPoint && into === undefined ? record("clamp", [x], res, { min: lo, max: hi }) : res;
}

type ClampBounds = { min?: number | null; max?: number | null };
/** Each element limited to [min, max]; either bound may be null (PyTorch's torch.clamp): `clamp(x, 0)`, `clamp(x, { max: 1 })`. */
export const clamp: (input: Tensor, min?: number | null | ClampBounds, max?: number | null | ClampBounds, options?: ClampBounds) => Tensor = checkedOp(
  "clamp(Tensor input, float? min, float? max)",
  (x: Tensor, min: number | undefined, max: number | undefined) => clampAny(x, min ?? null, max ?? null),
);
const checkedWhere = checkedOp("where(Tensor condition, Tensor|Number input, Tensor|Number other)", whereImpl);
const checkedMaskedFill = checkedOp("maskedFill(Tensor input, Tensor mask, Number value)", maskedFill);

/** True when both have the same shape and elements (PyTorch's torch.equal). */
export function equal(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a._shape, b._shape)) return false;
  // float16/bfloat16 words: compare values (±0 equal, NaN unequal), exactly, in float32
  if (a.dtype.code >= 8 || b.dtype.code >= 8) return equal(a.to(float32), b.to(float32));
  const av = a._values();
  const bv = b._values();
  for (let i = 0; i < av.length; i++) if (av[i] !== bv[i]) return false;
  return true;
}

/** |a − b| ≤ atol + rtol·|b| everywhere (broadcasting); NaNs are equal only with `equalNan`. */
export function allclose(a: Tensor, b: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean {
  const rtol = options?.rtol ?? 1e-5;
  const atol = options?.atol ?? 1e-8;
  for (const t of [a, b]) if (t.dtype.code >= 8) throw new RuntimeError(`"allclose" not implemented for '${t.dtype.scalarType}' in torchts (compare x.float())`);
  const shape = broadcastShapes("allclose", a._shape, b._shape);
  const av = broadcastValues(a, shape);
  const bv = broadcastValues(b, shape);
  for (let i = 0; i < av.length; i++) {
    const x = av[i];
    const y = bv[i];
    if (x !== x || y !== y) {
      if (options?.equalNan && x !== x && y !== y) continue;
      return false;
    }
    if (x === y) continue;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}

/** `isnan(x)`: true where x is NaN (x != x). */
export function isnan(x: Tensor): Tensor {
  return binary("ne", x.dtype.code >= 8 ? x.to(float32) : x, x.dtype.code >= 8 ? x.to(float32) : x); // 16-bit words: their values
}

// ---- Tensor methods ---------------------------------------------------------
type UnaryDecls = typeof import("./unary-ops");
type BinaryDecls = typeof import("./binary-ops");
type LogicalDecls = typeof import("./logical-ops");

/** One method per declared elementwise op, documented where it is declared (tensor.ts: `interface Tensor extends ...`). */
export type UnaryMethods = MethodsOf<UnaryDecls>;
export type BinaryMethods = MethodsOf<BinaryDecls>;
export type LogicalMethods = MethodsOf<LogicalDecls>;
/** The composite elementwise methods. */
export interface ElementwiseMethods {
  /** clamp(min, max) or clamp({ min, max }); either bound may be omitted. */
  clamp(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): Tensor;
  /** `x.where(cond, y)`: x where cond is true, else y. */
  where(condition: Tensor, other: TensorLike): Tensor;
  /** True where the element is NaN. */
  isnan(): Tensor;
  /** True when both have the same shape and elements (PyTorch's torch.equal). */
  equal(other: Tensor): boolean;
  /** |x − other| ≤ atol + rtol·|other| everywhere. */
  allclose(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean;
  /** x with `value` where mask is true (same shape and dtype as x). */
  maskedFill(mask: Tensor, value: number | boolean): Tensor;
}

defineMethods({
  clamp: (clamp as unknown as { method: (this: Tensor) => Tensor }).method,
  where(this: Tensor, condition: Tensor, other: TensorLike, extra?: unknown) {
    // x.where(condition, other) is where(condition, x, other): PyTorch counts the method's positions from condition
    if (!(condition instanceof Tensor)) throw argTypeError("where", "condition", 1, "Tensor", condition);
    if (!(other instanceof Tensor || typeof other === "number" || typeof other === "boolean")) throw argTypeError("where", "other", 2, "Tensor", other);
    if (extra !== undefined) throw new TypeError("where() takes 2 positional arguments but 3 were given");
    return whereImpl(condition, this, other);
  },
  isnan(this: Tensor) {
    return binary("ne", this, this);
  },
  equal(this: Tensor, other: Tensor) {
    return equal(this, other);
  },
  allclose(this: Tensor, other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }) {
    return allclose(this, other, options);
  },
  maskedFill: checkedMaskedFill.method,
});

// ---- the declared ops become functions and methods ---------------------------
/** The implementations of the binary ops declared `custom` (they take options, or rename their node). */
const CUSTOM: Partial<Record<BinaryOp, (a: TensorLike, b: TensorLike, options?: never) => Tensor>> = {
  add: (a, b, alpha?: number) => add(a, b, { alpha }),
  sub: (a, b, alpha?: number) => sub(a, b, { alpha }),
  div: (a, b, roundingMode?: "floor" | "trunc") => div(a, b, { roundingMode }),
  remainder,
};

const define = (name: string, value: (this: Tensor, ...args: never[]) => unknown) => defineMethods({ [name]: value });

// each declaration's signature gives the checked torch.* function (d.impl) and the checked method (signature.ts)
bindScalarWrap((v) => scalarTensor(v, scalarDType(v)));
for (const d of UNARY_DECLS) {
  const op = d.op;
  const checked = checkedOp<(...args: never[]) => Tensor>(d.signature, (x: Tensor) => unary(op, x));
  d.impl = checked;
  define(op, checked.method);
}
for (const d of BINARY_DECLS) {
  const op = d.op;
  const custom = CUSTOM[op];
  if ((d.spec.custom === true) !== (custom !== undefined)) {
    throw new RuntimeError(`elementwise.ts: "${op}" is declared custom: ${d.spec.custom === true}, implemented here: ${custom !== undefined}`);
  }
  const impl = custom ?? ((a: TensorLike, b: TensorLike) => binary(op, a, b));
  const checked = checkedOp(parseSignature(d.signature, d.spec.numbersAsTensors === true), impl as never);
  d.impl = checked as never;
  define(op, checked.method);
}
