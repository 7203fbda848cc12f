/**
 * nn.init: PyTorch's initialisers (torch/nn/init.py), with its fan and gain formulas. Each
 * writes in place under noGrad (so a parameter's history is untouched), draws from the
 * global generator or `{ generator }`, and returns the tensor.
 */
import { Tensor, type Generator, TypeError, ValueError, argTypeError, checkOptions, describeValue, fromTypedArray, noGrad } from "@torchts/autograd";
import { maxArgs } from "./errors";

type Gen = { generator?: Generator };

function checkTensor(fn: string, t: unknown): Tensor {
  if (!(t instanceof Tensor)) throw argTypeError(fn, "tensor", 0, "Tensor", t);
  return t;
}
function num(fn: string, name: string, pos: number, v: unknown): number {
  if (typeof v !== "number") throw argTypeError(fn, name, pos, "float", v);
  return v;
}

/**
 * The gain PyTorch recommends for a nonlinearity: linear/conv/sigmoid 1, tanh 5/3, relu √2,
 * leaky_relu √(2/(1+slope²)) (slope default 0.01), selu 3/4.
 * @example nn.init.calculateGain("leaky_relu", 0.2)   // 1.3867504905630728
 */
export function calculateGain(nonlinearity: string, param?: number | null): number {
  maxArgs("calculateGain", arguments.length, 2);
  const linear = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"];
  if (linear.includes(nonlinearity) || nonlinearity === "sigmoid") return 1;
  if (nonlinearity === "tanh") return 5 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2);
  if (nonlinearity === "leaky_relu") {
    let slope = 0.01;
    if (param !== undefined && param !== null) {
      if (typeof param !== "number") {
        throw new ValueError(`calculateGain: negative_slope ${typeof param === "boolean" ? (param ? "True" : "False") : String(param)} not a valid number`);
      }
      slope = param;
    }
    return Math.sqrt(2 / (1 + slope ** 2));
  }
  if (nonlinearity === "selu") return 3 / 4;
  throw new ValueError(`calculateGain: Unsupported nonlinearity ${typeof nonlinearity === "string" ? nonlinearity : describeValue(nonlinearity)}`);
}

/** fan_in = size(1)·receptive field, fan_out = size(0)·receptive field (tensors of 2 dims or more). */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  maxArgs("calculateFanInAndFanOut", arguments.length, 1);
  checkTensor("calculateFanInAndFanOut", tensor);
  if (tensor.ndim < 2) throw new ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  let receptive = 1;
  for (let i = 2; i < tensor.ndim; i++) receptive *= tensor._shape[i];
  return [tensor._shape[1] * receptive, tensor._shape[0] * receptive];
}

function fan(tensor: Tensor, mode: unknown): number {
  if (mode !== "fan_in" && mode !== "fan_out") throw new ValueError(`Mode ${String(mode)} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return mode === "fan_in" ? fanIn : fanOut;
}

/** Fill with U(a, b). `nn.init.uniform_(w, -10, 10)` or `{ a, b }`. */
export function uniform_(tensor: Tensor, a: number | ({ a?: number; b?: number } & Gen) = 0, b = 1, options?: Gen): Tensor {
  maxArgs("uniform_", arguments.length, 4);
  checkTensor("uniform_", tensor);
  if (typeof a === "object") {
    checkOptions("uniform_", a, ["a", "b", "generator"]);
    return uniform_(tensor, a.a ?? 0, a.b ?? 1, { generator: a.generator });
  }
  num("uniform_", "a", 1, a);
  num("uniform_", "b", 2, b);
  checkOptions("uniform_", options, ["generator"]);
  return noGrad(() => tensor.uniform_(a, b, { generator: options?.generator }));
}

/** Fill with N(mean, std²). `nn.init.normal_(w, 0, 0.01)` or `nn.init.normal_(w, { std: 0.01 })`. */
export function normal_(tensor: Tensor, mean: number | ({ mean?: number; std?: number } & Gen) = 0, std = 1, options?: Gen): Tensor {
  maxArgs("normal_", arguments.length, 4);
  checkTensor("normal_", tensor);
  if (typeof mean === "object") {
    checkOptions("normal_", mean, ["mean", "std", "generator"]);
    return normal_(tensor, mean.mean ?? 0, mean.std ?? 1, { generator: mean.generator });
  }
  num("normal_", "mean", 1, mean);
  num("normal_", "std", 2, std);
  checkOptions("normal_", options, ["generator"]);
  return noGrad(() => tensor.normal_(mean, std, { generator: options?.generator }));
}

/** Fill with `val`. */
export function constant_(tensor: Tensor, val: number): Tensor {
  maxArgs("constant_", arguments.length, 2);
  checkTensor("constant_", tensor);
  num("constant_", "val", 1, val);
  return noGrad(() => tensor.fill_(val));
}
/** Fill with 1. */
export function ones_(tensor: Tensor): Tensor {
  maxArgs("ones_", arguments.length, 1);
  return constant_(checkTensor("ones_", tensor), 1);
}
/** Fill with 0. */
export function zeros_(tensor: Tensor): Tensor {
  maxArgs("zeros_", arguments.length, 1);
  checkTensor("zeros_", tensor);
  return noGrad(() => tensor.zero_());
}
/** The identity matrix (2-D tensors only; rectangular keeps as many ones as fit). */
export function eye_(tensor: Tensor): Tensor {
  maxArgs("eye_", arguments.length, 1);
  checkTensor("eye_", tensor);
  if (tensor.ndim !== 2) throw new ValueError("Only tensors with 2 dimensions are supported");
  return noGrad(() => {
    tensor.zero_();
    const n = Math.min(tensor._shape[0], tensor._shape[1]);
    for (let i = 0; i < n; i++) tensor.set(i, i, 1);
    return tensor;
  });
}

function gainOf(fn: string, gain: number | { gain?: number } | undefined): number {
  if (gain === undefined) return 1;
  if (typeof gain === "object") {
    checkOptions(fn, gain, ["gain", "generator"]);
    return num(fn, "gain", 1, gain.gain ?? 1);
  }
  return num(fn, "gain", 1, gain);
}
function genOf(fn: string, a: unknown, b: unknown): Generator | undefined {
  if (b !== undefined) checkOptions(fn, b, ["generator"]);
  const o = (typeof a === "object" && a !== null ? a : b) as Gen | undefined;
  return o?.generator;
}

/** Glorot uniform: U(−a, a) with a = gain·√(6/(fan_in+fan_out)). */
export function xavierUniform_(tensor: Tensor, gain?: number | ({ gain?: number } & Gen), options?: Gen): Tensor {
  maxArgs("xavierUniform_", arguments.length, 3);
  checkTensor("xavierUniform_", tensor);
  const g = gainOf("xavierUniform_", gain);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const a = Math.sqrt(3) * g * Math.sqrt(2 / (fanIn + fanOut));
  return noGrad(() => tensor.uniform_(-a, a, { generator: genOf("xavierUniform_", gain, options) }));
}
/** Glorot normal: N(0, std²) with std = gain·√(2/(fan_in+fan_out)). */
export function xavierNormal_(tensor: Tensor, gain?: number | ({ gain?: number } & Gen), options?: Gen): Tensor {
  maxArgs("xavierNormal_", arguments.length, 3);
  checkTensor("xavierNormal_", tensor);
  const g = gainOf("xavierNormal_", gain);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = g * Math.sqrt(2 / (fanIn + fanOut));
  return noGrad(() => tensor.normal_(0, std, { generator: genOf("xavierNormal_", gain, options) }));
}

/** The options of the kaiming initialisers (PyTorch's keyword arguments). */
export interface KaimingOptions extends Gen {
  /** The negative slope of the leaky_relu that follows (default 0). */
  a?: number;
  mode?: "fan_in" | "fan_out";
  nonlinearity?: string;
}

/** The number of arguments up to the last one given. */
function lastDefined(args: unknown[]): number {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return Math.max(n, 1);
}

/** PyTorch's order `(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`, or one options object (also after them). */
function kaimingArgs(fn: string, args: unknown[]): KaimingOptions | undefined {
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  if (args.length === 1 && (last === undefined || (typeof last === "object" && last !== null))) return last as KaimingOptions | undefined;
  const named = typeof last === "object" && last !== null ? (args.pop() as Record<string, unknown>) : {};
  if (args.length > 3) throw argTypeError(fn, "options", 4, "an options object", args[3]);
  checkOptions(fn, named, ["a", "mode", "nonlinearity", "generator"]);
  const out: Record<string, unknown> = { ...named };
  (["a", "mode", "nonlinearity"] as const).forEach((k, i) => {
    if (args[i] === undefined) return;
    if (k in named) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = args[i];
  });
  return out as KaimingOptions;
}

function kaimingStd(fn: string, tensor: Tensor, options: KaimingOptions | undefined): number | null {
  checkTensor(fn, tensor);
  checkOptions(fn, options, ["a", "mode", "nonlinearity", "generator"]);
  if (tensor.numel() === 0) {
    process.emitWarning("Initializing zero-element tensors is a no-op");
    return null;
  }
  const f = fan(tensor, options?.mode ?? "fan_in");
  const gain = calculateGain(options?.nonlinearity ?? "leaky_relu", options?.a ?? 0);
  return gain / Math.sqrt(f);
}

/**
 * He uniform: U(−bound, bound), bound = √3·gain/√fan. Linear's default weight is
 * `kaimingUniform_(w, { a: Math.sqrt(5) })`, i.e. U(−1/√in, 1/√in).
 */
export function kaimingUniform_(tensor: Tensor, a?: number | KaimingOptions, mode?: KaimingOptions["mode"] | KaimingOptions, nonlinearity?: string | KaimingOptions, more?: KaimingOptions): Tensor {
  maxArgs("kaimingUniform_", arguments.length, 5);
  const options = kaimingArgs("kaimingUniform_", [a, mode, nonlinearity, more].slice(0, lastDefined([a, mode, nonlinearity, more])));
  const std = kaimingStd("kaimingUniform_", tensor, options);
  if (std === null) return tensor;
  const bound = Math.sqrt(3) * std;
  return noGrad(() => tensor.uniform_(-bound, bound, { generator: options?.generator }));
}
/** He normal: N(0, (gain/√fan)²). */
export function kaimingNormal_(tensor: Tensor, a?: number | KaimingOptions, mode?: KaimingOptions["mode"] | KaimingOptions, nonlinearity?: string | KaimingOptions, more?: KaimingOptions): Tensor {
  maxArgs("kaimingNormal_", arguments.length, 5);
  const options = kaimingArgs("kaimingNormal_", [a, mode, nonlinearity, more].slice(0, lastDefined([a, mode, nonlinearity, more])));
  const std = kaimingStd("kaimingNormal_", tensor, options);
  if (std === null) return tensor;
  return noGrad(() => tensor.normal_(0, std, { generator: options?.generator }));
}

/** Inverse of erf (Giles' approximation refined by Newton steps on a double-precision erf). */
function erfinv(y: number): number {
  if (y <= -1) return -Infinity;
  if (y >= 1) return Infinity;
  let w = -Math.log((1 - y) * (1 + y));
  let x: number;
  if (w < 5) {
    w -= 2.5;
    let p = 2.81022636e-8;
    for (const c of [3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]) p = c + p * w;
    x = p * y;
  } else {
    w = Math.sqrt(w) - 3;
    let p = -0.000200214257;
    for (const c of [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]) p = c + p * w;
    x = p * y;
  }
  for (let i = 0; i < 2; i++) x -= (erf(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
}
/** erf to ~1e-15 (series near 0, continued fraction of erfc beyond). */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax, term = ax;
    for (let n = 1; n < 100; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(ax) by Lentz's continued fraction
  let f = ax, C = ax, D = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    D = ax + an * D;
    D = 1 / D;
    C = ax + an / C;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** truncNormal_'s keyword arguments. */
export interface TruncOptions extends Gen {
  mean?: number;
  std?: number;
  a?: number;
  b?: number;
}

/**
 * N(mean, std²) truncated to [a, b], by PyTorch 1.13's inverse-CDF method: uniform_(2Φ(a')−1,
 * 2Φ(b')−1) (so the same seed draws the same numbers), erfinv_, mul_(std·√2), add_(mean),
 * clamp_(a, b). PyTorch's float32 erfinv (glibc erff) may differ from ours by 1 ulp.
 */
export function truncNormal_(
  tensor: Tensor,
  meanArg?: number | TruncOptions,
  stdArg?: number | TruncOptions,
  aArg?: number | TruncOptions,
  bArg?: number | TruncOptions,
  more?: TruncOptions,
): Tensor {
  maxArgs("truncNormal_", arguments.length, 6);
  checkTensor("truncNormal_", tensor);
  // PyTorch's order (tensor, mean=0., std=1., a=-2., b=2.), or one options object (also after them)
  const given = [meanArg, stdArg, aArg, bArg, more];
  const args = given.slice(0, lastDefined(given));
  const last = args[args.length - 1];
  const named = (typeof last === "object" && last !== null ? args.pop() : undefined) as TruncOptions | undefined;
  if (args.length > 4) throw argTypeError("truncNormal_", "options", 5, "an options object", args[4]);
  checkOptions("truncNormal_", named, ["mean", "std", "a", "b", "generator"]);
  const options: TruncOptions = { ...named };
  (["mean", "std", "a", "b"] as const).forEach((k, i) => {
    if (args[i] === undefined) return;
    if (named !== undefined && k in named) throw new TypeError(`truncNormal_() got multiple values for argument '${k}'`);
    options[k] = args[i] as number;
  });
  const { mean = 0, std = 1, a = -2, b = 2 } = options ?? {};
  for (const [k, v] of [["mean", mean], ["std", std], ["a", a], ["b", b]] as const) num("truncNormal_", k, 1, v);
  if (mean < a - 2 * std || mean > b + 2 * std) {
    process.emitWarning("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.");
  }
  const cdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
  const l = cdf((a - mean) / std);
  const u = cdf((b - mean) / std);
  return noGrad(() => {
    tensor.uniform_(2 * l - 1, 2 * u - 1, { generator: options?.generator });
    const v = tensor.contiguous().toTypedArray();
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = erfinv(v[i] as number);
    // then PyTorch's steps, each rounded to the tensor's dtype: erfinv_, mul_, add_, clamp_
    tensor.copy_(fromTypedArray(out, tensor._shape.slice()));
    return tensor.mul_(std * Math.SQRT2).add_(mean).clamp_(a, b);
  });
}
