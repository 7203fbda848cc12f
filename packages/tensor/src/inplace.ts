/**
 * In-place ops. The new value is computed out of place (so broadcasting,
 * promotion and recording stay in one place), checked against the target's
 * shape and dtype, then written through the target's strides — which reach
 * every view of the same storage — and the storage's version is bumped.
 */
import { type TypedArray, allocate } from "./dtype";
import { DTypeError, RuntimeError, fmtShape } from "./errors";
import { tracer } from "./hooks";
import { sameShape } from "./shape";
import { scatterStrided } from "./storage";
import { Tensor, type TensorLike } from "./tensor";
import { expand } from "./views";
import { to } from "./convert";
import { fillNormal, fillUniform } from "./sampling";
import { type Generator, defaultGenerator } from "./random";

/** Write contiguous `values` (already of t's dtype and numel) into t's view. */
export function writeValues(t: Tensor, values: TypedArray): void {
  scatterStrided(values, t._storage.data, t._shape, t._strides, t._offset);
  t._storage.version++;
}

function canCast(from: Tensor["dtype"], toType: Tensor["dtype"]): boolean {
  // PyTorch refuses float -> integral and anything non-bool -> bool for in-place results
  return from.rank <= toType.rank || (toType.isFloatingPoint && from.isFloatingPoint);
}

/** Make `value` (computed out of place) the new content of `target`. */
export function inplace<T extends Tensor>(target: T, op: string, value: Tensor): T {
  tracer()?.beforeInplace(op, target);
  if (!sameShape(value._shape, target._shape)) {
    throw new RuntimeError(
      `${op}: output with shape ${fmtShape(target._shape)} doesn't match the broadcast shape ${fmtShape(value._shape)}`,
    );
  }
  if (!canCast(value.dtype, target.dtype)) {
    throw new DTypeError(`${op}: result type ${value.dtype.name} can't be cast to the desired output type ${target.dtype.name}`);
  }
  writeValues(target, to(value, target.dtype)._values());
  tracer()?.afterInplace(op, target, value);
  return target;
}

export function copy_<T extends Tensor>(target: T, src: TensorLike): T {
  if (!(src instanceof Tensor)) return fill_(target, src);
  const b = sameShape(src._shape, target._shape) ? src : expand(src, [target._shape]);
  tracer()?.beforeInplace("copy_", target);
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
  tracer()?.beforeInplace("fill_", target);
  const v = allocate(target.dtype, target.numel());
  v.fill(Number(value));
  writeValues(target, v);
  tracer()?.afterInplace("fill_", target, null);
  return target;
}

function randomFill<T extends Tensor>(target: T, op: string, fill: (data: Float32Array | Float64Array) => void): T {
  if (!target.dtype.isFloatingPoint) throw new DTypeError(`${op}: expected a floating point tensor, got ${target.dtype}`);
  tracer()?.beforeInplace(op, target);
  const v = allocate(target.dtype, target.numel()) as Float32Array | Float64Array;
  fill(v);
  writeValues(target, v);
  tracer()?.afterInplace(op, target, null);
  return target;
}

export function normal_<T extends Tensor>(target: T, mean: number, std: number, g?: Generator): T {
  if (std < 0) throw new RuntimeError(`normal_: normal expects std >= 0.0, but found std ${std}`);
  return randomFill(target, "normal_", (d) => fillNormal(d, mean, std, g ?? defaultGenerator));
}

export function uniform_<T extends Tensor>(target: T, from: number, to_: number, g?: Generator): T {
  if (!(from <= to_)) throw new RuntimeError(`uniform_: expects to return a [from, to) range, but found from=${from} > to=${to_}`);
  return randomFill(target, "uniform_", (d) => fillUniform(d, from, to_, g ?? defaultGenerator));
}
