/**
 * y = x·Wᵀ + b for a 2-D input as one node, named as PyTorch's (`AddmmBackward0`, or
 * `MmBackward0` without bias), so a layer's output prints `grad_fn=<AddmmBackward0>` as in
 * the notes. Backward: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g, each only when needed; tensor ops,
 * so second derivatives work. Other ranks take functional.ts's composite route.
 */
import { Tensor, defineOp } from "@torchts/autograd";

const LinearOp = defineOp({
  name: "Linear",
  gradFnName: "AddmmBackward0",
  freshGrads: true, // two products and a sum: new tensors, so a weight's first .grad is not copied
  forward(ctx, input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
    ctx.saveForBackward(input, weight);
    const out = input.matmul(weight.t());
    return bias === null ? out : out.add_(bias);
  },
  backward(ctx, g) {
    const [input, weight] = ctx.savedTensors;
    const [nx, nw, nb] = ctx.needsInputGrad;
    return [nx ? g.matmul(weight) : null, nw ? g.t().matmul(input) : null, nb ? g.sum(0) : null];
  },
});

const MmOp = defineOp({
  name: "Mm",
  gradFnName: "MmBackward0",
  freshGrads: true,
  forward(ctx, input: Tensor, weight: Tensor): Tensor {
    ctx.saveForBackward(input, weight);
    return input.matmul(weight.t());
  },
  backward(ctx, g) {
    const [input, weight] = ctx.savedTensors;
    const [nx, nw] = ctx.needsInputGrad;
    return [nx ? g.matmul(weight) : null, nw ? g.t().matmul(input) : null];
  },
});

/** x [N, in], W [out, in], b [out] or null: shapes and dtypes checked by the caller. */
export function linear2d(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  return bias === null ? MmOp.apply(input, weight) : LinearOp.apply(input, weight, bias);
}
