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
import { IndexError, Tensor, defineOp, float64, isGradEnabled } from "@torchts/autograd";
import type { Reduction } from "./nll";

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
    const [N, C] = input._shape;
    const logp = input.logSoftmax(1);
    const lp = logp._values();
    const t = target._values();
    const w = weight === null ? null : weight._values();
    const coef = new Float64Array(N);
    const targets = new Int32Array(N);
    const losses = reduction === "none" ? new Float64Array(N) : null;
    let total = 0;
    let sum = 0;
    for (let i = 0; i < N; i++) {
      const ti = t[i] as number;
      if (ti === ignoreIndex) {
        targets[i] = -1;
        continue;
      }
      if (ti < 0 || ti >= C) throw new IndexError(`Target ${ti} is out of bounds.`);
      const wi = w === null ? 1 : (w[ti] as number);
      targets[i] = ti;
      coef[i] = wi;
      total += wi;
      const l = -wi * (lp[i * C + ti] as number);
      if (losses !== null) losses[i] = l;
      sum += l;
    }
    Object.assign(ctx as unknown as CeCtx, { coef, targets, total, reduction });
    ctx.saveForBackward(logp, input);
    const f64 = input.dtype === float64;
    if (losses !== null) return Tensor._fromData(f64 ? losses : Float32Array.from(losses), [N], input.dtype);
    const value = reduction === "sum" ? sum : sum / total;
    return Tensor._fromData(f64 ? Float64Array.of(value) : Float32Array.of(value), [], input.dtype);
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
