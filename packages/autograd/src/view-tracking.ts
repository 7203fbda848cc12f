/**
 * Edges, views and in-place writes (PyTorch's view + in-place semantics).
 *
 * A recorded view (reshape without a copy, permute, expand, slice) remembers
 * its base: the tensor that owns the memory. Writing in place into a view
 * rewrites the base's history — the base becomes `put(base, positions, value)`
 * (PyTorch's CopySlices) — and every view whose base history has changed since
 * its gradFn was made is regenerated lazily, on its next use, as a `take` of
 * the base (PyTorch's AsStridedBackward0). So `b.get(0).mul_(3)` changes the
 * gradient that flows through `b`, and through other views of `b`, as in PyTorch.
 */
import type { PrimName, Tensor } from "@torchts/tensor";
import { type AutogradMeta, Node, ensureMeta, metaOf } from "./node";

/** The node a tensor's gradient arrives at: its gradFn, or its leaf accumulator (null: needs no gradient). */
export function edgeOf(t: Tensor): Node | null {
  const m = metaOf(t);
  if (m === undefined || !m.requiresGrad) return null;
  refreshView(t, m);
  if (m.gradFn !== null) return m.gradFn;
  if (m.accumulator === null) m.accumulator = new Node("AccumulateGrad", null, [], [], null, "AccumulateGrad", m);
  return m.accumulator;
}

const VIEW_OPS: ReadonlySet<PrimName> = new Set<PrimName>(["reshape", "permute", "expand", "slice"]);

/** After recording `op`: if `out` shares memory with `input`, remember the base. */
export function noteView(op: PrimName, input: Tensor, out: Tensor): void {
  if (!VIEW_OPS.has(op) || out._storage !== input._storage) return;
  const base = metaOf(input)?.base ?? input;
  const om = ensureMeta(out);
  om.base = base;
  om.baseHistory = ensureMeta(base).history;
}

/** Row-major positions, within `base`, of the elements of `view` (a view of base's memory). */
export function positionsIn(base: Tensor, view: Tensor): Int32Array {
  const viewOffsets = storageOffsets(view);
  const out = new Int32Array(viewOffsets.length);
  if (base.isContiguous()) {
    for (let i = 0; i < out.length; i++) out[i] = viewOffsets[i] - base._offset;
    return out;
  }
  const index = new Map<number, number>();
  storageOffsets(base).forEach((o, i) => index.set(o, i));
  for (let i = 0; i < out.length; i++) out[i] = index.get(viewOffsets[i]) ?? -1;
  return out;
}

/** Storage offset of every element of t, in row-major order. */
function storageOffsets(t: Tensor): Float64Array {
  const n = t.numel();
  const out = new Float64Array(n);
  const nd = t.ndim;
  const idx = new Array<number>(nd).fill(0);
  let off = t._offset;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      off += t._strides[d];
      if (++idx[d] < t._shape[d]) break;
      off -= t._strides[d] * t._shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** Make `view`'s history "the elements of its base at `pos`" (AsStridedBackward0). */
function regenerate(view: Tensor, vm: AutogradMeta, base: Tensor, pos: Int32Array): void {
  const bm = ensureMeta(base);
  vm.gradFn = new Node("take", { index: pos, shape: view._shape.slice() }, [base], [edgeOf(base)], view, "AsStridedBackward0");
  vm.requiresGrad = bm.requiresGrad;
  vm.baseHistory = bm.history;
}

/** A view whose base was rewritten in place since its gradFn was made gets a fresh gradFn. */
export function refreshView(t: Tensor, m: AutogradMeta): void {
  const base = m.base;
  if (base === null) return;
  const bm = metaOf(base);
  if (bm === undefined || bm.history === m.baseHistory) return;
  regenerate(t, m, base, positionsIn(base, t));
}

/**
 * `view` (with a recorded base) was overwritten in place by `value` (null: a
 * constant). The base's new history is put(old base, positions, value).
 */
export function rebase(view: Tensor, vm: AutogradMeta, value: Tensor | null): void {
  const base = vm.base!;
  const pos = positionsIn(base, view);
  const node = new Node("put", { index: pos, accumulate: false }, [base, value ?? view], [edgeOf(base), value === null ? null : edgeOf(value)], base, "CopySlices");
  const bm = ensureMeta(base);
  bm.gradFn = node;
  bm.requiresGrad = true;
  bm.history++;
  regenerate(view, vm, base, pos);
}
