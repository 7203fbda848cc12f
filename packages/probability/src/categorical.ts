import * as torch from "@torchts/autograd";
import { Tensor, ValueError, arange, broadcastShapes, finfo, full, int64 } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { type ProbsOrLogits, logitsToProbs, probsToLogits, resolveProbsLogits } from "./probs-logits";
import { checkExpand } from "./args";
import { generatorOf } from "./sampling";
import { type Param, broadcastAll, sampleShapeOf } from "./params";

/**
 * A categorical distribution over {0, …, K−1} (torch.distributions.Categorical).
 * `probs` (non-negative, finite, non-zero sum) are normalised along the last
 * dim; `logits` are normalised by logsumexp. Leading dims are batch dims.
 * @example
 * const die = new Categorical(torch.ones([6]));
 * die.sample([4]);                 // e.g. tensor([3, 0, 5, 5])
 * die.logProb(torch.tensor(2));    // tensor(-1.7918)
 */
export class Categorical extends Distribution {
  private _probs?: Tensor;
  private _logits?: Tensor;
  /** The normalised parameter given at construction (probs or logits), shape [...batchShape, K]. */
  readonly param: Tensor;
  /** K, the number of categories. */
  readonly numEvents: number;

  constructor(probsOrSpec: Tensor | ProbsOrLogits, options?: DistributionOptions) {
    super();
    const { probs, logits, options: opts } = resolveProbsLogits("Categorical", probsOrSpec, options);
    if (probs !== undefined) {
      const [p] = broadcastAll("Categorical", [probs], ["probs"]);
      if (p.ndim < 1) throw new ValueError("`probs` parameter must be at least one-dimensional.");
      this._probs = p.div(p.sum({ dim: -1, keepdim: true }));
      this.param = this._probs;
    } else {
      const [l] = broadcastAll("Categorical", [logits as Param], ["logits"]);
      if (l.ndim < 1) throw new ValueError("`logits` parameter must be at least one-dimensional.");
      this._logits = l.sub(l.logsumexp({ dim: -1, keepdim: true }));
      this.param = this._logits;
    }
    const shape = [...this.param.shape];
    this.numEvents = shape[shape.length - 1];
    this.init(shape.slice(0, -1), [], opts);
  }

  /** Normalised probabilities (softmax of logits when logits were given). */
  get probs(): Tensor {
    return (this._probs ??= logitsToProbs(this._logits as Tensor));
  }
  /** Normalised log-probabilities (log of probs clamped to [eps, 1 − eps] when probs were given). */
  get logits(): Tensor {
    return (this._logits ??= probsToLogits(this._probs as Tensor));
  }
  get paramShape(): number[] {
    return [...this.param.shape];
  }

  get argConstraints(): Record<string, Constraint> {
    return { probs: constraints.simplex, logits: constraints.realVector };
  }
  get support(): Constraint {
    return constraints.integerInterval(0, this.numEvents - 1);
  }
  override get hasEnumerateSupport(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return this._probs === this.param ? { probs: this.param } : { logits: this.param };
  }

  /** Undefined for categories: NaN, as in PyTorch. */
  override get mean(): Tensor {
    return full(this.extendedShape(), NaN, { dtype: this.param.dtype });
  }
  override get variance(): Tensor {
    return full(this.extendedShape(), NaN, { dtype: this.param.dtype });
  }
  override get mode(): Tensor {
    return this.probs.argmax(-1);
  }

  /**
   * Category indices (int64) of shape [...sampleShape, ...batchShape], drawn as
   * PyTorch draws them: `multinomial(probs.reshape(-1, K), n, true).T` (so the same
   * seed gives PyTorch's samples; one sample per row takes multinomial's exponential race).
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    return this.sampleRows(sampleShape, options).t().reshape(this.extendedShape(sampleShape));
  }

  /** @internal `multinomial(probs_2d, prod(sampleShape), true)`: shape [batch numel, sample numel]. */
  sampleRows(sampleShape: SampleShape, options?: SampleOptions): Tensor {
    const n = sampleShapeOf("Categorical.sample", sampleShape).reduce((a, b) => a * b, 1);
    const probs2d = this.probs.detach().reshape(-1, this.numEvents);
    if (n === 0 || probs2d.shape[0] === 0) return torch.zeros([probs2d.shape[0], n], { dtype: int64 });
    return torch.multinomial(probs2d, n, true, { generator: generatorOf(options, this) });
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, int64).long().unsqueeze(-1);
    const logits = this.logits;
    const shape = broadcastShapes("Categorical.logProb", [...v.shape], [...logits.shape]);
    const index = v.expand([...shape.slice(0, -1), 1]);
    return logits.expand(shape).gather(-1, index).squeeze(-1);
  }

  override entropy(): Tensor {
    const logits = this.logits.clamp(finfo(this.logits.dtype).min);
    return logits.mul(this.probs).sum(-1).neg();
  }

  /** 0 … K−1 along dim 0: shape [K, ...batchShape] (or [K, 1, ...] with expand = false). */
  override enumerateSupport(expand = true): Tensor {
    checkExpand("Categorical.enumerateSupport", expand);
    const values = arange(this.numEvents, { dtype: int64 }).reshape([-1, ...this.batchShape.map(() => 1)]);
    return expand ? values.expand([this.numEvents, ...this.batchShape]) : values;
  }
}
