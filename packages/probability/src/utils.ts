/**
 * Shared plumbing for the distributions: parameter broadcasting (PyTorch's
 * `broadcast_all`), probs/logits conversions, dtype limits (`torch.finfo`),
 * and the NotImplementedError PyTorch raises for unsupported cases.
 */
import {
  type DType,
  Tensor,
  TorchError,
  ValueError,
  broadcastShapes,
  float32,
  float64,
  tensor,
  where,
} from "@torchts/autograd";

/** A distribution parameter: a number or a tensor (broadcast against the others). */
export type Param = number | Tensor;

/** PyTorch's NotImplementedError (e.g. `kl_divergence` for an unregistered pair). */
export class NotImplementedError extends TorchError {
  override name = "NotImplementedError";
}

/** `torch.finfo(dtype)`: eps, tiny (smallest normal) and the most negative finite value. */
export function finfo(dtype: DType): { eps: number; tiny: number; min: number; max: number } {
  if (dtype === float64) return { eps: 2.220446049250313e-16, tiny: 2.2250738585072014e-308, min: -Number.MAX_VALUE, max: Number.MAX_VALUE };
  return { eps: 1.1920928955078125e-7, tiny: 1.1754943508222875e-38, min: -3.4028234663852886e38, max: 3.4028234663852886e38 };
}

/** The floating dtype for a distribution: the first floating tensor's, else the default (float32). */
export function paramDType(values: readonly unknown[]): DType {
  for (const v of values) if (v instanceof Tensor && v.dtype.isFloatingPoint) return v.dtype;
  return float32;
}

/**
 * PyTorch's `broadcast_all`: numbers become tensors (of the first floating
 * tensor's dtype, else float32) and everything is expanded to one shape.
 * Unlike PyTorch, integer and bool tensors are cast to that float dtype rather
 * than numbers being cast to the integer dtype (which truncates 0.5 to 0).
 * @example broadcastAll("Normal", [0, tensor([1, 2.5])]) // two tensors of shape [2]
 */
export function broadcastAll(op: string, values: readonly unknown[]): Tensor[] {
  for (const [i, v] of values.entries()) {
    if (!(v instanceof Tensor) && typeof v !== "number") {
      throw new ValueError(`${op}: argument ${i} must be a number or a Tensor (got ${v === null ? "null" : typeof v})`);
    }
  }
  const dtype = paramDType(values);
  const tensors = (values as Param[]).map((v) => (v instanceof Tensor ? (v.dtype.isFloatingPoint ? v : v.to(dtype)) : tensor(v, { dtype })));
  let shape: number[] = [];
  for (const t of tensors) shape = broadcastShapes(op, shape, [...t.shape]);
  return tensors.map((t) => (sameShape(t.shape, shape) ? t : t.expand(shape)));
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Clamp probabilities into [eps, 1 - eps] so that their logs stay finite. */
export function clampProbs(probs: Tensor): Tensor {
  const eps = finfo(probs.dtype).eps;
  return probs.clamp(eps, 1 - eps);
}

/** Log-odds (binary) or log-probabilities (categorical) from probabilities. */
export function probsToLogits(probs: Tensor, isBinary = false): Tensor {
  const p = clampProbs(probs);
  return isBinary ? p.log().sub(p.neg().log1p()) : p.log();
}

/** sigmoid (binary) or softmax over the last dim (categorical). */
export function logitsToProbs(logits: Tensor, isBinary = false): Tensor {
  return isBinary ? logits.sigmoid() : logits.softmax(-1);
}

/** PyTorch's `softplus` (beta 1, threshold 20): log(1 + eˣ), and x itself above 20. */
export function softplus(x: Tensor): Tensor {
  // the clamp keeps exp finite in the unused branch, so no inf·0 reaches the gradient
  return where(x.gt(20), x, x.clamp(null, 20).exp().log1p());
}

/** PyTorch's `_clamp_by_zero`: max(x, 0), written so that its gradient at 0 is ½ (the average of the one-sided slopes). */
export function clampByZero(x: Tensor): Tensor {
  return x.clamp(0).add(x).sub(x.clamp(null, 0)).div(2);
}

/**
 * PyTorch's `binary_cross_entropy_with_logits(logits, target, reduction='none')`:
 * max(x, 0) − x·t + log1p(exp(−|x|)). With `clampByZero` the gradient at x = 0
 * is the true ½ − t (|x| contributes 0 there).
 */
export function bceWithLogits(logits: Tensor, target: Tensor): Tensor {
  return clampByZero(logits).sub(logits.mul(target)).add(logits.abs().neg().exp().log1p());
}

/** A number or tensor as a tensor of `dtype` (PyTorch's `torch.as_tensor`). */
export function asTensor(value: Param, dtype: DType): Tensor {
  return value instanceof Tensor ? value : tensor(value, { dtype });
}

/** Validate and normalise a sample shape: `[]`, `[1000]`, or a bare count. */
export function sampleShapeOf(op: string, sampleShape: number | readonly number[] | undefined): number[] {
  const shape = sampleShape === undefined ? [] : typeof sampleShape === "number" ? [sampleShape] : [...sampleShape];
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ValueError(`${op}: sample shape must hold non-negative integers, got [${shape.join(", ")}]`);
  }
  return shape;
}
