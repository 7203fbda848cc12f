/**
 * `torch.broadcast_tensors`: expand every tensor to the common broadcast shape.
 * A tensor that already has that shape comes back as itself (no view, no
 * recorded op), as PyTorch returns it; the others become stride-0 `expand` views.
 */
import { TypeError } from "./errors";
import { broadcastShapes, sameShape } from "./shape";
import { Tensor } from "./tensor";

/**
 * `torch.broadcast_tensors(*tensors)`: shapes [3, 1] and [4] give two tensors of
 * shape [3, 4]. Shapes that do not broadcast raise PyTorch's RuntimeError.
 *
 * @example
 * const [a, b] = torch.broadcastTensors(torch.zeros(3, 1), torch.ones(4)); // both [3, 4]
 */
export function broadcastTensors(...tensors: Tensor[]): Tensor[] {
  let shape: number[] = [];
  for (const [i, t] of tensors.entries()) {
    if (!(t instanceof Tensor)) {
      throw new TypeError(`broadcastTensors: expected Tensor as element ${i} in argument 0, but got ${t === null ? "null" : typeof t}`);
    }
    shape = broadcastShapes("broadcastTensors", shape, t._shape);
  }
  return tensors.map((t) => (sameShape(t._shape, shape) ? t : t.expand(shape)));
}
