import { type Tensor, ValueError, rand } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { checkValueArg } from "./args";
import { batchValues, generatorOf } from "./sampling";
import { type Param, broadcastAll } from "./params";

/**
 * The continuous uniform distribution on the half-open interval [low, high)
 * (torch.distributions.Uniform). Under validation low < high is required.
 * @example
 * const u = new Uniform(0, 5);
 * u.sample([2]);                   // e.g. tensor([2.3418, 0.8713])
 * u.logProb(torch.tensor(1.0));    // tensor(-1.6094)
 */
export class Uniform extends Distribution {
  readonly low: Tensor;
  readonly high: Tensor;

  constructor(low: Param, high: Param, options?: DistributionOptions) {
    super();
    const [lo, hi] = broadcastAll("Uniform", [low, high], ["low", "high"]);
    this.low = lo;
    this.high = hi;
    this.init(typeof low === "number" && typeof high === "number" ? [] : [...lo.shape], [], options);
    if (this._validateArgs && !(lo.lt(hi).all().item() as boolean)) throw new ValueError("Uniform is not defined when low>= high");
  }

  get argConstraints(): Record<string, Constraint> {
    return { low: constraints.dependent, high: constraints.dependent };
  }
  /** The closed interval [low, high] (PyTorch checks the closed interval; logProb(high) is −∞). */
  get support(): Constraint {
    return constraints.interval(this.low, this.high);
  }
  override get hasRsample(): boolean {
    return true;
  }
  protected explicitParams(): Record<string, Tensor> {
    return { low: this.low, high: this.high };
  }

  override get mean(): Tensor {
    return this.high.add(this.low).div(2);
  }
  /** Every point is a mode: NaN, as in PyTorch. */
  override get mode(): Tensor {
    return this.high.mul(NaN);
  }
  override get stddev(): Tensor {
    return this.high.sub(this.low).div(Math.sqrt(12));
  }
  override get variance(): Tensor {
    return this.high.sub(this.low).pow(2).div(12);
  }

  /** Samples without gradient: low + U·(high − low), rounded as PyTorch rounds it (rand, then each op in the dtype). */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const u = rand(shape, { dtype: this.low.dtype, generator: generatorOf(options, this) });
    const data = u.toTypedArray();
    const lo = batchValues(this.low, this.batchShape);
    const hi = batchValues(this.high, this.batchShape);
    const r = data instanceof Float32Array ? Math.fround : (x: number) => x;
    if (lo.length > 0) {
      for (let i = 0; i < data.length; i++) {
        const b = i % lo.length;
        data[i] = lo[b] + r(data[i] * r(hi[b] - lo[b]));
      }
    }
    return u;
  }

  /** low + U·(high − low) with U ~ U[0, 1): differentiable in low and high. */
  override rsample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const u = rand(this.extendedShape(sampleShape), { dtype: this.low.dtype, generator: generatorOf(options, this) });
    return this.low.add(u.mul(this.high.sub(this.low)));
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.low.dtype);
    const inside = this.low.le(v).to(this.low.dtype).mul(this.high.gt(v).to(this.low.dtype));
    return inside.log().sub(this.high.sub(this.low).log());
  }

  /** P(X ≤ value), clamped to [0, 1]. */
  cdf(value: Param): Tensor {
    const v = this.checkValue(value, this.low.dtype);
    return v.sub(this.low).div(this.high.sub(this.low)).clamp(0, 1);
  }

  /** The quantile function low + value·(high − low). */
  icdf(value: Param): Tensor {
    checkValueArg("Uniform.icdf", value);
    return this.high.sub(this.low).mul(value).add(this.low);
  }

  override entropy(): Tensor {
    return this.high.sub(this.low).log();
  }
}
