/**
 * Shape, view, split and gather ops, each declared once as its `torch.*`
 * function; the Tensor method of the same name (`x.flatten(1)` is
 * `flatten(x, 1)`) is derived from it (tensor-methods.ts). Every export here
 * must be such a function. Method-only view ops (view, viewAs, expand, repeat,
 * contiguous, detach, `.T`, ...) and the methods of reshape/permute (which take
 * their sizes as rest arguments) are declared in views.ts.
 */
import * as V from "./views";
import type { Tensor } from "./tensor";

export { flatten, squeeze, unsqueeze, transpose, t, clone, narrow, select } from "./views";
export { split, chunk, unbind } from "./combine";
export { gather, indexSelect, maskedSelect } from "./indexing";

/** `torch.reshape(x, 3, -1)`: a view when the strides allow it, else a copy. */
export function reshape(input: Tensor, ...shape: (number | number[])[]): Tensor {
  return V.reshape(input, shape);
}
/** `torch.permute(x, 2, 0, 1)`: the dims reordered (a view). */
export function permute(input: Tensor, ...dims: (number | number[])[]): Tensor {
  return V.permute(input, dims);
}
