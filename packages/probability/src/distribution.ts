/**
 * The Distribution base class (torch.distributions.Distribution): batch and
 * event shapes, argument validation with PyTorch's messages, sample shapes,
 * and the defaults (`sample` = `rsample` without gradients, `stddev` =
 * √variance, `perplexity` = exp(entropy)).
 */
import { inspect } from "node:util";
import { type Generator, NotImplementedError, Size, type Tensor, ValueError, noGrad } from "@torchts/autograd";
import { type Constraint, isDependent } from "./constraints";
import { pyFormat, pySize, pyTuple } from "@torchts/tensor/py-format";
import { type Param, sampleShapeOf, valueTensor } from "./params";
import { checkValueArg, constructorOptions } from "./args";

/** Options every distribution constructor accepts. */
export interface DistributionOptions {
  /** Check parameters (and `logProb` values) against their constraints. Default: `Distribution.defaultValidateArgs`. */
  validateArgs?: boolean;
}

/** Options of `sample` / `rsample`. */
export interface SampleOptions {
  /** Draw from this generator instead of the global one (`manualSeed`). */
  generator?: Generator;
}

/** A sample shape: `[]` (one draw per batch element), `[1000]`, `[500, 2]`; a bare number means `[n]`. */
export type SampleShape = number | readonly number[];

export abstract class Distribution {
  private static validateDefault = true;

  /** Whether validation is on for distributions built without `validateArgs` (PyTorch's default: true). */
  static get defaultValidateArgs(): boolean {
    return Distribution.validateDefault;
  }

  /** `Distribution.set_default_validate_args(value)`. */
  static setDefaultValidateArgs(value: boolean): void {
    if (typeof value !== "boolean") throw new ValueError(`setDefaultValidateArgs(): argument 'value' must be a boolean, got ${String(value)}`);
    Distribution.validateDefault = value;
  }

  /** The shape over which parameters are batched. */
  batchShape: Size = Size.fromDims([]);
  /** The shape of one sample (without batching); `[k]` for Multinomial, `[]` for scalar distributions. */
  eventShape: Size = Size.fromDims([]);
  /** @internal whether this instance validates its arguments. */
  _validateArgs = Distribution.validateDefault;

  /** Whether `rsample` (reparameterised, differentiable sampling) is implemented. */
  get hasRsample(): boolean {
    return false;
  }
  /** Whether `enumerateSupport` is implemented. */
  get hasEnumerateSupport(): boolean {
    return false;
  }

  /** Each parameter's constraint, in PyTorch's order (used by validation and `toString`). */
  abstract get argConstraints(): Record<string, Constraint>;
  /** The constraint values must satisfy (checked by `logProb` under validation). */
  abstract get support(): Constraint;

  /**
   * The parameters set at construction (lazily derived ones are absent), as
   * PyTorch's `__dict__` holds them: validated, and shown by `toString`.
   * @internal
   */
  protected abstract explicitParams(): Record<string, Tensor>;

  /** The parameters validated at construction; by default the explicit ones. @internal */
  protected validatedParams(): Record<string, Tensor> {
    return this.explicitParams();
  }

  /**
   * Finish construction (PyTorch's `Distribution.__init__`): record the shapes
   * and validate the explicit parameters against `argConstraints`.
   */
  protected init(batchShape: readonly number[], eventShape: readonly number[], options?: DistributionOptions): void {
    this.batchShape = Size.fromDims(batchShape);
    this.eventShape = Size.fromDims(eventShape);
    constructorOptions(this.constructor.name, options);
    if (options?.validateArgs !== undefined) this._validateArgs = options.validateArgs;
    if (!this._validateArgs) return;
    const params = this.validatedParams();
    for (const [name, constraint] of Object.entries(this.argConstraints)) {
      const value = params[name];
      if (value === undefined || isDependent(constraint)) continue;
      if (!(constraint.check(value).all().item() as boolean)) {
        throw new ValueError(
          `Expected parameter ${name} (Tensor of shape ${pyTuple(value.shape)}) of distribution ${this.toString()} ` +
            `to satisfy the constraint ${constraint}, but found invalid values:\n${pyFormat(value)}`,
        );
      }
    }
  }

  get mean(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement mean`);
  }
  get mode(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement mode`);
  }
  get variance(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement variance`);
  }
  /** The standard deviation: √variance unless a distribution knows better. */
  get stddev(): Tensor {
    return this.variance.sqrt();
  }

  /**
   * Draw samples of shape `[...sampleShape, ...batchShape, ...eventShape]`
   * without recording gradients.
   * @example new Normal(0, 1).sample([3]) // tensor([ 0.3367, -0.1288,  0.2345])
   */
  sample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    return noGrad(() => this.rsample(sampleShape, options));
  }

  /** A reparameterised sample: gradients flow to the parameters. */
  rsample(sampleShape: SampleShape = [], options?: SampleOptions): Tensor {
    void sampleShape;
    void options;
    throw new NotImplementedError(`${this.constructor.name} does not implement rsample`);
  }

  /** log p(value), batched over the broadcast of value with batchShape. */
  abstract logProb(value: Param): Tensor;

  /** Entropy, batched over batchShape. */
  entropy(): Tensor {
    throw new NotImplementedError(`${this.constructor.name} does not implement entropy`);
  }

  /** exp(entropy). */
  perplexity(): Tensor {
    return this.entropy().exp();
  }

  /** All values of a discrete support along dim 0: shape `[cardinality, ...batchShape]` (or with singleton batch dims). */
  enumerateSupport(expand = true): Tensor {
    void expand;
    throw new NotImplementedError(`${this.constructor.name} does not implement enumerateSupport`);
  }

  /** `[...sampleShape, ...batchShape, ...eventShape]`. */
  extendedShape(sampleShape: SampleShape = []): number[] {
    return [...sampleShapeOf(`${this.constructor.name}.sample`, sampleShape), ...this.batchShape, ...this.eventShape];
  }

  /**
   * PyTorch's `_validate_sample`: the value's rightmost dims must match the
   * event shape, the rest must broadcast with the batch shape, and every
   * entry must lie in the support.
   * @internal
   */
  protected validateSample(value: Tensor): void {
    const shape = [...value.shape];
    const ev = [...this.eventShape];
    const start = shape.length - ev.length;
    const tail = start >= 0 ? shape.slice(start) : shape;
    if (start < 0 || tail.some((d, i) => d !== ev[i])) {
      throw new ValueError(`The right-most size of value must match event_shape: ${pySize(shape)} vs ${pySize(ev)}.`);
    }
    const expected = [...this.batchShape, ...ev];
    for (let i = 1; i <= Math.min(shape.length, expected.length); i++) {
      const a = shape[shape.length - i];
      const b = expected[expected.length - i];
      if (a !== 1 && b !== 1 && a !== b) {
        throw new ValueError(`Value is not broadcastable with batch_shape+event_shape: ${pySize(shape)} vs ${pySize(expected)}.`);
      }
    }
    const support = this.support;
    if (!(support.check(value).all().item() as boolean)) {
      throw new ValueError(
        `Expected value argument (Tensor of shape ${pyTuple(shape)}) to be within the support (${support}) ` +
          `of the distribution ${this.toString()}, but found invalid values:\n${pyFormat(value)}`,
      );
    }
  }

  /** The value as a tensor of `dtype`, validated when validation is on. @internal */
  protected checkValue(value: Param, dtype: Tensor["dtype"]): Tensor {
    checkValueArg(`${this.constructor.name}.logProb`, value);
    const v = valueTensor(value, dtype);
    if (this._validateArgs) this.validateSample(v);
    return v;
  }

  /** PyTorch's repr: `Normal(loc: 0.0, scale: 1.0)`, `Normal(loc: torch.Size([2]), scale: torch.Size([2]))`. */
  toString(): string {
    const params = this.explicitParams();
    const parts: string[] = [];
    for (const name of Object.keys(this.argConstraints)) {
      const v = params[name];
      if (v === undefined) continue;
      parts.push(`${name}: ${v.numel() === 1 ? pyFormat(v) : pySize([...v.shape])}`);
    }
    return `${this.constructor.name}(${parts.join(", ")})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
