/**
 * gradcheck: compare autograd's Jacobian with central finite differences in
 * float64, and report the worst element (torch.autograd.gradcheck).
 */
import { RuntimeError, Tensor, TypeError, ValueError, argTypeError, describeValue, float64, zerosLike } from "@torchts/tensor";
import { checkFlags } from "./arg-checks";
import { grad } from "./engine";
import { noGrad } from "./grad-mode";

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw a GradcheckError on mismatch (default) or return false. */
  raiseException?: boolean;
}

export class GradcheckError extends RuntimeError {
  override name = "GradcheckError";
}

/**
 * `fn` maps the input tensors (one tensor or an array; those that require grad
 * must be float64; any strides) to one tensor. Every
 * element of the analytical Jacobian (one backward per output element) is
 * compared with (f(x + eps) − f(x − eps)) / 2eps.
 * @example gradcheck((x) => x.pow(3).sum(), [randn([3], { dtype: float64, requiresGrad: true })])
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputOrInputs: Tensor | Tensor[], options?: GradcheckOptions): boolean {
  if (typeof fn !== "function") throw argTypeError("gradcheck", "func", 0, "a function", fn);
  checkFlags("gradcheck", options, ["eps", "atol", "rtol", "raiseException"], ["raiseException"]);
  for (const k of ["eps", "atol", "rtol"] as const) {
    const v = options?.[k];
    if (v !== undefined && (typeof v !== "number" || !(v >= 0))) throw argTypeError("gradcheck", k, undefined, "a non-negative number", v);
  }
  // non-tensor inputs pass through to fn, as in PyTorch
  const inputs = (Array.isArray(inputOrInputs) ? inputOrInputs : [inputOrInputs]) as Tensor[];
  const eps = options?.eps ?? 1e-6;
  const atol = options?.atol ?? 1e-5;
  const rtol = options?.rtol ?? 1e-3;
  for (const [i, x] of inputs.entries()) {
    if (!(x instanceof Tensor)) continue;
    if (x.requiresGrad && x.dtype !== float64) throw new RuntimeError(`gradcheck: input ${i} must be float64 for a meaningful finite-difference check (got ${x.dtype})`);
  }
  const wrt = inputs.filter((x) => x instanceof Tensor && x.requiresGrad);
  if (wrt.length === 0) {
    throw new ValueError("gradcheck: gradcheck expects at least one input tensor to require gradient, but none of them have requiresGrad: true.");
  }
  const out = fn(...inputs);
  if (!(out instanceof Tensor)) throw new TypeError(`gradcheck: fn must return a Tensor, got ${describeValue(out)}`);
  const nOut = out.numel();
  // analytical: row r of the Jacobian from a backward with a one-hot gradient
  const analytical: Float64Array[][] = wrt.map((x) => Array.from({ length: nOut }, () => new Float64Array(x.numel())));
  for (let r = 0; r < nOut; r++) {
    const go = zerosLike(out);
    go.toTypedArray()[r] = 1;
    const gs = grad(out, wrt, { gradOutputs: [go], retainGraph: true, allowUnused: true });
    gs.forEach((g, k) => {
      if (g !== null) analytical[k][r].set(g.contiguous().toTypedArray());
    });
  }
  // numerical: perturb each input element in its storage (any strides; no version bump, no recording)
  let worst = { err: 0, input: -1, index: -1, out: -1, a: 0, n: 0 };
  const evaluate = (): Float64Array => Float64Array.from(noGrad(() => fn(...inputs)).contiguous().toTypedArray());
  wrt.forEach((x, k) => {
    const data = x._storage.data;
    const offsets = elementOffsets(x);
    if (new Set(offsets).size !== offsets.length) {
      throw new RuntimeError(`gradcheck: input ${inputs.indexOf(x)} has overlapping memory (an expanded view); pass a tensor whose elements are distinct`);
    }
    offsets.forEach((off, j) => {
      const orig = data[off];
      data[off] = orig + eps;
      const plus = evaluate();
      data[off] = orig - eps;
      const minus = evaluate();
      data[off] = orig;
      for (let r = 0; r < nOut; r++) {
        const num = (plus[r] - minus[r]) / (2 * eps);
        const ana = analytical[k][r][j];
        const err = Math.abs(num - ana);
        const bad = !(err <= atol + rtol * Math.abs(num));
        // the worst of the failing elements (an element within tolerance never masks one that is not)
        if (bad && (worst.input < 0 || err > worst.err)) worst = { err, input: inputs.indexOf(x), index: j, out: r, a: ana, n: num };
      }
    });
  });
  if (worst.input >= 0) {
    const msg =
      `gradcheck: Jacobian mismatch for output element ${worst.out} with respect to input ${worst.input}, element ${worst.index}: ` +
      `numerical ${worst.n}, analytical ${worst.a} (|difference| ${worst.err.toExponential(3)}, atol ${atol}, rtol ${rtol})`;
    if (options?.raiseException === false) return false;
    throw new GradcheckError(msg);
  }
  return true;
}

/** Storage offset of each element of t, in row-major order. */
function elementOffsets(t: Tensor): number[] {
  const out: number[] = [];
  const walk = (d: number, off: number): void => {
    if (d === t.ndim) {
      out.push(off);
      return;
    }
    for (let i = 0; i < t._shape[d]; i++) walk(d + 1, off + i * t._strides[d]);
  };
  walk(0, t._offset);
  return out;
}
