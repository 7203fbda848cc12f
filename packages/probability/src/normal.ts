import type { Tensor } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { batchValues, generatorOf, standardNormal } from "./sampling";
import { type Param, broadcastAll } from "./params";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The normal (Gaussian) distribution with mean `loc` and standard deviation
 * `scale` (torch.distributions.Normal). Parameters broadcast; the batch shape
 * is their common shape.
 * @example
 * const m = new Normal(torch.tensor([0.0, 1.0]), 2);
 * m.sample([3]).shape;               // [3, 2]
 * m.logProb(torch.tensor([0.5, 0])); // tensor([-1.6433, -1.7371])
 */
export class Normal extends Distribution {
  readonly loc: Tensor;
  readonly scale: Tensor;

  constructor(loc: Param, scale: Param, options?: DistributionOptions) {
    super();
    const [l, s] = broadcastAll("Normal", [loc, scale], ["loc", "scale"]);
    this.loc = l;
    this.scale = s;
    this.init(typeof loc === "number" && typeof scale === "number" ? [] : [...l.shape], [], options);
  }

  get argConstraints(): Record<string, Constraint> {
    return { loc: constraints.real, scale: constraints.positive };
  }
  get support(): Constraint {
    return constraints.real;
  }
  override get hasRsample(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return { loc: this.loc, scale: this.scale };
  }

  override get mean(): Tensor {
    return this.loc;
  }
  override get mode(): Tensor {
    return this.loc;
  }
  override get stddev(): Tensor {
    return this.scale;
  }
  override get variance(): Tensor {
    return this.scale.pow(2);
  }

  /**
   * Samples without gradient, as torch.normal(loc.expand(shape), scale.expand(shape))
   * draws them: standard normals of the whole shape (PyTorch's normal_), then
   * `· scale` and `+ loc`, each rounded in the parameters' dtype.
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const eps = standardNormal(this.extendedShape(sampleShape), this.loc.dtype, generatorOf(options, this));
    const data = eps.toTypedArray();
    const mu = batchValues(this.loc, this.batchShape);
    const sigma = batchValues(this.scale, this.batchShape);
    const r = data instanceof Float32Array ? Math.fround : (x: number) => x;
    if (mu.length > 0) {
      for (let i = 0; i < data.length; i++) {
        const b = i % mu.length;
        data[i] = r(data[i] * sigma[b]) + mu[b];
      }
    }
    return eps;
  }

  /** loc + ε·scale with ε ~ N(0, 1): differentiable in loc and scale. */
  override rsample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const eps = standardNormal(this.extendedShape(sampleShape), this.loc.dtype, generatorOf(options, this));
    return this.loc.add(eps.mul(this.scale));
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.loc.dtype);
    const variance = this.scale.pow(2);
    return v.sub(this.loc).pow(2).neg().div(variance.mul(2)).sub(this.scale.log()).sub(HALF_LOG_2PI);
  }

  override entropy(): Tensor {
    return this.scale.log().add(0.5 + HALF_LOG_2PI);
  }
}
