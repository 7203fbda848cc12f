/**
 * nn.functional (the activations, linear, dropout, oneHot): the math the layers call, so a
 * layer and its function agree by construction. Losses are in loss-functional.ts.
 * Each is a composite of differentiable tensor ops, so gradients come from autograd.
 */
import {
  type DType,
  RuntimeError,
  Tensor,
  ValueError,
  argTypeError,
  checkOptions,
  int64,
  empty,
  softplus,
  logsigmoid,
  relu_ as torchRelu_,
  zeros,
} from "@torchts/autograd";

import { linear2d } from "./linear-op";
import { preluOp } from "./prelu-op";
import { leakyReluInplaceOp, leakyReluOp } from "./leaky-relu-op";
import { maxArgs } from "./errors";

export { softplus, logsigmoid };

function tensorArg(fn: string, name: string, pos: number, v: unknown): Tensor {
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, pos, "Tensor", v);
  return v;
}

/** `inplace` positionally (PyTorch's `F.relu(x, True)`) or as `{ inplace }`. */
function inplaceArg(fn: string, pos: number, options: boolean | { inplace?: boolean } | undefined): boolean {
  if (typeof options === "boolean") return options;
  checkOptions(fn, options, ["inplace"]);
  const v = options?.inplace ?? false;
  if (typeof v !== "boolean") throw argTypeError(fn, "inplace", pos, "bool", v);
  return v;
}

/**
 * max(0, x). With `inplace` (`F.relu(x, true)` or `{ inplace: true }`) the result is written
 * into `input` and `input` is returned (`torch.relu_`: grad_fn ReluBackward0, as PyTorch's).
 * @example F.relu(torch.tensor([-1, 2.5]))   // tensor([0.0000, 2.5000])
 */
export function relu(input: Tensor, options?: boolean | { inplace?: boolean }): Tensor {
  maxArgs("relu", arguments.length, 2);
  tensorArg("relu", "input", 0, input);
  const inplace = inplaceArg("relu", 1, options);
  return inplace ? relu_(input) : input.relu();
}

/** max(0, x) written into `input`, which is returned (PyTorch's `F.relu_`, i.e. `torch.relu_`). */
export function relu_(input: Tensor): Tensor {
  maxArgs("relu_", arguments.length, 1);
  return torchRelu_(tensorArg("relu_", "input", 0, input));
}

/**
 * x for x > 0, negativeSlope·x otherwise (default slope 0.01), floating dtypes; grad_fn
 * LeakyReluBackward0. With `inplace` it is `leakyRelu_`.
 * @example F.leakyRelu(torch.tensor([-1, 2.5]), 0.1)   // tensor([-0.1000,  2.5000])
 */
export function leakyRelu(input: Tensor, negativeSlope: number | { negativeSlope?: number; inplace?: boolean } = 0.01, options?: boolean | { inplace?: boolean }): Tensor {
  maxArgs("leakyRelu", arguments.length, 3);
  tensorArg("leakyRelu", "input", 0, input);
  if (typeof negativeSlope === "object" && negativeSlope !== null) {
    checkOptions("leakyRelu", negativeSlope, ["negativeSlope", "inplace"]);
    return leakyRelu(input, negativeSlope.negativeSlope ?? 0.01, { inplace: negativeSlope.inplace });
  }
  if (typeof negativeSlope !== "number") throw argTypeError("leakyRelu", "negative_slope", 1, "Number", negativeSlope);
  const inplace = inplaceArg("leakyRelu", 2, options);
  return inplace ? leakyReluInplaceOp(input, negativeSlope) : leakyReluOp(input, negativeSlope);
}

/**
 * leaky_relu written into `input`, which is returned (PyTorch's `F.leaky_relu_`; grad_fn
 * LeakyReluBackward1, whose backward refuses a negative slope, as PyTorch's).
 */
export function leakyRelu_(input: Tensor, negativeSlope: number | { negativeSlope?: number } = 0.01): Tensor {
  maxArgs("leakyRelu_", arguments.length, 2);
  tensorArg("leakyRelu_", "input", 0, input);
  if (typeof negativeSlope === "object" && negativeSlope !== null) {
    checkOptions("leakyRelu_", negativeSlope, ["negativeSlope"]);
    negativeSlope = negativeSlope.negativeSlope ?? 0.01;
  }
  if (typeof negativeSlope !== "number") throw argTypeError("leakyRelu_", "negative_slope", 1, "Number", negativeSlope);
  return leakyReluInplaceOp(input, negativeSlope);
}

/**
 * PReLU: x for x > 0, w·x otherwise, with `weight` of 1 element or one per channel (dim 1).
 * @example F.prelu(torch.tensor([-2, 3.5]), torch.tensor([0.25]))   // tensor([-0.5000,  3.5000])
 */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  maxArgs("prelu", arguments.length, 2);
  tensorArg("prelu", "input", 0, input);
  tensorArg("prelu", "weight", 1, weight);
  if (weight.ndim > 1) throw new RuntimeError(`prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.ndim}`);
  if (weight.dtype !== input.dtype) throw new RuntimeError(`prelu: Found dtype ${weight.dtype.scalarType} but expected ${input.dtype.scalarType}`);
  const n = weight.numel();
  let w = n === 1 ? weight.reshape([]) : weight; // one slope: the output keeps the input's shape (even 0-d)
  if (n !== 1) {
    // PyTorch 1.13: the channel dim is dim 1; a 1-D input has one channel
    const channels = input.ndim >= 2 ? input._shape[1] : 1;
    if (channels !== n) {
      throw new RuntimeError(`prelu: Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
    }
    if (input.ndim >= 2) w = weight.reshape([n, ...Array<number>(input.ndim - 2).fill(1)]);
  }
  return preluOp(input, w);
}

/** GELU: x·Φ(x) (`approximate: "none"`), or the tanh approximation (`approximate: "tanh"`). */
export function gelu(input: Tensor, options?: { approximate?: "none" | "tanh" }): Tensor {
  maxArgs("gelu", arguments.length, 2);
  tensorArg("gelu", "input", 0, input);
  checkOptions("gelu", options, ["approximate"]);
  const approx = options?.approximate ?? "none";
  if (approx === "none") return input.mul(input.mul(Math.SQRT1_2).erf().add(1)).mul(0.5);
  if (approx === "tanh") {
    const inner = input.add(input.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return input.mul(inner.tanh().add(1)).mul(0.5);
  }
  throw new RuntimeError(`gelu: approximate argument must be either none or tanh.`);
}

export function sigmoid(input: Tensor): Tensor {
  maxArgs("sigmoid", arguments.length, 1);
  return tensorArg("sigmoid", "input", 0, input).sigmoid();
}
export function tanh(input: Tensor): Tensor {
  maxArgs("tanh", arguments.length, 1);
  return tensorArg("tanh", "input", 0, input).tanh();
}

/** The options of softmax and logSoftmax (PyTorch's keywords). */
export interface SoftmaxOptions {
  dim?: number | null;
  /** Cast the input to this dtype first. */
  dtype?: DType | null;
}

/** PyTorch's implicit softmax dim (deprecated there, with a warning): 0 for 0-, 1- and 3-d inputs, else 1. */
export function implicitSoftmaxDim(fn: string, ndim: number): number {
  warnOnce(`Implicit dimension choice for ${fn} has been deprecated. Change the call to include dim=X as an argument.`);
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message);
}

function softmaxArgs(fn: string, input: Tensor, dim: number | null | SoftmaxOptions | undefined, options: SoftmaxOptions | undefined): [Tensor, number] {
  tensorArg(fn, "input", 0, input);
  if (dim !== null && typeof dim === "object") {
    checkOptions(fn, dim, ["dim", "dtype"]);
    options = dim;
    dim = dim.dim;
  } else checkOptions(fn, options, ["dtype"]);
  let x = input;
  const dtype = options?.dtype;
  if (dtype !== undefined && dtype !== null) x = x.to(dtype);
  if (dim === undefined || dim === null) return [x, implicitSoftmaxDim(fn, input.ndim)];
  if (typeof dim !== "number" || !Number.isInteger(dim)) throw argTypeError(fn, "dim", 1, "int", dim);
  return [x, dim];
}

/**
 * softmax along `dim`: `F.softmax(x, 1)`, `F.softmax(x, { dim: 1 })`, `F.softmax(x, 1, { dtype: torch.float64 })`.
 * Without a dim, PyTorch's implicit (deprecated) choice, with its warning.
 */
export function softmax(input: Tensor, dim?: number | null | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
  maxArgs("softmax", arguments.length, 3);
  const [x, d] = softmaxArgs("softmax", input, dim, options);
  return x.softmax(d);
}
/** log(softmax) along `dim`, computed stably (the same arguments as softmax). */
export function logSoftmax(input: Tensor, dim?: number | null | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
  maxArgs("logSoftmax", arguments.length, 3);
  const [x, d] = softmaxArgs("logSoftmax", input, dim, options);
  return x.logSoftmax(d);
}

/** Can `shape` be expanded to `target` (PyTorch's expand rules)? Its message if not, else null. */
function expandError(shape: readonly number[], target: readonly number[]): string | null {
  if (shape.length > target.length) return `the number of sizes provided (${target.length}) must be greater or equal to the number of dimensions in the tensor (${shape.length})`;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i];
    const t = target[target.length - i];
    if (s !== t && s !== 1) {
      return `The expanded size of the tensor (${t}) must match the existing size (${s}) at non-singleton dimension ${target.length - i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${shape.join(", ")}]`;
    }
  }
  return null;
}

/**
 * y = x·Wᵀ + b, for x of shape [..., in], W [out, in], b [out] (PyTorch's mat1/mat2 message on a width mismatch).
 * As PyTorch 1.13's: a 2-D input (or a contiguous 3-D one) with a bias is one addmm (bias
 * expanded to the output); otherwise matmul, then the bias added in place. A 1-D weight gives
 * a matrix-vector product.
 * @example F.linear(torch.ones(4, 3), torch.ones(2, 3), torch.zeros(2))   // shape [4, 2], every entry 3
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  maxArgs("linear", arguments.length, 3);
  if (bias !== undefined && bias !== null && !(bias instanceof Tensor) && typeof bias === "object") {
    checkOptions("linear", bias, ["bias"]);
    bias = bias.bias;
  }
  tensorArg("linear", "input", 0, input);
  tensorArg("linear", "weight", 1, weight);
  if (bias !== undefined && bias !== null) tensorArg("linear", "bias", 2, bias);
  const b = bias === undefined ? null : bias;
  if (weight.ndim > 2) throw new RuntimeError(`linear: t() expects a tensor with <= 2 dimensions, but self is ${weight.ndim}D`);
  if (input.ndim === 0 || weight.ndim === 0) {
    throw new RuntimeError(`linear: both arguments to matmul need to be at least 1D, but they are ${input.ndim}D and ${weight.ndim}D`);
  }
  const inF = input._shape[input.ndim - 1];
  const wIn = weight._shape[weight.ndim - 1];
  const rows = input.ndim === 1 ? 1 : input.numel() / Math.max(inF, 1);
  const addmm = b !== null && (input.ndim === 2 || (input.ndim === 3 && input.isContiguous()));
  if (addmm) {
    if (weight.ndim === 1) throw new RuntimeError("linear: mat2 must be a matrix, got 1-D tensor");
    if (inF !== wIn) throw new RuntimeError(`linear: mat1 and mat2 shapes cannot be multiplied (${rows}x${inF} and ${wIn}x${weight._shape[0]})`);
    if (b.dtype !== weight.dtype) throw new RuntimeError("linear: self and mat2 must have the same dtype");
    if (input.dtype !== weight.dtype) throw new RuntimeError("linear: mat1 and mat2 must have the same dtype");
    const outShape = [rows, weight._shape[0]];
    const bad = expandError(b._shape, outShape);
    if (bad !== null) throw new RuntimeError(`linear: ${bad}`);
    // the common case is one node, named as PyTorch's (linear-op.ts)
    if (input.ndim === 2 && b.ndim === 1 && b._shape[0] === weight._shape[0]) return linear2d(input, weight, b);
    const out = input.reshape([rows, inF]).matmul(weight.t()).add(b);
    return input.ndim === 2 ? out : out.reshape([...input._shape.slice(0, -1), weight._shape[0]]);
  }
  if (inF !== wIn) {
    if (weight.ndim === 1) {
      if (input.ndim === 1) {
        throw new RuntimeError(`linear: inconsistent tensor size, expected tensor [${inF}] and src [${wIn}] to have the same number of elements, but got ${inF} and ${wIn} elements respectively`);
      }
      throw new RuntimeError(`linear: size mismatch, got ${rows}, ${rows}x${inF},${wIn}`);
    }
    throw new RuntimeError(`linear: mat1 and mat2 shapes cannot be multiplied (${rows}x${inF} and ${wIn}x${weight._shape[0]})`);
  }
  if (input.dtype !== weight.dtype) throw new RuntimeError(`linear: expected scalar type ${input.dtype.scalarType} but found ${weight.dtype.scalarType}`);
  if (input.ndim === 2 && weight.ndim === 2 && b === null) return linear2d(input, weight, null);
  const out = input.matmul(weight.ndim === 1 ? weight : weight.t());
  if (b === null) return out;
  // PyTorch adds the bias in place: the output keeps its shape and dtype
  const sum = out.add(b);
  if (sum._shape.join() !== out._shape.join()) {
    throw new RuntimeError(`linear: output with shape [${out._shape.join(", ")}] doesn't match the broadcast shape [${sum._shape.join(", ")}]`);
  }
  return sum.dtype === out.dtype ? sum : sum.to(out.dtype);
}

/**
 * Inverted dropout: in training, each element is zeroed with probability p and the rest are
 * scaled by 1/(1−p); with `training: false` (or p = 0) the input itself comes back. The mask is
 * PyTorch's (a bernoulli_(1 − p) draw), so `torch.manualSeed(0)` gives PyTorch's zeros.
 * @example torch.manualSeed(0); F.dropout(torch.ones(4), 0.5)   // tensor([0., 0., 2., 0.]), as PyTorch
 */
export function dropout(input: Tensor, p: number | { p?: number; training?: boolean; inplace?: boolean } = 0.5, training = true, inplace = false): Tensor {
  maxArgs("dropout", arguments.length, 4);
  tensorArg("dropout", "input", 0, input);
  if (typeof p === "object") {
    checkOptions("dropout", p, ["p", "training", "inplace"]);
    return dropout(input, p.p ?? 0.5, p.training ?? true, p.inplace ?? false);
  }
  if (typeof p !== "number") throw argTypeError("dropout", "p", 1, "float", p);
  if (typeof training !== "boolean") throw argTypeError("dropout", "train", 2, "bool", training);
  if (typeof inplace !== "boolean") throw argTypeError("dropout", "inplace", 3, "bool", inplace);
  if (p < 0 || p > 1 || Number.isNaN(p)) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return input;
  if (!input.dtype.isFloatingPoint) throw new RuntimeError(`dropout: result type Float can't be cast to the desired output type ${input.dtype.scalarType}`);
  // PyTorch 1.13's CPU _dropout_impl: noise = empty_like(input).bernoulli_(1 - p).div_(1 - p), so the
  // same seed gives the same mask (p = 1 draws nothing: input * 0)
  const noise = p === 1 ? zeros([], { dtype: input.dtype }) : empty(input._shape, { dtype: input.dtype }).bernoulli_(1 - p).div_(1 - p);
  return inplace ? input.mul_(noise) : input.mul(noise);
}

/**
 * One-hot encoding of an int64 tensor: shape [..., numClasses] (numClasses −1: max + 1), int64.
 * @example F.oneHot(torch.tensor([0, 2]), 3)   // tensor([[1, 0, 0], [0, 0, 1]])
 */
export function oneHot(tensor: Tensor, numClasses: number | { numClasses?: number } = -1): Tensor {
  maxArgs("oneHot", arguments.length, 2);
  tensorArg("oneHot", "tensor", 0, tensor);
  if (typeof numClasses === "object" && numClasses !== null) {
    checkOptions("oneHot", numClasses, ["numClasses"]);
    numClasses = numClasses.numClasses ?? -1;
  }
  if (typeof numClasses !== "number" || !Number.isInteger(numClasses)) throw argTypeError("oneHot", "num_classes", 1, "int", numClasses);
  if (tensor.dtype !== int64) throw new RuntimeError("one_hot is only applicable to index tensor.");
  const v = tensor.contiguous().toTypedArray();
  let max = -1;
  for (let i = 0; i < v.length; i++) {
    if ((v[i] as number) < 0) throw new RuntimeError("Class values must be non-negative.");
    if ((v[i] as number) > max) max = v[i] as number;
  }
  let C = numClasses;
  if (C === -1) {
    if (v.length === 0) throw new RuntimeError("Can not infer total number of classes from empty tensor.");
    C = max + 1;
  } else if (max >= C) throw new RuntimeError("Class values must be smaller than num_classes.");
  else if (C < -1) throw new RuntimeError("num_classes should be positive");
  const out = new Float64Array(v.length * C);
  for (let i = 0; i < v.length; i++) out[i * C + (v[i] as number)] = 1;
  return Tensor._fromData(out, [...tensor._shape, C], int64); // int64 lives in a Float64Array
}
