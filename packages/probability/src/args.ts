/**
 * The boundary of @torchts/probability: the option keys of every public
 * constructor, method and function, declared once (OPTION_KEYS), and the
 * argument checks with torch.distributions' messages. Parameter values are
 * then checked against their constraints by Distribution.init (validate_args).
 */
import { Generator, Tensor, TypeError, ValueError, argTypeError, checkOptions, describeValue } from "@torchts/autograd";

/** The option keys each public entry point accepts (torch.distributions' keyword arguments, camelCase). */
export const OPTION_KEYS = {
  /** every distribution constructor's trailing options */
  constructor: ["validateArgs"],
  /** the `{ probs | logits }` form of Bernoulli, Binomial, Categorical, Multinomial */
  probsOrLogits: ["probs", "logits", "validateArgs"],
  /** sample / rsample */
  sample: ["generator"],
  marginalize: ["atol", "keepdim"],
  condition: ["atol"],
  conditional: ["atol"],
  bayes: ["atol", "dim"],
  independenceGap: ["atol", "dims", "given"],
  isIndependent: ["atol", "dims", "given", "tolerance"],
  expectation: ["atol", "dim"],
  variance: ["atol", "dim"],
  standardDeviation: ["atol", "dim"],
  empiricalMean: ["dim", "keepdim"],
  empiricalVariance: ["dim", "keepdim", "correction"],
} as const satisfies Record<string, readonly string[]>;

/** Checks the trailing options of a constructor: known keys, and validateArgs a boolean. */
export function constructorOptions(fn: string, options: unknown, keys: readonly string[] = OPTION_KEYS.constructor): void {
  checkOptions(fn, options, keys);
  const v = (options as { validateArgs?: unknown } | undefined)?.validateArgs;
  if (v !== undefined && typeof v !== "boolean") throw argTypeError(fn, "validateArgs", undefined, "a boolean", v);
}

/** Checks sample / rsample options: known keys, and a Generator. */
export function sampleOptions(fn: string, options: unknown): Generator | undefined {
  checkOptions(fn, options, OPTION_KEYS.sample);
  const g = (options as { generator?: unknown } | undefined)?.generator;
  if (g !== undefined && !(g instanceof Generator)) throw argTypeError(fn, "generator", undefined, "torch.Generator", g);
  return g;
}

/** Checks a table function's options against its declared keys. */
export function tableOptions(fn: Exclude<keyof typeof OPTION_KEYS, "constructor" | "probsOrLogits" | "sample">, options: unknown): void {
  checkOptions(fn, options, OPTION_KEYS[fn]);
}

/**
 * A distribution parameter: a number, a boolean (a Python number too) or a tensor.
 * PyTorch's broadcast_all raises a ValueError for anything else; the message names the parameter.
 */
export function checkParam(fn: string, name: string, position: number, v: unknown): void {
  if (v instanceof Tensor || typeof v === "number" || typeof v === "boolean") return;
  throw new ValueError(
    `${fn}(): argument '${name}' (position ${position}) must be a number or a Tensor, not ${describeValue(v)} ` +
      "(Input arguments must all be instances of numbers.Number, torch.Tensor or objects implementing __torch_function__.)",
  );
}

/** A tensor argument of a table function. */
export function checkTensor(fn: string, name: string, position: number, v: unknown): void {
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, position, "Tensor", v);
}

/** `value` of logProb, cdf, icdf: a tensor or a number (PyTorch: "The value argument to log_prob must be a Tensor"). */
export function checkValueArg(fn: string, v: unknown): void {
  if (v instanceof Tensor || typeof v === "number") return;
  throw new ValueError(`${fn}(): The value argument must be a Tensor or a number, not ${describeValue(v)}`);
}

/** torch.Size's check of a sample shape entry. */
export function sizeEntryError(fn: string, i: number, v: unknown): TypeError {
  const py = typeof v === "number" ? "float" : typeof v === "string" ? "str" : describeValue(v);
  return new TypeError(`${fn}(): sample shape must be a list of integers: torch.Size() takes an iterable of 'int' (item ${i} is '${py}')`);
}

/** enumerateSupport's `expand`: a boolean. */
export function checkExpand(fn: string, v: unknown): void {
  if (typeof v !== "boolean") throw argTypeError(fn, "expand", 1, "a boolean", v);
}
