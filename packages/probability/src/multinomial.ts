import { NotImplementedError, RuntimeError, type Tensor, fromTypedArray, where } from "@torchts/autograd";
import { Binomial } from "./binomial";
import { Categorical } from "./categorical";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { type ProbsOrLogits, resolveProbsLogits } from "./probs-logits";
import { floatStorage } from "./sampling";
import { lgamma, lgammaScalar } from "./special";
import { type Param, broadcastAll, sampleShapeOf } from "./params";

/**
 * The multinomial distribution: counts of `totalCount` draws over K
 * categories (torch.distributions.Multinomial). `sample` returns **counts**,
 * shape [...sampleShape, ...batchShape, K], summing to totalCount.
 * @example
 * const fairProbs = torch.ones([6]).div(6);
 * new Multinomial(1, fairProbs).sample();        // e.g. tensor([0., 0., 1., 0., 0., 0.])
 * new Multinomial(10, fairProbs).sample([500]);  // shape [500, 6], rows sum to 10
 */
export class Multinomial extends Distribution {
  /** Draws per sample (one shared integer, as PyTorch requires for sampling). */
  readonly totalCount: number;
  /** @internal */ readonly _categorical: Categorical;
  private readonly _binomial: Binomial;

  constructor(totalCount: number, probsOrSpec: Tensor | ProbsOrLogits, options?: DistributionOptions) {
    super();
    // PyTorch's exact message (validation.test.ts compares it with gen_dists.py's)
    if (!Number.isInteger(totalCount)) throw new NotImplementedError("inhomogeneous total_count is not supported");
    this.totalCount = totalCount;
    const { probs, logits, options: opts } = resolveProbsLogits("Multinomial", probsOrSpec, options);
    // as in PyTorch, the inner Categorical validates with the global default
    this._categorical = new Categorical(probs !== undefined ? { probs } : { logits });
    // PyTorch 1.13 builds Binomial(total_count, probs) here, with the global validation default:
    // that is what rejects a negative total_count ("Expected parameter total_count ... IntegerGreaterThan").
    this._binomial = new Binomial(totalCount, this.probs);
    const param = this._categorical.paramShape;
    this.init([...this._categorical.batchShape], param.slice(-1), opts);
  }

  get probs(): Tensor {
    return this._categorical.probs;
  }
  get logits(): Tensor {
    return this._categorical.logits;
  }
  get paramShape(): number[] {
    return this._categorical.paramShape;
  }

  get argConstraints(): Record<string, Constraint> {
    return { probs: constraints.simplex, logits: constraints.realVector };
  }
  get support(): Constraint {
    return constraints.multinomial(this.totalCount);
  }
  /** PyTorch keeps probs/logits on the inner Categorical, so they are neither validated here nor shown: `Multinomial()`. */
  protected explicitParams(): Record<string, Tensor> {
    return {};
  }
  /** PyTorch still validates them: they are plain properties, not lazily derived ones. */
  protected override validatedParams(): Record<string, Tensor> {
    return { probs: this.probs, logits: this.logits };
  }

  override get mean(): Tensor {
    return this.probs.mul(this.totalCount);
  }
  override get variance(): Tensor {
    return this.probs.mul(this.probs.neg().add(1)).mul(this.totalCount);
  }

  /**
   * Counts as PyTorch draws them: totalCount·prod(sampleShape) categorical draws per
   * batch row (`multinomial(probs, n, true)`, draw t·S + s belonging to sample s),
   * counted per category — so the same seed gives PyTorch's counts. The cost grows
   * with totalCount, as in PyTorch.
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    // torch.multinomial(probs, total_count)'s own check, made whatever validate_args says
    if (this.totalCount <= 0) throw new RuntimeError(`Multinomial.sample(): cannot sample n_sample <= 0 samples (totalCount is ${this.totalCount})`);
    const shape = this.extendedShape(sampleShape);
    const k = this.eventShape[0];
    const S = sampleShapeOf("Multinomial.sample", sampleShape).reduce((a, b) => a * b, 1);
    const draws = this._categorical.sampleRows([this.totalCount * S], options).toTypedArray();
    const rows = this.batchShape.reduce((a, b) => a * b, 1);
    const perRow = this.totalCount * S;
    const out = floatStorage(this.probs.dtype, shape.reduce((a, b) => a * b, 1));
    // out is [...sampleShape, ...batchShape, K]: sample s, row r at (s·rows + r)·K
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < perRow; j++) {
        const s = j % S;
        out[(s * rows + r) * k + draws[r * perRow + j]] += 1;
      }
    }
    return fromTypedArray(out, shape);
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.probs.dtype);
    const [logits, counts] = broadcastAll("Multinomial.logProb", [this.logits, v]);
    const logFactorialN = lgamma(counts.sum(-1).add(1));
    const logFactorialXs = lgamma(counts.add(1)).sum(-1);
    // 0·(−∞) is 0 here: a category with no mass contributes nothing when its count is 0
    const safeLogits = where(counts.eq(0).logicalAnd(logits.eq(-Infinity)), 0, logits);
    return logFactorialN.sub(logFactorialXs).add(safeLogits.mul(counts).sum(-1));
  }

  /** n·H(categorical) − ln n! + Σ_j Σ_{x=1..n} Binomial(n, p_j)(x)·ln x!. */
  override entropy(): Tensor {
    const n = this.totalCount;
    const catEntropy = this._categorical.entropy();
    const term1 = catEntropy.mul(n).sub(lgammaScalar(n + 1));
    const support = this._binomial.enumerateSupport(false).narrow(0, 1, n);
    const binomialProbs = this._binomial.logProb(support).exp();
    const weights = lgamma(support.add(1));
    return term1.add(binomialProbs.mul(weights).sum([0, -1]));
  }
}
