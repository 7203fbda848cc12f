/**
 * PReLU as one node, `PreluBackward0` as PyTorch's (a PReLU output prints
 * `grad_fn=<PreluBackward0>`). `w` is the weight already shaped to broadcast
 * against the input (0-d for one slope, [C, 1, …] per channel of dim 1).
 * forward: x where x > 0, w·x elsewhere;
 * ∂/∂x = g where x > 0, w·g elsewhere; ∂/∂w = Σ x·g over x ≤ 0, summed over every dim but the channel's.
 * Tensor ops, so double backward works.
 */
import { Tensor, defineOp, where } from "@torchts/autograd";

const PreluOp = defineOp({
  name: "Prelu",
  gradFnName: "PreluBackward0",
  forward(ctx, input: Tensor, w: Tensor): Tensor {
    ctx.saveForBackward(input, w);
    return where(input.gt(0), input, input.mul(w));
  },
  backward(ctx, g) {
    const [x, w] = ctx.savedTensors;
    const [needX, needW] = ctx.needsInputGrad;
    const pos = x.gt(0);
    const gx = needX ? where(pos, g, g.mul(w)) : null;
    let gw: Tensor | null = null;
    if (needW) {
      const full = g.mul(x).maskedFill(pos, 0);
      // the weight broadcast along every dim but 1 (or along all of them when 0-d)
      const dims = w.ndim === 0 ? [] : [...Array(full.ndim).keys()].filter((d) => d !== 1);
      gw = (w.ndim === 0 ? full.sum() : full.sum(dims)).reshape([...w.shape]);
    }
    return [gx, gw];
  },
});

/** PReLU of `input` with `w` shaped to broadcast against it (checked by the caller). */
export function preluOp(input: Tensor, w: Tensor): Tensor {
  return PreluOp.apply(input, w);
}
