/**
 * The `probs` / `logits` parameterisation shared by Bernoulli, Categorical,
 * Binomial and Multinomial: exactly one of the two is given; the other is
 * derived lazily on first use, as PyTorch's lazy_property does. Also the
 * conversions between the two and the log-likelihood terms written on logits
 * (torch/distributions/utils.py and binomial.py).
 */
import { Tensor, ValueError, finfo } from "@torchts/autograd";
import type { DistributionOptions } from "./distribution";
import type { Param } from "./params";
import { OPTION_KEYS, constructorOptions } from "./args";

/** `{ probs }` or `{ logits }` (not both), plus the usual options. */
export interface ProbsOrLogits extends DistributionOptions {
  probs?: Param;
  logits?: Param;
}

/** Accept `probs` positionally (`new Bernoulli(0.3)`) or an object `{ probs | logits, validateArgs }`. */
export function resolveProbsLogits(
  op: string,
  arg: Param | ProbsOrLogits | undefined,
  options: DistributionOptions | undefined,
): { probs?: Param; logits?: Param; options: DistributionOptions } {
  const spec: ProbsOrLogits = typeof arg === "number" || typeof arg === "boolean" || arg instanceof Tensor ? { probs: arg } : (arg ?? {});
  constructorOptions(op, spec, OPTION_KEYS.probsOrLogits);
  constructorOptions(op, options);
  const probs = spec.probs ?? undefined;
  const logits = spec.logits ?? undefined;
  if ((probs === undefined) === (logits === undefined)) {
    throw new ValueError("Either `probs` or `logits` must be specified, but not both.");
  }
  const validateArgs = options?.validateArgs ?? spec.validateArgs;
  return { probs, logits, options: { validateArgs } };
}

/** Clamp probabilities into [eps, 1 − eps] so that their logs stay finite. */
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

/** PyTorch's `_clamp_by_zero`: max(x, 0), written so that its gradient at 0 is ½ (the average of the one-sided slopes). */
export function clampByZero(x: Tensor): Tensor {
  return x.clamp(0).add(x).sub(x.clamp(null, 0)).div(2);
}

/**
 * PyTorch's `binary_cross_entropy_with_logits(logits, target, reduction='none')`,
 * Bernoulli's negative log-likelihood: max(x, 0) − x·t + log1p(exp(−|x|)). With
 * `clampByZero` the gradient at x = 0 is the true ½ − t (|x| contributes 0 there).
 * (nn's loss of that name, with weights and reductions, will belong to nn.)
 */
export function bceWithLogits(logits: Tensor, target: Tensor): Tensor {
  return clampByZero(logits).sub(logits.mul(target)).add(logits.abs().neg().exp().log1p());
}
