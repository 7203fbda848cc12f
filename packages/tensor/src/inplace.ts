/**
 * In-place ops. add_, sub_, mul_, div_ and clamp_ first try inplace-direct.ts, which
 * computes into a contiguous target's storage when nothing is recorded (no temporary).
 * Otherwise the new value is computed out of place (so broadcasting,
 * promotion and recording stay in one place), checked against the target's
 * shape and dtype, then written through the target's strides — which reach
 * every view of the same storage — and the storage's version is bumped.
 */
import { type TypedArray, allocate, bool, checkedScalar, float64, int64 } from "./dtype";
import { RuntimeError, fmtShape } from "./errors";
import { tracer } from "./hooks";
import { broadcastShapes, sameShape } from "./shape";
import { scatterStrided } from "./storage";
import { Tensor, type TensorLike } from "./tensor";
import { expand } from "./views";
import { to } from "./convert";
import { fillNormal, fillUniform } from "./random-fill";
import { type Generator, generatorOf } from "./random";
import { randomFill } from "./random-methods";
import { add, binary, clampAny, div, sub } from "./elementwise";
import { defineMethods } from "./methods";
import { directBinary, directClamp } from "./inplace-direct";
import { assertNoPartialOverlap } from "./overlap";

/** Write contiguous `values` (already of t's dtype and numel) into t's view. */
export function writeValues(t: Tensor, values: TypedArray): void {
  // contiguous targets (the common case: parameters, grads) take one block copy; an empty view
  // writes nothing (its offset may lie past its storage: zeros(3, 0).get("2:"))
  const n = t.numel();
  if (n > 0 && t.isContiguous()) t._storage.data.set(values.length === n ? values : values.subarray(0, n), t._offset);
  else if (n > 0) scatterStrided(values, t._storage.data, t._shape, t._strides, t._offset);
  t._storage.version++;
}

function canCast(from: Tensor["dtype"], toType: Tensor["dtype"]): boolean {
  // PyTorch's canCast refuses float -> integral and anything non-bool -> bool for in-place results
  // (int64 -> uint8 is allowed: the value wraps)
  if (from.isFloatingPoint && !toType.isFloatingPoint) return false;
  return from === bool || toType !== bool;
}

/**
 * PyTorch refuses to write a computed tensor into a target where several elements
 * share one memory location (an expanded view): the result would depend on the order.
 * (fill_ is exempt, as in PyTorch: every element gets the same value.)
 */
export function checkNoOverlap(op: string, t: Tensor): void {
  for (let i = 0; i < t.ndim; i++) {
    if (t._strides[i] === 0 && t._shape[i] > 1) {
      throw new RuntimeError(
        `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location (shape ${fmtShape(t._shape)}, strides ${fmtShape(t._strides)}). Please clone() the tensor before performing the operation.`,
      );
    }
  }
}

/**
 * Make `value` (computed out of place) the new content of `target`. `op` names the
 * user's op in messages; `historyOp` tells the tracer how the history changes (default `op`).
 */
export function inplace<T extends Tensor>(target: T, op: string, value: Tensor, historyOp = op): T {
  checkNoOverlap(op, target);
  tracer()?.beforeInplace(op, target, value);
  if (!sameShape(value._shape, target._shape)) {
    throw new RuntimeError(
      `${op}: output with shape ${pyShape(target._shape)} doesn't match the broadcast shape ${pyShape(value._shape)} (${fmtShape(target._shape)} and ${fmtShape(value._shape)})`,
    );
  }
  if (!canCast(value.dtype, target.dtype)) {
    // PyTorch names the output type by its ScalarType (Byte), clamp_ by its C type (unsigned char)
    const out = op === "clamp_" ? (C_TYPE[target.dtype.name] ?? target.dtype.scalarType) : target.dtype.scalarType;
    throw new RuntimeError(
      `${op}: result type ${value.dtype.scalarType} can't be cast to the desired output type ${out}`,
    );
  }
  writeValues(target, to(value, target.dtype)._values());
  tracer()?.afterInplace(historyOp, target, value);
  return target;
}

/** Python's rendering of a shape in messages: [2, 3]. */
const pyShape = (s: readonly number[]): string => `[${s.join(", ")}]`;
const C_TYPE: Record<string, string> = { uint8: "unsigned char", int8: "signed char", int16: "short", int32: "int", int64: "long int", bool: "bool", float32: "float", float64: "double" };

/** `src` expanded to `shape`, with PyTorch's errors (the destination is its tensor a), naming `op` and both shapes. */
function broadcastTo(op: string, src: Tensor, shape: number[]): Tensor {
  const common = broadcastShapes(op, shape, src._shape);
  if (!sameShape(common, shape)) {
    throw new RuntimeError(
      `${op}: output with shape ${pyShape(shape)} doesn't match the broadcast shape ${pyShape(common)} (source of shape ${fmtShape(src._shape)} cannot be broadcast to the destination's shape ${fmtShape(shape)})`,
    );
  }
  return expand(src, [shape]);
}

export function copy_<T extends Tensor>(target: T, src: TensorLike): T {
  if (!(src instanceof Tensor)) {
    // Python wraps a number as a double, int64 or bool tensor, which copy_ casts unchecked, unlike
    // fill_ (uint8 .copy_(300) is 44, int32 .copy_(1e10) is -2147483648)
    const dt = typeof src === "boolean" ? bool : Number.isInteger(src) && Math.abs(src) <= Number.MAX_SAFE_INTEGER ? int64 : float64;
    return copyInto(target, Tensor._fromData(allocate(dt, 1).fill(Number(src)), [], dt), "copy_");
  }
  return copyInto(target, src, "copy_");
}

/** copy_ (target becomes a copy of src, broadcast and cast), with messages naming `op`. */
export function copyInto<T extends Tensor>(target: T, src: Tensor, op: string): T {
  const b = sameShape(src._shape, target._shape) ? src : broadcastTo(op, src, target._shape);
  checkNoOverlap(op, target);
  assertNoPartialOverlap(op, target, src);
  tracer()?.beforeInplace(op, target, b);
  const v = to(b, target.dtype);
  writeValues(target, v._values());
  tracer()?.afterInplace("copy_", target, v);
  return target;
}

export function fill_<T extends Tensor>(target: T, value: number | boolean | Tensor): T {
  if (value instanceof Tensor) {
    if (value.ndim !== 0) throw new RuntimeError(`fill_: fill_ only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions.`);
    return copy_(target, value);
  }
  return fillWith(target, value, "fill_");
}

/** Every element of target becomes `value`; `op` names the op in messages and for the tracer. */
export function fillWith<T extends Tensor>(target: T, value: number | boolean, op: string): T {
  tracer()?.beforeInplace(op, target, null);
  const c = checkedScalar(op, target.dtype, value);
  if (target.isContiguous()) {
    // no temporary: fill the storage range in place (zero_ on grads every step)
    target._storage.data.fill(c, target._offset, target._offset + target.numel());
    target._storage.version++;
  } else {
    const v = allocate(target.dtype, target.numel());
    v.fill(c);
    writeValues(target, v);
  }
  tracer()?.afterInplace(op, target, null);
  return target;
}

export function normal_<T extends Tensor>(target: T, mean: number, std: number, g?: Generator): T {
  if (std < 0) throw new RuntimeError(`normal_: normal expects std >= 0.0, but found std ${std}`);
  const gen = generatorOf("normal_", g);
  // PyTorch's block path needs a contiguous target; a strided one takes the scalar path
  return randomFill(target, "normal_", true, (d, contiguous) => fillNormal(d as Float32Array, mean, std, gen, !contiguous));
}

export function uniform_<T extends Tensor>(target: T, from: number, to_: number, g?: Generator): T {
  // PyTorch's bounds checks: an infinite or NaN bound (or range) would fill NaN
  const [lim, ty] = target.dtype.itemsize === 8 ? [Number.MAX_VALUE, "double"] : [3.4028234663852886e38, "float"];
  if (!(Math.abs(from) <= lim)) throw new RuntimeError(`uniform_: from is out of bounds for ${ty}`);
  if (!(Math.abs(to_) <= lim)) throw new RuntimeError(`uniform_: to is out of bounds for ${ty}`);
  if (from <= to_ && to_ - from > lim) throw new RuntimeError(`uniform_: expects to-from <= std::numeric_limits<${ty === "float" ? "Float" : "Double"}>::max(), but found to=${to_} and from=${from} which result in to-from to exceed the limit`);
  if (!(from <= to_)) throw new RuntimeError(`uniform_: expects to return a [from, to) range, but found from=${from} > to=${to_}`);
  const gen = generatorOf("uniform_", g);
  return randomFill(target, "uniform_", true, (d) => fillUniform(d as Float32Array, from, to_, gen));
}

// ---- the in-place methods (write through views; bump the version counter) ----
/** The in-place methods (tensor.ts: `interface Tensor extends InplaceMethods`). */
export interface InplaceMethods {
  /** In place: this += alpha·other (other broadcast to this shape). */
  add_(other: TensorLike, options?: { alpha?: number }): this;
  /** In place: this −= alpha·other. */
  sub_(other: TensorLike, options?: { alpha?: number }): this;
  /** In place: this ·= other. */
  mul_(other: TensorLike): this;
  /** In place: this /= other. */
  div_(other: TensorLike): this;
  /** In place: clamp(min, max) or clamp({ min, max }). */
  clamp_(min?: number | null | { min?: number | null; max?: number | null }, max?: number | null): this;
  /** Copy `src` (broadcast to this shape, cast to this dtype) into this tensor. */
  copy_(src: TensorLike): this;
  /** Every element set to `value`. */
  fill_(value: number | boolean | Tensor): this;
  /** Every element set to 0. */
  zero_(): this;
  /** max(x, 0) in place (inplace-activations.ts); returns this. */
  relu_(): this;
  /** The logistic sigmoid in place (floating dtypes). */
  sigmoid_(): this;
  /** tanh in place (floating dtypes). */
  tanh_(): this;
  /** Filled with samples of N(mean, std²). */
  normal_(mean?: number, std?: number, options?: { generator?: Generator }): this;
  /** Filled with samples of U[from, to). */
  uniform_(from?: number, to?: number, options?: { generator?: Generator }): this;
}

defineMethods({
  // each tries the direct path first (no temporary; inplace-direct.ts), else computes out of place and records
  add_(this: Tensor, other: TensorLike, options?: { alpha?: number }) {
    if (other instanceof Tensor) assertNoPartialOverlap("add_", this, other);
    return directBinary(this, "add", other, options?.alpha) ? this : inplace(this, "add_", add(this, other, options));
  },
  sub_(this: Tensor, other: TensorLike, options?: { alpha?: number }) {
    if (other instanceof Tensor) assertNoPartialOverlap("sub_", this, other);
    return directBinary(this, "sub", other, options?.alpha) ? this : inplace(this, "sub_", sub(this, other, options));
  },
  mul_(this: Tensor, other: TensorLike) {
    if (other instanceof Tensor) assertNoPartialOverlap("mul_", this, other);
    return directBinary(this, "mul", other) ? this : inplace(this, "mul_", binary("mul", this, other));
  },
  div_(this: Tensor, other: TensorLike) {
    if (other instanceof Tensor) assertNoPartialOverlap("div_", this, other);
    return directBinary(this, "div", other) ? this : inplace(this, "div_", div(this, other));
  },
  clamp_(this: Tensor, min?: number | null | { min?: number | null; max?: number | null }, max?: number | null) {
    return directClamp(this, min, max) ? this : inplace(this, "clamp_", clampAny(this, min, max));
  },
  copy_(this: Tensor, src: TensorLike) {
    return copy_(this, src);
  },
  fill_(this: Tensor, value: number | boolean | Tensor) {
    return fill_(this, value);
  },
  zero_(this: Tensor) {
    return fill_(this, 0);
  },
  normal_(this: Tensor, mean = 0, std = 1, options?: { generator?: Generator }) {
    return normal_(this, mean, std, options?.generator);
  },
  uniform_(this: Tensor, from = 0, to_ = 1, options?: { generator?: Generator }) {
    return uniform_(this, from, to_, options?.generator);
  },
});
