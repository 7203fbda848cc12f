/**
 * Smooth activations written as composites of primitive ops, with PyTorch's
 * formulas, options and gradients (autograd differentiates the composite; the
 * unused branch of each `where` is kept finite so that no inf·0 reaches a
 * gradient). They live in tensor, not in a future nn, so that probability uses
 * them today and `nn.functional` can re-export them later.
 */
import { DTypeError } from "./errors";
import { composite } from "./hooks";
import { checkedOp } from "./signature";
import type { Tensor } from "./tensor";

/** PyTorch's name of a non-floating scalar type, for its "not implemented for 'Long'" messages. */
const SCALAR_TYPE: Readonly<Record<string, string>> = { bool: "Bool", uint8: "Byte", int8: "Char", int16: "Short", int32: "Int", int64: "Long" };

function requireFloat(op: string, kernel: string, x: Tensor): void {
  if (!x.dtype.isFloatingPoint) {
    throw new DTypeError(`${op}: "${kernel}" not implemented for '${SCALAR_TYPE[x.dtype.name] ?? x.dtype.name}' (input shape [${x.shape.join(",")}])`);
  }
}

/** Options of `softplus`, as `torch.nn.functional.softplus(input, beta=1, threshold=20)`. */
export interface SoftplusOptions {
  /** Sharpness: softplus(x) = log(1 + e^(βx)) / β. Default 1. */
  beta?: number;
  /** Above βx > threshold the result is x itself (log1p(e^(βx))/β equals x there to working precision). Default 20. */
  threshold?: number;
}

/**
 * `torch.nn.functional.softplus`: log(1 + e^(βx)) / β, and x where βx > threshold.
 * Elementwise; the output has x's shape and (floating) dtype. Its gradient is
 * sigmoid(βx), and 1 in the linear region, as PyTorch's.
 *
 * @example
 * torch.softplus(torch.tensor([0, 1, 30], { dtype: torch.float32 }))  // tensor([ 0.6931,  1.3133, 30.0000])
 * torch.softplus(x, { beta: 2, threshold: 10 })
 */
export const softplus: (input: Tensor, beta?: number | SoftplusOptions, threshold?: number | SoftplusOptions, options?: SoftplusOptions) => Tensor = checkedOp(
  "softplus(Tensor input, Number beta=1, Number threshold=20)",
  softplusImpl,
);

function softplusImpl(x: Tensor, beta: number, threshold: number): Tensor {
  requireFloat("softplus", "softplus_cpu", x);
  const bx = beta === 1 ? x : x.mul(beta);
  const linear = bx.gt(threshold);
  // 0 instead of βx where the linear branch wins keeps exp finite in the branch `where`
  // discards (no inf·0 in the gradient); nan stays nan, with a nan gradient as PyTorch's
  const smooth = bx.where(linear.logicalNot(), 0).exp().log1p();
  return composite(x.where(linear, beta === 1 ? smooth : smooth.div(beta)), "softplus");
}

/**
 * `torch.nn.functional.logsigmoid`: log(1 / (1 + e^(−x))) = min(x, 0) − log1p(e^(−|x|)),
 * PyTorch's stable form (no overflow for any x). Elementwise, same shape and
 * dtype; the gradient is sigmoid(−x), ½ at x = 0.
 *
 * @example
 * torch.logsigmoid(torch.tensor([-100, 0, 100], { dtype: torch.float32 }))  // tensor([-100.0000,   -0.6931,    0.0000])
 */
export const logsigmoid: (input: Tensor) => Tensor = checkedOp("logsigmoid(Tensor input)", logsigmoidImpl);

function logsigmoidImpl(x: Tensor): Tensor {
  requireFloat("logsigmoid", "log_sigmoid_cpu", x);
  const negative = x.lt(0);
  // −|x| through `where`, which gives it slope −1 at 0 (abs's slope there is 0): the gradient at 0 is then ½
  const negAbs = x.where(negative, x.neg());
  const minZero = x.where(negative, 0);
  return composite(minZero.sub(negAbs.exp().log1p()), "logsigmoid");
}
