/**
 * Distribution parameters and values: numbers or tensors, made tensors of one
 * floating dtype and broadcast together (PyTorch's `broadcast_all`), and
 * sample shapes validated.
 */
import { type DType, RuntimeError, Tensor, TypeError, asTensor, broadcastShapes, broadcastTensors, describeValue, float32 } from "@torchts/autograd";
import { checkParam, sizeEntryError } from "./args";

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
export function broadcastAll(op: string, given: readonly unknown[], names?: readonly string[]): Tensor[] {
  for (const [i, v] of given.entries()) checkParam(op, names?.[i] ?? `argument ${i}`, i + 1, v);
  // a boolean is a Python number (True == 1), as broadcast_all takes it
  const values = given.map((v) => (typeof v === "boolean" ? Number(v) : v));
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
  if (sampleShape !== undefined && typeof sampleShape !== "number" && !Array.isArray(sampleShape)) {
    throw new TypeError(`${op}(): argument 'sampleShape' (position 1) must be a list of integers or an integer, not ${describeValue(sampleShape)}`);
  }
  const shape: unknown[] = sampleShape === undefined ? [] : typeof sampleShape === "number" ? [sampleShape] : [...sampleShape];
  shape.forEach((d, i) => {
    if (typeof d !== "number" || !Number.isInteger(d)) throw sizeEntryError(op, i, d);
  });
  const dims = shape as number[];
  if (dims.some((d) => d < 0)) {
    throw new RuntimeError(`${op}(): sample shape [${dims.join(", ")}] has a negative size (PyTorch: numel: integer multiplication overflow)`);
  }
  return dims;
}
