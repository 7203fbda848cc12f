/**
 * Grad mode: whether ops are recorded. `noGrad(fn)` runs fn without recording
 * (the training-loop update idiom); `noGrad.enter()` is the scoped form.
 */
let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

/** Set grad mode; returns the previous value. */
export function setGradEnabled(mode: boolean): boolean {
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

function run<T>(mode: boolean, fn: () => T): T {
  const s = scope(mode);
  try {
    return fn();
  } finally {
    s.exit();
  }
}

/**
 * Run `fn` with gradient recording off (torch.no_grad()).
 * @example noGrad(() => { w.sub_(w.grad!.mul(lr)); w.grad!.zero_(); });
 */
export const noGrad = Object.assign(<T>(fn: () => T): T => run(false, fn), { enter: (): GradScope => scope(false) });

/** Run `fn` with gradient recording on, even inside noGrad (torch.enable_grad()). */
export const enableGrad = Object.assign(<T>(fn: () => T): T => run(true, fn), { enter: (): GradScope => scope(true) });
