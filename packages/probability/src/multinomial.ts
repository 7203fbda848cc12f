import { NotImplementedError, type Tensor, fromTypedArray, where } from "@torchts/autograd";
import { Binomial } from "./binomial";
import { Categorical, rowCdfs } from "./categorical";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { type ProbsOrLogits, resolveProbsLogits } from "./probs-logits";
import { floatStorage, generatorOf } from "./sampling";
import { lgamma, lgammaScalar } from "./special";
import { type Param, broadcastAll } from "./params";
import { binomial } from "./variates";

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
  private _binomial?: Binomial;

  constructor(totalCount: number, probsOrSpec: Tensor | ProbsOrLogits, options?: DistributionOptions) {
    super();
    if (!Number.isInteger(totalCount)) throw new NotImplementedError("inhomogeneous total_count is not supported");
    this.totalCount = totalCount;
    const { probs, logits, options: opts } = resolveProbsLogits(probsOrSpec, options);
    // as in PyTorch, the inner Categorical validates with the global default
    this._categorical = new Categorical(probs !== undefined ? { probs } : { logits });
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
   * Counts by sequential conditional binomials: category j receives
   * Binomial(remaining, p_j / (p_j + … + p_{K−1})) of the draws not yet
   * assigned, so a sample costs K − 1 binomial variates however large
   * totalCount is. The suffix sums make the last category with mass take the
   * remainder exactly (zero-probability categories never get counts).
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const g = generatorOf(options);
    const k = this.eventShape[0];
    const probs = this.probs.expand([...this.batchShape, k]);
    rowCdfs("Multinomial.sample", probs, k); // torch.multinomial's checks (inf, nan, negative, zero sum)
    const p = probs.detach().contiguous().toTypedArray();
    const rows = p.length / k;
    // conditional probabilities p_j / Σ_{i ≥ j} p_i, per batch row
    const cond = new Float64Array(p.length);
    for (let r = 0; r < rows; r++) {
      let suffix = 0;
      for (let j = k - 1; j >= 0; j--) {
        const pj = p[r * k + j];
        suffix += pj;
        cond[r * k + j] = suffix > 0 ? Math.min(1, pj / suffix) : 0;
      }
    }
    const dtype = this.probs.dtype;
    const out = floatStorage(dtype, shape.reduce((a, b) => a * b, 1));
    const n = this.totalCount;
    const draws = out.length / k;
    for (let s = 0; s < draws; s++) {
      const base = (s % rows) * k;
      const o = s * k;
      let remaining = n;
      for (let j = 0; j < k - 1 && remaining > 0; j++) {
        const c = binomial(remaining, cond[base + j], g);
        out[o + j] = c;
        remaining -= c;
      }
      out[o + k - 1] += remaining;
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
    this._binomial ??= new Binomial(n, this.probs);
    const catEntropy = this._categorical.entropy();
    const term1 = catEntropy.mul(n).sub(lgammaScalar(n + 1));
    const support = this._binomial.enumerateSupport(false).narrow(0, 1, n);
    const binomialProbs = this._binomial.logProb(support).exp();
    const weights = lgamma(support.add(1));
    return term1.add(binomialProbs.mul(weights).sum([0, -1]));
  }
}
