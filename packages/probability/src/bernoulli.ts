import { type Tensor, arange, bernoulli, where } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { type ProbsOrLogits, bceWithLogits, logitsToProbs, probsToLogits, resolveProbsLogits } from "./probs-logits";
import { checkExpand } from "./args";
import { generatorOf } from "./sampling";
import { type Param, broadcastAll } from "./params";

/**
 * The Bernoulli distribution: 1 with probability `probs`, else 0
 * (torch.distributions.Bernoulli). Give `probs` or `logits` (log-odds), not both.
 * @example
 * const coin = new Bernoulli(0.3);
 * coin.sample([5]);                       // e.g. tensor([0., 1., 0., 0., 0.])
 * new Bernoulli({ logits: torch.tensor([0.0]) }).probs; // tensor([0.5000])
 */
export class Bernoulli extends Distribution {
  private _probs?: Tensor;
  private _logits?: Tensor;
  /** The parameter given at construction (probs or logits). */
  readonly param: Tensor;

  constructor(probsOrSpec: Param | ProbsOrLogits, options?: DistributionOptions) {
    super();
    const { probs, logits, options: opts } = resolveProbsLogits("Bernoulli", probsOrSpec, options);
    const given = (probs ?? logits) as Param;
    [this.param] = broadcastAll("Bernoulli", [given], [probs !== undefined ? "probs" : "logits"]);
    if (probs !== undefined) this._probs = this.param;
    else this._logits = this.param;
    this.init(typeof given === "number" ? [] : [...this.param.shape], [], opts);
  }

  /** The probability of 1 (derived from logits by sigmoid when logits were given). */
  get probs(): Tensor {
    return (this._probs ??= logitsToProbs(this._logits as Tensor, true));
  }
  /** The log-odds (derived from probs, clamped to [eps, 1 − eps], when probs were given). */
  get logits(): Tensor {
    return (this._logits ??= probsToLogits(this._probs as Tensor, true));
  }
  get paramShape(): number[] {
    return [...this.param.shape];
  }

  get argConstraints(): Record<string, Constraint> {
    return { probs: constraints.unitInterval, logits: constraints.real };
  }
  get support(): Constraint {
    return constraints.boolean;
  }
  override get hasEnumerateSupport(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return this._probs === this.param ? { probs: this.param } : { logits: this.param };
  }

  override get mean(): Tensor {
    return this.probs;
  }
  /** 1 where probs > ½, 0 where below, NaN at exactly ½. */
  override get mode(): Tensor {
    const p = this.probs;
    return where(p.eq(0.5), NaN, p.ge(0.5).to(p.dtype));
  }
  override get variance(): Tensor {
    return this.probs.mul(this.probs.neg().add(1));
  }

  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    // torch.bernoulli(probs.expand(shape)): a float draw per element for float32 probs, a double one for float64
    const shape = this.extendedShape(sampleShape);
    return bernoulli(this.probs.detach().expand(shape), { generator: generatorOf(options, this) });
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.param.dtype);
    const [logits, target] = broadcastAll("Bernoulli.logProb", [this.logits, v]);
    return bceWithLogits(logits, target).neg();
  }

  override entropy(): Tensor {
    return bceWithLogits(this.logits, this.probs);
  }

  /** [0, 1] along dim 0: shape [2, ...batchShape] (or [2, 1, ...] with expand = false). */
  override enumerateSupport(expand = true): Tensor {
    checkExpand("Bernoulli.enumerateSupport", expand);
    const values = arange(2, { dtype: this.param.dtype }).reshape([-1, ...this.batchShape.map(() => 1)]);
    return expand ? values.expand([2, ...this.batchShape]) : values;
  }
}
