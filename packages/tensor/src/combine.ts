/** cat, stack, split, chunk, unbind. `cat` is the primitive; the rest are views or composites. */
import { allocate } from "./dtype";
import { DTypeError, IndexError, RuntimeError, fmtShape } from "./errors";
import { composite, record } from "./hooks";
import { resultType } from "./promotion";
import { normalizeDim, sameShape } from "./shape";
import { gatherStrided } from "./storage";
import { Tensor } from "./tensor";
import { narrow, select, unsqueeze } from "./views";
import { to } from "./convert";
import { checkedOp } from "./signature";

function checkTensors(op: string, tensors: readonly unknown[]): void {
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new DTypeError(`${op}: expected a list of Tensors, but element ${i} is ${typeof t}`);
  });
}

/** Concatenate along an existing dim; sizes must match elsewhere. Dtypes promote. */
function catImpl(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError("cat: torch.cat(): expected a non-empty list of Tensors");
  checkTensors("cat", tensors);
  // legacy rule kept by PyTorch: 1-D empty tensors are skipped
  const parts = tensors.filter((t) => !(t.ndim === 1 && t._shape[0] === 0));
  if (parts.length === 0) return to(tensors[0], resultType(...tensors));
  const ref = parts[0];
  if (ref.ndim === 0) throw new RuntimeError("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
  const d = normalizeDim("cat", dim, ref.ndim);
  parts.forEach((t, i) => {
    if (t.ndim !== ref.ndim) {
      throw new RuntimeError(
        `cat: Tensors must have same number of dimensions: got ${ref.ndim} and ${t.ndim} (shapes ${fmtShape(ref._shape)} and ${fmtShape(t._shape)})`,
      );
    }
    for (let j = 0; j < ref.ndim; j++) {
      if (j !== d && t._shape[j] !== ref._shape[j]) {
        throw new RuntimeError(
          `cat: Sizes of tensors must match except in dimension ${d}. Expected size ${ref._shape[j]} but got size ${t._shape[j]} for tensor number ${i} in the list. (shapes ${fmtShape(ref._shape)} and ${fmtShape(t._shape)})`,
        );
      }
    }
  });
  const dtype = resultType(...parts);
  const inputs = parts.map((t) => to(t, dtype));
  const shape = ref._shape.slice();
  shape[d] = inputs.reduce((s, t) => s + t._shape[d], 0);
  const outer = shape.slice(0, d).reduce((p, s) => p * s, 1);
  const inner = shape.slice(d + 1).reduce((p, s) => p * s, 1);
  const out = allocate(dtype, outer * shape[d] * inner);
  const rowLen = shape[d] * inner;
  let col = 0;
  for (const t of inputs) {
    const w = t._shape[d] * inner;
    const v = t.isContiguous() ? t._values() : (() => {
      const c = allocate(dtype, t.numel());
      gatherStrided(t._storage.data, t._shape, t._strides, t._offset, c);
      return c;
    })();
    for (let o = 0; o < outer; o++) out.set(v.subarray(o * w, (o + 1) * w), o * rowLen + col);
    col += w;
  }
  const res = Tensor._fromData(out, shape, dtype);
  return dtype.isFloatingPoint ? record("cat", inputs, res, { dim: d }) : res;
}

/** Join along a new dim; every tensor must have the same shape. */
function stackImpl(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RuntimeError("stack: stack expects a non-empty TensorList");
  checkTensors("stack", tensors);
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (!sameShape(t._shape, ref._shape)) {
      throw new RuntimeError(`stack: stack expects each tensor to be equal size, but got ${fmtShape(ref._shape)} at entry 0 and ${fmtShape(t._shape)} at entry ${i}`);
    }
  });
  const d = normalizeDim("stack", dim, ref.ndim + 1);
  return composite(catImpl(tensors.map((t) => unsqueeze(t, d)), d), "stack");
}

/** Named form of the dim argument: `cat([a, b], { dim: 1 })` (or NumPy's `axis`). */
export interface CatOptions {
  dim?: number;
  axis?: number;
}
/**
 * Concatenate along an existing dim (default 0); sizes must match elsewhere. Dtypes promote.
 * @example torch.cat([torch.zeros(2, 3), torch.ones(2, 3)], 1).shape // [2, 6]
 */
export const cat: (tensors: readonly Tensor[], dim?: number | CatOptions, options?: CatOptions) => Tensor = checkedOp("cat(Tensor[] tensors, int dim=0)", catImpl);
/**
 * Join along a new dim (default 0); every tensor must have the same shape.
 * @example torch.stack([torch.zeros(2, 3), torch.ones(2, 3)], { dim: 1 }).shape // [2, 2, 3]
 */
export const stack: (tensors: readonly Tensor[], dim?: number | CatOptions, options?: CatOptions) => Tensor = checkedOp("stack(Tensor[] tensors, int dim=0)", stackImpl);

/** Views of `splitSize` elements along dim (the last may be smaller), or of the given sizes. */
export function split(t: Tensor, splitSize: number | number[], dim = 0): Tensor[] {
  if (t.ndim === 0) throw new RuntimeError("split: split expects at least a 1-dimensional tensor");
  const d = normalizeDim("split", dim, t.ndim);
  const size = t._shape[d];
  let sizes: number[];
  if (Array.isArray(splitSize)) {
    const total = splitSize.reduce((a, b) => a + b, 0);
    if (total !== size || splitSize.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new RuntimeError(
        `split: split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${dim}), but got split_sizes=[${splitSize.join(", ")}]`,
      );
    }
    sizes = splitSize;
  } else {
    if (!Number.isInteger(splitSize) || splitSize < 0) throw new RuntimeError(`split: split_size must be a non-negative integer, but got ${splitSize}`);
    if (!(splitSize > 0) && size > 0) throw new RuntimeError(`split: split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    sizes = [];
    for (let s = 0; s < size; s += splitSize) sizes.push(Math.min(splitSize, size - s));
    if (sizes.length === 0) sizes.push(0);
  }
  return pieces(t, d, sizes, Array.isArray(splitSize));
}

/** Consecutive narrow views of the given sizes along dim d, each reported as a piece of split (`withSizes`: of split_with_sizes). */
function pieces(t: Tensor, d: number, sizes: number[], withSizes: boolean): Tensor[] {
  const out: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    out.push(composite(narrow(t, d, start, s), "split", { sizes: withSizes }));
    start += s;
  }
  return out;
}

/** `chunks` pieces along dim, each of ceil(size / chunks) (the last may be smaller). */
export function chunk(t: Tensor, chunks: number, dim = 0): Tensor[] {
  if (t.ndim === 0) throw new RuntimeError("chunk: chunk expects at least a 1-dimensional tensor");
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RuntimeError(`chunk: chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim("chunk", dim, t.ndim);
  // an empty dim splits into `chunks` empty pieces, as PyTorch does
  if (t._shape[d] === 0) return pieces(t, d, new Array<number>(chunks).fill(0), true);
  return split(t, Math.ceil(t._shape[d] / chunks), d);
}

/** Remove a dim, returning every slice along it. */
export function unbind(t: Tensor, dim = 0): Tensor[] {
  if (t.ndim === 0) {
    normalizeDim("unbind", dim, 0); // a dim out of [-1, 0] is PyTorch's range error
    throw new IndexError("unbind: Dimension specified as 0 but tensor has no dimensions");
  }
  const d = normalizeDim("unbind", dim, t.ndim);
  return Array.from({ length: t._shape[d] }, (_, i) => composite(select(t, d, i), "unbind"));
}
