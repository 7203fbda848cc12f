/**
 * Edges, views and in-place writes (PyTorch's view + in-place semantics).
 *
 * @torchts/tensor records in every view the tensor that owns its memory (`_base`),
 * whether or not the view op was recorded. Writing in place into a view rewrites the
 * base's history — the base becomes `put(base, positions, value)` (PyTorch's CopySlices) —
 * and every view whose base history has changed since its gradFn was made (or since the
 * view was made, for one made while nothing required grad) is regenerated lazily, on its
 * next use, as a `take` of the base (PyTorch's AsStridedBackward0). So `b.get(0).mul_(3)`
 * changes the gradient that flows through `b`, and `zeros([3]).get(0).copy_(w)` makes the
 * zeros require grad, as in PyTorch.
 *
 * A view made in no-grad mode is never regenerated; the tracer refuses to write into it
 * with grad mode on when anything involved requires grad (PyTorch raises there too).
 */
import type { Tensor } from "@torchts/tensor";
import type { PrimName } from "@torchts/tensor/internal";
import { type AutogradMeta, Node, ensureMeta, metaOf } from "./node";

/**
 * t's autograd metadata, after regenerating t's history if t is a view whose base was
 * rewritten in place since (undefined: t never needed any).
 */
export function freshMeta(t: Tensor): AutogradMeta | undefined {
  const m = metaOf(t);
  const base = t._base;
  if (base === null || (m !== undefined && m.noGradView)) return m;
  const bm = metaOf(base);
  const history = bm === undefined ? 0 : bm.history;
  // an unrecorded view was made while its base had no history rewritten (history 0)
  if (history === (m === undefined ? 0 : m.baseHistory)) return m;
  const vm = m ?? ensureMeta(t);
  regenerate(t, vm, base, positionsIn(base, t));
  return vm;
}

/** Does t require grad (seeing through rewritten bases)? */
export function requiresGrad(t: Tensor): boolean {
  const m = freshMeta(t);
  return m !== undefined && m.requiresGrad;
}

/** The node a tensor's gradient arrives at: its gradFn, or its leaf accumulator (null: needs no gradient). */
export function edgeOf(t: Tensor): Node | null {
  const m = freshMeta(t);
  if (m === undefined || !m.requiresGrad) return null;
  if (m.gradFn !== null) return m.gradFn;
  if (m.accumulator === null) m.accumulator = new Node("AccumulateGrad", null, [], [], null, "AccumulateGrad", m);
  return m.accumulator;
}

/** After recording `op` (a view op when out has a base): remember the base's history the view's gradFn belongs to. */
export function noteView(_op: PrimName, out: Tensor): void {
  const base = out._base;
  if (base === null) return;
  const bm = metaOf(base);
  ensureMeta(out).baseHistory = bm === undefined ? 0 : bm.history;
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

/**
 * `view` was overwritten in place by `value` (null: a constant). The base's new history
 * is put(old base, positions, value) (CopySlices); the view's is regenerated from it.
 */
export function rebase(view: Tensor, value: Tensor | null): void {
  const base = view._base!;
  const pos = positionsIn(base, view);
  const node = new Node("put", { index: pos, accumulate: false }, [base, value ?? view], [edgeOf(base), value === null ? null : edgeOf(value)], base, "CopySlices");
  const bm = ensureMeta(base);
  bm.gradFn = node;
  bm.requiresGrad = true;
  bm.history++;
  regenerate(view, ensureMeta(view), base, pos);
}
