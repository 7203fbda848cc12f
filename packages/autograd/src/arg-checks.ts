/**
 * Argument checks of autograd's public functions, at the boundary, as PyTorch's Python
 * layer makes them: a non-tensor where tensors belong, a gradient of the wrong kind, an
 * unknown option, a non-boolean flag. Each message names the function and the argument.
 */
import { type Tensor as TensorT, Tensor, TypeError, ValueError, RuntimeError, argTypeError, checkOptions, describeValue } from "@torchts/tensor";

/** `v` as an array of tensors (a lone tensor is wrapped): `fn`'s argument `name` at `position`. */
export function tensorList(fn: string, name: string, position: number, v: unknown): TensorT[] {
  const list = v instanceof Tensor ? [v] : v;
  if (!Array.isArray(list)) throw argTypeError(fn, name, position, "Tensor or an array of Tensors", v);
  for (const t of list) {
    // PyTorch: "all inputs have to be Tensors, but got int" (a RuntimeError) for inputs; the same for outputs here
    if (!(t instanceof Tensor)) throw new RuntimeError(`${fn}: all ${name} have to be Tensors, but got ${describeValue(t)}`);
  }
  return list as TensorT[];
}

/** A gradient argument: a Tensor, or null/undefined for "implicit". */
export function checkGradient(fn: string, g: unknown): void {
  if (g !== undefined && g !== null && !(g instanceof Tensor)) {
    throw new TypeError(`${fn}: gradients can be either Tensors or None, but got ${describeValue(g)}${Array.isArray(g) ? " (wrap the values: torch.tensor([...]))" : ""}`);
  }
}

/** Option keys checked against `allowed`, and the boolean ones typed. */
export function checkFlags(fn: string, options: unknown, allowed: readonly string[], flags: readonly string[]): void {
  checkOptions(fn, options, allowed);
  if (options === undefined) return;
  const o = options as Record<string, unknown>;
  for (const f of flags) {
    if (o[f] !== undefined && typeof o[f] !== "boolean") throw argTypeError(fn, f, undefined, "bool", o[f]);
  }
}

export function checkNonEmptyInputs(fn: string, inputs: readonly TensorT[]): void {
  if (inputs.length === 0) throw new ValueError(`${fn}: grad requires non-empty inputs.`);
}

const AsyncFunction = (async () => {}).constructor;

/**
 * noGrad/enableGrad's callback: a synchronous function. Grad mode is a global switch
 * restored when the callback returns, so the part of an async callback after its first
 * `await` would run in the caller's mode: refuse it (before running it, when it is
 * declared `async`) and say what to do instead.
 */
export function checkCallback(fn: string, cb: unknown): void {
  if (typeof cb !== "function") throw argTypeError(fn, "fn", 0, "a function", cb);
  if (cb instanceof AsyncFunction) throw asyncError(fn);
}

export function asyncError(fn: string): TypeError {
  return new TypeError(
    `${fn}(): the callback is async (it returns a Promise): grad mode is restored when the callback returns, so the work after its first 'await' would run with gradients recorded. ` +
      `Await first and pass ${fn} a synchronous callback (${fn}(() => x.mul(2)) inside your async code), or open a scope around the awaits: ` +
      `const s = ${fn}.enter(); try { ... } finally { s.exit(); } (it then covers everything that runs meanwhile).`,
  );
}
