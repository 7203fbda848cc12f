/**
 * @torchts/probability — torch.distributions in TypeScript, plus the
 * probability rules of d2l section 1.6 as functions over probability tables.
 *
 * @example
 * import * as torch from "@torchts/autograd";
 * import { Multinomial } from "@torchts/probability";
 * const fairProbs = torch.ones([6]).div(6);
 * const counts = new Multinomial(10, fairProbs).sample([500]);  // [500, 6]
 * const cumCounts = counts.cumsum(0);
 * const estimates = cumCounts.div(cumCounts.sum({ dim: 1, keepdim: true })); // → 1/6
 */
import { Bernoulli } from "./bernoulli";
import { Beta } from "./beta";
import { Binomial } from "./binomial";
import { Categorical } from "./categorical";
import { Exponential } from "./exponential";
import { Gamma } from "./gamma";
import { registerSameFamily } from "./kl";
import { registerCrossFamily } from "./kl-cross";
import { Normal } from "./normal";
import { Poisson } from "./poisson";
import { Uniform } from "./uniform";
import { Distribution } from "./distribution";
import { Multinomial } from "./multinomial";
import { guardArity } from "@torchts/tensor/errors";

registerSameFamily({ Bernoulli, Beta, Binomial, Categorical, Exponential, Gamma, Normal, Poisson, Uniform });
registerCrossFamily({ Bernoulli, Beta, Binomial, Exponential, Gamma, Normal, Poisson, Uniform });

// Python raises on extra positional arguments; JavaScript would drop them (`d.logProb(x, {})`).
// Each method's declared count, on every class that defines (or overrides) it.
const ARITY: Record<string, number> = { sample: 2, rsample: 2, sampleRows: 2, entropy: 0, perplexity: 0, enumerateSupport: 1, extendedShape: 1, toString: 0, logProb: 1, cdf: 1, icdf: 1 };
for (const C of [Distribution, Bernoulli, Beta, Binomial, Categorical, Exponential, Gamma, Normal, Poisson, Uniform, Multinomial]) {
  guardArity(C, Object.fromEntries(Object.entries(ARITY).filter(([m]) => Object.hasOwn(C.prototype, m))));
}

export { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
export { Constraint, constraints } from "./constraints";
export { Bernoulli, Beta, Binomial, Categorical, Exponential, Gamma, Normal, Poisson, Uniform };
export { Multinomial };
export type { ProbsOrLogits } from "./probs-logits";
export { klDivergence, registerKL } from "./kl";
export { lgamma, digamma, xlogy } from "./special";
export { NotImplementedError } from "@torchts/autograd";
export type { Param } from "./params";
export {
  marginalize,
  condition,
  conditional,
  bayes,
  independenceGap,
  isIndependent,
  expectation,
  variance,
  standardDeviation,
  empiricalMean,
  empiricalVariance,
  type TableOptions,
} from "./concepts";
