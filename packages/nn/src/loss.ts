/**
 * The loss modules. Each keeps its options (a `weight` or `posWeight` is a buffer, in the
 * state dict, as PyTorch's) and calls its nn.functional twin. They print bare, as PyTorch's:
 * `CrossEntropyLoss()`. The reduction is checked when the loss is computed, as in PyTorch.
 */
import { Tensor, TypeError, argTypeError, checkOptions, describeValue, isPlainObject } from "@torchts/autograd";
import { Module } from "./module";
import * as L from "./loss-functional";
import type { Reduction } from "./nll";
import { maxArgs } from "./errors";
import { guardArity } from "@torchts/tensor/errors";

interface LossOptions {
  reduction?: Reduction;
}

abstract class Loss extends Module {
  reduction: Reduction;
  constructor(fn: string, options: object | undefined, keys: string[]) {
    super();
    checkOptions(fn, options, ["reduction", ...keys]);
    this.reduction = (options as LossOptions | undefined)?.reduction ?? "mean";
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/** PyTorch's loss constructors take `weight` first: `nn.CrossEntropyLoss(w)`, `nn.CrossEntropyLoss(w, { reduction })`. */
function weightFirst<O extends object>(fn: string, w: Tensor | null | O | undefined, options: O | undefined): O | undefined {
  if (!(w instanceof Tensor) && w !== null) {
    if (options !== undefined) throw new TypeError(`${fn}(): the options object must be the last argument, got ${describeValue(options)} after it`);
    return w;
  }
  if (options !== undefined && !isPlainObject(options)) throw new TypeError(`${fn}(): options must be a plain object, not ${describeValue(options)}`);
  if (options !== undefined && "weight" in options) throw new TypeError(`${fn}(): got multiple values for argument 'weight'`);
  return { ...(options ?? {}), weight: w } as O; // the keys are checked by the constructor
}

function optionalTensor(fn: string, name: string, v: unknown): Tensor | null {
  if (v === undefined || v === null) return null;
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, 0, "Tensor", v);
  return v;
}

/** The weight or posWeight buffer, read through the module's registry. */
function buffer(m: Module, name: string): Tensor | null {
  return (m as unknown as Record<string, Tensor | null>)[name] ?? null;
}

/**
 * Mean squared error. `new nn.MSELoss()`, `new nn.MSELoss({ reduction: "none" })`.
 * @example new nn.MSELoss()(torch.tensor([1., 2]), torch.tensor([1., 4]))   // tensor(2.)
 */
export class MSELoss extends Loss {
  constructor(options?: LossOptions) {
    super("MSELoss", options, []);
    maxArgs("MSELoss", arguments.length, 1);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.mseLoss(input, target, { reduction: this.reduction });
  }
}

/** Mean absolute error. */
export class L1Loss extends Loss {
  constructor(options?: LossOptions) {
    super("L1Loss", options, []);
    maxArgs("L1Loss", arguments.length, 1);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.l1Loss(input, target, { reduction: this.reduction });
  }
}

/** Smooth L1 with threshold `beta` (default 1). */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor(options?: LossOptions & { beta?: number }) {
    super("SmoothL1Loss", options, ["beta"]);
    maxArgs("SmoothL1Loss", arguments.length, 1);
    this.beta = options?.beta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

/** Huber loss with threshold `delta` (default 1). */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options?: Reduction | (LossOptions & { delta?: number }), delta?: number) {
    // PyTorch's positional order: HuberLoss(reduction='mean', delta=1.0)
    if (typeof options === "string") options = delta === undefined ? { reduction: options } : { reduction: options, delta };
    super("HuberLoss", options, ["delta"]);
    maxArgs("HuberLoss", arguments.length, 2);
    this.delta = options?.delta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

/** Binary cross-entropy of probabilities in [0, 1]; optional per-element `weight` (a buffer). */
export class BCELoss extends Loss {
  constructor(weightOrOptions?: Tensor | null | (LossOptions & { weight?: Tensor | null }), moreOptions?: LossOptions) {
    const options = weightFirst<LossOptions & { weight?: Tensor | null }>("BCELoss", weightOrOptions, moreOptions);
    super("BCELoss", options, ["weight"]);
    maxArgs("BCELoss", arguments.length, 2);
    this.registerBuffer("weight", optionalTensor("BCELoss", "weight", options?.weight));
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binaryCrossEntropy(input, target, { reduction: this.reduction, weight: buffer(this, "weight") });
  }
}

/** Binary cross-entropy of logits (stable), with `weight` and `posWeight` buffers. */
export class BCEWithLogitsLoss extends Loss {
  constructor(weightOrOptions?: Tensor | null | (LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null }), moreOptions?: LossOptions & { posWeight?: Tensor | null }) {
    const options = weightFirst<LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null }>("BCEWithLogitsLoss", weightOrOptions, moreOptions);
    super("BCEWithLogitsLoss", options, ["weight", "posWeight"]);
    maxArgs("BCEWithLogitsLoss", arguments.length, 2);
    this.registerBuffer("weight", optionalTensor("BCEWithLogitsLoss", "weight", options?.weight));
    this.registerBuffer("pos_weight", optionalTensor("BCEWithLogitsLoss", "pos_weight", options?.posWeight));
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binaryCrossEntropyWithLogits(input, target, {
      reduction: this.reduction,
      weight: buffer(this, "weight"),
      posWeight: buffer(this, "pos_weight"),
    });
  }
}

/** Negative log-likelihood of class indices, over log-probabilities. */
export class NLLLoss extends Loss {
  ignoreIndex: number;
  constructor(weightOrOptions?: Tensor | null | (LossOptions & { weight?: Tensor | null; ignoreIndex?: number }), moreOptions?: LossOptions & { ignoreIndex?: number }) {
    const options = weightFirst<LossOptions & { weight?: Tensor | null; ignoreIndex?: number }>("NLLLoss", weightOrOptions, moreOptions);
    super("NLLLoss", options, ["weight", "ignoreIndex"]);
    maxArgs("NLLLoss", arguments.length, 2);
    this.registerBuffer("weight", optionalTensor("NLLLoss", "weight", options?.weight));
    this.ignoreIndex = options?.ignoreIndex ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.nllLoss(input, target, { weight: buffer(this, "weight"), ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/**
 * Cross-entropy of logits (softmax fused in, as the notes' 3.3 says): class indices or class
 * probabilities as targets; `weight`, `ignoreIndex`, `labelSmoothing`, `reduction`.
 * @example
 * const loss = new nn.CrossEntropyLoss({ reduction: "none" });
 * loss(torch.tensor([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]), torch.tensor([2, 1]));  // tensor([0.7679, 0.8533])
 */
export class CrossEntropyLoss extends Loss {
  ignoreIndex: number;
  labelSmoothing: number;
  constructor(weightOrOptions?: Tensor | null | (LossOptions & { weight?: Tensor | null; ignoreIndex?: number; labelSmoothing?: number }), moreOptions?: LossOptions & { ignoreIndex?: number; labelSmoothing?: number }) {
    const options = weightFirst<LossOptions & { weight?: Tensor | null; ignoreIndex?: number; labelSmoothing?: number }>("CrossEntropyLoss", weightOrOptions, moreOptions);
    super("CrossEntropyLoss", options, ["weight", "ignoreIndex", "labelSmoothing"]);
    maxArgs("CrossEntropyLoss", arguments.length, 2);
    this.registerBuffer("weight", optionalTensor("CrossEntropyLoss", "weight", options?.weight));
    this.ignoreIndex = options?.ignoreIndex ?? -100;
    this.labelSmoothing = options?.labelSmoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.crossEntropy(input, target, {
      weight: buffer(this, "weight"),
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }
}

// forward(input, target) only: an extra positional argument is Python's TypeError, never dropped.
for (const C of [MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss]) guardArity(C, { forward: 2 });
