/**
 * leaky_relu as one node, named as PyTorch's: out of place `LeakyReluBackward0` (it saves
 * the input), in place `LeakyReluBackward1` (it saves the result, which is the input
 * itself after the write: defineOp's markDirty).
 * forward: x where x > 0, slope·x elsewhere;
 * ∂/∂x = g where x > 0 (or, in place, where the result > 0), slope·g elsewhere. The in-place
 * form's backward can read the result instead of the input only for a slope ≥ 0 (the sign
 * is kept); otherwise it raises PyTorch's error at backward, as PyTorch does.
 * Tensor ops, so double backward works.
 */
import { RuntimeError, type Tensor, defineOp, where } from "@torchts/autograd";

function leaky(x: Tensor, slope: number): Tensor {
  return where(x.gt(0), x, x.mul(slope));
}

function leakyBackward(g: Tensor, saved: Tensor, slope: number): Tensor {
  return where(saved.gt(0), g, g.mul(slope));
}

const LeakyRelu = defineOp({
  name: "LeakyRelu",
  gradFnName: "LeakyReluBackward0",
  forward(ctx, x: Tensor, slope: number): Tensor {
    ctx.saveForBackward(x);
    ctx.slope = slope;
    return leaky(x, slope);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors;
    return [leakyBackward(g, x, ctx.slope as number), null];
  },
});

const LeakyReluInplace = defineOp({
  name: "leaky_relu_",
  gradFnName: "LeakyReluBackward1",
  forward(ctx, x: Tensor, slope: number): Tensor {
    ctx.markDirty(x); // before the write: PyTorch's leaf/view errors leave x untouched
    x.copy_(leaky(x, slope));
    ctx.saveForBackward(x); // the result, at its new version
    ctx.slope = slope;
    return x;
  },
  backward(ctx, g) {
    const slope = ctx.slope as number;
    if (!(slope >= 0)) {
      throw new RuntimeError(
        "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. " +
          "This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. " +
          "File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope",
      );
    }
    const [result] = ctx.savedTensors;
    return [leakyBackward(g, result, slope), null];
  },
});

/** PyTorch's leaky_relu kernel covers floating dtypes only. */
function checkFloating(x: Tensor): void {
  if (!x.dtype.isFloatingPoint) throw new RuntimeError(`"leaky_relu_cpu" not implemented for '${x.dtype.scalarType}'`);
}

/** leaky_relu of `x` (checked by the caller): a new tensor, `LeakyReluBackward0`. */
export function leakyReluOp(x: Tensor, slope: number): Tensor {
  checkFloating(x);
  return LeakyRelu.apply(x, slope);
}

/** leaky_relu written into `x`, which is returned: `LeakyReluBackward1`. */
export function leakyReluInplaceOp(x: Tensor, slope: number): Tensor {
  checkFloating(x);
  return LeakyReluInplace.apply(x, slope);
}
