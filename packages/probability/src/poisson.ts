import type { Tensor } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { batchValues, generatorOf, sampleElementwise } from "./sampling";
import { lgamma, xlogy } from "./special";
import { type Param, broadcastAll } from "./params";
import { poissonTorch } from "./variates";

/**
 * The Poisson distribution with `rate` λ ≥ 0 (torch.distributions.Poisson):
 * P(k) = λ^k e^(−λ) / k!.
 * @example
 * const p = new Poisson(torch.tensor([0.5, 40]));
 * p.sample([2]);                   // e.g. tensor([[ 0., 37.], [ 1., 44.]])
 * p.logProb(torch.tensor([0, 40])); // tensor([-0.5000, -2.7655])
 */
export class Poisson extends Distribution {
  readonly rate: Tensor;

  constructor(rate: Param, options?: DistributionOptions) {
    super();
    [this.rate] = broadcastAll("Poisson", [rate], ["rate"]);
    this.init(typeof rate === "number" ? [] : [...this.rate.shape], [], options);
  }

  get argConstraints(): Record<string, Constraint> {
    return { rate: constraints.nonnegative };
  }
  get support(): Constraint {
    return constraints.nonnegativeInteger;
  }
  protected explicitParams(): Record<string, Tensor> {
    return { rate: this.rate };
  }

  override get mean(): Tensor {
    return this.rate;
  }
  override get mode(): Tensor {
    return this.rate.floor();
  }
  override get variance(): Tensor {
    return this.rate;
  }

  /** Counts (float dtype) as torch.poisson draws them (poissonTorch): PyTorch's values for the same seed. */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const g = generatorOf(options, this);
    const rate = batchValues(this.rate, this.batchShape);
    return sampleElementwise(shape, this.rate.dtype, [rate], (b) => poissonTorch(rate[b], g));
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.rate.dtype);
    const [rate, k] = broadcastAll("Poisson.logProb", [this.rate, v]);
    return xlogy(k, rate).sub(rate).sub(lgamma(k.add(1)));
  }
}
