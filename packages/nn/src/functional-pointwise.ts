/**
 * nn.functional's parameterised elementwise activations, each with PyTorch's in-place twin:
 * elu/elu_, selu/selu_, celu/celu_, hardtanh/hardtanh_, relu6, threshold/threshold_.
 * Arguments as PyTorch's, positional or in one trailing options object (activation-args.ts):
 * `F.elu(x, 0.5, true)`, `F.elu(x, { alpha: 0.5, inplace: true })`, `F.hardtanh_(x, { minVal: 0 })`.
 * In place, the result is the input itself with PyTorch's node (EluBackward1, ...: pointwise-activation-ops.ts).
 */
import { RuntimeError, Tensor, argTypeError } from "@torchts/autograd";
import { CELU, ELU, HARDTANH, RELU6, SELU, THRESHOLD, type ActivationDecl, parseActivationArgs } from "./activation-args";
import { eluOp, hardtanhOp, thresholdOp } from "./pointwise-activation-ops";

/** PyTorch's SELU constants (torch/nn/functional.py; ATen's selu). */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

type Opt<K extends string> = { [P in K]?: number } & { inplace?: boolean };
type OptIn<K extends string> = { [P in K]?: number };

function parse(decl: ActivationDecl, name: string, args: IArguments, withInplace: boolean): { x: Tensor; values: number[]; inplace: boolean } {
  const x = args[0] as unknown;
  if (!(x instanceof Tensor)) throw argTypeError(name, "input", 0, "Tensor", x);
  const { values, inplace } = parseActivationArgs(name, decl, Array.prototype.slice.call(args, 1), 1, withInplace);
  return { x, values, inplace };
}

/**
 * ELU: x for x > 0, alpha·(exp(x) − 1) otherwise (floating dtypes); grad_fn EluBackward0, in place EluBackward1.
 * @example F.elu(torch.tensor([-1, 2]), 0.5)   // tensor([-0.3161,  2.0000])
 */
export function elu(input: Tensor, alpha?: number | Opt<"alpha">, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function elu(): Tensor {
  const { x, values: [alpha], inplace } = parse(ELU, "elu", arguments, true);
  return eluOp(x, { alpha, scale: 1, inputScale: 1 }, inplace);
}
/** ELU written into `input`, which is returned (EluBackward1; its backward needs alpha ≥ 0, as PyTorch's). */
export function elu_(input: Tensor, alpha?: number | OptIn<"alpha">, options?: OptIn<"alpha">): Tensor;
export function elu_(): Tensor {
  const { x, values: [alpha] } = parse(ELU, "elu_", arguments, false);
  return eluOp(x, { alpha, scale: 1, inputScale: 1 }, true);
}

/** SELU: SELU_SCALE·elu(x, SELU_ALPHA); grad_fn EluBackward0, in place EluBackward1. */
export function selu(input: Tensor, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function selu(): Tensor {
  const { x, inplace } = parse(SELU, "selu", arguments, true);
  return eluOp(x, { alpha: SELU_ALPHA, scale: SELU_SCALE, inputScale: 1 }, inplace);
}
/** SELU written into `input`, which is returned (`torch.selu_`). */
export function selu_(input: Tensor): Tensor;
export function selu_(): Tensor {
  const { x } = parse(SELU, "selu_", arguments, false);
  return eluOp(x, { alpha: SELU_ALPHA, scale: SELU_SCALE, inputScale: 1 }, true);
}

function celuParams(alpha: number) {
  if (alpha === 0) throw new RuntimeError("ZeroDivisionError: alpha cannot be 0 for CELU");
  return { alpha, scale: 1, inputScale: 1 / alpha };
}
/** CELU: max(0, x) + min(0, alpha·(exp(x/alpha) − 1)); grad_fn CeluBackward0, in place CeluBackward1. */
export function celu(input: Tensor, alpha?: number | Opt<"alpha">, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function celu(): Tensor {
  const { x, values: [alpha], inplace } = parse(CELU, "celu", arguments, true);
  return eluOp(x, celuParams(alpha), inplace, true);
}
/** CELU written into `input`, which is returned (`torch.celu_`). */
export function celu_(input: Tensor, alpha?: number | OptIn<"alpha">, options?: OptIn<"alpha">): Tensor;
export function celu_(): Tensor {
  const { x, values: [alpha] } = parse(CELU, "celu_", arguments, false);
  return eluOp(x, celuParams(alpha), true, true);
}

/**
 * Hardtanh: x clamped to [minVal, maxVal] (default [−1, 1]); the gradient flows strictly inside.
 * grad_fn HardtanhBackward0, in place too (PyTorch's in-place node keeps a copy of the input).
 * @example F.hardtanh(torch.tensor([-2, 0.5, 3]))   // tensor([-1.0000,  0.5000,  1.0000])
 */
export function hardtanh(input: Tensor, minVal?: number | Opt<"minVal" | "maxVal">, maxVal?: number | Opt<"maxVal">, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function hardtanh(): Tensor {
  const { x, values: [lo, hi], inplace } = parse(HARDTANH, "hardtanh", arguments, true);
  return hardtanhOp(x, lo, hi, inplace);
}
/** Hardtanh written into `input`, which is returned. */
export function hardtanh_(input: Tensor, minVal?: number | OptIn<"minVal" | "maxVal">, maxVal?: number | OptIn<"maxVal">, options?: OptIn<"maxVal">): Tensor;
export function hardtanh_(): Tensor {
  const { x, values: [lo, hi] } = parse(HARDTANH, "hardtanh_", arguments, false);
  return hardtanhOp(x, lo, hi, true);
}
/** ReLU6: hardtanh(x, 0, 6) (grad_fn HardtanhBackward0). */
export function relu6(input: Tensor, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function relu6(): Tensor {
  const { x, inplace } = parse(RELU6, "relu6", arguments, true);
  return hardtanhOp(x, 0, 6, inplace);
}

/**
 * Threshold: `value` where x ≤ threshold, else x; grad_fn ThresholdBackward0, in place ThresholdBackward1.
 * @example F.threshold(torch.tensor([0.5, 2]), 1, 0)   // tensor([0., 2.])
 */
export function threshold(input: Tensor, threshold: number | Opt<"threshold" | "value">, value?: number | Opt<"value">, inplace?: boolean | Opt<never>, options?: Opt<never>): Tensor;
export function threshold(): Tensor {
  const { x, values: [thr, value], inplace } = parse(THRESHOLD, "threshold", arguments, true);
  return thresholdOp(x, thr, value, inplace);
}
/** Threshold written into `input`, which is returned (`torch.threshold_`). */
export function threshold_(input: Tensor, threshold: number | OptIn<"threshold" | "value">, value?: number | OptIn<"value">, options?: OptIn<"value">): Tensor;
export function threshold_(): Tensor {
  const { x, values: [thr, value] } = parse(THRESHOLD, "threshold_", arguments, false);
  return thresholdOp(x, thr, value, true);
}
