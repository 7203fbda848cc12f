import { type Tensor, finfo } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { batchValues, generatorOf, sampleElementwise } from "./sampling";
import { digamma, lgamma, xlogy } from "./special";
import { type Param, broadcastAll } from "./params";
import { standardGammaTorch } from "./variates";

/**
 * The gamma distribution with shape `concentration` α and `rate` β
 * (torch.distributions.Gamma): density β^α x^(α−1) e^(−βx) / Γ(α) on x ≥ 0.
 * @example
 * const g = new Gamma(2, 3);
 * g.mean;                          // tensor(0.6667)
 * g.sample([1000]).mean();         // ≈ 0.667
 */
export class Gamma extends Distribution {
  readonly concentration: Tensor;
  readonly rate: Tensor;

  constructor(concentration: Param, rate: Param, options?: DistributionOptions) {
    super();
    const [a, b] = broadcastAll("Gamma", [concentration, rate], ["concentration", "rate"]);
    this.concentration = a;
    this.rate = b;
    this.init(typeof concentration === "number" && typeof rate === "number" ? [] : [...a.shape], [], options);
  }

  get argConstraints(): Record<string, Constraint> {
    return { concentration: constraints.positive, rate: constraints.positive };
  }
  get support(): Constraint {
    return constraints.nonnegative;
  }
  protected explicitParams(): Record<string, Tensor> {
    return { concentration: this.concentration, rate: this.rate };
  }

  override get mean(): Tensor {
    return this.concentration.div(this.rate);
  }
  override get mode(): Tensor {
    return this.concentration.sub(1).div(this.rate).clamp(0);
  }
  override get variance(): Tensor {
    return this.concentration.div(this.rate.pow(2));
  }

  /**
   * PyTorch's samples for the same seed: `_standard_gamma(concentration)` (its
   * Marsaglia–Tsang, standardGammaTorch) divided by rate, clamped below at the
   * dtype's smallest normal number (so logProb stays finite).
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const g = generatorOf(options, this);
    const a = batchValues(this.concentration, this.batchShape);
    const b = batchValues(this.rate, this.batchShape);
    const tiny = finfo(this.rate.dtype).tiny;
    const f32 = this.rate.dtype.name === "float32";
    const r = f32 ? Math.fround : (x: number) => x;
    return sampleElementwise(shape, this.rate.dtype, [a, b], (j) => Math.max(r(Math.max(r(standardGammaTorch(a[j], g, f32)), tiny) / b[j]), tiny));
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.rate.dtype);
    return xlogy(this.concentration, this.rate)
      .add(xlogy(this.concentration.sub(1), v))
      .sub(this.rate.mul(v))
      .sub(lgamma(this.concentration));
  }

  override entropy(): Tensor {
    const a = this.concentration;
    return a.sub(this.rate.log()).add(lgamma(a)).add(a.neg().add(1).mul(digamma(a)));
  }
}
