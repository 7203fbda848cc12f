/**
 * elu (with selu and celu), hardtanh (relu6) and threshold as one node each, out of place and in
 * place, named as PyTorch 1.13 names them. The in-place forms write into their input through
 * defineOp's markDirty, so the result is the input with the op's node as its history:
 * - elu_/selu_: EluBackward1, celu_: CeluBackward1 — they save the result (the input itself,
 *   after the write) and their backward reads only it, which needs alpha ≥ 0 (PyTorch raises at
 *   backward otherwise);
 * - hardtanh_ (relu6): HardtanhBackward0, threshold_: ThresholdBackward1 — PyTorch saves a copy
 *   of the original input for these, so their gradient masks are those of the values before the
 *   write, and a later write into the result raises nothing.
 * Out of place: EluBackward0 / CeluBackward0 / HardtanhBackward0 / ThresholdBackward0, saving the input.
 * Backwards are tensor ops (double backward works).
 */
import { RuntimeError, type Tensor, defineOp, where } from "@torchts/autograd";

/** PyTorch's ELU parameters: x > 0 ? scale·x : alpha·scale·(exp(inputScale·x) − 1). */
interface EluParams {
  alpha: number;
  scale: number;
  inputScale: number;
}

function eluForward(x: Tensor, p: EluParams): Tensor {
  const pos = p.scale === 1 ? x : x.mul(p.scale);
  const arg = p.inputScale === 1 ? x : x.mul(p.inputScale);
  return where(x.gt(0), pos, arg.exp().sub(1).mul(p.alpha * p.scale));
}

/** PyTorch's elu_backward: from the input, or (is_result) from the result. */
function eluBackward(g: Tensor, saved: Tensor, p: EluParams, isResult: boolean): Tensor {
  const negcoef = p.alpha * p.scale;
  const neg = isResult ? g.mul(saved.add(negcoef)).mul(p.inputScale) : g.mul((p.inputScale === 1 ? saved : saved.mul(p.inputScale)).exp()).mul(p.inputScale * negcoef);
  return where(saved.le(0), neg, p.scale === 1 ? g : g.mul(p.scale));
}

function eluOps(name: string) {
  const out = defineOp({
    name,
    gradFnName: `${name}Backward0`,
    forward(ctx, x: Tensor, p: EluParams): Tensor {
      ctx.saveForBackward(x);
      ctx.p = p;
      return eluForward(x, p);
    },
    backward(ctx, g) {
      return [eluBackward(g, ctx.savedTensors[0], ctx.p as EluParams, false), null];
    },
  });
  const inplace = defineOp({
    name: `${name.toLowerCase()}_`,
    gradFnName: `${name}Backward1`,
    forward(ctx, x: Tensor, p: EluParams): Tensor {
      ctx.markDirty(x);
      x.copy_(eluForward(x, p));
      ctx.saveForBackward(x); // the result, at its new version
      ctx.p = p;
      return x;
    },
    backward(ctx, g) {
      const p = ctx.p as EluParams;
      if (!(p.alpha >= 0)) {
        throw new RuntimeError(
          "In-place elu backward calculation is triggered with a negative slope which is not supported. " +
            "This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.",
        );
      }
      return [eluBackward(g, ctx.savedTensors[0], p, true), null];
    },
  });
  return { out, inplace };
}

const Elu = eluOps("Elu");
const Celu = eluOps("Celu");

/** elu (selu: PyTorch's constants; celu: `celu: true`, named Celu...) of a floating `x`, in place or not. */
export function eluOp(x: Tensor, p: EluParams, inplace: boolean, celu = false): Tensor {
  if (!x.dtype.isFloatingPoint) throw new RuntimeError(`"elu_cpu" not implemented for '${x.dtype.scalarType}'`);
  const ops = celu ? Celu : Elu;
  return inplace ? ops.inplace.apply(x, p) : ops.out.apply(x, p);
}

/** An op whose gradient is g where `pass(x)`, else 0, and whose in-place node saves a copy of the original input. */
function maskedOps(outName: string, inName: string, py: string, f: (x: Tensor, a: number, b: number) => Tensor, stop: (x: Tensor, a: number, b: number) => Tensor) {
  const backward = (ctx: { savedTensors: Tensor[]; a?: unknown; b?: unknown }, g: Tensor) => [where(stop(ctx.savedTensors[0], ctx.a as number, ctx.b as number), 0, g), null, null];
  const out = defineOp({
    name: py,
    gradFnName: outName,
    forward(ctx, x: Tensor, a: number, b: number): Tensor {
      ctx.saveForBackward(x);
      Object.assign(ctx, { a, b });
      return f(x, a, b);
    },
    backward,
  });
  const inplace = defineOp({
    name: `${py}_`,
    gradFnName: inName,
    forward(ctx, x: Tensor, a: number, b: number): Tensor {
      ctx.markDirty(x);
      // PyTorch keeps the original input for this backward: a copy, only when it will be read
      if (ctx.needsInputGrad[0]) ctx.saveForBackward(x.clone());
      Object.assign(ctx, { a, b });
      x.copy_(f(x, a, b));
      return x;
    },
    backward,
  });
  return { out, inplace };
}

const Hardtanh = maskedOps(
  "HardtanhBackward0", "HardtanhBackward0", "hardtanh",
  (x, lo, hi) => {
    const y = x.clamp(lo, hi);
    return y.dtype === x.dtype ? y : y.to(x.dtype);
  },
  (x, lo, hi) => x.le(lo).logicalOr(x.ge(hi)),
);
const Threshold = maskedOps(
  "ThresholdBackward0", "ThresholdBackward1", "threshold",
  (x, thr, value) => {
    const y = where(x.le(thr), value, x);
    return y.dtype === x.dtype ? y : y.to(x.dtype);
  },
  (x, thr) => x.le(thr),
);

/** clamp(x, minVal, maxVal), in place or not (any numeric dtype, as PyTorch's). */
export function hardtanhOp(x: Tensor, lo: number, hi: number, inplace: boolean): Tensor {
  return inplace ? Hardtanh.inplace.apply(x, lo, hi) : Hardtanh.out.apply(x, lo, hi);
}

/** value where x ≤ threshold, else x; in place or not. */
export function thresholdOp(x: Tensor, thr: number, value: number, inplace: boolean): Tensor {
  return inplace ? Threshold.inplace.apply(x, thr, value) : Threshold.out.apply(x, thr, value);
}
