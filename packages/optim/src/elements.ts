/**
 * Direct access to a tensor's elements for the fused updates: the update loops
 * read and write the parameter's storage range, its gradient and its state
 * buffers in one pass, with no temporary tensors. (A non-contiguous parameter
 * is updated through a contiguous copy written back, the one case that copies.)
 */
import { RuntimeError, type Tensor, float32, float64, noGrad } from "@torchts/autograd";

export type FloatArray = Float32Array | Float64Array;

/** The parameter to update in place: itself when contiguous, else a contiguous copy (see writeBack). */
export function target(fn: string, p: Tensor): Tensor {
  if (p.dtype !== float32 && p.dtype !== float64) {
    throw new RuntimeError(`${fn}(): only floating-point parameters can be optimized, but one has dtype ${p.dtype}`);
  }
  return p.isContiguous() ? p : p.contiguous();
}

/** Finish an update: copy a non-contiguous parameter's result back, bump the version (autograd's in-place check). */
export function writeBack(p: Tensor, t: Tensor): void {
  if (t !== p) noGrad(() => p.copy_(t));
  else p._storage.version++;
}

/** The gradient as a contiguous tensor of the parameter's dtype (itself when it already is one). */
export function gradOf(p: Tensor, g: Tensor): Tensor {
  if (g.dtype !== p.dtype) g = g.to(p.dtype);
  return g.isContiguous() ? g : g.contiguous();
}

/** The elements' array: use with `t._offset` (storage-relative start). */
export function data(t: Tensor): FloatArray {
  return t._storage.data as FloatArray;
}

/** A state buffer's elements (contiguous, offset 0, the parameter's dtype and size: how the optimizers create and load them). */
export function buffer(fn: string, name: string, t: unknown, p: Tensor): FloatArray {
  const b = t as Tensor;
  if (
    b === null || typeof b !== "object" || b.dtype !== p.dtype || !b.isContiguous() || b._offset !== 0 ||
    b._storage.data.length !== p.numel()
  ) {
    throw new RuntimeError(`${fn}(): state '${name}' must be a contiguous ${p.dtype} tensor of the parameter's size ${p.numel()}`);
  }
  return b._storage.data as FloatArray;
}
