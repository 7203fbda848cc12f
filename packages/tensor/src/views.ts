/**
 * Views: new (shape, strides, offset) over the same storage, no copy.
 * reshape, permute, expand and slice are primitives; squeeze, unsqueeze,
 * flatten, transpose, select and narrow are built from them, and report the
 * composite they made (hooks.composite), which autograd names as PyTorch does.
 * Every view records its base in `_base` (hooks.recordView).
 */
import { DTypeError, RuntimeError, IndexError, fmtShape, tooManyArguments } from "./errors";
import { composite, record, recordView } from "./hooks";
import { contiguousStrides, inferShape, normalizeDim, normalizeDims, shapeArgs, viewStrides } from "./shape";
import { Storage, gatherStrided } from "./storage";
import { Tensor } from "./tensor";
import { allocate, allocateEmpty } from "./dtype";
import { defineGetters, defineMethods } from "./methods";

function makeView(t: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  return new Tensor(t._storage, shape, strides, offset, t.dtype);
}

/** A new contiguous copy (recorded as `clone`). */
export function clone(t: Tensor): Tensor {
  const n = t.numel();
  const data = allocateEmpty(t.dtype, n);
  gatherStrided(t._storage.data, t._shape, t._strides, t._offset, data);
  return record("clone", [t], Tensor._fromData(data, t._shape.slice(), t.dtype), {});
}

/** Same storage and geometry, outside any graph (detach). */
export function alias(t: Tensor): Tensor {
  return makeView(t, t._shape.slice(), t._strides.slice(), t._offset);
}

function reshapeImpl(op: "reshape" | "view", t: Tensor, args: readonly (number | readonly number[])[]): Tensor {
  const shape = inferShape(op, shapeArgs(op, args), t.numel());
  const strides = viewStrides(t._shape, t._strides, shape);
  if (strides !== null) return recordView("reshape", t, makeView(t, shape, strides, t._offset), { shape });
  if (op === "view") {
    throw new RuntimeError(
      `view: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). ` +
        `Use .reshape(...) instead. (input shape ${fmtShape(t._shape)}, strides ${fmtShape(t._strides)}, requested ${fmtShape(shape)})`,
    );
  }
  const data = allocateEmpty(t.dtype, t.numel());
  gatherStrided(t._storage.data, t._shape, t._strides, t._offset, data);
  const out = new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, t.dtype);
  return record("reshape", [t], out, { shape });
}

/** The reshape primitive under its own name (ViewBackward0): a view when the strides allow it, else a copy. */
export function reshapeTo(t: Tensor, shape: readonly number[]): Tensor {
  return reshapeImpl("reshape", t, [shape]);
}

/**
 * `x.reshape(3, -1)`: a view when the strides allow it, else a copy
 * (PyTorch's ReshapeAliasBackward0 and UnsafeViewBackward0).
 */
export function reshape(t: Tensor, shape: (number | number[])[]): Tensor {
  const out = reshapeImpl("reshape", t, shape);
  return composite(out, "reshape");
}

/** Like reshape, but raises where a copy would be needed. */
export function view(t: Tensor, shape: (number | number[])[]): Tensor {
  return reshapeImpl("view", t, shape);
}

/** Dims `startDim..endDim` merged into one (a view when the strides allow it). */
export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  // a 0-d tensor takes dims as a 1-d one does (0 or -1), and flattens to [1]
  const s = normalizeDim("flatten", startDim, t.ndim);
  const e = normalizeDim("flatten", endDim, t.ndim);
  if (t.ndim === 0) return reshape(t, [[1]]);
  if (s > e) throw new RuntimeError(`flatten: flatten() has invalid args: start_dim cannot come after end_dim (start_dim (${startDim}) > end_dim (${endDim}))`);
  // nothing to merge: PyTorch returns the input itself
  if (s === e) return t;
  const shape = t._shape.slice(0, s);
  let m = 1;
  for (let i = s; i <= e; i++) m *= t._shape[i];
  shape.push(m, ...t._shape.slice(e + 1));
  return reshape(t, [shape]);
}

export function unflatten(t: Tensor, dim: number, sizes: number[]): Tensor {
  if (t.ndim === 0) {
    normalizeDim("unflatten", dim, 0); // a dim out of [-1, 0] is PyTorch's range error
    throw new IndexError("unflatten: Dimension specified as 0 but tensor has no dimensions");
  }
  const d = normalizeDim("unflatten", dim, t.ndim);
  let prod = 1;
  for (const s of sizes) if (s !== -1) prod *= s;
  // PyTorch's wording when the product is off (with a -1: when it does not divide the size)
  if (sizes.includes(-1) ? prod > 0 && t._shape[d] % prod !== 0 : prod !== t._shape[d]) {
    throw new RuntimeError(`unflatten: Provided sizes [${sizes.join(", ")}] don't multiply up to the size of dim ${d} (${t._shape[d]}) in the input tensor`);
  }
  const inner = inferShape("unflatten", sizes, t._shape[d]);
  return reshapeTo(t, [...t._shape.slice(0, d), ...inner, ...t._shape.slice(d + 1)]);
}

/** Size-1 dims removed (all of them, or those among `dim`). */
export function squeeze(t: Tensor, dim?: number | number[]): Tensor {
  const dims = dim === undefined ? null : new Set(normalizeDims("squeeze", dim, t.ndim));
  const shape = t._shape.filter((s, i) => !(s === 1 && (dims === null || dims.has(i))));
  return composite(reshapeTo(t, shape), "squeeze", { dimGiven: dims !== null });
}

/** A size-1 dim inserted at `dim`. */
export function unsqueeze(t: Tensor, dim: number): Tensor {
  const d = normalizeDim("unsqueeze", dim, t.ndim + 1);
  const shape = t._shape.slice();
  shape.splice(d, 0, 1);
  return composite(reshapeTo(t, shape), "unsqueeze");
}

export function permute(t: Tensor, args: (number | number[])[]): Tensor {
  const raw = shapeArgs("permute", args, "dims");
  if (raw.length !== t.ndim) {
    throw new RuntimeError(
      `permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${t.ndim} is not equal to len(dims) = ${raw.length}`,
    );
  }
  const dims = raw.map((d) => normalizeDim("permute", d, t.ndim));
  if (new Set(dims).size !== dims.length) throw new RuntimeError(`permute: permute(): duplicate dims are not allowed. (dims ${fmtShape(raw)})`);
  const out = makeView(
    t,
    dims.map((d) => t._shape[d]),
    dims.map((d) => t._strides[d]),
    t._offset,
  );
  return recordView("permute", t, out, { dims });
}

/** Dims `dim0` and `dim1` swapped (a view). */
export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  const dims = t._shape.map((_, i) => i);
  if (t.ndim === 0) {
    // a 0-d tensor takes dims 0 and -1 only
    normalizeDim("transpose", dim0, 0);
    normalizeDim("transpose", dim1, 0);
  } else {
    const a = normalizeDim("transpose", dim0, t.ndim);
    const b = normalizeDim("transpose", dim1, t.ndim);
    dims[a] = b;
    dims[b] = a;
  }
  return composite(permute(t, [dims]), "transpose");
}

/** The 2-D transpose; a 0-D or 1-D tensor gives a new view of itself, as PyTorch's t(). */
export function t(x: Tensor): Tensor {
  if (x.ndim > 2) throw new RuntimeError(`t: t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D (shape ${fmtShape(x._shape)})`);
  return composite(permute(x, [x.ndim < 2 ? x._shape.map((_, i) => i) : [1, 0]]), "t");
}

/** Broadcast to a larger shape without copying (stride 0 on expanded dims). */
export function expand(t: Tensor, args: (number | number[])[]): Tensor {
  const target = shapeArgs("expand", args, "size");
  const nd = target.length;
  if (nd < t.ndim) {
    throw new RuntimeError(
      `expand: the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${t.ndim}) (tensor ${fmtShape(t._shape)}, target ${fmtShape(target)})`,
    );
  }
  const shape = new Array<number>(nd);
  const strides = new Array<number>(nd);
  for (let i = nd - 1; i >= 0; i--) {
    const j = i - (nd - t.ndim);
    const want = target[i];
    if (j < 0) {
      if (want < 0) throw new RuntimeError(`expand: The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`);
      shape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = t._shape[j];
    if (want === -1 || want === have) {
      shape[i] = have;
      strides[i] = t._strides[j];
    } else if (have === 1) {
      shape[i] = want;
      strides[i] = 0;
    } else {
      throw new RuntimeError(
        `expand: The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${target.join(", ")}].  Tensor sizes: [${t._shape.join(", ")}] (${fmtShape(t._shape)} to ${fmtShape(target)})`,
      );
    }
  }
  return recordView("expand", t, makeView(t, shape, strides, t._offset), { shape });
}

/** Tile the tensor `sizes[i]` times along dim i (leading extra sizes add dims). */
export function repeat(x: Tensor, args: (number | number[])[]): Tensor {
  const sizes = shapeArgs("repeat", args, "repeats");
  if (sizes.length < x.ndim) {
    throw new RuntimeError(
      `repeat: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor (repeat ${fmtShape(sizes)}, tensor ${fmtShape(x._shape)})`,
    );
  }
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 0) {
      throw new RuntimeError(`repeat: Trying to create tensor with negative or non-integer repeat ${s} (repeats ${fmtShape(sizes)}, tensor ${fmtShape(x._shape)})`);
    }
  }
  const lead = sizes.length - x.ndim;
  const src = [...new Array(lead).fill(1), ...x._shape];
  const interleaved: number[] = [];
  const expanded: number[] = [];
  const final: number[] = [];
  for (let i = 0; i < sizes.length; i++) {
    interleaved.push(1, src[i]);
    expanded.push(sizes[i], src[i]);
    final.push(sizes[i] * src[i]);
  }
  const r = reshapeTo(expand(reshapeTo(x, interleaved), [expanded]), final);
  // repeat always copies: the reshape is still a view of x when nothing was tiled
  return composite(r._base !== null ? clone(r) : r, "repeat");
}

/** The primitive slice: `length` elements from `start`, every `step` (≥ 1), along `dim`. */
export function slice(t: Tensor, dim: number, start: number, step: number, length: number): Tensor {
  const shape = t._shape.slice();
  const strides = t._strides.slice();
  shape[dim] = length;
  strides[dim] = t._strides[dim] * step;
  const offset = t._offset + (length > 0 ? start * t._strides[dim] : 0);
  return recordView("slice", t, makeView(t, shape, strides, offset), { dim, start, step, length });
}

/** `length` elements of `dim` from `start` (a view). */
export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  if (t.ndim === 0) throw new RuntimeError("narrow: narrow() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim("narrow", dim, t.ndim);
  if (!Number.isInteger(start) || !Number.isInteger(length)) {
    throw new DTypeError(`narrow: start and length must be integers, got start=${start}, length=${length}`);
  }
  const size = t._shape[d];
  const s = start < 0 ? start + size : start;
  if (s < 0 || s > size) throw new IndexError(`narrow: start (${start}) out of range for dimension ${d} of size ${size}`);
  if (length < 0 || s + length > size) {
    throw new RuntimeError(`narrow: start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(t, d, s, 1, length);
}

/** Element `index` of `dim`, that dim removed (a view). */
export function select(t: Tensor, dim: number, index: number): Tensor {
  if (t.ndim === 0) throw new IndexError("select: select() cannot be applied to a 0-dim tensor.");
  const d = normalizeDim("select", dim, t.ndim);
  const size = t._shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`select: index ${index} is out of bounds for dimension ${d} with size ${size} (shape ${fmtShape(t._shape)})`);
  }
  const i = index < 0 ? index + size : index;
  const s = slice(t, d, i, 1, 1);
  const shape = t._shape.slice();
  shape.splice(d, 1);
  return composite(reshapeTo(s, shape), "select");
}

// ---- method-only view ops (the others are derived from view-ops.ts) ---------
/** The method-only view ops (tensor.ts: `interface Tensor extends ViewMethods`). */
export interface ViewMethods {
  /** `x.reshape(3, -1)` or `x.reshape([3, -1])`: a view when the strides allow it, else a copy. */
  reshape(...shape: (number | number[])[]): Tensor;
  /** Like reshape, but never copies: errors where PyTorch's view errors. */
  view(...shape: (number | number[])[]): Tensor;
  /** `view(other.shape)` */
  viewAs(other: Tensor): Tensor;
  /** `reshape(other.shape)` */
  reshapeAs(other: Tensor): Tensor;
  /** The dims reordered: `x.permute(2, 0, 1)` (a view). */
  permute(...dims: (number | number[])[]): Tensor;
  /** All dims reversed (PyTorch's `.T`). */
  readonly T: Tensor;
  /** The last two dims swapped (PyTorch's `.mT`). */
  readonly mT: Tensor;
  /** Broadcast to a larger shape without copying (−1 keeps a size). */
  expand(...shape: (number | number[])[]): Tensor;
  /** `expand(other.shape)` */
  expandAs(other: Tensor): Tensor;
  /** Repeat the tensor along each dim (PyTorch's `repeat`). */
  repeat(...sizes: (number | number[])[]): Tensor;
  /** This tensor when contiguous, else a contiguous copy. */
  contiguous(): Tensor;
  /** A view that shares storage but is cut from the autograd graph. */
  detach(): Tensor;
  /** Detach in place: this tensor leaves the autograd graph (a leaf that does not require grad); a view raises, as in PyTorch. */
  detach_(): this;
}

defineMethods({
  reshape(this: Tensor, ...shape: (number | number[])[]) {
    return reshape(this, shape);
  },
  view(this: Tensor, ...shape: (number | number[])[]) {
    return view(this, shape);
  },
  viewAs(this: Tensor, other: Tensor) {
    return view(this, [other._shape]);
  },
  reshapeAs(this: Tensor, other: Tensor) {
    return reshape(this, [other._shape]);
  },
  permute(this: Tensor, ...dims: (number | number[])[]) {
    return permute(this, dims);
  },
  expand(this: Tensor, ...shape: (number | number[])[]) {
    return expand(this, shape);
  },
  expandAs(this: Tensor, other: Tensor) {
    return expand(this, [other._shape]);
  },
  repeat(this: Tensor, ...sizes: (number | number[])[]) {
    return repeat(this, sizes);
  },
  contiguous(this: Tensor, ...extra: unknown[]) {
    if (extra.length > 0) throw tooManyArguments("contiguous", 0, extra.length);
    return this.isContiguous() ? this : clone(this);
  },
  detach(this: Tensor, ...extra: unknown[]) {
    if (extra.length > 0) throw tooManyArguments("detach", 0, extra.length);
    return alias(this);
  },
  // without @torchts/autograd there is no graph to leave (autograd replaces this method)
  detach_(this: Tensor) {
    if (this._base !== null) throw new RuntimeError("detach_: Can't detach views in-place. Use detach() instead.");
    return this;
  },
});
defineGetters({
  T(this: Tensor) {
    return permute(this, [this._shape.map((_, i) => this.ndim - 1 - i)]);
  },
  mT(this: Tensor) {
    if (this.ndim === 1) throw new RuntimeError("mT: tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.");
    if (this.ndim === 0) return this; // as PyTorch 1.13
    return transpose(this, -2, -1);
  },
});
