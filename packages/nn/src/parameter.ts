/**
 * nn.Parameter: a tensor that requires grad, is always a leaf, and registers itself
 * when assigned to a module's field (module.ts finds it by `instanceof`).
 */
import { Tensor, argTypeError, checkOptions, empty } from "@torchts/autograd";
import { checkArity } from "@torchts/tensor/errors";

/**
 * A module parameter: shares `data`'s memory, requires grad (unless `{ requiresGrad: false }`),
 * and is a leaf even when `data` is a computed tensor, as PyTorch's `nn.Parameter(t)`.
 * Arithmetic on it gives plain tensors.
 * @example
 * const w = new nn.Parameter(torch.randn(3, 2));   // shape [3, 2], requiresGrad true
 * String(w);  // "Parameter containing:\ntensor([[...]], requires_grad=True)"
 */
export class Parameter extends Tensor {
  constructor(data?: Tensor | null, options?: boolean | { requiresGrad?: boolean }) {
    checkArity("Parameter", arguments, 2);
    if (data !== undefined && data !== null && !(data instanceof Tensor)) throw argTypeError("Parameter", "data", 0, "Tensor", data);
    if (typeof options === "boolean") options = { requiresGrad: options }; // PyTorch's positional Parameter(t, False)
    checkOptions("Parameter", options, ["requiresGrad"]);
    const rg = options?.requiresGrad ?? true;
    if (typeof rg !== "boolean") throw argTypeError("Parameter", "requires_grad", 1, "bool", rg);
    const src = data ?? empty(0); // PyTorch's Parameter() holds an empty float tensor
    // a detached alias: the same storage (and version counter), no history, not a view
    super(src._storage, src._shape.slice(), src._strides.slice(), src._offset, src.dtype);
    if (rg) this.requiresGrad_(true);
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
