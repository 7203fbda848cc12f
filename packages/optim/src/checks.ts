/**
 * Argument checks shared by the optimizers and schedulers: option values are
 * checked for their JavaScript type at the boundary (PyTorch's Python would
 * fail later, inside a comparison or the update), while value ranges follow
 * PyTorch's own comparisons exactly, NaN included (`lr < 0` is false for NaN,
 * so `SGD` accepts it as PyTorch does; `!(0 <= lr)` is true, so `Adam` refuses it).
 */
import { Tensor, TypeError, ValueError, argTypeError, describeValue } from "@torchts/autograd";
import { pyStr } from "@torchts/tensor/py-format";

/** A number option: JS numbers, and booleans as Python's True/False (1/0). */
export function num(fn: string, name: string, v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw argTypeError(fn, name, undefined, "a number", v);
}

/** A flag option: a boolean. */
export function flag(fn: string, name: string, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  throw argTypeError(fn, name, undefined, "a boolean", v);
}

/** An integer option (epoch counts, sizes). */
export function int(fn: string, name: string, v: unknown): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw argTypeError(fn, name, undefined, "an integer", v);
}

/** `betas`: a pair of numbers. */
export function pair(fn: string, name: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw argTypeError(fn, name, undefined, "an array of two numbers", v);
  return [num(fn, `${name}[0]`, v[0]), num(fn, `${name}[1]`, v[1])];
}

/**
 * Python's `str()` of an option value in a message. JavaScript has one number type: whole
 * numbers print as Python ints (`-1`), others as floats (`-0.1`, `1e-08`); `asFloat` forces
 * a float where PyTorch's value is always one (betas: `1.0`).
 */
export function pyNum(v: number, asFloat?: boolean): string {
  return pyStr(v, asFloat);
}

/** PyTorch's check `if x < 0.0: raise ValueError("Invalid <what> value: x")` (NaN passes). */
export function notBelowZero(what: string, v: number): void {
  if (v < 0) throw new ValueError(`Invalid ${what}: ${pyNum(v)}`);
}

/** PyTorch's check `if not 0.0 <= x: raise ValueError(...)` (NaN fails). */
export function atLeastZero(what: string, v: number): void {
  if (!(0 <= v)) throw new ValueError(`Invalid ${what}: ${pyNum(v)}`);
}

/** `torch.typename(t)`: torch.FloatTensor for a float32 tensor. */
export function typename(v: unknown): string {
  if (v instanceof Tensor) return `torch.${v.dtype.scalarType}Tensor`;
  return describeValue(v);
}

/** A callable argument (closures, lr lambdas). */
export function callable(fn: string, name: string, v: unknown): (...args: never[]) => unknown {
  if (typeof v === "function") return v as (...args: never[]) => unknown;
  throw new TypeError(`${fn}(): argument '${name}' must be a function, not ${describeValue(v)}`);
}

/** Python's `warnings.warn(message, UserWarning)`. */
export function warn(message: string): void {
  process.emitWarning(message, "UserWarning");
}

/** `foreach`: PyTorch's switch to its multi-tensor kernels; torchts runs the single-tensor order only. */
export function foreachOption(fn: string, v: unknown): boolean | null {
  if (v === undefined || v === null) return null;
  if (v === false) return false;
  if (v === true) throw new ValueError(`${fn}(): foreach=true is not supported: torchts runs PyTorch's single-tensor update (fused, one pass per parameter)`);
  return flag(fn, "foreach", v);
}

/** `differentiable`: an update recorded by autograd; torchts's fused update is never recorded. */
export function notDifferentiable(fn: string, v: unknown): boolean {
  if (v === undefined || v === false) return false;
  if (v === true) throw new ValueError(`${fn}(): differentiable=true is not supported: the update runs outside autograd`);
  return flag(fn, "differentiable", v);
}
