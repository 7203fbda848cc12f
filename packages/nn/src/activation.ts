/**
 * The activation layers: ReLU, LeakyReLU, PReLU (learnable), Sigmoid, Tanh, GELU, Softmax,
 * LogSoftmax. Each calls its nn.functional twin, so both share one piece of math.
 */
import { type DType, type Tensor, ValueError, argTypeError, checkOptions, full, float32 } from "@torchts/autograd";
import { Module } from "./module";
import { Parameter } from "./parameter";
import * as F from "./functional";
import { pyBool, pyNum } from "./module-repr";
import { checkSize } from "./linear";
import { maxArgs } from "./errors";
import { guardArity } from "@torchts/tensor/errors";

/** `inplace` given positionally (PyTorch's order: `nn.ReLU(True)`) or as `{ inplace }`. */
function inplaceOption(fn: string, options: boolean | { inplace?: boolean } | undefined): boolean {
  if (typeof options === "boolean") return options;
  checkOptions(fn, options, ["inplace"]);
  const v = options?.inplace ?? false;
  if (typeof v !== "boolean") throw argTypeError(fn, "inplace", 0, "bool", v);
  return v;
}

/** max(0, x). @example new nn.ReLU()(torch.tensor([-1, 2.5]))   // tensor([0.0000, 2.5000]) */
export class ReLU extends Module {
  readonly inplace: boolean;
  constructor(options?: boolean | { inplace?: boolean }) {
    super();
    maxArgs("ReLU", arguments.length, 1);
    this.inplace = inplaceOption("ReLU", options);
  }
  override forward(input: Tensor): Tensor {
    return F.relu(input, { inplace: this.inplace });
  }
  override extraRepr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

/** x for x > 0, negativeSlope·x otherwise (default slope 0.01). */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;
  constructor(negativeSlope: number | { negativeSlope?: number; inplace?: boolean } = 0.01, options?: boolean | { inplace?: boolean }) {
    super();
    maxArgs("LeakyReLU", arguments.length, 2);
    if (typeof negativeSlope === "object" && negativeSlope !== null) {
      checkOptions("LeakyReLU", negativeSlope, ["negativeSlope", "inplace"]);
      options = { inplace: negativeSlope.inplace };
      negativeSlope = negativeSlope.negativeSlope ?? 0.01;
    }
    if (typeof negativeSlope !== "number") throw argTypeError("LeakyReLU", "negative_slope", 0, "float", negativeSlope);
    this.negativeSlope = negativeSlope;
    this.inplace = inplaceOption("LeakyReLU", options);
  }
  override forward(input: Tensor): Tensor {
    return F.leakyRelu(input, this.negativeSlope, { inplace: this.inplace });
  }
  override extraRepr(): string {
    return `negative_slope=${pyNum(this.negativeSlope)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

/**
 * Parametric ReLU (the notes' 4.2.1): max(0, x) + a·min(0, x) with a learnable `weight` of
 * `numParameters` entries (1, or one per channel), initialised to `init` (0.25).
 */
export class PReLU extends Module {
  readonly numParameters: number;
  declare weight: Parameter;
  constructor(
    numParameters: number | { numParameters?: number; init?: number; dtype?: DType; device?: string } = 1,
    init: number | { init?: number; dtype?: DType; device?: string } = 0.25,
    options?: { dtype?: DType; device?: string },
  ) {
    super();
    maxArgs("PReLU", arguments.length, 3);
    if (typeof numParameters === "object" && numParameters !== null) [numParameters, init, options] = [1, 0.25, numParameters];
    else if (typeof init === "object" && init !== null) [init, options] = [0.25, init];
    checkOptions("PReLU", options, ["numParameters", "init", "dtype", "device"]);
    const o = (options ?? {}) as { numParameters?: number; init?: number; dtype?: DType; device?: string };
    numParameters = o.numParameters ?? numParameters;
    init = o.init ?? init;
    checkSize("PReLU", "num_parameters", 0, numParameters, () => [numParameters as number]);
    if (typeof init !== "number") throw argTypeError("PReLU", "init", 1, "float", init);
    this.numParameters = numParameters;
    this.registerParameter("weight", new Parameter(full([numParameters], init, { dtype: o.dtype ?? float32, device: o.device })));
  }
  override forward(input: Tensor): Tensor {
    return F.prelu(input, this.weight);
  }
  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

/** 1 / (1 + exp(−x)). */
export class Sigmoid extends Module {
  constructor() {
    super();
    maxArgs("Sigmoid", arguments.length, 0);
  }
  override forward(input: Tensor): Tensor {
    return F.sigmoid(input);
  }
}

/** tanh(x). */
export class Tanh extends Module {
  constructor() {
    super();
    maxArgs("Tanh", arguments.length, 0);
  }
  override forward(input: Tensor): Tensor {
    return F.tanh(input);
  }
}

/** x·Φ(x), or its tanh approximation with `{ approximate: "tanh" }`. */
export class GELU extends Module {
  readonly approximate: "none" | "tanh";
  constructor(options?: "none" | "tanh" | { approximate?: "none" | "tanh" }) {
    super();
    maxArgs("GELU", arguments.length, 1);
    if (typeof options === "string") options = { approximate: options }; // PyTorch's positional nn.GELU('tanh')
    checkOptions("GELU", options, ["approximate"]);
    this.approximate = options?.approximate ?? "none"; // checked when called, as PyTorch
  }
  override forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

function dimArg(fn: string, dim: number | null | { dim?: number | null } | undefined): number | null {
  if (dim !== null && typeof dim === "object") {
    checkOptions(fn, dim, ["dim"]);
    dim = dim.dim;
  }
  if (dim === undefined || dim === null) return null;
  if (typeof dim !== "number" || !Number.isInteger(dim)) throw argTypeError(fn, "dim", 0, "int", dim);
  return dim;
}

/** softmax along `dim`: `new nn.Softmax(1)` or `new nn.Softmax({ dim: 1 })`. */
export class Softmax extends Module {
  readonly dim: number | null;
  constructor(dim?: number | null | { dim?: number | null }) {
    super();
    maxArgs("Softmax", arguments.length, 1);
    this.dim = dimArg("Softmax", dim);
  }
  override forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim) // null: PyTorch's implicit dim, with its warning;
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? "None"}`;
  }
}

/** log(softmax(x)) along `dim`, stably. */
export class LogSoftmax extends Module {
  readonly dim: number | null;
  constructor(dim?: number | null | { dim?: number | null }) {
    super();
    maxArgs("LogSoftmax", arguments.length, 1);
    this.dim = dimArg("LogSoftmax", dim);
  }
  override forward(input: Tensor): Tensor {
    return F.logSoftmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim ?? "None"}`;
  }
}

/**
 * Dropout (the notes' 4.5): in training, zero each element with probability p and scale the
 * rest by 1/(1−p); after `eval()` it returns its input unchanged (the same tensor).
 */
export class Dropout extends Module {
  readonly p: number;
  readonly inplace: boolean;
  constructor(p: number | { p?: number; inplace?: boolean } = 0.5, options?: boolean | { inplace?: boolean }) {
    super();
    maxArgs("Dropout", arguments.length, 2);
    if (typeof p === "object" && p !== null) {
      checkOptions("Dropout", p, ["p", "inplace"]);
      options = { inplace: p.inplace };
      p = p.p ?? 0.5;
    }
    if (typeof p !== "number") throw argTypeError("Dropout", "p", 0, "float", p);
    if (p < 0 || p > 1 || Number.isNaN(p)) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
    this.inplace = inplaceOption("Dropout", options);
  }
  override forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
  override extraRepr(): string {
    return `p=${pyNum(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}

// forward(input) only: an extra positional argument is Python's TypeError, never dropped.
for (const C of [ReLU, LeakyReLU, PReLU, Sigmoid, Tanh, GELU, Softmax, LogSoftmax, Dropout]) guardArity(C, { forward: 1, extraRepr: 0, resetParameters: 0 }, { ownOnly: true });
