/**
 * Random tensors: rand, randn, randint, normal, randperm and the *Like forms.
 * Each draws from the global generator unless `{ generator }` is given, and
 * draws PyTorch 1.13's CPU numbers for the same seed and the same calls
 * (random-fill.ts says how; bernoulli and multinomial are in sampling-discrete.ts).
 */
import { type DType, allocate, defaultFloat, float32, int64, isNarrowInt, uint8 } from "./dtype";
import { RuntimeError, TypeError } from "./errors";
import { type TensorOptions, finish, parseShapeArgs } from "./creation";
import { type Generator, generatorOf } from "./random";
import { fillNormal, fillUniform } from "./random-fill";
import { CREATION_KEYS, creationOptions } from "./creation-args";
import { argTypeError, isPlainObject } from "./errors";
import { numelOf, checkShape } from "./shape";
import { Tensor } from "./tensor";

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}
type Args = (number | bigint | readonly number[] | RandomOptions | undefined)[];
/** The option keys of the random creation functions. */
const RANDOM_KEYS = [...CREATION_KEYS, "generator"];

function floatTensor(op: string, args: Args): [Tensor, RandomOptions | undefined] {
  const [shape, options] = parseShapeArgs<RandomOptions>(op, args, RANDOM_KEYS);
  return [emptyFloat(op, shape, options?.dtype), options];
}

function emptyFloat(op: string, shape: number[], dtype: DType | undefined): Tensor {
  const dt = dtype ?? defaultFloat;
  if (!dt.isFloatingPoint) throw new RuntimeError(`${op}: expected a floating point dtype, got ${dt}`);
  return Tensor._fromData(allocate(dt, numelOf(shape)), shape, dt);
}

/**
 * Uniform on [0, 1): rand(2, 3) or rand([2, 3], { generator, dtype }). float32
 * takes one 32-bit draw per element, float64 two.
 * @example torch.manualSeed(0); torch.rand(3) // tensor([0.4963, 0.7682, 0.0885]), as PyTorch
 */
export function rand(...args: Args): Tensor {
  const [t, options] = floatTensor("rand", args);
  fillUniform(t._storage.data as Float32Array, 0, 1, generatorOf("rand", options?.generator));
  return finish(t, options);
}

/**
 * Standard normal: randn(3, 4). 16 or more elements take PyTorch's vectorised
 * Box-Muller (in blocks of 16), fewer its scalar one.
 * @example torch.manualSeed(0); torch.randn(2) // tensor([1.5410, -0.2934]), as PyTorch
 */
export function randn(...args: Args): Tensor {
  const [t, options] = floatTensor("randn", args);
  fillNormal(t._storage.data as Float32Array, 0, 1, generatorOf("randn", options?.generator));
  return finish(t, options);
}

/** rand with `t`'s shape (and dtype unless `options.dtype`): torch.rand_like. */
export function randLike(t: Tensor, options?: RandomOptions): Tensor {
  const out = emptyFloat("randLike", t._shape.slice(), options?.dtype ?? t.dtype);
  fillUniform(out._storage.data as Float32Array, 0, 1, generatorOf("randLike", options?.generator));
  return finish(out, options);
}

/** randn with `t`'s shape (and dtype unless `options.dtype`): torch.randn_like. */
export function randnLike(t: Tensor, options?: RandomOptions): Tensor {
  const out = emptyFloat("randnLike", t._shape.slice(), options?.dtype ?? t.dtype);
  fillNormal(out._storage.data as Float32Array, 0, 1, generatorOf("randnLike", options?.generator));
  return finish(out, options);
}

/** Fill `data` with integers in [low, high) as random_(from, to): a word modulo the range (two words past 2^32). */
export function fillIntegers(data: { length: number; [i: number]: number }, low: number, high: number, g: Generator): void {
  const range = high - low;
  if (range < 4294967296) {
    for (let i = 0; i < data.length; i++) data[i] = low + (g._mt.nextUint32() % range);
  } else {
    const r = BigInt(range);
    for (let i = 0; i < data.length; i++) data[i] = low + Number(g.nextUint64() % r);
  }
}

/**
 * Uniform integers in [low, high): randint(high, size) or randint(low, high, size).
 * int64 by default; each element is one 32-bit draw modulo high − low (as PyTorch).
 * @example torch.manualSeed(0); torch.randint(0, 10, [3]) // tensor([4, 9, 3])
 */
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
  // PyTorch's binding takes ints only (randint(0.5, 10, [3]) is a TypeError)
  const names = typeof b === "number" ? ["low", "high"] : ["high"];
  [a, b].slice(0, names.length).forEach((v, i) => {
    if (!Number.isInteger(v)) throw argTypeError("randint", names[i], i + 1, "int", v);
  });
  if (!Array.isArray(size)) throw argTypeError("randint", "size", names.length + 1, "tuple of ints", size);
  options = creationOptions<RandomOptions>("randint", options, RANDOM_KEYS);
  if (!(low < high)) throw new RuntimeError(`randint: random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const [shape] = parseShapeArgs("randint", [size]);
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
  fillIntegers(data as Float64Array, low, high, generatorOf("randint", options?.generator));
  return finish(Tensor._fromData(data, shape, dtype), options);
}

/**
 * normal(mean, std, size) for numbers, or normal(mean, std) with tensor mean
 * and/or std (broadcast): Gaussian samples, drawn as PyTorch draws them — a
 * standard normal of the result's shape, then `· std + mean`.
 * @example torch.normal(torch.zeros(3), 2) // shape [3]
 */
export function normal(mean: number | Tensor, std: number | Tensor, size?: readonly number[] | RandomOptions, options?: RandomOptions): Tensor {
  if (typeof mean !== "number" && !(mean instanceof Tensor)) throw argTypeError("normal", "mean", 1, "Tensor or float", mean);
  if (typeof std !== "number" && !(std instanceof Tensor)) throw argTypeError("normal", "std", 2, "Tensor or float", std);
  if (options === undefined && isPlainObject(size)) [size, options] = [undefined, size as RandomOptions];
  options = creationOptions<RandomOptions>("normal", options, RANDOM_KEYS);
  if (size !== undefined && size !== null) {
    if (typeof mean !== "number" || typeof std !== "number") throw new TypeError("normal(): size is only taken with a float mean and std (normal(mean, std, size)); a tensor mean or std gives the shape");
    if (!Array.isArray(size)) throw argTypeError("normal", "size", 3, "tuple of ints", size);
  } else if (typeof mean === "number" && typeof std === "number") {
    throw new TypeError("normal(): with a float mean and std the size is required (normal(mean, std, size)), as in PyTorch");
  }
  const g = generatorOf("normal", options?.generator);
  if (typeof std === "number" && std < 0) throw new RuntimeError(`normal: normal expects std >= 0.0, but found std ${std}`);
  if (typeof mean === "number" && typeof std === "number") {
    const [shape] = size === undefined || size === null ? [[]] : parseShapeArgs("normal", [size]);
    const t = emptyFloat("normal", shape, options?.dtype ?? float32);
    fillNormal(t._storage.data as Float32Array, mean, std, g);
    return finish(t, options);
  }
  if (std instanceof Tensor && std.lt(0).any().item()) throw new RuntimeError("normal: normal expects all elements of std >= 0.0");
  // tensor parameters: built from ops so it broadcasts (and is differentiable)
  const ref = (mean instanceof Tensor ? mean : std) as Tensor;
  const shape = mean instanceof Tensor && std instanceof Tensor ? mean.add(std).shape : ref.shape;
  const eps = emptyFloat("normal", [...shape], ref.dtype.isFloatingPoint ? ref.dtype : float32);
  if (typeof std === "number") {
    // normal(Tensor mean, float std): normal_(0, std), then + mean
    fillNormal(eps._storage.data as Float32Array, 0, std, g);
    return eps.add(mean);
  }
  fillNormal(eps._storage.data as Float32Array, 0, 1, g);
  return eps.mul(std).add(mean);
}

/**
 * A random permutation of 0..n-1 (int64): PyTorch's Fisher-Yates, which swaps
 * r[i] with r[i + word % (n − i)] for i = 0..n−2.
 * @example torch.manualSeed(0); torch.randperm(4) // tensor([2, 0, 1, 3])
 */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (!Number.isInteger(n)) throw argTypeError("randperm", "n", 1, "int", n);
  options = creationOptions<RandomOptions>("randperm", options, RANDOM_KEYS);
  if (n < 0) throw new RuntimeError(`randperm(): Trying to create tensor with negative dimension ${n}: [${n}]`);
  const g = generatorOf("randperm", options?.generator);
  const dtype = options?.dtype ?? int64;
  const data = allocate(dtype, n);
  const mt = g._mt;
  if (n < Math.floor(4294967295 / 20)) {
    for (let i = 0; i < n; i++) data[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = mt.nextUint32() % (n - i);
      const tmp = data[i];
      data[i] = data[z + i];
      data[z + i] = tmp;
    }
  } else {
    // past 2^32/20 PyTorch switches to the inside-out shuffle on 64-bit draws (so % keeps no visible bias)
    for (let i = 0; i < n; i++) {
      const z = Number(g.nextUint64() % BigInt(i + 1));
      data[i] = data[z];
      data[z] = i;
    }
  }
  return finish(Tensor._fromData(data, [n], dtype), options);
}
