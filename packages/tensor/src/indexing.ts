/**
 * Reading and writing by index (see index-spec.ts for the convention).
 * Integers and slices are views (select/slice); index tensors and masks
 * compile to one primitive, `take` (reads) or `put` (writes), over the
 * tensor's row-major element positions.
 */
import { allocate, bool, checkedScalar, int32, int64, isReducedFloat, uint8 } from "./dtype";
import { kernels } from "./kernels/registry";
import { DTypeError, IndexError, RuntimeError, TypeError, argTypeError, fmtShape } from "./errors";
import { composite, record, tracer } from "./hooks";
import { type Index, type ParsedItem, expandStrings, isSlice, parseItem, resolveSlice } from "./index-spec";
import { broadcastShapes, contiguousStrides, normalizeDim, sameShape } from "./shape";
import { Tensor, type TensorLike } from "./tensor";
import { expand, reshapeTo, select, slice, unsqueeze } from "./views";
import { copyInto, fillWith, inplace } from "./inplace";
import { assertNoOverlap } from "./overlap";
import { tensor } from "./creation";

import { to } from "./convert";
import { defineMethods } from "./methods";

type Item = ParsedItem | Tensor;
interface Advanced {
  dim: number;
  idx: Tensor;
  /** a bool (or uint8) mask of one or more dims, not yet expanded into index tensors */
  mask?: boolean;
}

function normalizeItems(op: string, items: readonly Index[]): Item[] {
  return expandStrings(items).map((it): Item => {
    if (typeof it === "string") return parseItem(it);
    if (Array.isArray(it)) {
      const isMask = it.length > 0 && typeof it[0] === "boolean";
      // a list of non-integers is a float index tensor in PyTorch, which it refuses (no silent truncation)
      if (!isMask && !it.every((v) => Number.isInteger(v))) {
        throw new IndexError(`${op}: tensors used as indices must be long, int, byte or bool tensors (got the list [${it.join(", ")}])`);
      }
      return tensor(it as number[], { dtype: isMask ? bool : int64 });
    }
    if (it === null || typeof it === "number" || it instanceof Tensor || isSlice(it)) return it as Item;
    throw new IndexError(`${op}: invalid index item ${String(it)}`);
  });
}

function consumes(it: Item): number {
  if (it === null || it === "...") return 0;
  // a 0-d bool tensor adds a dim (of size 1 when true, 0 when false) rather than indexing one
  if (it instanceof Tensor) return it.dtype === bool ? it.ndim : 1;
  return 1;
}

/**
 * Apply the basic items (views), collecting advanced ones with the dim they index. The
 * ellipsis makes no view (x[...] and x[i, ...] are x and select(x, 0, i), as in PyTorch).
 * As in PyTorch, every ellipsis skips the dims no other item indexes, so a second one
 * skips past the last dim: x[..., ...] and x[..., 0, ...] work, x[..., ..., 0] raises.
 */
function applyBasic(op: string, t: Tensor, items: Item[], skipFullSlices = false): [Tensor, Advanced[]] {
  const used = items.reduce<number>((n, it) => n + consumes(it), 0);
  if (t.ndim === 0 && items.length === 1) {
    // PyTorch's one-item paths (a lone slice or integer) word these their own way
    if (isSlice(items[0])) throw new IndexError(`${op}: slice() cannot be applied to a 0-dim tensor.`);
    if (typeof items[0] === "number") {
      throw new IndexError(
        op === "get"
          ? "get: invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
          : `${op}: index ${items[0]} is out of bounds for dimension 0 with size 0`,
      );
    }
  }
  if (used > t.ndim) throw new IndexError(`${op}: too many indices for tensor of dimension ${t.ndim} (got ${used}, tensor shape ${fmtShape(t._shape)})`);
  let x = t;
  let d = 0; // dim of x the next item indexes
  const adv: Advanced[] = [];
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (d > x.ndim && it !== "...") {
      throw new IndexError(
        `${op}: an index after a second ellipsis ('...') falls past the last dimension (tensor shape ${fmtShape(t._shape)}): each '...' skips every dim the other items do not index`,
      );
    }
    if (it === "...") {
      d += t.ndim - used;
    } else if (typeof it === "number") {
      const size = x._shape[d];
      if (!Number.isInteger(it) || it < -size || it >= size) {
        // PyTorch numbers the dim by the item's place in the index (x[None, 5]: dimension 1)
        throw new IndexError(`${op}: index ${it} is out of bounds for dimension ${k} with size ${size} (tensor shape ${fmtShape(t._shape)})`);
      }
      x = select(x, d, it);
    } else if (it === null) {
      x = unsqueeze(x, d);
      d++;
    } else if (it instanceof Tensor && it.ndim === 0 && it.dtype !== bool && it.dtype !== uint8 && !it.dtype.isFloatingPoint && !isReducedFloat(it.dtype)) {
      // a 0-d integer tensor indexes as its integer does (a view), as in PyTorch
      const i = Number(it.item());
      const size = x._shape[d];
      if (i < -size || i >= size) throw new IndexError(`${op}: index ${i} is out of bounds for dimension ${k} with size ${size} (tensor shape ${fmtShape(t._shape)})`);
      x = select(x, d, i);
    } else if (it instanceof Tensor) {
      // a uint8 index tensor is a mask, as PyTorch 1.13 still reads it (deprecated there)
      const isMask = it.dtype === bool || it.dtype === uint8;
      if (isMask && it.ndim === 0) {
        // x[torch.tensor(True)] is x[None]; x[torch.tensor(False)] the same with that dim empty
        x = unsqueeze(x, d);
        adv.push({ dim: d, idx: tensor(it.item() ? [0] : [], { dtype: int64 }) });
        d++;
      } else if (isMask) {
        // PyTorch moves past a k-dim mask by ONE dim here, and checks and expands it after the
        // other items are applied (so x[mask2d, 0] selects dim 1, then matches the mask there)
        adv.push({ dim: d, idx: it, mask: true });
        d++;
      } else if (it.dtype === int64) {
        adv.push({ dim: d, idx: it });
        d++;
      } else throw new IndexError(`${op}: tensors used as indices must be long, int, byte or bool tensors (got ${it.dtype})`);
    } else if (isSlice(it)) {
      const { start, step, length } = resolveSlice(it, x._shape[d]);
      // PyTorch's setitem applies no slice that covers its dim (x[:2] = v on 2 rows writes x itself: CopyBackwards)
      if (!(skipFullSlices && start === 0 && step === 1 && length === x._shape[d])) x = slice(x, d, start, step, length);
      d++;
    }
  }
  return [x, adv];
}

/** Python's rendering of a shape in messages: [2, 3]. */
const pyShape = (s: readonly number[]): string => `[${s.join(", ")}]`;

/**
 * Each mask as one index tensor per dim it covers (its nonzero coordinates), at the dims of x it
 * lands on once the basic items are applied; every index after a k-dim mask moves k − 1 dims on.
 */
function expandMasks(op: string, x: Tensor, adv: Advanced[]): Advanced[] {
  if (!adv.some((a) => a.mask === true)) return adv;
  const out: Advanced[] = [];
  let shift = 0;
  for (const a of adv) {
    const dim = a.dim + shift;
    if (a.mask !== true) {
      out.push({ dim, idx: a.idx });
      continue;
    }
    const m = a.idx;
    for (let j = 0; j < m.ndim; j++) {
      if (m._shape[j] !== x._shape[dim + j]) {
        throw new IndexError(
          `${op}: The shape of the mask ${pyShape(m._shape)} at index ${j} does not match the shape of the indexed tensor ${pyShape(x._shape)} at index ${dim + j} (tensor shape ${fmtShape(x._shape)})`,
        );
      }
    }
    const coords = nonzero(m);
    for (let j = 0; j < m.ndim; j++) out.push({ dim: dim + j, idx: select(coords, 1, j) });
    shift += m.ndim - 1;
  }
  return out;
}

/** Row-major positions (within x) selected by the advanced indices, and the result shape. */
/**
 * `deferred`: an out-of-bounds index is recorded there instead of thrown (set reports it after the
 * dtype check, as PyTorch's index_put does). Nothing selected (an empty result): no bounds check,
 * as PyTorch's kernel, which never runs.
 */
function advancedPositions(op: string, x: Tensor, adv: Advanced[], deferred: { error: IndexError | null } | null = null): [Int32Array, number[]] {
  let bshape: number[] = [];
  try {
    for (const a of adv) bshape = broadcastShapes(op, bshape, a.idx._shape);
  } catch {
    throw new IndexError(`${op}: shape mismatch: indexing tensors could not be broadcast together with shapes ${adv.map((a) => pyShape(a.idx._shape)).join(", ")}`);
  }
  const nb = bshape.reduce((p, s) => p * s, 1);
  const cs = contiguousStrides(x._shape);
  const advOff = new Float64Array(nb);
  const indexed = adv.map((a) => a.dim);
  const selects = x._shape.every((s, i) => indexed.includes(i) || s > 0);
  for (const a of adv) {
    // checked up front by PyTorch, whatever else: an index into an empty dim
    if (x._shape[a.dim] === 0 && nb > 0) {
      throw new IndexError(`${op}: index is out of bounds for dimension with size 0 (dim ${a.dim}, tensor shape ${fmtShape(x._shape)})`);
    }
  }
  for (const a of adv) {
    const size = x._shape[a.dim];
    const v = sameShape(a.idx._shape, bshape) ? a.idx._values() : expand(a.idx.detach(), [bshape])._values();
    for (let i = 0; i < nb; i++) {
      let k = v[i];
      if (k < -size || k >= size) {
        if (!selects) continue;
        const err = new IndexError(`${op}: index ${k} is out of bounds for dimension ${a.dim} with size ${size} (tensor shape ${fmtShape(x._shape)})`);
        if (deferred === null) throw err;
        deferred.error ??= err;
        continue;
      }
      if (k < 0) k += size;
      advOff[i] += k * cs[a.dim];
    }
  }
  const dims = adv.map((a) => a.dim);
  const rest = x._shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const adjacent = dims.every((dd, i) => i === 0 || dd === dims[i - 1] + 1);
  // result layout: [prefix rest dims] [broadcast index dims] [suffix rest dims]
  const prefix = adjacent ? rest.filter((r) => r < dims[0]) : [];
  const suffix = rest.filter((r) => !prefix.includes(r));
  const offsets = (list: number[]): Float64Array => {
    const n = list.reduce((p, r) => p * x._shape[r], 1);
    const out = new Float64Array(n);
    const idx = new Array<number>(list.length).fill(0);
    for (let i = 0; i < n; i++) {
      let o = 0;
      for (let j = 0; j < list.length; j++) o += idx[j] * cs[list[j]];
      out[i] = o;
      for (let j = list.length - 1; j >= 0; j--) {
        if (++idx[j] < x._shape[list[j]]) break;
        idx[j] = 0;
      }
    }
    return out;
  };
  const pre = offsets(prefix);
  const suf = offsets(suffix);
  const pos = new Int32Array(pre.length * nb * suf.length);
  let k = 0;
  for (let p = 0; p < pre.length; p++) for (let b = 0; b < nb; b++) for (let s = 0; s < suf.length; s++) pos[k++] = pre[p] + advOff[b] + suf[s];
  const shape = [...prefix.map((r) => x._shape[r]), ...bshape, ...suffix.map((r) => x._shape[r])];
  return [pos, shape];
}

/** The primitive read: out.flatten()[i] = x.flatten()[index[i]]. */
export function take(x: Tensor, index: Int32Array, shape: number[]): Tensor {
  const v = x._values();
  const out = allocate(x.dtype, index.length);
  kernels.take(v, index, out);
  const res = Tensor._fromData(out, shape, x.dtype);
  return x.dtype.isFloatingPoint ? record("take", [x], res, { index, shape }) : res;
}

/** The primitive write, out of place: x with x.flatten()[index[i]] = v.flatten()[i]. */
export function put(x: Tensor, index: Int32Array, v: Tensor, accumulate = false): Tensor {
  const out = x._values().slice();
  const vv = to(v, x.dtype)._values();
  kernels.put(out, index, vv, accumulate);
  const res = Tensor._fromData(out, x._shape.slice(), x.dtype);
  return x.dtype.isFloatingPoint ? record("put", [x, v], res, { index, accumulate }) : res;
}

export function get(t: Tensor, items: readonly Index[]): Tensor {
  const [x, masked] = applyBasic("get", t, normalizeItems("get", items));
  const adv = expandMasks("get", x, masked);
  // x[...] and x[()] are a new view of all of x (PyTorch's alias)
  if (adv.length === 0) return x === t ? composite(reshapeTo(t, t._shape), "alias") : x;
  const [pos, shape] = advancedPositions("get", x, adv);
  return take(x, pos, shape);
}

/**
 * `t[items] = value`, as PyTorch: the basic items make a view, then a value is copied
 * into it (a number fills it); with index tensors or masks, an index put into that view
 * (into t itself when there are only advanced items).
 */
export function set<T extends Tensor>(t: T, rawItems: readonly Index[], value: TensorLike): T {
  const items = normalizeItems("set", rawItems);
  if (!(value instanceof Tensor) && typeof value !== "number" && typeof value !== "boolean") {
    throw argTypeError("set", "value", rawItems.length, "Tensor, number or boolean (X[index] = value is X.set(...index, value))", value);
  }
  // a number must fit the dtype as fill_ checks it (PyTorch: `value cannot be converted to type uint8_t`)
  const v = value instanceof Tensor ? value : tensor(checkedScalar("set", t.dtype, value), { dtype: t.dtype });
  // PyTorch 1.13 skips a lone slice that reads as 0:0:1 (`x[:0] = v`), even on a 0-d x (which it then fills)
  const lone = items.length === 1 && isSlice(items[0]) ? items[0] : null;
  const skip = t.ndim === 0 && lone !== null && (lone.start ?? 0) === 0 && lone.stop === 0 && (lone.step ?? 1) === 1;
  const [view, masked] = skip ? [t, []] : applyBasic("set", t, items, true);
  if (masked.length === 0) {
    // a 0-d value fills a larger view as fill_ does: its value must fit the dtype (uint8 refuses -1.5)
    if (value instanceof Tensor && v.ndim === 0 && view.ndim > 0) checkedScalar("set", t.dtype, v.item() as number);
    if (value instanceof Tensor) copyInto(view, checkValueShape(v, view._shape, false), "set");
    else fillWith(view, value, "set");
    return t;
  }
  // one mask (and no index tensor) with a one-element value: PyTorch's masked_fill_, which casts the value
  const maskFill = masked.length === 1 && masked[0].mask === true && v.numel() === 1;
  if (maskFill) checkedScalar("set", t.dtype, v.item() as number);
  const adv = expandMasks("set", view, masked);
  // PyTorch's index_put_ refuses a value sharing memory with the target (it would be read while written)
  assertNoOverlap("set", view, v);
  const deferred: { error: IndexError | null } = { error: null };
  const [pos, shape] = advancedPositions("set", view, adv, deferred);
  const vb = checkValueShape(v, shape, true);
  // an index put (tensor indices) takes a value of the same dtype (PyTorch checks it after the indices
  // and the value's shape); the masked fill casts
  if (!maskFill && v.dtype !== t.dtype) {
    throw new RuntimeError(
      `set: Index put requires the source and destination dtypes match, got ${t.dtype.scalarType} for the destination and ${v.dtype.scalarType} for the source. (${t.dtype.name}, ${v.dtype.name})`,
    );
  }
  if (deferred.error !== null) throw deferred.error;
  const tr = tracer();
  if (tr !== null) {
    if (tr.wants([view, vb])) {
      inplace(view, "set", put(view, pos, vb), "index_put_");
      return t;
    }
    tr.beforeInplace("set", view, vb);
  }
  writeAt(view, pos, to(vb, t.dtype)._values());
  return t;
}

/** x.flatten()[pos[i]] = vals[i], written through x's strides; bumps the version. */
function writeAt(x: Tensor, pos: Int32Array, vals: ArrayLike<number>): void {
  const data = x._storage.data;
  const nd = x.ndim;
  const cs = contiguousStrides(x._shape);
  for (let i = 0; i < pos.length; i++) {
    let rem = pos[i];
    let off = x._offset;
    for (let d = 0; d < nd; d++) {
      const c = Math.floor(rem / cs[d]);
      rem -= c * cs[d];
      off += c * x._strides[d];
    }
    data[off] = vals[i];
  }
  x._storage.version++;
}

/**
 * The value expanded to the target's shape. As PyTorch, leading size-1 dims of the value beyond the
 * target's are dropped first (`x[0] = torch.ones(1, 1, 4)` writes a row of 4). The messages are
 * PyTorch's: an index put's, or expand's for a view target (`advanced` false).
 */
function checkValueShape(v: Tensor, shape: number[], advanced: boolean): Tensor {
  if (sameShape(v._shape, shape)) return v;
  // PyTorch drops every leading 1 of the value (slicePrefix1sSize), then expands
  let lead = 0;
  while (lead < v.ndim && v._shape[lead] === 1) lead++;
  const w = lead > 0 ? reshapeTo(v, v._shape.slice(lead)) : v;
  if (advanced) {
    try {
      return expand(w, [shape]);
    } catch {
      throw new RuntimeError(`set: shape mismatch: value tensor of shape ${pyShape(w._shape)} cannot be broadcast to indexing result of shape ${pyShape(shape)}`);
    }
  }
  if (w.ndim > shape.length) {
    throw new RuntimeError(
      `set: expand(${w.dtype === bool ? "CPUBoolType" : w.type()}{${pyShape(w._shape)}}, size=${pyShape(shape)}): the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${w.ndim})`,
    );
  }
  try {
    return expand(w, [shape]);
  } catch (e) {
    // expand's own message, said by set
    if (e instanceof RuntimeError) throw new RuntimeError(`set: ${e.message.replace(/^expand: /, "")}`);
    throw e;
  }
}

/** Coordinates of the nonzero elements: int64 [count, ndim]. */
export function nonzero(t: Tensor): Tensor {
  const v = t._values();
  const nd = t.ndim;
  const cs = contiguousStrides(t._shape);
  const coords: number[] = [];
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === 0) continue;
    count++;
    let rem = i;
    for (let d = 0; d < nd; d++) {
      const c = Math.floor(rem / cs[d]);
      coords.push(c);
      rem -= c * cs[d];
    }
  }
  return Tensor._fromData(Float64Array.from(coords), [count, nd], int64);
}

/** out[i][j][k] = t[i][index[i][j][k]][k] (for dim = 1). */
export function gather(t: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim("gather", dim, t.ndim);
  if (index.dtype !== int64) throw new DTypeError(`gather: gather(): Expected dtype int64 for index, got ${index.dtype}`);
  if (index.ndim !== t.ndim) {
    throw new RuntimeError(`gather: Index tensor must have the same number of dimensions as input tensor (index ${fmtShape(index._shape)}, input ${fmtShape(t._shape)})`);
  }
  for (let i = 0; i < t.ndim; i++) {
    if (i !== d && index._shape[i] > t._shape[i]) {
      throw new RuntimeError(
        `gather: Size does not match at dimension ${i} expected index ${fmtShape(index._shape)} to be smaller than self ${fmtShape(t._shape)} apart from dimension ${d}`,
      );
    }
  }
  const iv = index._values();
  const cs = contiguousStrides(t._shape);
  const ics = contiguousStrides(index._shape);
  const pos = new Int32Array(iv.length);
  const size = t._shape[d];
  for (let i = 0; i < iv.length; i++) {
    const k = iv[i];
    // unlike indexing, gather takes no negative indices (PyTorch raises)
    if (k < 0 || k >= size) throw new RuntimeError(`gather: index ${k} is out of bounds for dimension ${d} with size ${size}`);
    let rem = i;
    let p = 0;
    for (let j = 0; j < t.ndim; j++) {
      const c = Math.floor(rem / ics[j]);
      rem -= c * ics[j];
      p += (j === d ? k : c) * cs[j];
    }
    pos[i] = p;
  }
  return composite(take(t, pos, index._shape.slice()), "gather");
}

export function indexSelect(t: Tensor, dim: number, index: Tensor | number[]): Tensor {
  if (!(index instanceof Tensor) && !index.every((v) => Number.isInteger(v))) {
    throw new DTypeError(`indexSelect: index_select(): Expected integer indices, got [${index.join(", ")}]`);
  }
  const idx = index instanceof Tensor ? index : tensor(index, { dtype: int64 });
  if (idx.ndim > 1) throw new IndexError(`indexSelect: index_select(): Index is supposed to be a vector (got shape ${fmtShape(idx._shape)})`);
  // PyTorch's index_select takes int32 indices too (gather and take do not)
  if (idx.dtype !== int64 && idx.dtype !== int32) {
    throw new DTypeError(`indexSelect: index_select(): Expected dtype int32 or int64 for index, got ${idx.dtype}`);
  }
  const d = normalizeDim("indexSelect", dim, t.ndim);
  const size = t.ndim === 0 ? 1 : t._shape[d];
  for (const k of idx._values()) {
    // unlike indexing, index_select takes no negative indices (PyTorch raises)
    if (k < 0 || k >= size) throw new IndexError(`indexSelect: index out of range in self (index ${k}, dimension ${d} of size ${size}, shape ${fmtShape(t._shape)})`);
  }
  const [pos, shape] = advancedPositions("indexSelect", t, [{ dim: d, idx: idx.reshape(-1) }]);
  return composite(take(t, pos, shape), "indexSelect");
}

export function maskedSelect(t: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== bool && mask.dtype !== uint8) throw new DTypeError(`maskedSelect: masked_select: expected BoolTensor for mask, got ${mask.dtype}`);
  const shape = broadcastShapes("maskedSelect", t._shape, mask._shape);
  const x = sameShape(t._shape, shape) ? t : expand(t, [shape]);
  const m = sameShape(mask._shape, shape) ? mask._values() : expand(mask, [shape])._values();
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) count++;
  const pos = new Int32Array(count);
  for (let i = 0, k = 0; i < m.length; i++) if (m[i]) pos[k++] = i;
  return composite(take(x, pos, [count]), "maskedSelect");
}

// ---- method-only indexing (gather, indexSelect, maskedSelect are derived from view-ops.ts) ----
/** Indexing by `get`/`set` (tensor.ts: `interface Tensor extends IndexMethods`). */
export interface IndexMethods {
  /**
   * `X[i, 1:3, ..., None, mask]` is `X.get(i, "1:3", "...", null, mask)`; `X[[0, 2]]` is `X.get([0, 2])`.
   * Integers and slices give views that share storage; index tensors and masks copy.
   */
  get(...index: Index[]): Tensor;
  /**
   * `X[index] = value`: the same index items as `get`, then the value last.
   * `X[1, 2] = 9` is `X.set(1, 2, 9)`; `X[0:2, :] = 12` is `X.set("0:2", ":", 12)` or
   * `X.set("0:2, :", 12)`; `X[[1, 2]] = 9` (rows 1 and 2) is `X.set([1, 2], 9)`.
   */
  set(...indexAndValue: [...index: Index[], value: TensorLike]): this;
}

defineMethods({
  get(this: Tensor, ...index: Index[]) {
    return get(this, index);
  },
  set(this: Tensor, ...args: unknown[]) {
    // PyTorch's `X[index] = value`: every argument but the last is an index item, exactly as get reads them
    if (args.length === 0) throw new TypeError("set(): missing the value: X[index] = value is X.set(...index, value)");
    return set(this, args.slice(0, -1) as Index[], args[args.length - 1] as TensorLike);
  },
});
