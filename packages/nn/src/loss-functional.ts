/**
 * The losses of nn.functional, with PyTorch's formulas (torch/nn/functional.py and ATen's
 * Loss.cpp), reductions and messages. The loss modules (loss.ts) call these.
 */
import { IndexError, RuntimeError, Tensor, TypeError, ValueError, argTypeError, checkOptions, describeValue, int64, isPlainObject, where } from "@torchts/autograd";
import { pySize } from "@torchts/tensor/py-format";
import { type Reduction, nllRows } from "./nll";
import { crossEntropyRows } from "./cross-entropy-op";
import { mseSameShape, smoothL1ZeroBeta } from "./mse-op";
import { bceLoss } from "./bce-op";
import { maxArgs } from "./errors";

export type { Reduction };

function tensorArg(fn: string, name: string, pos: number, v: unknown): Tensor {
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, pos, "Tensor", v);
  return v;
}

/** PyTorch checks the reduction when the loss is computed: `avg is not a valid value for reduction`. */
export function checkReduction(r: unknown): Reduction {
  if (r !== "none" && r !== "mean" && r !== "sum") throw new ValueError(`${String(r)} is not a valid value for reduction`);
  return r;
}

function reduce(l: Tensor, r: Reduction): Tensor {
  return r === "none" ? l : r === "sum" ? l.sum() : l.mean();
}

// Python's default warnings filter shows a warning once per call site; here once per message
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message);
}

interface ReductionOptions {
  reduction?: Reduction;
}

/**
 * PyTorch's `weight` is the third positional argument of cross_entropy, nll_loss and the binary
 * cross-entropies: `F.crossEntropy(x, y, w)` or `F.crossEntropy(x, y, w, { reduction: "sum" })`,
 * as well as `{ weight: w }`. Returns the options with the weight folded in.
 */
function weightFirst<O extends { weight?: Tensor | null }>(fn: string, weightOrOptions: Tensor | null | O | undefined, options: Omit<O, "weight"> | undefined): O | undefined {
  if (!(weightOrOptions instanceof Tensor) && weightOrOptions !== null) {
    if (options !== undefined) throw new TypeError(`${fn}(): the options object must be the last argument, got ${describeValue(options)} after it`);
    return weightOrOptions as O | undefined;
  }
  if (options !== undefined && isPlainObject(options) && "weight" in options) throw new TypeError(`${fn}(): got multiple values for argument 'weight'`);
  if (options !== undefined && !isPlainObject(options)) throw new TypeError(`${fn}(): options must be a plain object, not ${describeValue(options)}`);
  return { ...(options ?? {}), weight: weightOrOptions } as O;
}

function pointwise(fn: string, input: unknown, target: unknown, options: object | undefined, keys: string[]): [Tensor, Tensor, Reduction] {
  const x = tensorArg(fn, "input", 0, input);
  const y = tensorArg(fn, "target", 1, target);
  checkOptions(fn, options, ["reduction", ...keys]);
  const r = checkReduction((options as ReductionOptions | undefined)?.reduction ?? "mean");
  if (x._shape.join() !== y._shape.join()) {
    warnOnce(
      `Using a target size (${pySize(y._shape)}) that is different to the input size (${pySize(x._shape)}). ` +
        "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
    );
  }
  return [x, y, r];
}

/**
 * Mean squared error: (x − y)², reduced.
 * @example F.mseLoss(torch.tensor([1., 2]), torch.tensor([1., 4]))   // tensor(2.)
 */
export function mseLoss(input: Tensor, target: Tensor, options?: ReductionOptions): Tensor {
  maxArgs("mseLoss", arguments.length, 3);
  const [x, y, r] = pointwise("mseLoss", input, target, options, []);
  if (x._shape.join() === y._shape.join() && x.dtype === y.dtype && x.dtype.isFloatingPoint) return mseSameShape(x, y, r);
  return reduce(x.sub(y).square(), r);
}

/** |x − y|, reduced. */
export function l1Loss(input: Tensor, target: Tensor, options?: ReductionOptions): Tensor {
  maxArgs("l1Loss", arguments.length, 3);
  const [x, y, r] = pointwise("l1Loss", input, target, options, []);
  return reduce(x.sub(y).abs(), r);
}

/** 0.5·d²/β where |d| < β, |d| − 0.5β elsewhere (β = 0: the L1 loss). */
export function smoothL1Loss(input: Tensor, target: Tensor, options?: ReductionOptions & { beta?: number }): Tensor {
  maxArgs("smoothL1Loss", arguments.length, 3);
  const [x, y, r] = pointwise("smoothL1Loss", input, target, options, ["beta"]);
  const beta = options?.beta ?? 1;
  if (typeof beta !== "number") throw argTypeError("smoothL1Loss", "beta", 3, "float", beta);
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  if (beta === 0) {
    // |x − y|, with PyTorch's kernel's gradients at a tie (−1 for both), where abs() would give 0
    if (x._shape.join() === y._shape.join() && x.dtype === y.dtype && x.dtype.isFloatingPoint) return smoothL1ZeroBeta(x, y, r);
    return reduce(x.sub(y).abs(), r);
  }
  const d = x.sub(y).abs();
  return reduce(where(d.lt(beta), d.square().mul(0.5 / beta), d.sub(0.5 * beta)), r);
}

/** 0.5·d² where |d| < δ, δ·(|d| − 0.5δ) elsewhere. */
export function huberLoss(input: Tensor, target: Tensor, options?: Reduction | (ReductionOptions & { delta?: number }), deltaArg?: number): Tensor {
  maxArgs("huberLoss", arguments.length, 4);
  // PyTorch's positional order: huber_loss(input, target, reduction='mean', delta=1.0)
  if (typeof options === "string") options = deltaArg === undefined ? { reduction: options } : { reduction: options, delta: deltaArg };
  else if (deltaArg !== undefined) throw new TypeError("huberLoss(): delta goes after the reduction, or in the options object");
  const [x, y, r] = pointwise("huberLoss", input, target, options, ["delta"]);
  const delta = options?.delta ?? 1;
  if (typeof delta !== "number") throw argTypeError("huberLoss", "delta", 3, "float", delta);
  if (!(delta > 0)) throw new RuntimeError("huber_loss does not support non-positive values for delta.");
  const d = x.sub(y).abs();
  const l = reduce(where(d.lt(delta), d.square().mul(0.5), d.sub(0.5 * delta).mul(delta)), r);
  return l.dtype === x.dtype ? l : l.to(x.dtype); // PyTorch's huber_loss keeps the input's dtype
}

/** The binary cross-entropy of probabilities: −w·[y·log x + (1−y)·log(1−x)], each log clamped at −100. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  weightOrOptions?: Tensor | null | (ReductionOptions & { weight?: Tensor | null }),
  moreOptions?: ReductionOptions,
): Tensor {
  maxArgs("binaryCrossEntropy", arguments.length, 4);
  const options = weightFirst("binaryCrossEntropy", weightOrOptions, moreOptions);
  const x = tensorArg("binaryCrossEntropy", "input", 0, input);
  const y = tensorArg("binaryCrossEntropy", "target", 1, target);
  checkOptions("binaryCrossEntropy", options, ["reduction", "weight"]);
  const r = checkReduction(options?.reduction ?? "mean");
  if (x._shape.join() !== y._shape.join()) {
    throw new ValueError(
      `Using a target size (${pySize(y._shape)}) that is different to the input size (${pySize(x._shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  if (y.dtype !== x.dtype) throw new RuntimeError(`binaryCrossEntropy: Found dtype ${y.dtype.scalarType} but expected ${x.dtype.scalarType}`);
  const v = x.detach().contiguous().toTypedArray();
  for (let i = 0; i < v.length; i++) {
    if (!((v[i] as number) >= 0 && (v[i] as number) <= 1)) throw new RuntimeError("all elements of input should be between 0 and 1");
  }
  const w = options?.weight;
  return bceLoss(x, y, w === undefined || w === null ? null : tensorArg("binaryCrossEntropy", "weight", 2, w), r);
}

/**
 * The binary cross-entropy of logits, stably (PyTorch's formula with max(−x, 0)), with
 * `posWeight` for the positive term and `weight` per element.
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  weightOrOptions?: Tensor | null | (ReductionOptions & { weight?: Tensor | null; posWeight?: Tensor | null }),
  moreOptions?: ReductionOptions & { posWeight?: Tensor | null },
): Tensor {
  maxArgs("binaryCrossEntropyWithLogits", arguments.length, 4);
  const options = weightFirst("binaryCrossEntropyWithLogits", weightOrOptions, moreOptions);
  const x = tensorArg("binaryCrossEntropyWithLogits", "input", 0, input);
  const y = tensorArg("binaryCrossEntropyWithLogits", "target", 1, target);
  checkOptions("binaryCrossEntropyWithLogits", options, ["reduction", "weight", "posWeight"]);
  const r = checkReduction(options?.reduction ?? "mean");
  if (x._shape.join() !== y._shape.join()) {
    throw new ValueError(`Target size (${pySize(y._shape)}) must be the same as input size (${pySize(x._shape)})`);
  }
  if (!y.dtype.isFloatingPoint) {
    throw new RuntimeError(`binaryCrossEntropyWithLogits: result type ${x.dtype.scalarType} can't be cast to the desired output type ${y.dtype.scalarType}`);
  }
  const maxVal = x.neg().clamp({ min: 0 });
  const logTerm = maxVal.neg().exp().add(x.neg().sub(maxVal).exp()).log().add(maxVal);
  const pw = options?.posWeight;
  let l: Tensor;
  if (pw !== undefined && pw !== null) {
    tensorArg("binaryCrossEntropyWithLogits", "pos_weight", 3, pw);
    const logWeight = pw.sub(1).mul(y).add(1);
    l = y.neg().add(1).mul(x).add(logWeight.mul(logTerm));
  } else {
    l = y.neg().add(1).mul(x).add(logTerm);
  }
  const w = options?.weight;
  if (w !== undefined && w !== null) l = l.mul(tensorArg("binaryCrossEntropyWithLogits", "weight", 2, w));
  return reduce(l, r);
}

/** The options of nllLoss and crossEntropy (PyTorch's keywords, camelCase). */
export interface ClassLossOptions extends ReductionOptions {
  weight?: Tensor | null;
  ignoreIndex?: number;
}

const sizeStr = (s: readonly number[]) => `[${s.join(", ")}]`;

/**
 * PyTorch 1.13's checks of nll_loss_nd, in its order: dims, batch sizes, then per input rank
 * (nll_loss for 1-2 dims, nll_loss2d for 4, a target-size check then nll_loss2d for 3 or 5+),
 * then the kernel's dtype checks (input, weight, target). Returns the number of classes.
 */
function checkClassTargets(fn: string, x: Tensor, y: Tensor, weight: Tensor | null): number {
  if (x.ndim < 1) throw new ValueError(`${fn}: Expected 1 or more dimensions (got ${x.ndim})`);
  // PyTorch reads target.sizes()[0] even of a 0-d target, which gives 0
  if (x.ndim !== 1 && x._shape[0] !== (y.ndim === 0 ? 0 : y._shape[0])) {
    throw new ValueError(`${fn}: Expected input batch_size (${x._shape[0]}) to match target batch_size (${y.ndim === 0 ? 0 : y._shape[0]}).`);
  }
  const C = x.ndim === 1 ? x._shape[0] : x._shape[1];
  if (x.ndim <= 2) {
    if (y.ndim > 1) throw new RuntimeError(`${fn}: 0D or 1D target tensor expected, multi-target not supported`);
    if (!(x.ndim === 1 && y.ndim === 0) && x._shape[0] !== y._shape[0]) {
      throw new RuntimeError(`${fn}: size mismatch (got input: ${sizeStr(x._shape)}, target: ${sizeStr(y._shape)})`);
    }
    if (weight !== null && (weight.ndim !== 1 || weight.numel() !== C)) {
      throw new RuntimeError(`${fn}: weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${sizeStr(weight._shape)}`);
    }
  } else {
    if (x.ndim === 4) {
      if (y.ndim !== 3) throw new RuntimeError(`${fn}: only batches of spatial targets supported (3D tensors) but got targets of dimension: ${y.ndim}`);
    } else {
      const expected = [x._shape[0], ...x._shape.slice(2)];
      if (y._shape.join() !== expected.join()) throw new RuntimeError(`${fn}: Expected target size ${sizeStr(expected)}, got ${sizeStr(y._shape)}`);
    }
    if (weight !== null && weight.numel() !== C) throw new RuntimeError(`${fn}: weight tensor should be defined either for all or no classes`);
    if (x.ndim === 4 && y._shape.slice(1).join() !== x._shape.slice(2).join()) {
      // (PyTorch's message has no closing parenthesis)
      throw new RuntimeError(`${fn}: size mismatch (got input: ${sizeStr(x._shape)} , target: ${sizeStr(y._shape)}`);
    }
  }
  if (!x.dtype.isFloatingPoint) {
    throw new RuntimeError(`${fn}: "${x.ndim <= 2 ? "nll_loss_out_frame" : "nll_loss2d_forward_out_frame"}" not implemented for '${x.dtype.scalarType}'`);
  }
  if (weight !== null && weight.dtype !== x.dtype) throw new RuntimeError(`${fn}: expected scalar type ${x.dtype.scalarType} but found ${weight.dtype.scalarType}`);
  if (y.dtype !== int64) throw new RuntimeError(`${fn}: expected scalar type Long but found ${y.dtype.scalarType}`);
  return C;
}

/** [N, C, d1, ...] → [N·d1·..., C] rows, and the target flattened (checked by checkClassTargets). */
function toRows(x: Tensor, y: Tensor): { rows: Tensor; flat: Tensor; outShape: number[] } {
  // a 1-D input reads only the target's first entry (PyTorch: a [C] input with a [1] target, or a 0-d one)
  if (x.ndim === 1) return { rows: x.unsqueeze(0), flat: y.reshape(-1).narrow(0, 0, 1), outShape: [] };
  if (x.ndim === 2) return { rows: x, flat: y, outShape: [x._shape[0]] };
  const C = x._shape[1];
  const perm = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2), 1];
  return { rows: x.permute(perm).reshape(-1, C), flat: y.reshape(-1), outShape: [x._shape[0], ...x._shape.slice(2)] };
}

/**
 * The negative log-likelihood of class indices: input [N, C] (or [C], or [N, C, d1, ...]) of
 * log-probabilities, target [N] int64 in [0, C) or `ignoreIndex` (default −100).
 */
export function nllLoss(input: Tensor, target: Tensor, weightOrOptions?: Tensor | null | ClassLossOptions, moreOptions?: ClassLossOptions): Tensor {
  maxArgs("nllLoss", arguments.length, 4);
  const options = weightFirst("nllLoss", weightOrOptions, moreOptions);
  const x = tensorArg("nllLoss", "input", 0, input);
  const y = tensorArg("nllLoss", "target", 1, target);
  checkOptions("nllLoss", options, ["weight", "ignoreIndex", "reduction"]);
  const r = checkReduction(options?.reduction ?? "mean");
  const weight = options?.weight ?? null;
  if (weight !== null) tensorArg("nllLoss", "weight", 2, weight);
  const ignore = options?.ignoreIndex ?? -100;
  if (typeof ignore !== "number" || !Number.isInteger(ignore)) throw argTypeError("nllLoss", "ignore_index", 4, "int", ignore);
  checkClassTargets("nllLoss", x, y, weight);
  const { rows, flat, outShape } = toRows(x, y);
  const l = nllRows(rows, flat, weight, r, ignore);
  return r === "none" && l._shape.join() !== outShape.join() ? l.reshape(outShape) : l;
}

/**
 * Cross-entropy of logits, fused with the log-softmax (stable; gradient softmax(x) − y):
 * class-index targets (int64, as nllLoss) or class probabilities (float, the input's shape),
 * with `weight`, `ignoreIndex` (index targets only), `labelSmoothing` and `reduction`.
 * @example F.crossEntropy(torch.tensor([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]]), torch.tensor([2, 1]))  // tensor(0.8106)
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  weightOrOptions?: Tensor | null | (ClassLossOptions & { labelSmoothing?: number }),
  moreOptions?: ClassLossOptions & { labelSmoothing?: number },
): Tensor {
  maxArgs("crossEntropy", arguments.length, 4);
  const options = weightFirst("crossEntropy", weightOrOptions, moreOptions);
  const x = tensorArg("crossEntropy", "input", 0, input);
  const y = tensorArg("crossEntropy", "target", 1, target);
  checkOptions("crossEntropy", options, ["weight", "ignoreIndex", "reduction", "labelSmoothing"]);
  const r = checkReduction(options?.reduction ?? "mean");
  const weight = options?.weight ?? null;
  if (weight !== null) tensorArg("crossEntropy", "weight", 2, weight);
  const ignore = options?.ignoreIndex ?? -100;
  if (typeof ignore !== "number" || !Number.isInteger(ignore)) throw argTypeError("crossEntropy", "ignore_index", 4, "int", ignore);
  let eps = options?.labelSmoothing ?? 0;
  if (typeof eps !== "number") throw argTypeError("crossEntropy", "label_smoothing", 7, "float", eps);
  // PyTorch checks the upper bound only when smoothing applies (> 0); a negative value means none
  if (eps > 1 || Number.isNaN(eps)) throw new RuntimeError(`crossEntropy: label_smoothing must be between 0.0 and 1.0. Got: ${eps}`);
  if (!(eps > 0)) eps = 0;
  const classDim = x.ndim === 1 ? 0 : 1;
  if (x._shape.join() === y._shape.join() && x.ndim === y.ndim) {
    // class probabilities (PyTorch: same sizes means soft targets, checked before anything else)
    if (!y.dtype.isFloatingPoint) throw new RuntimeError(`crossEntropy: Expected floating point type for target with class probabilities, got ${y.dtype.scalarType}`);
    if (ignore >= 0) throw new RuntimeError("crossEntropy: ignore_index is not supported for floating point target");
    if (x.ndim === 0) throw new IndexError("crossEntropy: Dimension specified as 1 but tensor has no dimensions");
    const C = x._shape[classDim];
    if (weight !== null && (weight.ndim !== 1 || weight.numel() !== C)) {
      throw new RuntimeError(`cross_entropy: weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${sizeStr(weight._shape)}`);
    }
    const logp = x.logSoftmax(classDim);
    const q = eps > 0 ? y.mul(1 - eps).add(eps / C) : y;
    let prod = logp.mul(q);
    if (weight !== null) prod = prod.mul(x.ndim <= 2 ? weight : weight.reshape([C, ...Array<number>(x.ndim - 2).fill(1)]));
    const perSample = prod.sum(classDim).neg();
    if (r === "none") return perSample;
    if (r === "sum") return perSample.sum();
    return x.ndim === 1 ? perSample : perSample.sum().div(x.numel() / C);
  }
  if (eps === 0 && x.ndim === 2 && y.ndim === 1 && y.dtype === int64 && x.dtype.isFloatingPoint) {
    // the common case, fused into one node (cross-entropy-op.ts)
    checkClassTargets("crossEntropy", x, y, weight);
    return crossEntropyRows(x, y, weight, r, ignore);
  }
  const logp = x.logSoftmax(classDim); // PyTorch's log_softmax runs before nll_loss_nd's checks
  const nll = nllLoss(logp, y, { weight, ignoreIndex: ignore, reduction: r });
  if (eps === 0) return nll;
  // label smoothing (ATen's cross_entropy_loss_label_smoothing, 1.13)
  const C = logp._shape[classDim];
  const { rows, flat, outShape } = toRows(logp, y);
  const ignored = flat.eq(ignore);
  let smooth = (weight === null ? rows : rows.mul(weight)).sum(1).neg();
  smooth = smooth.maskedFill(ignored, 0);
  let ret: Tensor;
  if (r === "none") ret = smooth.reshape(outShape);
  else if (r === "sum") ret = smooth.sum();
  else if (weight !== null) ret = smooth.sum().div(weight.get(flat.maskedSelect(ignored.logicalNot())).sum());
  else ret = smooth.sum().div(ignored.logicalNot().sum()); // the rows not ignored
  return nll.mul(1 - eps).add(ret.mul(eps / C));
}

