import type { Tensor } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { checkValueArg } from "./args";
import { batchValues, generatorOf, standardExponential } from "./sampling";
import { type Param, broadcastAll, valueTensor } from "./params";

/**
 * The exponential distribution with `rate` λ = 1 / scale
 * (torch.distributions.Exponential): density λ·e^(−λx) on x ≥ 0.
 * @example
 * const e = new Exponential(torch.tensor([0.5, 2]));
 * e.mean;                          // tensor([2.0000, 0.5000])
 * e.rsample([100]).shape;          // [100, 2]
 */
export class Exponential extends Distribution {
  readonly rate: Tensor;

  constructor(rate: Param, options?: DistributionOptions) {
    super();
    [this.rate] = broadcastAll("Exponential", [rate], ["rate"]);
    this.init(typeof rate === "number" ? [] : [...this.rate.shape], [], options);
  }

  get argConstraints(): Record<string, Constraint> {
    return { rate: constraints.positive };
  }
  get support(): Constraint {
    return constraints.nonnegative;
  }
  override get hasRsample(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return { rate: this.rate };
  }

  override get mean(): Tensor {
    return this.rate.reciprocal();
  }
  override get mode(): Tensor {
    return this.rate.mul(0);
  }
  override get stddev(): Tensor {
    return this.rate.reciprocal();
  }
  override get variance(): Tensor {
    return this.rate.pow(-2);
  }

  /** Samples without gradient: standard exponentials divided by the rate in place. */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const e = standardExponential(this.extendedShape(sampleShape), this.rate.dtype, generatorOf(options, this));
    const data = e.toTypedArray();
    const rate = batchValues(this.rate, this.batchShape);
    if (rate.length > 0) for (let i = 0; i < data.length; i++) data[i] /= rate[i % rate.length];
    return e;
  }

  /** E / rate with E ~ Exp(1): differentiable in rate. */
  override rsample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const e = standardExponential(this.extendedShape(sampleShape), this.rate.dtype, generatorOf(options, this));
    return e.div(this.rate);
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.rate.dtype);
    return this.rate.log().sub(this.rate.mul(v));
  }

  /** P(X ≤ value) = 1 − e^(−λ·value). */
  cdf(value: Param): Tensor {
    const v = this.checkValue(value, this.rate.dtype);
    return this.rate.neg().mul(v).exp().neg().add(1);
  }

  /** The quantile function −ln(1 − value) / λ. */
  icdf(value: Param): Tensor {
    checkValueArg("Exponential.icdf", value);
    return valueTensor(value, this.rate.dtype).neg().log1p().neg().div(this.rate);
  }

  override entropy(): Tensor {
    return this.rate.log().neg().add(1);
  }
}
