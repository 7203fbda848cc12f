/**
 * nn.utils.clipGradNorm_ and clipGradValue_ (the notes' 4.6): rescale or clamp the gradients
 * of parameters in place, under noGrad.
 */
import { RuntimeError, Tensor, argTypeError, noGrad, stack, zeros } from "@torchts/autograd";

function gradsOf(fn: string, parameters: Tensor | Iterable<Tensor>): Tensor[] {
  const ps = parameters instanceof Tensor ? [parameters] : parameters;
  if (ps === null || typeof (ps as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== "function") {
    throw argTypeError(fn, "parameters", 0, "Tensor or an iterable of Tensors", parameters);
  }
  const out: Tensor[] = [];
  for (const p of ps) {
    if (!(p instanceof Tensor)) throw argTypeError(fn, "parameters", 0, "Tensor or an iterable of Tensors", p);
    if (p.grad !== null) out.push(p.grad);
  }
  return out;
}

/**
 * Scale all gradients so that their joint `normType`-norm is at most `maxNorm`; returns the
 * norm before clipping (a 0-d tensor). `normType` may be Infinity.
 * @example nn.utils.clipGradNorm_(net.parameters(), 1.0)
 */
export function clipGradNorm_(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number,
  normType: number | { normType?: number; errorIfNonfinite?: boolean } = 2,
  options?: { errorIfNonfinite?: boolean },
): Tensor {
  if (typeof normType === "object") {
    options = { errorIfNonfinite: normType.errorIfNonfinite };
    normType = normType.normType ?? 2;
  }
  if (typeof maxNorm !== "number") throw argTypeError("clipGradNorm_", "max_norm", 1, "float", maxNorm);
  if (typeof normType !== "number") throw argTypeError("clipGradNorm_", "norm_type", 2, "float", normType);
  const grads = gradsOf("clipGradNorm_", parameters);
  if (grads.length === 0) return zeros([]);
  return noGrad(() => {
    const norms = grads.map((g) => (normType === Infinity ? g.abs().max() : g.norm(normType as number)));
    const total = normType === Infinity ? stack(norms).max() : stack(norms).norm(normType as number);
    const t = Number(total.item());
    if (options?.errorIfNonfinite && !Number.isFinite(t)) {
      throw new RuntimeError(
        `The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
          "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
      );
    }
    const coef = Math.min(maxNorm / (t + 1e-6), 1);
    if (coef < 1 || Number.isNaN(coef)) for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** Clamp every gradient element into [−clipValue, clipValue]. */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  if (typeof clipValue !== "number") throw argTypeError("clipGradValue_", "clip_value", 1, "float", clipValue);
  const grads = gradsOf("clipGradValue_", parameters);
  noGrad(() => {
    for (const g of grads) g.clamp_(-clipValue, clipValue);
  });
}
