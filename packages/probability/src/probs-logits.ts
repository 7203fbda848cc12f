/**
 * The `probs` / `logits` parameterisation shared by Bernoulli, Categorical,
 * Binomial and Multinomial: exactly one of the two is given; the other is
 * derived lazily on first use, as PyTorch's lazy_property does.
 */
import { Tensor, ValueError } from "@torchts/autograd";
import type { DistributionOptions } from "./distribution";
import type { Param } from "./utils";

/** `{ probs }` or `{ logits }` (not both), plus the usual options. */
export interface ProbsOrLogits extends DistributionOptions {
  probs?: Param;
  logits?: Param;
}

/** Accept `probs` positionally (`new Bernoulli(0.3)`) or an object `{ probs | logits, validateArgs }`. */
export function resolveProbsLogits(
  arg: Param | ProbsOrLogits | undefined,
  options: DistributionOptions | undefined,
): { probs?: Param; logits?: Param; options: DistributionOptions } {
  const spec: ProbsOrLogits = typeof arg === "number" || arg instanceof Tensor ? { probs: arg } : (arg ?? {});
  const probs = spec.probs ?? undefined;
  const logits = spec.logits ?? undefined;
  if ((probs === undefined) === (logits === undefined)) {
    throw new ValueError("Either `probs` or `logits` must be specified, but not both.");
  }
  const validateArgs = options?.validateArgs ?? spec.validateArgs;
  return { probs, logits, options: { validateArgs } };
}

