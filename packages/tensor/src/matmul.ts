/**
 * The matrix-product family. One primitive, `matmul` over [..., M, K] and
 * [..., K, N] with equal batch shapes; dot, mv, mm, bmm, outer and broadcasting
 * matmul reshape/expand their operands into it. Transposed operands (e.g. the
 * `.mT` views that backward uses) reach the gemm kernel as a trans flag, not a copy.
 */
import { type FloatArray, allocate, allocateEmpty, bool } from "./dtype";
import { DTypeError, RuntimeError, fmtShape } from "./errors";
import { composite, record } from "./hooks";
import { broadcastShapes, sameShape } from "./shape";
import { Tensor } from "./tensor";
import { expand, reshapeTo, unsqueeze, squeeze } from "./views";
import { binary } from "./elementwise";
import { kernels } from "./kernels/registry";

interface MatView {
  data: FloatArray;
  trans: boolean;
  ld: number;
  /** strides of the batch dims */
  batchStrides: number[];
  offset: number;
}

/** How the gemm kernel can read the last two dims of t without a copy, else a contiguous copy. */
function matView(t: Tensor): MatView {
  const nd = t.ndim;
  const rows = t._shape[nd - 2];
  const cols = t._shape[nd - 1];
  const rs = t._strides[nd - 2];
  const cs = t._strides[nd - 1];
  const batchStrides = t._strides.slice(0, nd - 2);
  const data = t._storage.data as FloatArray;
  if ((cols === 1 || cs === 1) && (rows === 1 || rs >= cols)) {
    return { data, trans: false, ld: rows === 1 ? Math.max(cols, 1) : rs, batchStrides, offset: t._offset };
  }
  if ((rows === 1 || rs === 1) && (cols === 1 || cs >= rows)) {
    return { data, trans: true, ld: cols === 1 ? Math.max(rows, 1) : cs, batchStrides, offset: t._offset };
  }
  const c = Tensor._fromData(t._values(), t._shape.slice(), t.dtype);
  return { data: c._storage.data as FloatArray, trans: false, ld: Math.max(cols, 1), batchStrides: c._strides.slice(0, nd - 2), offset: 0 };
}

/** The primitive: batched A[..., M, K] · B[..., K, N] with equal batch shapes. */
export function matmulPrim(a: Tensor, b: Tensor): Tensor {
  const nd = a.ndim;
  const M = a._shape[nd - 2];
  const K = a._shape[nd - 1];
  const N = b._shape[nd - 1];
  const batchShape = a._shape.slice(0, nd - 2);
  const batch = batchShape.reduce((p, s) => p * s, 1);
  const out = allocateEmpty(a.dtype, batch * M * N) as FloatArray; // every block is written below
  if (batch > 0 && M > 0 && N > 0) {
    const va = matView(a);
    const vb = matView(b);
    const idx = new Array<number>(batchShape.length).fill(0);
    for (let bi = 0; bi < batch; bi++) {
      let oa = va.offset;
      let ob = vb.offset;
      for (let d = 0; d < idx.length; d++) {
        oa += idx[d] * va.batchStrides[d];
        ob += idx[d] * vb.batchStrides[d];
      }
      if (K === 0) out.fill(0, bi * M * N, (bi + 1) * M * N);
      else kernels.gemm(va.trans, vb.trans, M, N, K, va.data, oa, va.ld, vb.data, ob, vb.ld, out, bi * M * N, N);
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d] < batchShape[d]) break;
        idx[d] = 0;
      }
    }
  }
  const res = Tensor._fromData(out, [...batchShape, M, N], a.dtype);
  return a.dtype.isFloatingPoint ? record("matmul", [a, b], res, {}) : res;
}

/**
 * PyTorch's dtype errors, from the kernel that meets the operands: dot's for two vectors, else the
 * first operand's gemm (`b` for 1-D·N-D and 2-D·N-D, which PyTorch computes transposed) names what it expected.
 */
function checkDtypes(op: string, a: Tensor, b: Tensor): void {
  if (a.dtype === b.dtype && a.dtype !== bool) return;
  if (a.ndim === 1 && b.ndim === 1) {
    if (a.dtype === bool && b.dtype === bool) throw new DTypeError(`${op}: "dot" not implemented for 'Bool'`);
    throw new DTypeError(`${op}: dot : expected both vectors to have same dtype, but found ${a.dtype.scalarType} and ${b.dtype.scalarType} (${a.dtype.name} and ${b.dtype.name})`);
  }
  const [first, second] = a.ndim <= 2 && b.ndim >= 3 ? [b, a] : [a, b];
  if (first.dtype === bool) throw new DTypeError(`${op}: "addmm_impl_cpu_" not implemented for 'Bool'`);
  throw new DTypeError(
    `${op}: expected scalar type ${first.dtype.scalarType} but found ${second.dtype.scalarType} (matmul's operands must have one dtype: ${a.dtype.name} and ${b.dtype.name})`,
  );
}

/**
 * Operands of two dtypes (or bool) whose product computes nothing, an empty result or an empty
 * inner dim: PyTorch returns zeros of its first gemm operand's dtype without meeting a kernel.
 */
function emptyProduct(a: Tensor, b: Tensor, shape: number[], k: number): Tensor | null {
  if ((a.dtype === b.dtype && a.dtype !== bool) || (a.ndim === 1 && b.ndim === 1)) return null;
  if (k !== 0 && !shape.includes(0)) return null;
  // (checked against 1.13: 2-D·1-D, 2-D·N-D and N-D·N-D give b's dtype; the rest a's)
  const dtype = (a.ndim === 2 && (b.ndim === 1 || b.ndim >= 3)) || (a.ndim >= 3 && b.ndim >= 3) ? b.dtype : a.dtype;
  let n = 1;
  for (const d of shape) n *= d;
  return Tensor._fromData(allocate(dtype, n), shape, dtype);
}

/** PyTorch's matmul: dot for 1-D·1-D, mv/mm for 2-D, broadcasting batched products above. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return matmulAs("matmul", a, b);
}

/** matmul, with errors naming the public op that called it (mm, mv, bmm). */
function matmulAs(op: string, a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new RuntimeError(`${op}: both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (a.ndim === 1 && b.ndim === 1) return dot(a, b);
  const a2 = a.ndim === 1 ? unsqueeze(a, 0) : a;
  const b2 = b.ndim === 1 ? unsqueeze(b, 1) : b;
  const K = a2._shape[a2.ndim - 1];
  if (b2._shape[b2.ndim - 2] !== K) {
    const [m, k] = a2._shape.slice(-2);
    const [k2, n] = b2._shape.slice(-2);
    if (a.ndim >= 3 && b.ndim >= 3) {
      // PyTorch's bmm over the broadcast batches, flattened to one dim, is what refuses
      let batch = 1;
      for (const s of broadcastShapes(op, a2._shape.slice(0, -2), b2._shape.slice(0, -2))) batch *= s;
      throw new RuntimeError(
        `${op}: Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${k}] but got: [${batch}, ${k2}]. (shapes ${fmtShape(a._shape)} and ${fmtShape(b._shape)})`,
      );
    }
    throw new RuntimeError(
      `${op}: mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n}) (shapes ${fmtShape(a._shape)} and ${fmtShape(b._shape)})`,
    );
  }
  const batch = broadcastShapes(op, a2._shape.slice(0, -2), b2._shape.slice(0, -2));
  const outShape = [...batch, ...(a.ndim === 1 ? [] : [a2._shape[a2.ndim - 2]]), ...(b.ndim === 1 ? [] : [b2._shape[b2.ndim - 1]])];
  const empty = emptyProduct(a, b, outShape, K);
  if (empty !== null) return empty;
  checkDtypes(op, a, b);
  const ta = [...batch, ...a2._shape.slice(-2)];
  const tb = [...batch, ...b2._shape.slice(-2)];
  const ea = sameShape(a2._shape, ta) ? a2 : expand(a2, [ta]);
  const eb = sameShape(b2._shape, tb) ? b2 : expand(b2, [tb]);
  let out = matmulPrim(ea, eb);
  if (a.ndim === 1) out = squeeze(out, -2);
  if (b.ndim === 1) out = squeeze(out, -1);
  return composite(out, "matmul", { aDims: a.ndim, bDims: b.ndim });
}

/** 2-D × 2-D. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw new RuntimeError(`mm: self must be a matrix (got shape ${fmtShape(a._shape)})`);
  if (b.ndim !== 2) throw new RuntimeError(`mm: mat2 must be a matrix (got shape ${fmtShape(b._shape)})`);
  return matmulAs("mm", a, b);
}

/** [B, M, K] × [B, K, N]; batch sizes must match exactly (no broadcasting). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3) {
    throw new RuntimeError(`bmm: batch${a.ndim !== 3 ? 1 : 2} must be a 3D tensor (got ${fmtShape(a._shape)} and ${fmtShape(b._shape)})`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(`bmm: batch1 and batch2 must have same number of batches, got ${a._shape[0]} and ${b._shape[0]}`);
  }
  return composite(matmulAs("bmm", a, b), "bmm");
}

/** Matrix [M, K] × vector [K]. */
export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.ndim !== 2 || v.ndim !== 1) {
    // PyTorch's addmv wording: the dims of bias (1), matrix and vector
    throw new RuntimeError(`mv: vector + matrix @ vector expected, got 1, ${a.ndim}, ${v.ndim} (matrix ${fmtShape(a._shape)}, vector ${fmtShape(v._shape)})`);
  }
  if (a._shape[1] !== v._shape[0]) {
    // PyTorch's addmv wording: the sizes of bias, matrix and vector
    throw new RuntimeError(`mv: size mismatch, got ${a._shape[0]}, ${a._shape[0]}x${a._shape[1]},${v._shape[0]} (matrix ${fmtShape(a._shape)}, vector ${fmtShape(v._shape)})`);
  }
  return composite(matmulAs("mv", a, v), "mv");
}

/** The inner product of two 1-D tensors of the same length (PyTorch's dot is 1-D only). */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new RuntimeError(`dot: 1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors (shapes ${fmtShape(a._shape)} and ${fmtShape(b._shape)})`);
  }
  checkDtypes("dot", a, b);
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(
      `dot: inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
    );
  }
  const n = a._shape[0];
  const out = reshapeTo(matmulPrim(reshapeTo(a, [1, n]), reshapeTo(b, [n, 1])), []);
  return composite(out, "dot");
}

/** outer(a, b)[i, j] = a[i] * b[j]. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) throw new RuntimeError(`outer: expected 1D tensors, got shapes ${fmtShape(a._shape)} and ${fmtShape(b._shape)}`);
  return binary("mul", unsqueeze(a, 1), unsqueeze(b, 0));
}

