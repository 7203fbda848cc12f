/**
 * How an op family attaches its Tensor methods: the types by declaration
 * merging (the family exports an interface or a `MethodsOf<...>` type, and
 * tensor.ts declares `interface Tensor extends ...` with a type-only import),
 * the values by defining them on `Tensor.prototype` when the family's module
 * loads, as @torchts/autograd's tensor-methods.ts does across packages. So
 * tensor.ts never imports an op module at runtime.
 *
 * Why not `declare module "./tensor"` in each family: TypeScript then merges
 * autograd's `declare module "@torchts/tensor"` (an augmentation through the
 * re-export) into a second, separate Tensor type.
 */
import { Tensor } from "./tensor";

/** Defines `methods` on Tensor.prototype (non-enumerable, as class methods are). */
export function defineMethods(methods: Record<string, (this: Tensor, ...args: never[]) => unknown>): void {
  for (const name of Object.keys(methods)) {
    Object.defineProperty(Tensor.prototype, name, { value: methods[name], writable: true, configurable: true });
  }
}

/**
 * Defines getters on Tensor.prototype (`x.T`, `x.mT`).
 */
export function defineGetters(getters: Record<string, (this: Tensor) => unknown>): void {
  for (const name of Object.keys(getters)) {
    Object.defineProperty(Tensor.prototype, name, { get: getters[name], configurable: true });
  }
}

type Fn = (self: Tensor, a?: never, b?: never, c?: never) => unknown;

/**
 * The method form of each `torch.*` function in `fns` (`x.sum(dim)` is `sum(x, dim)`): one
 * closure per op made here, once, which passes `this` and up to three arguments straight on
 * (no argument array, no lookup per call). Only for functions without rest parameters, for
 * which a missing argument and `undefined` mean the same.
 */
export function methodsFrom(fns: Record<string, Fn>): Record<string, (this: Tensor, ...args: never[]) => unknown> {
  const out: Record<string, (this: Tensor, a?: never, b?: never, c?: never) => unknown> = {};
  for (const name of Object.keys(fns)) {
    const f = fns[name];
    out[name] = function (this: Tensor, a?: never, b?: never, c?: never) {
      return f(this, a, b, c);
    };
  }
  return out;
}
