/**
 * Elementwise ops with NumPy/PyTorch broadcasting and type promotion.
 * Broadcasting is an explicit `expand` (a view, recorded like any op), so the
 * autograd layer undoes it in exactly one place: expand's derivative rule.
 */
import { type DType, type TypedArray, allocate, bool, defaultFloat } from "./dtype";
import { DTypeError, RuntimeError } from "./errors";
import { record } from "./hooks";
import type { DifferentiableBinary, DifferentiableUnary } from "./prims";
import { resultType } from "./promotion";
import { broadcastShapes, sameShape } from "./shape";
import { Tensor, type TensorLike } from "./tensor";
import { expand } from "./views";
import { kernels } from "./kernels/registry";
import type { BinaryOp, UnaryOp } from "./kernels/types";

/** Unary ops whose result is floating even for integer input (PyTorch's "int-to-float" ops). */
const TO_FLOAT = new Set<UnaryOp>(["exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh", "sigmoid", "reciprocal", "log1p", "expm1"]);
const NOT_DIFFERENTIABLE = new Set<string>(["logicalNot"]);
const COMPARISON = new Set<BinaryOp>(["eq", "ne", "lt", "le", "gt", "ge", "logicalAnd", "logicalOr", "logicalXor"]);

/** Wrap a JS scalar as a 0-d constant of `dtype` (for recording and the generic path). */
export function scalarTensor(v: number | boolean, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = Number(v);
  return Tensor._fromData(data, [], dtype);
}

export function unary(op: UnaryOp, x: Tensor): Tensor {
  let dtype = x.dtype;
  if (op === "logicalNot") dtype = bool;
  else if (TO_FLOAT.has(op) && !dtype.isFloatingPoint) dtype = defaultFloat;
  else if (op === "neg" && dtype === bool) {
    throw new DTypeError(
      "neg: Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
  const n = x.numel();
  const out = allocate(dtype, n);
  kernels.unary[op](x._values(), out, n);
  const res = Tensor._fromData(out, x._shape.slice(), dtype);
  if (NOT_DIFFERENTIABLE.has(op) || !dtype.isFloatingPoint) return res;
  return record(op as DifferentiableUnary, [x], res, {});
}

/** Resolve bool arithmetic the way PyTorch does (add is `or`, mul is `and`, sub raises). */
function boolOp(op: BinaryOp, dtype: DType): BinaryOp {
  if (dtype !== bool) return op;
  if (op === "add" || op === "maximum") return "logicalOr";
  if (op === "mul" || op === "minimum") return "logicalAnd";
  if (op === "sub") {
    throw new DTypeError(
      "sub: Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
  return op;
}

/** The elements of `t` broadcast to `shape` (a contiguous array of numel(shape)). */
function broadcastValues(t: Tensor, shape: number[]): TypedArray {
  return sameShape(t._shape, shape) ? t._values() : expand(t, [shape])._values();
}

/** out = op(a, b), broadcasting and promoting; either side may be a JS scalar. */
export function binary(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const promoted = resultType(a, b);
  let dtype = promoted;
  if (COMPARISON.has(op)) dtype = bool;
  else if (op === "div" && !promoted.isFloatingPoint) dtype = defaultFloat;
  const kop = COMPARISON.has(op) ? op : boolOp(op, dtype);
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  const shape = ta && tb ? broadcastShapes(op, ta._shape, tb._shape) : (ta ?? tb)!._shape.slice();
  let n = 1;
  for (const d of shape) n *= d;
  const out = allocate(dtype, n);
  const scalarKernel = kernels.binaryScalar[kop];
  if (ta && !tb && scalarKernel) {
    scalarKernel(ta._values(), Number(b), out, n);
  } else {
    const av = ta ? broadcastValues(ta, shape) : fillValue(Number(a), n);
    const bv = tb ? broadcastValues(tb, shape) : fillValue(Number(b), n);
    kernels.binary[kop](av, bv, out, n);
  }
  const res = Tensor._fromData(out, shape, dtype);
  if (!dtype.isFloatingPoint || COMPARISON.has(op) || op === "floorDivide" || op === "remainder") return res;
  // a JS scalar is recorded as a 0-d constant of the result dtype, as PyTorch casts it
  const ia = ta ? (sameShape(ta._shape, shape) ? ta : expand(ta, [shape])) : scalarTensor(a as number, dtype);
  const ib = tb ? (sameShape(tb._shape, shape) ? tb : expand(tb, [shape])) : scalarTensor(b as number, dtype);
  return record(op as DifferentiableBinary, [ia, ib], res, {});
}

function fillValue(v: number, n: number): Float64Array {
  return new Float64Array(n).fill(v);
}

export function add(a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor {
  const alpha = options?.alpha;
  return binary("add", a, alpha === undefined || alpha === 1 ? b : binary("mul", b, alpha));
}

export function sub(a: TensorLike, b: TensorLike, options?: { alpha?: number }): Tensor {
  const alpha = options?.alpha;
  return binary("sub", a, alpha === undefined || alpha === 1 ? b : binary("mul", b, alpha));
}

export function div(a: TensorLike, b: TensorLike, options?: { roundingMode?: "floor" | "trunc" }): Tensor {
  const mode = options?.roundingMode;
  if (mode === undefined) return binary("div", a, b);
  if (mode === "floor") return binary("floorDivide", a, b);
  // trunc: round the true quotient toward zero, in the promoted dtype
  const q = binary("div", a, b);
  const t = unary("sign", q).mul(unary("floor", unary("abs", q)));
  return t.to(resultType(a, b));
}

/** where(condition, a, b): a where condition is true, else b; all three broadcast. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (condition.dtype !== bool) {
    throw new DTypeError(`where: expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype.name}`);
  }
  const dtype = resultType(a, b);
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  let shape = condition._shape.slice();
  if (ta) shape = broadcastShapes("where", shape, ta._shape);
  if (tb) shape = broadcastShapes("where", shape, tb._shape);
  let n = 1;
  for (const d of shape) n *= d;
  const cv = broadcastValues(condition, shape) as Uint8Array;
  const av = ta ? broadcastValues(ta, shape) : fillValue(Number(a), n);
  const bv = tb ? broadcastValues(tb, shape) : fillValue(Number(b), n);
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = cv[i] ? av[i] : bv[i];
  const res = Tensor._fromData(out, shape, dtype);
  if (!dtype.isFloatingPoint) return res;
  const ia = ta ? (sameShape(ta._shape, shape) ? ta : expand(ta, [shape])) : scalarTensor(a as number, dtype);
  const ib = tb ? (sameShape(tb._shape, shape) ? tb : expand(tb, [shape])) : scalarTensor(b as number, dtype);
  return record("where", [ia, ib], res, { cond: cv === condition._storage.data ? cv.slice() : cv });
}

type Bound = number | null | undefined;
export function clamp(x: Tensor, min?: Bound | { min?: Bound; max?: Bound }, max?: Bound): Tensor {
  let lo: Bound = min as Bound;
  let hi: Bound = max;
  if (min !== null && typeof min === "object") {
    lo = min.min;
    hi = min.max;
  }
  lo = lo ?? null;
  hi = hi ?? null;
  if (lo === null && hi === null) throw new RuntimeError("clamp: At least one of 'min' or 'max' must not be None");
  let dtype = x.dtype;
  for (const v of [lo, hi]) if (v !== null && !Number.isInteger(v) && !dtype.isFloatingPoint) dtype = defaultFloat;
  const n = x.numel();
  const src = x._values();
  const out = allocate(dtype, n);
  const l = lo ?? -Infinity;
  const h = hi ?? Infinity;
  // PyTorch: min(max(x, lo), hi) — when lo > hi every element becomes hi; NaN propagates
  for (let i = 0; i < n; i++) {
    const v = src[i];
    out[i] = v !== v ? v : Math.min(Math.max(v, l), h);
  }
  const res = Tensor._fromData(out, x._shape.slice(), dtype);
  return dtype.isFloatingPoint ? record("clamp", [x], res, { min: lo, max: hi }) : res;
}

export function equal(a: Tensor, b: Tensor): boolean {
  if (!sameShape(a._shape, b._shape)) return false;
  const av = a._values();
  const bv = b._values();
  for (let i = 0; i < av.length; i++) if (av[i] !== bv[i]) return false;
  return true;
}

export function allclose(a: Tensor, b: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean {
  const rtol = options?.rtol ?? 1e-5;
  const atol = options?.atol ?? 1e-8;
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

