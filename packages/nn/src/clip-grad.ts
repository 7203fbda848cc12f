/**
 * nn.utils.clipGradNorm_ and clipGradValue_ (the notes' 4.6): rescale or clamp the gradients
 * of parameters in place, under noGrad.
 */
import { RuntimeError, Tensor, argTypeError, checkOptions, noGrad, stack, zeros } from "@torchts/autograd";
import { pyFloatRepr } from "@torchts/tensor/py-format";
import { maxArgs } from "./errors";

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
  normType: number | "inf" | { normType?: number | "inf"; errorIfNonfinite?: boolean } = 2,
  options?: boolean | { errorIfNonfinite?: boolean },
): Tensor {
  maxArgs("clipGradNorm_", arguments.length, 4);
  if (typeof options === "boolean") options = { errorIfNonfinite: options }; // PyTorch's positional error_if_nonfinite
  if (typeof normType === "object" && normType !== null) {
    checkOptions("clipGradNorm_", normType, ["normType", "errorIfNonfinite"]);
    options = { errorIfNonfinite: normType.errorIfNonfinite };
    normType = normType.normType ?? 2;
  } else checkOptions("clipGradNorm_", options, ["errorIfNonfinite"]);
  if (normType === "inf") normType = Infinity; // PyTorch takes float(norm_type): 'inf' too
  if (typeof maxNorm !== "number") throw argTypeError("clipGradNorm_", "max_norm", 1, "float", maxNorm);
  if (typeof normType !== "number") throw argTypeError("clipGradNorm_", "norm_type", 2, "float", normType);
  const eif = options?.errorIfNonfinite;
  if (eif !== undefined && typeof eif !== "boolean") throw argTypeError("clipGradNorm_", "error_if_nonfinite", 3, "bool", eif);
  const grads = gradsOf("clipGradNorm_", parameters);
  if (grads.length === 0) return zeros([]);
  return noGrad(() => {
    const norms = grads.map((g) => (normType === Infinity ? g.abs().max() : g.norm(normType as number)));
    const total = norms.length === 1 && normType === Infinity ? norms[0] : normType === Infinity ? stack(norms).max() : stack(norms).norm(normType as number);
    if (options?.errorIfNonfinite && !Number.isFinite(Number(total.item()))) {
      throw new RuntimeError(
        `clipGradNorm_: The total norm of order ${pyFloatRepr(normType as number)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
          "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`",
      );
    }
    // PyTorch's steps in the norm's dtype: max_norm / (total + 1e-6) (a reciprocal, then a product), clamped at 1,
    // then every gradient multiplied (also by 1, and by NaN when the norm is not finite)
    const coef = total.add(1e-6).reciprocal().mul(maxNorm).clamp({ max: 1 });
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/** Clamp every gradient element into [−clipValue, clipValue]. */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  maxArgs("clipGradValue_", arguments.length, 2);
  if (typeof clipValue !== "number") throw argTypeError("clipGradValue_", "clip_value", 1, "float", clipValue);
  const grads = gradsOf("clipGradValue_", parameters);
  noGrad(() => {
    for (const g of grads) g.clamp_(-clipValue, clipValue);
  });
}
