/**
 * The mean squared error (and smooth_l1 with β = 0, below) as one node, `MseLossBackward0` as PyTorch's (its printed loss shows
 * `grad_fn=<MseLossBackward0>`), for input and target of one shape; loss-functional.ts takes
 * the composite route when they broadcast. ∂/∂x = 2(x − y)·g (÷ numel for 'mean'), ∂/∂y = −∂/∂x.
 */
import { Tensor, defineOp, isGradEnabled } from "@torchts/autograd";
import type { Reduction } from "./nll";

const MseOp = defineOp({
  name: "MseLoss",
  gradFnName: "MseLossBackward0",
  forward(ctx, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
    const d = input.sub(target);
    ctx.reduction = reduction;
    ctx.numel = d.numel();
    ctx.saveForBackward(d, input, target);
    const l = d.square();
    return reduction === "none" ? l : reduction === "sum" ? l.sum() : l.mean();
  },
  backward(ctx, g) {
    const [saved, input, target] = ctx.savedTensors;
    // under createGraph the difference is recomputed, so that it is recorded
    const d = isGradEnabled() ? input.sub(target) : saved;
    const k = ctx.reduction === "mean" ? 2 / (ctx.numel as number) : 2;
    const gx = d.mul(g).mul(k);
    const need = ctx.needsInputGrad;
    return [need[0] ? gx : null, need[1] ? gx.neg() : null, null];
  },
});

/** (x − y)², reduced, as one node; `input` and `target` have the same shape (checked by the caller). */
export function mseSameShape(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  return MseOp.apply(input, target, reduction);
}

/**
 * smooth_l1 with β = 0 (the L1 loss) as one node with PyTorch's kernel's gradient: at a tie
 * x = y both the input's and the target's gradient are −1 (its `x <= −β` branch comes first,
 * and the target's gradient runs the same kernel with the arguments swapped), ±1 elsewhere.
 */
const SmoothL1ZeroBetaOp = defineOp({
  name: "SmoothL1Loss",
  gradFnName: "SmoothL1LossBackward0",
  forward(ctx, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
    const d = input.sub(target);
    ctx.reduction = reduction;
    ctx.numel = d.numel();
    ctx.saveForBackward(input, target);
    const l = d.abs();
    return reduction === "none" ? l : reduction === "sum" ? l.sum() : l.mean();
  },
  backward(ctx, g) {
    const [input, target] = ctx.savedTensors;
    const k = ctx.reduction === "mean" ? 1 / (ctx.numel as number) : 1;
    const side = (t: Tensor) => t.le(0).to(t.dtype).mul(-2).add(1).mul(g).mul(k); // −1 where t <= 0, else 1
    const need = ctx.needsInputGrad;
    return [need[0] ? side(input.sub(target)) : null, need[1] ? side(target.sub(input)) : null, null];
  },
});

/** |x − y| reduced, as PyTorch's smooth_l1_loss with beta 0 (same shapes and dtypes, checked by the caller). */
export function smoothL1ZeroBeta(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  return SmoothL1ZeroBetaOp.apply(input, target, reduction);
}
