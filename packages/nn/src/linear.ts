/**
 * Linear, Identity, Flatten and Unflatten. Linear's default initialisation is PyTorch's:
 * weight `kaimingUniform_(w, { a: √5 })` = U(−1/√in, 1/√in), then bias U(−1/√in, 1/√in),
 * drawn in that order from the global generator.
 */
import { RuntimeError, Tensor, TypeError, type DType, argTypeError, checkOptions, describeValue, empty, float32, noGrad } from "@torchts/autograd";
import { Module } from "./module";
import { Parameter } from "./parameter";
import { kaimingUniform_, calculateFanInAndFanOut } from "./init";
import { linear } from "./functional";
import { pyBool } from "./module-repr";
import { maxArgs } from "./errors";
import { guardArity } from "@torchts/tensor/errors";

/** A layer size: a non-negative integer (PyTorch: "Trying to create tensor with negative dimension"). */
export function checkSize(fn: string, name: string, pos: number, v: unknown, shape: () => number[]): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw argTypeError(fn, name, pos, "int", v);
  if (v < 0) throw new RuntimeError(`${fn}: Trying to create tensor with negative dimension ${v}: [${shape().join(", ")}]`);
  return v;
}

/**
 * y = x·Wᵀ + b. Weight [out, in], bias [out].
 * @example
 * const layer = new nn.Linear(2, 1);            // Linear(in_features=2, out_features=1, bias=True)
 * layer(torch.rand(10, 2)).shape;               // torch.Size([10, 1])
 * new nn.Linear(2, 1, { bias: false }).bias;    // null
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  // registered in the constructor (so assignment follows __setattr__ from the start)
  declare weight: Parameter;
  declare bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options?: boolean | { bias?: boolean; dtype?: DType; device?: string }) {
    super();
    maxArgs("Linear", arguments.length, 3);
    if (typeof options === "boolean") options = { bias: options }; // PyTorch's positional nn.Linear(2, 1, False)
    checkOptions("Linear", options, ["bias", "dtype", "device"]);
    const shape = () => [outFeatures, inFeatures];
    this.inFeatures = checkSize("Linear", "in_features", 0, inFeatures, shape);
    this.outFeatures = checkSize("Linear", "out_features", 1, outFeatures, shape);
    const bias = options?.bias ?? true;
    if (typeof bias !== "boolean") throw argTypeError("Linear", "bias", 2, "bool", bias);
    const dtype = options?.dtype ?? float32;
    const device = (options as { device?: string } | undefined)?.device; // checked by empty(): the CPU only
    this.registerParameter("weight", new Parameter(empty([outFeatures, inFeatures], { dtype, device })));
    this.registerParameter("bias", bias ? new Parameter(empty([outFeatures], { dtype, device })) : null);
    this.resetParameters();
  }

  /** Draw the default initialisation again (weight first, then bias). */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      noGrad(() => this.bias!.uniform_(-bound, bound));
    }
  }

  override forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}

/** Returns its input (any constructor arguments are ignored, as PyTorch's). */
export class Identity extends Module {
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input;
  }
}

/**
 * Flattens dims startDim..endDim (default 1..−1): [N, 1, 28, 28] → [N, 784].
 * @example new nn.Flatten()(torch.zeros(2, 1, 28, 28)).shape   // torch.Size([2, 784])
 */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  constructor(startDim: number | { startDim?: number; endDim?: number } = 1, endDim = -1) {
    super();
    maxArgs("Flatten", arguments.length, 2);
    if (typeof startDim === "object") {
      checkOptions("Flatten", startDim, ["startDim", "endDim"]);
      ({ startDim = 1, endDim = -1 } = startDim);
    }
    if (typeof startDim !== "number" || !Number.isInteger(startDim)) throw argTypeError("Flatten", "start_dim", 0, "int", startDim);
    if (typeof endDim !== "number" || !Number.isInteger(endDim)) throw argTypeError("Flatten", "end_dim", 1, "int", endDim);
    this.startDim = startDim;
    this.endDim = endDim;
  }
  override forward(input: Tensor): Tensor {
    if (!(input instanceof Tensor)) throw new TypeError(`flatten(): argument 'input' (position 1) must be Tensor, not ${typeof input}`);
    return input.flatten(this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Splits dim `dim` into `unflattenedSize`: Unflatten(1, [2, 5]) maps [N, 10] to [N, 2, 5]. */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: number[];
  constructor(dim: number, unflattenedSize: readonly number[]) {
    super();
    maxArgs("Unflatten", arguments.length, 2);
    if (typeof dim !== "number" || !Number.isInteger(dim)) throw argTypeError("Unflatten", "dim", 0, "int", dim);
    if (!Array.isArray(unflattenedSize) || !unflattenedSize.every((s) => Number.isInteger(s))) {
      throw new TypeError(`Unflatten: unflattened_size must be tuple of ints, but found ${describeValue(unflattenedSize)}`);
    }
    this.dim = dim;
    this.unflattenedSize = unflattenedSize.slice();
  }
  override forward(input: Tensor): Tensor {
    if (!(input instanceof Tensor)) throw argTypeError("unflatten", "input", 0, "Tensor", input);
    return input.unflatten(this.dim, this.unflattenedSize);
  }
  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=(${this.unflattenedSize.join(", ")}${this.unflattenedSize.length === 1 ? "," : ""})`;
  }
}

// forward(input) only: an extra positional argument is Python's TypeError, never dropped.
for (const C of [Linear, Identity, Flatten, Unflatten]) guardArity(C, { forward: 1, extraRepr: 0, resetParameters: 0 }, { ownOnly: true });
