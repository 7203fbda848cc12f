/**
 * Grad mode: whether ops are recorded. `noGrad(fn)` runs fn without recording
 * (the training-loop update idiom); `noGrad.enter()` is the scoped form.
 * The callback must be synchronous: an async one is refused (arg-checks.ts says why).
 */
import { TypeError, describeValue } from "@torchts/tensor/errors";
import { asyncError, checkCallback } from "./arg-checks";

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/** Set grad mode; returns the previous value. */
export function setGradEnabled(mode: boolean): boolean {
  if (typeof mode !== "boolean") throw new TypeError(`setGradEnabled(): enabled must be a bool (got ${describeValue(mode)})`);
  const prev = enabled;
  enabled = mode;
  return prev;
}

/** A grad-mode scope: `const s = noGrad.enter(); try { ... } finally { s.exit(); }`. */
export interface GradScope {
  exit(): void;
}

function scope(mode: boolean): GradScope {
  const prev = setGradEnabled(mode);
  let done = false;
  const exit = () => {
    if (!done) {
      done = true;
      enabled = prev;
    }
  };
  return { exit };
}

function run<T>(name: string, mode: boolean, fn: () => T): T {
  checkCallback(name, fn);
  const s = scope(mode);
  let result: T;
  try {
    result = fn();
  } finally {
    s.exit();
  }
  // a plain function that returned a promise: its continuation escapes the scope (see checkCallback)
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") throw asyncError(name);
  return result;
}

/**
 * Run `fn` with gradient recording off (torch.no_grad()).
 * @example noGrad(() => { w.sub_(w.grad!.mul(lr)); w.grad!.zero_(); });
 */
export const noGrad = Object.assign(<T>(fn: () => T): T => run("noGrad", false, fn), { enter: (): GradScope => scope(false) });

/** Run `fn` with gradient recording on, even inside noGrad (torch.enable_grad()). */
export const enableGrad = Object.assign(<T>(fn: () => T): T => run("enableGrad", true, fn), { enter: (): GradScope => scope(true) });
