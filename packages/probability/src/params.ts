/**
 * Distribution parameters and values: numbers or tensors, made tensors of one
 * floating dtype and broadcast together (PyTorch's `broadcast_all`), and
 * sample shapes validated.
 */
import { type DType, Tensor, ValueError, asTensor, broadcastShapes, broadcastTensors, float32 } from "@torchts/autograd";

/** A distribution parameter: a number or a tensor (broadcast against the others). */
export type Param = number | Tensor;

/** The floating dtype for a distribution: the first floating tensor's, else the default (float32). */
export function paramDType(values: readonly unknown[]): DType {
  for (const v of values) if (v instanceof Tensor && v.dtype.isFloatingPoint) return v.dtype;
  return float32;
}

/**
 * PyTorch's `broadcast_all`: numbers become tensors (of the first floating
 * tensor's dtype, else float32) and everything is expanded to one shape.
 * Unlike PyTorch, integer and bool tensors are cast to that float dtype rather
 * than numbers being cast to the integer dtype (which truncates 0.5 to 0).
 * @example broadcastAll("Normal", [0, tensor([1, 2.5])]) // two tensors of shape [2]
 */
export function broadcastAll(op: string, values: readonly unknown[]): Tensor[] {
  for (const [i, v] of values.entries()) {
    if (!(v instanceof Tensor) && typeof v !== "number") {
      throw new ValueError(`${op}: argument ${i} must be a number or a Tensor (got ${v === null ? "null" : typeof v})`);
    }
  }
  const dtype = paramDType(values);
  const tensors = (values as Param[]).map((v) => (v instanceof Tensor && v.dtype.isFloatingPoint ? v : asTensor(v, { dtype })));
  // checked here first so that a mismatch names the distribution
  let shape: number[] = [];
  for (const t of tensors) shape = broadcastShapes(op, shape, [...t.shape]);
  return broadcastTensors(...tensors);
}

/**
 * A value for `logProb`, `cdf`, ...: a number becomes a tensor of the
 * distribution's dtype; a tensor is used as it is (PyTorch's methods take
 * tensors and do not cast them; type promotion then applies).
 */
export function valueTensor(value: Param, dtype: DType): Tensor {
  return value instanceof Tensor ? value : asTensor(value, { dtype });
}

/** Validate and normalise a sample shape: `[]`, `[1000]`, or a bare count. */
export function sampleShapeOf(op: string, sampleShape: number | readonly number[] | undefined): number[] {
  const shape = sampleShape === undefined ? [] : typeof sampleShape === "number" ? [sampleShape] : [...sampleShape];
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new ValueError(`${op}: sample shape must hold non-negative integers, got [${shape.join(", ")}]`);
  }
  return shape;
}
