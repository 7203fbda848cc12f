/**
 * The mean squared error as one node, `MseLossBackward0` as PyTorch's (its printed loss shows
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
