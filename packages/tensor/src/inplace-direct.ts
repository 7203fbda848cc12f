/**
 * The in-place entry point without temporaries: add_, sub_, mul_, div_ and clamp_
 * compute straight into the target's storage range when nothing would be recorded
 * (the optimizer's case: under noGrad, or no tensor involved requires grad), the
 * target is a contiguous float tensor, the result has its dtype and shape, and the
 * operand is not a partly overlapping view of the same storage. Otherwise inplace.ts
 * computes out of place, records, and writes through the view, as before. Both give
 * the same bits: the direct path calls the same kernels on the same operands.
 */
import { type DType, type TypedArray, allocate, bool, castScalar } from "./dtype";
import { tracer } from "./hooks";
import { resultType } from "./promotion";
import { sameShape } from "./shape";
import { Tensor, type TensorLike } from "./tensor";
import { kernels } from "./kernels/registry";
import { binary, clampAny } from "./elementwise";

export type DirectOp = "add" | "sub" | "mul" | "div";

/** `from` broadcasts to `to` without growing it (trailing dims equal or 1). */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  for (let i = 1; i <= from.length; i++) {
    const d = from[from.length - i];
    if (d !== 1 && d !== to[to.length - i]) return false;
  }
  return true;
}

/** The target's elements, when it may be written directly: contiguous, float, and nothing to record. */
function targetRange(target: Tensor, other: Tensor | null): TypedArray | null {
  if (!target.dtype.isFloatingPoint || !target.isContiguous()) return null;
  const t = tracer();
  // nothing recorded: neither operand, nor the storage's base, requires grad (or grad mode is off);
  // then beforeInplace/afterInplace would change no history, so they are skipped with the copy
  if (t !== null) {
    const inputs = other === null ? [target] : [target, other];
    if (target._base !== null) inputs.push(target._base);
    if (t.wants(inputs)) return null;
  }
  return target._values(); // contiguous: the storage itself, or the view's range of it
}

/** A tensor operand the direct path can read: same result dtype, broadcasts to the target, no partial overlap. */
function readable(target: Tensor, other: Tensor): boolean {
  if (other.dtype === bool) return false; // (sub's bool errors, and bool's own rules, stay on one path)
  if (resultType(target, other) !== target.dtype || !broadcastsTo(other._shape, target._shape)) return false;
  // sharing memory is fine only as the very same elements (x.add_(x)): reads then precede writes per element.
  // Two Storage objects may wrap one array (autograd's `.data`): compare the arrays. Distinct arrays are
  // distinct memory here, as overlap.ts takes them to be; reading `.buffer` to be sure made V8 move every
  // small on-heap array off the heap, which cost the d2l linear-regression loop 30 %.
  if (other._storage.data !== target._storage.data) return true;
  return other._offset === target._offset && other.isContiguous() && sameShape(other._shape, target._shape);
}

/**
 * target = op(target, alpha·other) computed into target's storage, when allowed (see the file
 * comment); false when the caller must take the recorded, out-of-place path. The version is bumped.
 */
export function directBinary(target: Tensor, op: DirectOp, other: TensorLike, alpha?: number): boolean {
  let into: TypedArray | null;
  if (other instanceof Tensor) {
    if (!readable(target, other) || (into = targetRange(target, other)) === null) return false;
    if (alpha !== undefined && alpha !== 1) {
      if (sameShape(other._shape, target._shape) && other.dtype === target.dtype && other.isContiguous()) {
        scaledInto(op, into, other._values(), alpha, target.dtype);
        target._storage.version++;
        return true;
      }
      // a row or one element: its scaled copy is small; then as add/sub would (sub.ts's scaled)
      other = binary("mul", other.dtype === target.dtype ? other : other.to(target.dtype), alpha);
    }
  } else {
    if (typeof other !== "number" || (into = targetRange(target, null)) === null) return false;
    // add/sub scale a number in the result dtype first (a float32 alpha·other is rounded once, as PyTorch's)
    if (alpha !== undefined && alpha !== 1) other = castScalar(target.dtype, other * alpha);
  }
  binary(op, target, other, into);
  target._storage.version++;
  return true;
}

/** One scratch array per float dtype for alpha·other, reused: CHUNK elements at a time. */
const CHUNK = 1 << 16;
const scratch = new Map<DType, TypedArray>();

/**
 * out = op(out, alpha·b) over same-shape contiguous arrays, CHUNK elements at a time, with the
 * kernels add/sub use out of place (b·alpha by the scalar kernel, then op): the same bits, no temporary.
 */
function scaledInto(op: DirectOp, out: TypedArray, b: TypedArray, alpha: number, dtype: DType): void {
  const n = out.length;
  let s = scratch.get(dtype);
  if (s === undefined) scratch.set(dtype, (s = allocate(dtype, CHUNK)));
  for (let o = 0; o < n; o += CHUNK) {
    const len = Math.min(CHUNK, n - o);
    const t = len === CHUNK ? s : s.subarray(0, len);
    const x = out.subarray(o, o + len);
    // (mul has a scalar kernel: compute takes it for `b * alpha` too)
    kernels.binaryScalar.mul!(b.subarray(o, o + len), alpha, t, len, dtype, dtype);
    kernels.binary[op](x, t, x, len, dtype, dtype, dtype);
  }
}

/** clamp_ into target's storage when allowed (as directBinary); false otherwise. */
export function directClamp(target: Tensor, min: Parameters<typeof clampAny>[1], max: Parameters<typeof clampAny>[2]): boolean {
  const into = targetRange(target, null);
  if (into === null) return false;
  const bounds = min !== null && typeof min === "object" ? [min.min, min.max] : [min, max];
  const scalars = bounds.filter((v): v is number => v !== null && v !== undefined);
  // an integral bound keeps a float dtype; the clamp's own checks (no bound at all) run inside clampAny
  if (resultType(target, ...scalars) !== target.dtype) return false;
  clampAny(target, min, max, into);
  target._storage.version++;
  return true;
}

/**
 * target = op(target) (relu_, sigmoid_, tanh_) computed into target's storage, when allowed (see
 * the file comment): the op's kernel with the target's range as both input and output. False
 * when the caller must take the recorded, out-of-place path.
 */
export function directUnary(target: Tensor, op: "relu" | "sigmoid" | "tanh"): boolean {
  const into = targetRange(target, null);
  if (into === null) return false;
  kernels.unary[op](into, into, into.length, target.dtype, target.dtype);
  target._storage.version++;
  return true;
}
