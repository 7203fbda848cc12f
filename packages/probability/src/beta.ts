import { type Tensor, ValueError, finfo, stack } from "@torchts/autograd";
import { type Constraint, constraints } from "./constraints";
import { Distribution, type DistributionOptions, type SampleOptions, type SampleShape } from "./distribution";
import { pyFormat, pySize, pyTuple } from "@torchts/tensor/py-format";
import { batchValues, generatorOf, sampleElementwise } from "./sampling";
import { digamma, lgamma } from "./special";
import { type Param, broadcastAll } from "./params";
import { standardGammaTorch } from "./variates";

/**
 * The beta distribution on [0, 1] with `concentration1` α and
 * `concentration0` β (torch.distributions.Beta): density
 * x^(α−1) (1−x)^(β−1) / B(α, β). PyTorch builds it on a two-category
 * Dirichlet, so parameter errors name `concentration` of `Dirichlet`.
 * @example
 * const b = new Beta(2, 3);
 * b.mean;                          // tensor(0.4000)
 * b.logProb(torch.tensor(0.5));    // tensor(0.4055)
 */
export class Beta extends Distribution {
  readonly concentration1: Tensor;
  readonly concentration0: Tensor;

  constructor(concentration1: Param, concentration0: Param, options?: DistributionOptions) {
    super();
    const [a, b] = broadcastAll("Beta", [concentration1, concentration0], ["concentration1", "concentration0"]);
    this.concentration1 = a;
    this.concentration0 = b;
    this.init([...a.shape], [], options);
    if (this._validateArgs && !(a.gt(0).logicalAnd(b.gt(0)).all().item() as boolean)) {
      const concentration = stack([a, b], -1);
      const dirichlet = `Dirichlet(concentration: ${concentration.numel() === 1 ? pyFormat(concentration) : pySize([...concentration.shape])})`;
      throw new ValueError(
        `Expected parameter concentration (Tensor of shape ${pyTuple([...concentration.shape])}) of distribution ${dirichlet} ` +
          `to satisfy the constraint IndependentConstraint(GreaterThan(lower_bound=0.0), 1), but found invalid values:\n${pyFormat(concentration)}`,
      );
    }
  }

  /** Checked in the constructor with the Dirichlet's message (see above). */
  get argConstraints(): Record<string, Constraint> {
    return { concentration1: constraints.positive, concentration0: constraints.positive };
  }
  get support(): Constraint {
    return constraints.unitInterval;
  }
  /** PyTorch keeps the parameters on the inner Dirichlet: the repr is `Beta()`. */
  protected explicitParams(): Record<string, Tensor> {
    return {};
  }

  private get total(): Tensor {
    return this.concentration1.add(this.concentration0);
  }
  override get mean(): Tensor {
    return this.concentration1.div(this.total);
  }
  /**
   * (α−1)/(α+β−2), with α−1 and β−1 clamped at 0 (a boundary mode when one
   * concentration is below 1); 1 when both are below 1, as PyTorch's
   * Dirichlet picks the first category there; NaN for α = β = 1.
   */
  override get mode(): Tensor {
    const a1 = this.concentration1.sub(1).clamp(0);
    const b1 = this.concentration0.sub(1).clamp(0);
    const bothBelow = this.concentration1.lt(1).logicalAnd(this.concentration0.lt(1));
    return a1.div(a1.add(b1)).where(bothBelow.logicalNot(), 1);
  }
  override get variance(): Tensor {
    const total = this.total;
    return this.concentration1.mul(this.concentration0).div(total.pow(2).mul(total.add(1)));
  }

  /**
   * PyTorch's samples for the same seed (its Dirichlet on [α, β]): X / (X + Y) with
   * X ~ Gamma(α), Y ~ Gamma(β) drawn in double by PyTorch's sampler, each clamped at
   * double's smallest normal number, the ratio clamped to [tiny, 1 − ulp] of the dtype.
   */
  override sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    const shape = this.extendedShape(sampleShape);
    const g = generatorOf(options, this);
    const a = batchValues(this.concentration1, this.batchShape);
    const b = batchValues(this.concentration0, this.batchShape);
    const info = finfo(this.concentration1.dtype);
    const f32 = this.concentration1.dtype.name === "float32";
    const below1 = f32 ? 1 - 2 ** -24 : 1 - 2 ** -53;
    const DBL_MIN = 2.2250738585072014e-308;
    return sampleElementwise(shape, this.concentration1.dtype, [a, b], (j) => {
      const x = Math.max(standardGammaTorch(a[j], g, false), DBL_MIN);
      const y = Math.max(standardGammaTorch(b[j], g, false), DBL_MIN);
      const ratio = f32 ? Math.fround(x / (x + y)) : x / (x + y);
      return Math.min(below1, Math.max(info.tiny, ratio));
    });
  }

  logProb(value: Param): Tensor {
    const v = this.checkValue(value, this.concentration1.dtype);
    const a = this.concentration1;
    const b = this.concentration0;
    // the Dirichlet density at (v, 1 − v); log(0)·0 is NaN here, as in PyTorch
    const logKernel = v.log().mul(a.sub(1)).add(v.neg().add(1).log().mul(b.sub(1)));
    return logKernel.add(lgamma(a.add(b))).sub(lgamma(a).add(lgamma(b)));
  }

  override entropy(): Tensor {
    const a = this.concentration1;
    const b = this.concentration0;
    const total = this.total;
    const logBeta = lgamma(a).add(lgamma(b)).sub(lgamma(total));
    // Dirichlet entropy with K = 2: ln B − (K − a0)ψ(a0) − Σ (a_i − 1)ψ(a_i)
    return logBeta
      .sub(total.neg().add(2).mul(digamma(total)))
      .sub(a.sub(1).mul(digamma(a)).add(b.sub(1).mul(digamma(b))));
  }
}
