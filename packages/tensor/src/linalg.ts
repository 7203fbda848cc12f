/**
 * norm, diag, trace, and the `linalg` namespace (inv, solve, norm, svd, svdvals).
 * inv and solve are primitives over the LU kernels of linalg-kernels.ts.
 */
import { type FloatArray, allocate, bool } from "./dtype";
import { DTypeError, RuntimeError, fmtShape } from "./errors";
import { composite, record } from "./hooks";
import { layout } from "./reduce";
import { broadcastShapes, normalizeDim, sameShape } from "./shape";
import { Tensor } from "./tensor";
import { expand, unsqueeze, squeeze } from "./views";
import { put, take } from "./indexing";
import { zeros } from "./creation";
import { invBatch, solveBatch } from "./linalg-kernels";
import { svd, svdvals } from "./svd";

export interface NormOptions {
  /** 2 (default), 1, Infinity, -Infinity, 0, any p > 0, "fro" (= 2 over the given dims) or "nuc" (the nuclear norm of a matrix or of two dims). */
  p?: number | "fro" | "nuc";
  dim?: number | number[];
  keepdim?: boolean;
}

/**
 * Vector p-norm over `dim` (all elements by default): ‖x‖_p = (Σ|x|^p)^(1/p).
 * The Frobenius norm (p "fro", the default) over two dims is √Σx², as PyTorch's frobenius_norm
 * (so its node is SqrtBackward0, and its gradient at a zero slice is NaN, as PyTorch's).
 */
export function norm(t: Tensor, p?: number | "fro" | "nuc" | NormOptions, options?: NormOptions): Tensor {
  const o: NormOptions = typeof p === "object" ? { ...p, ...options } : { ...options, p: p ?? options?.p };
  if (typeof o.p === "string" && o.p !== "fro") {
    if (o.p !== "nuc") throw new RuntimeError(`norm: only valid string values are 'fro' and 'nuc', found ${o.p}`);
    return nuclear(t, o.dim, o.keepdim ?? false);
  }
  const pv = o.p === undefined || o.p === "fro" ? 2 : o.p;
  if (!t.dtype.isFloatingPoint) {
    throw new DTypeError(`norm: norm(): input dtype should be either floating point or complex. Got ${t.dtype.scalarType} instead.`);
  }
  const keepdim = o.keepdim ?? false;
  if ((o.p === undefined || o.p === "fro") && Array.isArray(o.dim) && o.dim.length > 1) return frobenius(t, o.dim, keepdim);
  const l = layout("norm", t, o.dim, keepdim);
  const out = allocate(t.dtype, l.outer * l.inner);
  const { values: v, red, inner } = l;
  for (let oi = 0; oi < l.outer; oi++) {
    for (let i = 0; i < inner; i++) {
      let acc = pv === -Infinity ? Infinity : 0;
      for (let r = 0, k = oi * red * inner + i; r < red; r++, k += inner) {
        const a = Math.abs(v[k]);
        if (pv === 2) acc += a * a;
        else if (pv === 1) acc += a;
        else if (pv === Infinity) acc = a > acc || a !== a ? a : acc;
        else if (pv === -Infinity) acc = a < acc || a !== a ? a : acc;
        else if (pv === 0) acc += a !== 0 ? 1 : 0;
        else acc += Math.pow(a, pv);
      }
      out[oi * inner + i] = pv === 2 ? Math.sqrt(acc) : pv === 1 || pv === 0 || !Number.isFinite(pv) ? acc : Math.pow(acc, 1 / pv);
    }
  }
  const res = Tensor._fromData(out, l.outShape, t.dtype);
  return record("norm", [t], res, { p: pv, dims: l.dims, keepdim });
}

/** torch.norm(t, "nuc"): the sum of the singular values of a 2-D t, or over two `dim`s. */
function nuclear(t: Tensor, dim: number | number[] | undefined, keepdim: boolean): Tensor {
  if (dim === undefined) {
    if (t.ndim !== 2) {
      throw new RuntimeError(`norm: Expected a tensor with 2 dimensions, but got a tensor with ${t.ndim} dimension${t.ndim === 1 ? "" : "s"} instead.`);
    }
    dim = [0, 1];
  }
  if (!Array.isArray(dim) || dim.length !== 2) throw new RuntimeError("norm: nuclear norm requires a 'dim' argument of size 2");
  return matrixSvdNorm("norm", t, "nuc", dim[0], dim[1], keepdim);
}

/** The spectral (ord 2), smallest-singular-value (ord -2) or nuclear norm of the matrices in dims r, c. */
function matrixSvdNorm(op: string, t: Tensor, ord: 2 | -2 | "nuc", r: number, c: number, keepdim: boolean): Tensor {
  const [a, b] = [normalizeDim(op, r, t.ndim), normalizeDim(op, c, t.ndim)];
  if (a === b) throw new RuntimeError(`${op}: Expected dims to be different, got (${r}, ${c}) instead`);
  if (!t.dtype.isFloatingPoint) throw new DTypeError(`${op}: Expected a floating point tensor as input. Got ${t.dtype.name}`);
  // the two dims last, in that order (PyTorch's movedim), then the singular values of each matrix
  const rest = t._shape.map((_, i) => i).filter((i) => i !== a && i !== b);
  const s = svdvals(t.permute([...rest, a, b]));
  const v = ord === 2 ? s.amax(-1) : ord === -2 ? s.amin(-1) : s.sum(-1);
  if (!keepdim) return v;
  const shape = t._shape.slice();
  shape[a] = 1;
  shape[b] = 1;
  return v.reshape(shape);
}

function frobenius(t: Tensor, dim: number[], keepdim: boolean): Tensor {
  if (dim.length > 2) throw new RuntimeError(`norm: Expected at most 2 dimensions, but got ${dim.length} dimensions instead. (shape ${fmtShape(t._shape)})`);
  const dims = dim.map((d) => normalizeDim("norm", d, t.ndim));
  if (dims[0] === dims[1]) throw new RuntimeError(`norm: Expected dims to be different, got [${dim.join(", ")}] instead`);
  return t.mul(t).sum({ dim: dims, keepdim }).sqrt();
}

/** 1-D → square matrix with it on diagonal `k`; 2-D → its k-th diagonal (a copy). */
export function diag(t: Tensor, k = 0): Tensor {
  if (!Number.isInteger(k)) throw new DTypeError(`diag: diagonal must be an integer, got ${k}`);
  if (t.ndim === 1) {
    const n = t._shape[0];
    const size = n + Math.abs(k);
    const pos = new Int32Array(n);
    for (let i = 0; i < n; i++) pos[i] = k >= 0 ? i * size + i + k : (i - k) * size + i;
    const z = zeros([size, size], { dtype: t.dtype });
    return composite(put(z, pos, t), "diag");
  }
  if (t.ndim !== 2) throw new RuntimeError(`diag: matrix or a vector expected (got shape ${fmtShape(t._shape)})`);
  const [r, c] = t._shape;
  const n = Math.max(0, k >= 0 ? Math.min(r, c - k) : Math.min(r + k, c));
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[i] = k >= 0 ? i * c + i + k : (i - k) * c + i;
  return composite(take(t, pos, [n]), "diag");
}

/** Sum of the main diagonal of a 2-D tensor. */
export function trace(t: Tensor): Tensor {
  if (t.ndim !== 2) throw new RuntimeError(`trace: expected a matrix, but got tensor with dim ${t.ndim} (shape ${fmtShape(t._shape)})`);
  if (t.dtype === bool) throw new DTypeError(`trace: "trace" is not implemented for 'Bool' tensors (shape ${fmtShape(t._shape)})`);
  return composite(diag(t).sum(), "trace");
}

function checkSquare(op: string, a: Tensor): number {
  if (a.ndim < 2) throw new RuntimeError(`${op}: The input tensor A must have at least 2 dimensions. (got shape ${fmtShape(a._shape)})`);
  const [m, n] = a._shape.slice(-2);
  if (m !== n) throw new RuntimeError(`${op}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  if (!a.dtype.isFloatingPoint) throw new DTypeError(`${op}: Expected a floating point or complex tensor as input. Got ${a.dtype.name}`);
  return n;
}

/** The inverse of each square matrix in [..., n, n]; a singular matrix raises LinAlgError. */
export function inv(a: Tensor): Tensor {
  const n = checkSquare("linalg.inv", a);
  const batch = a.numel() / Math.max(n * n, 1);
  const out = allocate(a.dtype, a.numel()) as FloatArray;
  invBatch(a._values() as FloatArray, n === 0 ? 0 : batch, n, out, { batched: a.ndim > 2, contiguous: a.isContiguous() });
  return record("inv", [a], Tensor._fromData(out, a._shape.slice(), a.dtype), {});
}

/**
 * X with A X = B. A: [..., n, n]; B: [..., n, k] or a vector [..., n]
 * (batch dims broadcast). A singular A raises LinAlgError.
 */
export function solve(a: Tensor, b: Tensor): Tensor {
  const n = checkSquare("linalg.solve", a);
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`linalg.solve: Expected A and B to have the same dtype, but found A of type ${a.dtype.name} and B of type ${b.dtype.name} instead`);
  }
  // PyTorch treats B as a (batch of) vector(s) when B.ndim == 1 or B's shape is A's without the last dim
  const vector = b.ndim === 1 || (b.ndim === a.ndim - 1 && sameShape(b._shape, a._shape.slice(0, -1)));
  const bm = vector ? unsqueeze(b, -1) : b;
  if (bm._shape[bm.ndim - 2] !== n) {
    throw new RuntimeError(
      `linalg.solve: Incompatible shapes of A and B for the equation AX = B (${a._shape.slice(-2).join("x")} and ${bm._shape.slice(-2).join("x")}) (shapes ${fmtShape(a._shape)} and ${fmtShape(b._shape)})`,
    );
  }
  const batch = broadcastShapes("linalg.solve", a._shape.slice(0, -2), bm._shape.slice(0, -2));
  const k = bm._shape[bm.ndim - 1];
  const ea = sameShape(a._shape.slice(0, -2), batch) ? a : expand(a, [[...batch, n, n]]);
  const eb = sameShape(bm._shape.slice(0, -2), batch) ? bm : expand(bm, [[...batch, n, k]]);
  const nb = batch.reduce((p, s) => p * s, 1);
  const out = allocate(a.dtype, nb * n * k) as FloatArray;
  if (n > 0 && k > 0) {
    solveBatch(ea._values() as FloatArray, eb._values() as FloatArray, nb, n, k, out, { batched: ea.ndim > 2, contiguous: a.isContiguous() });
  }
  const x = record("solve", [ea, eb], Tensor._fromData(out, [...batch, n, k], a.dtype), {});
  return vector ? composite(squeeze(x, -1), "solveVector") : x;
}

/** torch.linalg.norm-style vector norm over all elements or `dim`. */
export function vectorNorm(t: Tensor, ord: number = 2, options?: { dim?: number | number[]; keepdim?: boolean }): Tensor {
  return composite(norm(t, { p: ord, ...options }), "vectorNorm");
}

/**
 * torch.linalg.norm: a vector norm, or a matrix norm when `ord` is given for a
 * 2-D input or `dim` names two dims ('fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity;
 * 'nuc' and ±2 through linalg.svdvals).
 * @example linalg.norm(A, 1) // max column sum of |A|, as torch.linalg.norm(A, 1)
 */
export function linalgNorm(t: Tensor, ord?: number | "fro" | "nuc", options?: { dim?: number | number[]; keepdim?: boolean }): Tensor {
  const dim = options?.dim;
  const keepdim = options?.keepdim ?? false;
  const twoDims = Array.isArray(dim) && dim.length === 2;
  if (!twoDims && !(dim === undefined && ord !== undefined && t.ndim === 2)) {
    if (ord === "nuc" || (typeof ord === "string" && ord !== "fro")) {
      throw new RuntimeError(
        dim === undefined ? "linalg.matrix_norm: The input tensor A must have at least 2 dimensions." : `linalg.matrix_norm: dim must be a 2-tuple. Got ${String(dim)}`,
      );
    }
    if (ord === "fro") throw new RuntimeError(`linalg.norm: ord='fro' is a matrix norm: it needs a 2-D input or two dims (shape ${fmtShape(t._shape)})`);
    if (dim === undefined && ord !== undefined && t.ndim !== 1) {
      throw new RuntimeError(`linalg.norm: input must be 1-D or 2-D when dim is None and ord is not None, but got shape ${fmtShape(t._shape)}`);
    }
    return vectorNorm(t, ord ?? 2, { dim, keepdim });
  }
  const [r, c] = (twoDims ? (dim as number[]) : [0, 1]).map((d) => normalizeDim("linalg.norm", d, t.ndim));
  if (ord === undefined || ord === "fro") return vectorNorm(t, 2, { dim: [r, c], keepdim });
  if (typeof ord === "string" && ord !== "nuc") throw new RuntimeError(`linalg.matrix_norm: Order ${String(ord)} not supported.`);
  if (!t.dtype.isFloatingPoint) throw new DTypeError(`linalg.norm: Expected a floating point tensor as input. Got ${t.dtype.name}`);
  if (ord === 2 || ord === -2 || ord === "nuc") return matrixSvdNorm("linalg.norm", t, ord, r, c, keepdim);
  if (ord !== 1 && ord !== -1 && ord !== Infinity && ord !== -Infinity) {
    throw new RuntimeError(`linalg.matrix_norm: Order ${ord} not supported.`);
  }
  // as PyTorch: the 1-norms of the columns (ord ±1) or of the rows (ord ±inf), then their max or min
  const [d0, d1i] = ord === 1 || ord === -1 ? [r, c] : [c, r];
  const sums = vectorNorm(t, 1, { dim: d0, keepdim });
  const d1 = !keepdim && d0 < d1i ? d1i - 1 : d1i;
  return ord > 0 ? sums.amax(d1, { keepdim }) : sums.amin(d1, { keepdim });
}

export const linalg = { inv, solve, norm: linalgNorm, vectorNorm, svd, svdvals };

