/**
 * Turning scalar variates into tensors: standard normal / exponential noise
 * for the reparameterised samplers, and elementwise sampling with parameters
 * broadcast over the batch shape (sample index outermost, as PyTorch lays out
 * `[...sampleShape, ...batchShape]`).
 */
import { type DType, type Generator, type Tensor, defaultGenerator, empty, fromTypedArray, randn } from "@torchts/autograd";
import { sampleOptions } from "./args";

/** Fresh float storage for `dtype` (float32 or float64). */
export function floatStorage(dtype: DType, n: number): Float32Array | Float64Array {
  return dtype.name === "float64" ? new Float64Array(n) : new Float32Array(n);
}

/** The generator of sample / rsample options (checked: known keys, a Generator), else the global one. */
export function generatorOf(options: { generator?: Generator } | undefined, owner: object): Generator {
  return sampleOptions(`${owner.constructor.name}.sample`, options) ?? defaultGenerator;
}

/** A tensor of standard normals (no gradient): `torch.empty(shape).normal_()`, PyTorch's _standard_normal. */
export function standardNormal(shape: readonly number[], dtype: DType, g: Generator): Tensor {
  return randn([...shape], { dtype, generator: g });
}

/** A tensor of standard exponentials (no gradient): `torch.empty(shape).exponential_()`. */
export function standardExponential(shape: readonly number[], dtype: DType, g: Generator): Tensor {
  return empty([...shape], { dtype }).exponential_(1, { generator: g });
}

/** A parameter's values over the batch shape, as a float64 array in row-major order. */
export function batchValues(param: Tensor, batchShape: readonly number[]): Float64Array {
  const t = param.detach().expand([...batchShape]).contiguous();
  return Float64Array.from(t.toTypedArray());
}

/**
 * Sample elementwise into a float tensor of `dtype`: element j of the output
 * uses batch element j mod B of each parameter array (all of length B = batch numel).
 */
export function sampleElementwise(
  shape: readonly number[],
  dtype: DType,
  params: readonly Float64Array[],
  draw: (j: number) => number,
): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const batch = params.length > 0 ? params[0].length : 1;
  const out = floatStorage(dtype, n);
  if (batch > 0) for (let j = 0; j < n; j++) out[j] = draw(j % batch);
  return fromTypedArray(out, [...shape]);
}
