/**
 * The sampling functions and methods built on the discrete samplers: bernoulli,
 * multinomial, and the in-place fills bernoulli_ and exponential_; plus the
 * fill order every in-place sampler shares (PyTorch's TensorIterator order).
 */
import { type TypedArray, allocate, float32 } from "./dtype";
import { DTypeError, RuntimeError, checkOptions, isPlainObject } from "./errors";
import { tracer } from "./hooks";
import { defineMethods } from "./methods";
import { type Generator, generatorOf } from "./random";
import { fillBernoulliScalar, fillBernoulliTensor, fillExponential, multinomialSample } from "./sampling-discrete";
import { scatterStrided } from "./storage";
import { Tensor } from "./tensor";
import { expand, permute } from "./views";

interface GeneratorOption {
  generator?: Generator;
}

/**
 * Run an in-place sampler over `target`: `fill` gets a contiguous buffer of the
 * target's numel and whether the target is contiguous; the values land in the order
 * PyTorch's TensorIterator visits a strided target (memory order: dims by
 * decreasing stride), so a transposed target gets PyTorch's numbers too.
 */
export function randomFill<T extends Tensor>(target: T, op: string, floatOnly: boolean, fill: (data: TypedArray, contiguous: boolean) => void, direct = false): T {
  if (floatOnly && !target.dtype.isFloatingPoint) throw new DTypeError(`${op}: expected a floating point tensor, got ${target.dtype}`);
  // float16/bfloat16 hold words: the fills write numbers
  if (target.dtype.code >= 8) throw new RuntimeError(`"${op}" not implemented for '${target.dtype.scalarType}' in torchts (fill a float32 tensor, then .half() or .bfloat16())`);
  for (let i = 0; i < target.ndim; i++) {
    if (target._strides[i] === 0 && target._shape[i] > 1) throw new RuntimeError(`${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`);
  }
  tracer()?.beforeInplace(op, target, null);
  const contiguous = target.isContiguous();
  // `direct`: a fill that reads nothing of the target writes a contiguous one in place (no copy)
  const v = direct && contiguous ? target._storage.data.subarray(target._offset, target._offset + target.numel()) : allocate(target.dtype, target.numel());
  fill(v, contiguous);
  if (contiguous) {
    if (!direct) target._storage.data.set(v, target._offset);
  } else {
    const order = target._shape.map((_, i) => i).sort((a, b) => target._strides[b] - target._strides[a] || a - b);
    const view = permute(target, [order]);
    scatterStrided(v, target._storage.data, view._shape, view._strides, view._offset);
  }
  target._storage.version++;
  tracer()?.afterInplace(op, target, null);
  return target;
}

function generatorOption(fn: string, options: unknown): Generator {
  if (options === undefined) return generatorOf(fn, undefined);
  checkOptions(fn, options, ["generator"]);
  return generatorOf(fn, (options as GeneratorOption).generator);
}

/** In place: each element becomes 1 with probability p (a number, or a tensor broadcast to the target). */
export function bernoulli_<T extends Tensor>(target: T, p: number | Tensor = 0.5, options?: GeneratorOption): T {
  const g = generatorOption("bernoulli_", options);
  if (p instanceof Tensor) {
    if (p.dtype.code >= 8) throw new RuntimeError(`"bernoulli_" with probabilities of dtype ${p.dtype.name} is not implemented for '${p.dtype.scalarType}' in torchts (use p.float())`);
    const pe = expand(p, [target._shape]).contiguous();
    const pv = pe._values();
    return randomFill(target, "bernoulli_", false, (d) => fillBernoulliTensor(d, pv, p.dtype === float32, g));
  }
  if (!(p >= 0 && p <= 1)) throw new RuntimeError(`bernoulli_: bernoulli_ expects p to be in [0, 1], but got p=${p}`);
  return randomFill(target, "bernoulli_", false, (d) => fillBernoulliScalar(d, p, g), true);
}

/**
 * Draws 0/1 with the probabilities in `input` (torch.bernoulli(input)), or with
 * a fixed `p` (torch.bernoulli(input, p)); the result has input's shape and dtype.
 * @example torch.bernoulli(torch.full([3], 0.5)) // tensor([1., 0., 1.]) after manualSeed(0)
 */
export function bernoulli(input: Tensor, p?: number | GeneratorOption, options?: GeneratorOption): Tensor {
  if (isPlainObject(p)) {
    options = p as GeneratorOption;
    p = undefined;
  }
  if (!input.dtype.isFloatingPoint && p === undefined) throw new RuntimeError(`bernoulli: "bernoulli_tensor_cpu_p_" not implemented for '${input.dtype.scalarType}' (the probabilities must be floating point)`);
  if (input.dtype.code >= 8) throw new RuntimeError(`"bernoulli" not implemented for '${input.dtype.scalarType}' in torchts (use input.float())`);
  const out = Tensor._fromData(allocate(input.dtype, input.numel()), input._shape.slice(), input.dtype);
  if (typeof p === "number") return bernoulli_(out, p, options);
  const pv = input.contiguous()._values();
  for (let i = 0; i < pv.length; i++) {
    if (!(pv[i] >= 0 && pv[i] <= 1)) throw new RuntimeError("bernoulli: Expected p_in >= 0 && p_in <= 1 to be true, but got false");
  }
  return bernoulli_(out, input, options);
}

/**
 * `numSamples` category indices per row of `input` (1-D or 2-D weights, not
 * necessarily normalised), int64: torch.multinomial. `replacement` positionally
 * or as `{ replacement }`.
 * @example torch.multinomial(torch.tensor([1, 1, 2], { dtype: torch.float32 }), 2) // e.g. tensor([2, 0])
 */
export function multinomial(
  input: Tensor,
  numSamples: number,
  replacement?: boolean | { replacement?: boolean; generator?: Generator },
  options?: GeneratorOption,
): Tensor {
  let rep = false;
  let opts: unknown = options;
  if (typeof replacement === "boolean") rep = replacement;
  else if (replacement !== undefined) {
    checkOptions("multinomial", replacement, ["replacement", "generator"]);
    rep = replacement.replacement ?? false;
    opts = { generator: replacement.generator };
  }
  const g = generatorOf("multinomial", (opts as GeneratorOption | undefined)?.generator);
  return multinomialSample("multinomial", input, numSamples, rep, g);
}

/** In place: exponential deviates with rate `lambd` (default 1). */
export function exponential_<T extends Tensor>(target: T, lambd = 1, options?: GeneratorOption): T {
  const g = generatorOption("exponential_", options);
  if (!(lambd >= 0)) throw new RuntimeError(`exponential_: exponential_ expects lambda >= 0.0, but found lambda=${lambd}`);
  return randomFill(target, "exponential_", true, (d) => fillExponential(d, lambd, g));
}

export interface RandomMethods {
  /** 0/1 draws with this tensor's probabilities (or a fixed p): torch.bernoulli. */
  bernoulli(p?: number | GeneratorOption, options?: GeneratorOption): Tensor;
  /** In place: 1 with probability p (number or tensor), else 0. */
  bernoulli_(p?: number | Tensor, options?: GeneratorOption): this;
  /** Category indices drawn from this tensor's rows: torch.multinomial. */
  multinomial(numSamples: number, replacement?: boolean | { replacement?: boolean; generator?: Generator }, options?: GeneratorOption): Tensor;
  /** In place: exponential deviates with rate lambd. */
  exponential_(lambd?: number, options?: GeneratorOption): this;
}

defineMethods({
  bernoulli(this: Tensor, p?: number | GeneratorOption, options?: GeneratorOption) {
    return bernoulli(this, p, options);
  },
  bernoulli_(this: Tensor, p?: number | Tensor, options?: GeneratorOption) {
    return bernoulli_(this, p, options);
  },
  multinomial(this: Tensor, numSamples: number, replacement?: boolean | { replacement?: boolean; generator?: Generator }, options?: GeneratorOption) {
    return multinomial(this, numSamples, replacement, options);
  },
  exponential_(this: Tensor, lambd?: number, options?: GeneratorOption) {
    return exponential_(this, lambd, options);
  },
});
