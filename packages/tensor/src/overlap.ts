/**
 * Memory overlap between a written-to tensor and a tensor it reads, decided as
 * PyTorch's `get_overlap_status` (aten/src/ATen/MemoryOverlap.cpp) decides it:
 * two views of one storage overlap fully when they cover the same element range
 * with the same strides, partly when their ranges intersect otherwise. A view that is not
 * non-overlapping-and-dense (a column slice, an expanded view) is "too hard" to
 * judge and passes, as in PyTorch.
 * @example const x = torch.arange(5.); x.get("1:").copy_(x.get(":-1")) // RuntimeError: unsupported operation: ...
 */
import { RuntimeError } from "./errors";
import type { Tensor } from "./tensor";

export type Overlap = "no" | "full" | "partial" | "tooHard";

/** Strides that are a permutation of a contiguous layout's (size-1 dims ignored): PyTorch's is_non_overlapping_and_dense. */
export function isNonOverlappingAndDense(t: Tensor): boolean {
  if (t.isContiguous()) return true;
  const dims: number[] = [];
  for (let i = 0; i < t.ndim; i++) if (t._shape[i] !== 1) dims.push(i);
  dims.sort((a, b) => t._strides[a] - t._strides[b]);
  let expected = 1;
  for (const d of dims) {
    if (t._strides[d] !== expected) return false;
    expected *= t._shape[d];
  }
  return true;
}

export function overlapStatus(a: Tensor, b: Tensor): Overlap {
  if (a._storage !== b._storage) return "no";
  const na = a.numel();
  const nb = b.numel();
  if (na === 0 || nb === 0) return "no";
  if (a === b) return "full";
  if (!isNonOverlappingAndDense(a) || !isNonOverlappingAndDense(b)) return "tooHard";
  const aEnd = a._offset + na;
  const bEnd = b._offset + nb;
  // the same range through other strides (x and x.t()) is partial: elements move
  if (a._offset === b._offset && aEnd === bEnd) return a._strides.length === b._strides.length && a._strides.every((s, i) => s === b._strides[i]) ? "full" : "partial";
  return a._offset < bEnd && b._offset < aEnd ? "partial" : "no";
}

function overlapError(op: string): RuntimeError {
  return new RuntimeError(
    `${op}: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.`,
  );
}

/** PyTorch's assert_no_partial_overlap (copy_, in-place binary ops): the same elements are fine, part of them is not. */
export function assertNoPartialOverlap(op: string, target: Tensor, input: Tensor): void {
  if (input._storage === target._storage && overlapStatus(target, input) === "partial") throw overlapError(op);
}

/** PyTorch's assert_no_overlap (index_put_): the input may not share any element with the target. */
export function assertNoOverlap(op: string, target: Tensor, input: Tensor): void {
  if (input._storage !== target._storage) return;
  const s = overlapStatus(target, input);
  if (s === "partial" || s === "full") throw overlapError(op);
}
