import { NotImplementedError, type Tensor, arange } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { type ProbsOrLogits, clampByZero, logitsToProbs, probsToLogits, resolveProbsLogits } from "./probs-logits";
import { checkExpand } from "./args";
import { batchValues, generatorOf, sampleElementwise } from "./sampling";
import { lgamma } from "./special";
import { type Param, broadcastAll } from "./params";
import { binomialTorch } from "./variates";

/**
 * The binomial distribution: successes in `totalCount` independent trials
 * with success probability `probs` (torch.distributions.Binomial). totalCount
 * broadcasts with probs / logits and may differ per batch element.
 * @example
 * const b = new Binomial(10, torch.tensor([0.2, 0.7]));
 * b.sample([3]).shape;             // [3, 2]
 * b.mean;                          // tensor([2., 7.])
 */
export class Binomial extends Distribution {
  private _probs?: Tensor;
  private _logits?: Tensor;
  /** Trials per batch element, as a float tensor of the parameter's dtype. */
  readonly totalCount: Tensor;
  /** The parameter given at construction (probs or logits). */
  readonly param: Tensor;

  constructor(totalCount: Param, probsOrSpec: Param | ProbsOrLogits, options?: DistributionOptions) {
    super();
    const { probs, logits, options: opts } = resolveProbsLogits("Binomial", probsOrSpec, options);
    const [n, p] = broadcastAll("Binomial", [totalCount, (probs ?? logits) as Param], ["totalCount", probs !== undefined ? "probs" : "logits"]);
    this.totalCount = n.to(p.dtype);
    this.param = p;
    if (probs !== undefined) this._probs = p;
    else this._logits = p;
    this.init([...p.shape], [], opts);
  }

  get probs(): Tensor {
    return (this._probs ??= logitsToProbs(this._logits as Tensor, true));
  }
  get logits(): Tensor {
    return (this._logits ??= probsToLogits(this._probs as Tensor, true));
  }
  get paramShape(): number[] {
    return [...this.param.shape];
  }

  get argConstraints(): Record<string, Constraint> {
    return { totalCount: constraints.nonnegativeInteger, probs: constraints.unitInterval, logits: constraints.real };
  }
  get support(): Constraint {
    return constraints.integerInterval(0, this.totalCount);
  }
  override get hasEnumerateSupport(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return this._probs === this.param ? { totalCount: this.totalCount, probs: this.param } : { totalCount: this.totalCount, logits: this.param };
  }

  override get mean(): Tensor {
    return this.totalCount.mul(this.probs);
  }
  override get mode(): Tensor {
    const n = this.totalCount;
    return n.add(1).mul(this.probs).floor().minimum(n);
  }
  override get variance(): Tensor {
    return this.totalCount.mul(this.probs).mul(this.probs.neg().add(1));
  }

  /** Counts (in the parameter's float dtype) as torch.binomial draws them (binomialTorch): PyTorch's values for the same seed. */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const g = generatorOf(options, this);
    const n = batchValues(this.totalCount, this.batchShape);
    const p = batchValues(this.probs, this.batchShape);
    const f32 = this.param.dtype.name === "float32";
    return sampleElementwise(shape, this.param.dtype, [n, p], (b) => binomialTorch(n[b], p[b], g, f32));
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.param.dtype);
    const n = this.totalCount;
    const logits = this.logits;
    const logFactorialN = lgamma(n.add(1));
    const logFactorialK = lgamma(v.add(1));
    const logFactorialNmK = lgamma(n.sub(v).add(1));
    // n·log(1 + e^logits), computed stably as n·max(logits, 0) + n·log1p(e^−|logits|)
    const normalize = n.mul(clampByZero(logits)).add(n.mul(logits.abs().neg().exp().log1p())).sub(logFactorialN);
    return v.mul(logits).sub(logFactorialK).sub(logFactorialNmK).sub(normalize);
  }

  /** Exact entropy by summing over the support; needs one totalCount shared by the batch. */
  override entropy(): Tensor {
    const values = this.enumerateSupport(false);
    const lp = this.logProb(values);
    return lp.exp().mul(lp).sum(0).neg();
  }

  /** 0 … n along dim 0 (n shared by the whole batch). */
  override enumerateSupport(expand = true): Tensor {
    checkExpand("Binomial.enumerateSupport", expand);
    const n = this.sharedTotalCount("enumerateSupport");
    const values = arange(n + 1, { dtype: this.param.dtype }).reshape([-1, ...this.batchShape.map(() => 1)]);
    return expand ? values.expand([n + 1, ...this.batchShape]) : values;
  }

  private sharedTotalCount(op: string): number {
    const max = this.totalCount.max().item() as number;
    const min = this.totalCount.min().item() as number;
    if (min !== max) throw new NotImplementedError(`Inhomogeneous total count not supported by \`${op}\`.`);
    return max;
  }
}
