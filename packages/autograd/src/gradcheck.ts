/**
 * gradcheck: compare autograd's Jacobian with central finite differences in
 * float64, and report the worst element (torch.autograd.gradcheck).
 */
import { RuntimeError, type Tensor, float64, zerosLike } from "@torchts/tensor";
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
 * `fn` maps the input tensors (float64, requiresGrad) to one tensor. Every
 * element of the analytical Jacobian (one backward per output element) is
 * compared with (f(x + eps) − f(x − eps)) / 2eps.
 * @example gradcheck((x) => x.pow(3).sum(), [randn([3], { dtype: float64, requiresGrad: true })])
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: Tensor[], options?: GradcheckOptions): boolean {
  const eps = options?.eps ?? 1e-6;
  const atol = options?.atol ?? 1e-5;
  const rtol = options?.rtol ?? 1e-3;
  for (const [i, x] of inputs.entries()) {
    if (x.dtype !== float64) throw new RuntimeError(`gradcheck: input ${i} must be float64 for a meaningful finite-difference check (got ${x.dtype})`);
  }
  const out = fn(...inputs);
  const nOut = out.numel();
  const wrt = inputs.filter((x) => x.requiresGrad);
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
  // numerical: perturb each input element in place (under noGrad), through its storage
  let worst = { err: 0, input: -1, index: -1, out: -1, a: 0, n: 0 };
  wrt.forEach((x, k) => {
    const flat = x.contiguous();
    if (flat !== x) throw new RuntimeError("gradcheck: inputs must be contiguous");
    const data = x.toTypedArray();
    for (let j = 0; j < data.length; j++) {
      const orig = data[j];
      data[j] = orig + eps;
      const plus = noGrad(() => fn(...inputs)).contiguous().toTypedArray().slice();
      data[j] = orig - eps;
      const minus = noGrad(() => fn(...inputs)).contiguous().toTypedArray().slice();
      data[j] = orig;
      for (let r = 0; r < nOut; r++) {
        const num = (plus[r] - minus[r]) / (2 * eps);
        const ana = analytical[k][r][j];
        const err = Math.abs(num - ana);
        const bad = !(err <= atol + rtol * Math.abs(num));
        if (bad && err > worst.err) worst = { err, input: inputs.indexOf(x), index: j, out: r, a: ana, n: num };
        else if (!bad && worst.input < 0 && err > worst.err) worst = { ...worst, err };
      }
    }
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
