/**
 * Random tensors: rand, randn, randint, normal, randperm. Each draws from the
 * global generator unless `{ generator }` is given.
 */
import { type DType, allocate, defaultFloat, float32, int64, isNarrowInt, uint8 } from "./dtype";
import { RuntimeError } from "./errors";
import { type TensorOptions, finish, parseShapeArgs } from "./creation";
import { type Generator, defaultGenerator } from "./random";
import { numelOf, checkShape } from "./shape";
import { Tensor } from "./tensor";

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}
type Args = (number | readonly number[] | RandomOptions | undefined)[];

function fillUniform(data: Float32Array | Float64Array, from: number, to: number, g: Generator): void {
  const span = to - from;
  if (data instanceof Float32Array) for (let i = 0; i < data.length; i++) data[i] = from + span * g.random24();
  else for (let i = 0; i < data.length; i++) data[i] = from + span * g.random();
}

function fillNormal(data: Float32Array | Float64Array, mean: number, std: number, g: Generator): void {
  for (let i = 0; i < data.length; i++) data[i] = mean + std * g.normal();
}

function floatTensor(op: string, args: Args): [Tensor, RandomOptions | undefined] {
  const [shape, options] = parseShapeArgs(op, args);
  const dtype = (options as RandomOptions | undefined)?.dtype ?? defaultFloat;
  if (!dtype.isFloatingPoint) throw new RuntimeError(`${op}: expected a floating point dtype, got ${dtype}`);
  return [Tensor._fromData(allocate(dtype, numelOf(shape)), shape, dtype), options as RandomOptions | undefined];
}

/** Uniform on [0, 1): rand(2, 3) or rand([2, 3], { generator }). */
export function rand(...args: Args): Tensor {
  const [t, options] = floatTensor("rand", args);
  fillUniform(t._storage.data as Float32Array, 0, 1, options?.generator ?? defaultGenerator);
  return finish(t, options);
}

/** Standard normal: randn(3, 4). */
export function randn(...args: Args): Tensor {
  const [t, options] = floatTensor("randn", args);
  fillNormal(t._storage.data as Float32Array, 0, 1, options?.generator ?? defaultGenerator);
  return finish(t, options);
}

/** Uniform integers in [low, high): randint(high, size) or randint(low, high, size). int64 by default. */
export function randint(high: number, size: readonly number[], options?: RandomOptions): Tensor;
export function randint(low: number, high: number, size: readonly number[], options?: RandomOptions): Tensor;
export function randint(a: number, b: number | readonly number[], c?: readonly number[] | RandomOptions, d?: RandomOptions): Tensor {
  let low = 0;
  let high: number;
  let size: readonly number[];
  let options: RandomOptions | undefined;
  if (typeof b === "number") {
    low = a;
    high = b;
    size = c as readonly number[];
    options = d;
  } else {
    high = a;
    size = b;
    options = c as RandomOptions | undefined;
  }
  if (!(low < high)) throw new RuntimeError(`randint: random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const shape = checkShape("randint", size);
  const dtype: DType = options?.dtype ?? int64;
  if (isNarrowInt(dtype)) {
    // as PyTorch's random_: both ends must fit the dtype (uint8: 0 <= low, high - 1 <= 255)
    const bits = dtype.itemsize * 8;
    const lo = dtype === uint8 ? 0 : -(2 ** (bits - 1));
    const hi = dtype === uint8 ? 255 : 2 ** (bits - 1) - 1;
    if (low < lo || low > hi) throw new RuntimeError(`randint: from is out of bounds for ${dtype.name} (from=${low}, to=${high})`);
    if (high - 1 < lo || high - 1 > hi) throw new RuntimeError(`randint: to - 1 is out of bounds for ${dtype.name} (from=${low}, to=${high})`);
  }
  const data = allocate(dtype, numelOf(shape));
  const g = options?.generator ?? defaultGenerator;
  for (let i = 0; i < data.length; i++) data[i] = g.integer(low, high);
  return finish(Tensor._fromData(data, shape, dtype), options);
}

/** normal(mean, std, size): Gaussian samples; mean/std may be tensors (broadcast). */
export function normal(mean: number | Tensor, std: number | Tensor, size?: readonly number[], options?: RandomOptions): Tensor {
  const g = options?.generator ?? defaultGenerator;
  if (typeof std === "number" && std < 0) throw new RuntimeError(`normal: normal expects std >= 0.0, but found std ${std}`);
  if (typeof mean === "number" && typeof std === "number") {
    const shape = checkShape("normal", size ?? []);
    const dtype = options?.dtype ?? float32;
    const t = Tensor._fromData(allocate(dtype, numelOf(shape)), shape, dtype);
    fillNormal(t._storage.data as Float32Array, mean, std, g);
    return finish(t, options);
  }
  // tensor parameters: mean + std * eps, built from ops so it broadcasts (and is differentiable)
  const ref = (mean instanceof Tensor ? mean : std) as Tensor;
  const shape = mean instanceof Tensor && std instanceof Tensor ? mean.add(std).shape : ref.shape;
  const eps = randn([...shape], { dtype: ref.dtype.isFloatingPoint ? ref.dtype : float32, generator: g });
  if (std instanceof Tensor && std.lt(0).any().item()) throw new RuntimeError("normal: normal expects all elements of std >= 0.0");
  return eps.mul(std).add(mean);
}

/** A random permutation of 0..n-1 (int64). */
export function randperm(n: number, options?: RandomOptions): Tensor {
  const g = options?.generator ?? defaultGenerator;
  const dtype = options?.dtype ?? int64;
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.integer(0, i + 1);
    const tmp = data[i];
    data[i] = data[j];
    data[j] = tmp;
  }
  return finish(Tensor._fromData(data, [n], dtype), options);
}

export { fillNormal, fillUniform };
