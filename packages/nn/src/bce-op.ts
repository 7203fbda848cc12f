/**
 * Binary cross-entropy of probabilities as one node, `BinaryCrossEntropyBackward0`, with
 * PyTorch 1.13's CPU formulas (ATen Loss.cpp), so the edges behave as PyTorch's:
 * forward (y − 1)·max(log1p(−x), −100) − y·max(log x, −100), times the weight, reduced;
 * backward ∂/∂x = g·(x − y) / max((1 − x)·x, 1e−12) (then ·w, then ÷ numel for 'mean'), finite
 * where a probability is exactly 0 or 1 (a saturated float32 sigmoid), where differentiating the
 * clamped logs would give NaN; ∂/∂y = −logit(x)·g (·w, ÷ numel). Tensor ops, so double backward works.
 */
import { Tensor, defineOp } from "@torchts/autograd";
import type { Reduction } from "./nll";

const EPSILON = Math.fround(1e-12); // ATen declares it a float: 9.99999996e-13 in float64 too

interface BceCtx {
  weight: Tensor | null;
  reduction: Reduction;
  numel: number;
}

function reduceLoss(l: Tensor, r: Reduction): Tensor {
  return r === "none" ? l : r === "sum" ? l.sum() : l.mean();
}

const BceOp = defineOp({
  name: "BinaryCrossEntropy",
  gradFnName: "BinaryCrossEntropyBackward0",
  forward(ctx, input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
    Object.assign(ctx as unknown as BceCtx, { weight, reduction, numel: input.numel() });
    ctx.saveForBackward(input, target);
    let l = target.sub(1).mul(input.neg().log1p().clamp({ min: -100 })).sub(target.mul(input.log().clamp({ min: -100 })));
    if (weight !== null) {
      const lw = l.mul(weight); // PyTorch multiplies in place: the loss keeps the input's dtype
      l = lw.dtype === l.dtype ? lw : lw.to(l.dtype);
    }
    return reduceLoss(l, reduction);
  },
  backward(ctx, g) {
    const { weight, reduction, numel } = ctx as unknown as BceCtx;
    const [x, y] = ctx.savedTensors;
    const [needX, needY] = ctx.needsInputGrad;
    const finish = (t: Tensor) => {
      let out = weight === null ? t : t.mul(weight);
      if (reduction === "mean") out = out.div(numel);
      return out.dtype === x.dtype ? out : out.to(x.dtype);
    };
    const gx = needX ? finish(g.mul(x.sub(y)).div(x.neg().add(1).mul(x).clamp({ min: EPSILON }))) : null;
    const gy = needY ? finish(x.div(x.neg().add(1)).log().neg().mul(g)) : null; // −logit(x)·g
    return [gx, gy, null, null];
  },
});

/** The binary cross-entropy of `input` probabilities (checked in [0, 1] by the caller) and `target`, one node. */
export function bceLoss(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  return BceOp.apply(input, target, weight, reduction);
}
