/**
 * `x.data`, as PyTorch has it: a plain tensor over the same memory, outside every graph
 * and outside the version counting that protects saved tensors. The notes initialise
 * weights through it (`net[0].weight.data.normal_(0, 0.01)`, `w.data *= w.data.abs() >= 5`,
 * `w.data[0, 0] = 42`), and optimisers of d2l's kind write `p.data.sub_(...)`.
 *
 * - Reading gives a new Tensor with the same geometry and the same typed array, wrapped in
 *   a fresh Storage: its own version counter, so a write through `.data` after a forward
 *   pass raises no "modified by an inplace operation" error, and backward reads the new
 *   values (PyTorch's documented hazard). It is not a view (`_base` null) and never
 *   requires grad, so writes through it (and through its views) record nothing.
 * - Assigning (`p.data = t`) rebinds p to t's memory, shape and dtype, keeping p's identity,
 *   grad slot and requiresGrad flag (PyTorch's `set_data`; `Module.to(dtype)` uses it).
 */
import { RuntimeError, Tensor } from "@torchts/tensor";
import { Storage } from "@torchts/tensor/internal";

// (`data` is declared on Tensor in tensor-methods.ts, with the other autograd members)
/** The unrecorded alias behind `x.data`. */
export function dataOf(t: Tensor): Tensor {
  return new Tensor(new Storage(t._storage.data), t._shape.slice(), t._strides.slice(), t._offset, t.dtype);
}

/** `t.data = src`: t takes src's memory (a fresh counter over the same array), shape and dtype. */
export function setData(t: Tensor, src: Tensor): void {
  if (!(src instanceof Tensor)) throw new RuntimeError(`data: assigned value must be a Tensor, not ${src === null ? "null" : typeof src}`);
  const storage = new Storage(src._storage.data);
  storage.version = t._storage.version + 1;
  t._storage = storage;
  t._shape = src._shape.slice();
  t._strides = src._strides.slice();
  t._offset = src._offset;
  (t as { dtype: Tensor["dtype"] }).dtype = src.dtype;
}

export function installData(): void {
  Object.defineProperty(Tensor.prototype, "data", {
    get(this: Tensor) {
      return dataOf(this);
    },
    set(this: Tensor, v: Tensor) {
      setData(this, v);
    },
    configurable: true,
  });
}
