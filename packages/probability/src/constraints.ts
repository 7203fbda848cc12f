/**
 * torch.distributions.constraints: the regions where parameters and samples
 * are valid. `check(value)` gives a bool tensor (one entry per event); the
 * string form is PyTorch's repr, used verbatim in validation messages.
 */
import { type Tensor, tensor } from "@torchts/autograd";
import { pyFormat } from "@torchts/tensor/py-format";

export abstract class Constraint {
  /** Whether the constrained space is discrete (integers, booleans, counts). */
  readonly isDiscrete: boolean = false;
  /** Number of rightmost dims that together form one event. */
  readonly eventDim: number = 0;
  /** A bool tensor: true where `value` satisfies the constraint. */
  abstract check(value: Tensor): Tensor;
  abstract toString(): string;
}

class Real extends Constraint {
  check(value: Tensor): Tensor {
    return value.eq(value); // false for NaN
  }
  toString(): string {
    return "Real()";
  }
}

class GreaterThan extends Constraint {
  constructor(readonly lowerBound: number) {
    super();
  }
  check(value: Tensor): Tensor {
    return value.gt(this.lowerBound);
  }
  toString(): string {
    return `GreaterThan(lower_bound=${pyFormat(this.lowerBound)})`;
  }
}

class GreaterThanEq extends Constraint {
  constructor(readonly lowerBound: number) {
    super();
  }
  check(value: Tensor): Tensor {
    return value.ge(this.lowerBound);
  }
  toString(): string {
    return `GreaterThanEq(lower_bound=${pyFormat(this.lowerBound)})`;
  }
}

/** Closed interval [lowerBound, upperBound]; bounds may be tensors (Uniform's support). */
class Interval extends Constraint {
  constructor(
    readonly lowerBound: number | Tensor,
    readonly upperBound: number | Tensor,
  ) {
    super();
  }
  check(value: Tensor): Tensor {
    return value.ge(this.lowerBound).logicalAnd(value.le(this.upperBound));
  }
  toString(): string {
    return `Interval(lower_bound=${pyFormat(this.lowerBound)}, upper_bound=${pyFormat(this.upperBound)})`;
  }
}

class Boolean extends Constraint {
  override readonly isDiscrete = true;
  check(value: Tensor): Tensor {
    return value.eq(0).logicalOr(value.eq(1));
  }
  toString(): string {
    return "Boolean()";
  }
}

function isIntegral(value: Tensor): Tensor {
  return value.dtype.isFloatingPoint ? value.remainder(1).eq(0) : value.eq(value);
}

class IntegerGreaterThan extends Constraint {
  override readonly isDiscrete = true;
  constructor(readonly lowerBound: number) {
    super();
  }
  check(value: Tensor): Tensor {
    return isIntegral(value).logicalAnd(value.ge(this.lowerBound));
  }
  toString(): string {
    return `IntegerGreaterThan(lower_bound=${pyFormat(this.lowerBound, true)})`;
  }
}

/** Integers in [lowerBound, upperBound]; the upper bound may be a tensor (Binomial's total_count). */
class IntegerInterval extends Constraint {
  override readonly isDiscrete = true;
  constructor(
    readonly lowerBound: number | Tensor,
    readonly upperBound: number | Tensor,
  ) {
    super();
  }
  check(value: Tensor): Tensor {
    return isIntegral(value).logicalAnd(value.ge(this.lowerBound)).logicalAnd(value.le(this.upperBound));
  }
  toString(): string {
    return `IntegerInterval(lower_bound=${pyFormat(this.lowerBound, true)}, upper_bound=${pyFormat(this.upperBound, true)})`;
  }
}

/** Non-negative vectors (last dim) that sum to 1 within 1e-6. */
class Simplex extends Constraint {
  override readonly eventDim = 1;
  check(value: Tensor): Tensor {
    return value.ge(0).all({ dim: -1 }).logicalAnd(value.sum(-1).sub(1).abs().lt(1e-6));
  }
  toString(): string {
    return "Simplex()";
  }
}

/** Count vectors (last dim): non-negative with a total of at most `upperBound` (PyTorch's check). */
class MultinomialConstraint extends Constraint {
  override readonly isDiscrete = true;
  override readonly eventDim = 1;
  constructor(readonly upperBound: number) {
    super();
  }
  check(value: Tensor): Tensor {
    return value.ge(0).all({ dim: -1 }).logicalAnd(value.sum(-1).le(this.upperBound));
  }
  toString(): string {
    return "Multinomial()";
  }
}

/** Reinterprets `reinterpretedBatchNdims` batch dims of `base` as event dims (all must hold). */
class IndependentConstraint extends Constraint {
  override readonly isDiscrete: boolean;
  override readonly eventDim: number;
  constructor(
    readonly base: Constraint,
    readonly reinterpretedBatchNdims: number,
  ) {
    super();
    this.isDiscrete = base.isDiscrete;
    this.eventDim = base.eventDim + reinterpretedBatchNdims;
  }
  check(value: Tensor): Tensor {
    let result = this.base.check(value);
    for (let i = 0; i < this.reinterpretedBatchNdims; i++) {
      result = result.ndim === 0 ? result : result.all({ dim: -1 });
    }
    return result;
  }
  toString(): string {
    return `IndependentConstraint(${this.base}, ${this.reinterpretedBatchNdims})`;
  }
}

/** A placeholder for parameters whose validity depends on others (Uniform's low/high): never checked. */
class Dependent extends Constraint {
  check(value: Tensor): Tensor {
    return tensor(true).expand([...value.shape]);
  }
  toString(): string {
    return "Dependent()";
  }
}

/** The constraint objects and factories, named as in torch.distributions.constraints. */
export const constraints = {
  real: new Real() as Constraint,
  realVector: new IndependentConstraint(new Real(), 1) as Constraint,
  positive: new GreaterThan(0) as Constraint,
  nonnegative: new GreaterThanEq(0) as Constraint,
  unitInterval: new Interval(0, 1) as Constraint,
  boolean: new Boolean() as Constraint,
  nonnegativeInteger: new IntegerGreaterThan(0) as Constraint,
  simplex: new Simplex() as Constraint,
  dependent: new Dependent() as Constraint,
  greaterThan: (lowerBound: number): Constraint => new GreaterThan(lowerBound),
  greaterThanEq: (lowerBound: number): Constraint => new GreaterThanEq(lowerBound),
  interval: (lower: number | Tensor, upper: number | Tensor): Constraint => new Interval(lower, upper),
  integerInterval: (lower: number | Tensor, upper: number | Tensor): Constraint => new IntegerInterval(lower, upper),
  multinomial: (upperBound: number): Constraint => new MultinomialConstraint(upperBound),
  independent: (base: Constraint, reinterpretedBatchNdims: number): Constraint => new IndependentConstraint(base, reinterpretedBatchNdims),
};

/** True for the placeholder of dependent parameters (skipped by validation). */
export function isDependent(c: Constraint): boolean {
  return c instanceof Dependent;
}
