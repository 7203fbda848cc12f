/** Shape algebra: strides, dims, broadcasting. Pure functions over number[]. */
import { IndexError, RuntimeError, TypeError, fmtShape } from "./errors";

export type Shape = readonly number[];

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function contiguousStrides(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return s;
}

/** Wrap a possibly negative dim into [0, ndim), PyTorch's message on failure. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const lo = -Math.max(ndim, 1);
  const hi = Math.max(ndim, 1) - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new IndexError(`${op}: Dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalize a dim list (sorted, unique). `undefined` means every dim. */
export function normalizeDims(op: string, dim: number | readonly number[] | undefined | null, ndim: number): number[] {
  if (dim === undefined || dim === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return Array.from({ length: ndim }, (_, i) => i);
  const out = list.map((d) => (ndim === 0 ? (normalizeDim(op, d, 0), 0) : normalizeDim(op, d, ndim)));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new RuntimeError(`${op}: dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return ndim === 0 ? [] : out.sort((a, b) => a - b);
}

/**
 * NumPy/PyTorch broadcasting: align trailing dims; sizes must match or be 1.
 * The error names the op, both shapes and the offending dim (of the result).
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // from the last dim, as PyTorch does, so the reported dim is the one PyTorch reports
  for (let i = n - 1; i >= 0; i--) {
    const da = a.length - n + i >= 0 ? a[a.length - n + i] : 1;
    const db = b.length - n + i >= 0 ? b[b.length - n + i] : 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new RuntimeError(
        `${op}: The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}` +
          ` (cannot broadcast ${fmtShape(a)} with ${fmtShape(b)})`,
      );
    }
  }
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Validate a user-supplied size list (non-negative integers). */
export function checkShape(op: string, shape: Shape): number[] {
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!Number.isInteger(d) || d < 0) {
      throw new RuntimeError(`${op}: Trying to create tensor with negative or non-integer dimension ${d}: ${fmtShape(shape)}`);
    }
  }
  return shape.slice();
}

/**
 * Accept both `f(2, 3)` and `f([2, 3])` forms, as PyTorch accepts both; every entry must be an
 * integer (`name` is the argument's name in the message: shape, dims, sizes).
 */
export function shapeArgs(op: string, args: readonly (number | readonly number[])[], name = "shape"): number[] {
  const list = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as readonly unknown[];
  for (let i = 0; i < list.length; i++) {
    if (!Number.isInteger(list[i])) {
      const v = list[i];
      const kind = v === null ? "null" : Array.isArray(v) ? "Array" : typeof v;
      throw new TypeError(`${op}(): argument '${name}' must be tuple of ints, but found element of type ${kind} at pos ${i + 1}${typeof v === "number" ? ` (${v})` : ""}`);
    }
  }
  return list === args ? (list as number[]) : list.slice() as number[];
}

/**
 * Resolve a single -1 in `shape` against `numel` (reshape/view). PyTorch's
 * messages: "only one dimension can be inferred", "shape '[2, -1]' is invalid for input of size 7".
 */
export function inferShape(op: string, shape: Shape, numel: number): number[] {
  let infer = -1;
  let prod = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === -1) {
      if (infer >= 0) throw new RuntimeError(`${op}: only one dimension can be inferred (shape [${shape.join(", ")}] for input of size ${numel})`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new RuntimeError(`${op}: invalid shape dimension ${d} in ${fmtShape(shape)}`);
    } else prod *= d;
  }
  const out = shape.slice();
  const bad = () => new RuntimeError(`${op}: shape '[${shape.join(", ")}]' is invalid for input of size ${numel}`);
  if (infer >= 0) {
    if (prod === 0 && numel === 0) {
      throw new RuntimeError(`${op}: cannot reshape tensor of 0 elements into shape [${shape.join(", ")}] because the unspecified dimension size -1 can be any value and is ambiguous`);
    }
    if (prod === 0 || numel % prod !== 0) throw bad();
    out[infer] = numel / prod;
  } else if (prod !== numel) throw bad();
  return out;
}

/**
 * Strides for viewing a tensor of (shape, strides) as newShape without a copy,
 * or null when impossible (PyTorch's computeStride).
 */
export function viewStrides(shape: Shape, strides: Shape, newShape: Shape): number[] | null {
  const numel = numelOf(shape);
  const out = new Array<number>(newShape.length);
  if (numel === 0) return contiguousStrides(newShape);
  // a 0-d tensor (one element) views as any shape of one element
  if (shape.length === 0) return newShape.map(() => 1);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}
