/**
 * The negative log-likelihood over class indices, as one op (`NllLossBackward0`, as PyTorch's):
 * cross-entropy is `nll(logSoftmax(x))`, whose gradient is `softmax(x) − onehot(y)` scaled
 * by the weights and the reduction (the notes' 3.3).
 *
 * Forward reads the [N, C] log-probabilities once per row (the target's entry only) and checks
 * every target (`Target 10 is out of bounds.`). Backward builds the sparse coefficient matrix
 * M (M[i, y_i] = −w[y_i], divided by Σw for 'mean') and returns `M · g`: a tensor op in g, so
 * double backward through cross-entropy works.
 */
import { IndexError, RuntimeError, Tensor, defineOp, float64 } from "@torchts/autograd";

export type Reduction = "none" | "mean" | "sum";

interface NllCtx {
  N: number;
  C: number;
  coef: Float64Array;
  targets: Int32Array;
  total: number;
  reduction: Reduction;
  dtype: Tensor["dtype"];
}

/** Per row of [N, C] log-probabilities: the target (−1 when ignored), its weight and −w·logp[i, y_i]; checks each target. */
export interface NllRows {
  coef: Float64Array;
  targets: Int32Array;
  losses: Float64Array;
  total: number;
  sum: number;
}

/** The weighted NLL terms of `logp` [N, C] (contiguous) at `target` [N]: shared by nll and the fused cross-entropy. */
export function gatherNll(logp: Tensor, target: Tensor, weight: Tensor | null, ignoreIndex: number): NllRows {
  const [N, C] = logp._shape;
  // float16/bfloat16 storage holds 16-bit words, not numbers
  if (logp.dtype.itemsize === 2 && logp.dtype.isFloatingPoint) throw new RuntimeError(`"nll_loss" not implemented for '${logp.dtype.scalarType}' in torchts (use input.float())`);
  const x = logp._values();
  const t = target._values();
  const w = weight === null ? null : weight._values();
  const coef = new Float64Array(N);
  const targets = new Int32Array(N);
  const losses = new Float64Array(N);
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
    const l = -wi * (x[i * C + ti] as number);
    losses[i] = l;
    sum += l;
  }
  return { coef, targets, losses, total, sum };
}

/** The loss tensor of `reduction` over the rows' terms, in `dtype`. */
export function reduced(r: NllRows, reduction: Reduction, dtype: Tensor["dtype"]): Tensor {
  if (reduction === "none") return Tensor._fromData(dtype === float64 ? r.losses : Float32Array.from(r.losses), [r.losses.length], dtype);
  const value = reduction === "sum" ? r.sum : r.sum / r.total;
  return Tensor._fromData(dtype === float64 ? Float64Array.of(value) : Float32Array.of(value), [], dtype);
}

const NllOp = defineOp({
  name: "NllLoss",
  gradFnName: "NllLossBackward0",
  forward(ctx, input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
    const [N, C] = input._shape;
    const r = gatherNll(input, target, weight, ignoreIndex);
    const c = ctx as unknown as NllCtx;
    Object.assign(c, { N, C, coef: r.coef, targets: r.targets, total: r.total, reduction, dtype: input.dtype });
    return reduced(r, reduction, input.dtype);
  },
  backward(ctx, g) {
    const { N, C, coef, targets, total, reduction, dtype } = ctx as unknown as NllCtx;
    const m = dtype === float64 ? new Float64Array(N * C) : new Float32Array(N * C);
    const scale = reduction === "mean" ? 1 / total : 1;
    for (let i = 0; i < N; i++) if (targets[i] >= 0) m[i * C + targets[i]] = -coef[i] * scale;
    const M = Tensor._fromData(m, [N, C], dtype);
    return [reduction === "none" ? M.mul(g.unsqueeze(1)) : M.mul(g), null, null, null, null];
  },
});

/**
 * NLL over rows: `input` [N, C] log-probabilities (contiguous, float), `target` [N] int64.
 * Shapes, dtypes and the reduction are checked by the caller (loss-functional.ts).
 */
export function nllRows(input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  const w = weight === null ? null : weight.contiguous();
  return NllOp.apply(input.contiguous(), target.contiguous(), w, reduction, ignoreIndex);
}
