/**
 * Cross-entropy of [N, C] logits and [N] class indices as one node (`NllLossBackward0`, the
 * node PyTorch's cross_entropy ends in): the common case of the notes (3.3, 4.1), fused so a
 * training step pays one log-softmax kernel forward and one exp kernel plus one pass backward.
 *
 * Forward: logp = logSoftmax(x) (the row kernel), loss_i = −w[y_i]·logp[i, y_i], reduced.
 * Backward: ∂/∂x = c_i·(softmax(x)_i − onehot(y_i))·g with c_i = w[y_i] (÷ Σw for 'mean'), the
 * notes' softmax(o) − y. Without createGraph it is computed in place in one loop; with it, in
 * tensor ops of x and g, so second derivatives work.
 */
import { Tensor, defineOp, float64, isGradEnabled } from "@torchts/autograd";
import { type Reduction, gatherNll, reduced } from "./nll";

interface CeCtx {
  coef: Float64Array; // c_i before the 'mean' scaling (0 for ignored rows)
  targets: Int32Array; // −1 for ignored rows
  total: number;
  reduction: Reduction;
}

const CrossEntropyOp = defineOp({
  name: "CrossEntropy",
  gradFnName: "NllLossBackward0",
  forward(ctx, input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
    const logp = input.logSoftmax(1);
    const r = gatherNll(logp, target, weight, ignoreIndex);
    Object.assign(ctx as unknown as CeCtx, { coef: r.coef, targets: r.targets, total: r.total, reduction });
    ctx.saveForBackward(logp, input);
    return reduced(r, reduction, input.dtype);
  },
  backward(ctx, g) {
    const { coef, targets, total, reduction } = ctx as unknown as CeCtx;
    const [logp, input] = ctx.savedTensors;
    const [N, C] = logp._shape;
    const scale = reduction === "mean" ? 1 / total : 1;
    if (!isGradEnabled()) {
      // one pass: grad = c_i·g_i·(exp(logp) − onehot)
      const grad = logp.exp();
      const out = grad._values();
      const gv = g._values();
      for (let i = 0; i < N; i++) {
        const ci = coef[i] * scale * (reduction === "none" ? (gv[i] as number) : (gv[0] as number));
        const row = i * C;
        if (targets[i] < 0) {
          for (let c = 0; c < C; c++) out[row + c] = 0;
          continue;
        }
        for (let c = 0; c < C; c++) out[row + c] = (out[row + c] as number) * ci;
        out[row + targets[i]] = (out[row + targets[i]] as number) - ci;
      }
      return [grad, null, null, null, null];
    }
    // createGraph: the same in tensor ops of x (recorded now) and g
    const dtype = logp.dtype;
    const cv = dtype === float64 ? new Float64Array(N) : new Float32Array(N);
    const mv = dtype === float64 ? new Float64Array(N * C) : new Float32Array(N * C);
    for (let i = 0; i < N; i++) {
      cv[i] = targets[i] >= 0 ? coef[i] * scale : 0; // (all rows ignored: scale is 1/0)
      if (targets[i] >= 0) mv[i * C + targets[i]] = -coef[i] * scale;
    }
    const local = input.softmax(1).mul(Tensor._fromData(cv, [N, 1], dtype)).add(Tensor._fromData(mv, [N, C], dtype));
    return [local.mul(reduction === "none" ? g.unsqueeze(1) : g), null, null, null, null];
  },
});

/** Fused cross-entropy: `input` [N, C] float, `target` [N] int64 (shapes checked by the caller). */
export function crossEntropyRows(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  return CrossEntropyOp.apply(input, target.contiguous(), weight === null ? null : weight.contiguous(), reduction, ignoreIndex);
}
