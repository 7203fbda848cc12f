/**
 * torch.linalg.svd and torch.linalg.svdvals over batches of matrices [..., m, n]
 * (float32 and float64; computed in float64 by svd-kernel.ts). PyTorch's conventions:
 * singular values in descending order; `fullMatrices` (default true) gives U [..., m, m]
 * and Vh [..., n, n], `{ fullMatrices: false }` U [..., m, k] and Vh [..., k, n] with
 * k = min(m, n). Singular vectors are unique only up to sign (and rotation within equal
 * singular values): their signs may differ from LAPACK's, U diag(S) Vh does not.
 * svdvals is differentiable (dA = U diag(gS) Vh, as PyTorch's svd_backward with only gS);
 * svd's U and Vh are not yet: svd raises when A needs a gradient.
 * @example const { U, S, Vh } = torch.linalg.svd(A, { fullMatrices: false }); // A ≈ U.mul(S.unsqueeze(-2)).matmul(Vh)
 * @example torch.linalg.svdvals(torch.tensor([[3., 0], [0, 4]])) // tensor([4., 3.])
 */
import { type FloatArray, allocate } from "./dtype";
import { DTypeError, RuntimeError, checkOptions, fmtShape } from "./errors";
import { record, tracer } from "./hooks";
import { Tensor } from "./tensor";
import { svdMatrix } from "./svd-kernel";

/** `torch.return_types.linalg_svd`: named, and destructurable as `[U, S, Vh]`. */
export interface SvdResult {
  U: Tensor;
  S: Tensor;
  Vh: Tensor;
  [Symbol.iterator](): Iterator<Tensor>;
}

export interface SvdOptions {
  /** Full U [m, m] and Vh [n, n] (default true), or the reduced [m, k] and [k, n]. */
  fullMatrices?: boolean;
}

function check(op: string, a: Tensor): [number, number, number] {
  if (!(a instanceof Tensor)) throw new DTypeError(`${op}(): argument 'A' (position 1) must be Tensor, not ${a === null ? "null" : typeof a}`);
  if (a.ndim < 2) throw new RuntimeError(`${op}: The input tensor A must have at least 2 dimensions. (got shape ${fmtShape(a._shape)})`);
  // PyTorch raises a RuntimeError (not a TypeError) here
  if (!a.dtype.isFloatingPoint) throw new RuntimeError(`${op}: Expected a floating point or complex tensor as input. Got ${a.dtype.scalarType}`);
  const [m, n] = a._shape.slice(-2);
  const batch = m * n === 0 ? a._shape.slice(0, -2).reduce((p, s) => p * s, 1) : a.numel() / (m * n);
  return [batch, m, n];
}

/** Every matrix's decomposition, written into fresh arrays of A's dtype. */
function decompose(op: string, a: Tensor, full: boolean, wantUV: boolean): { s: FloatArray; u: FloatArray; vh: FloatArray; m: number; n: number; k: number; uc: number; vr: number } {
  const [batch, m, n] = check(op, a);
  const k = Math.min(m, n);
  const uc = full ? m : k;
  const vr = full ? n : k;
  const v = a._values();
  const s = allocate(a.dtype, batch * k) as FloatArray;
  const u = allocate(a.dtype, wantUV ? batch * m * uc : 0) as FloatArray;
  const vh = allocate(a.dtype, wantUV ? batch * vr * n : 0) as FloatArray;
  for (let b = 0; b < batch; b++) {
    const r = svdMatrix(v.subarray(b * m * n, (b + 1) * m * n), m, n, full, wantUV);
    for (let i = 0; i < k; i++) if (!Number.isFinite(r.s[i])) throw new RuntimeError(`${op}: The algorithm failed to converge because the input matrix contained non-finite values.`);
    s.set(r.s, b * k);
    if (wantUV) {
      u.set(r.u!, b * m * uc);
      vh.set(r.vh!, b * vr * n);
    }
  }
  return { s, u, vh, m, n, k, uc, vr };
}

/** torch.linalg.svd: A = U diag(S) Vh for each matrix of A [..., m, n]. */
export function svd(a: Tensor, options?: SvdOptions): SvdResult {
  checkOptions("linalg.svd", options, ["fullMatrices"]);
  const full = options?.fullMatrices ?? true;
  if (typeof full !== "boolean") throw new DTypeError(`linalg.svd(): argument 'fullMatrices' must be bool, not ${typeof full}`);
  const tr = tracer();
  if (tr !== null && a instanceof Tensor && tr.wants([a])) {
    throw new RuntimeError(
      "linalg.svd: the derivative of U and Vh is not implemented in torchts yet (linalg.svdvals, and the nuclear and spectral norms built on it, are differentiable); call linalg.svd on A.detach(), or inside noGrad",
    );
  }
  const r = decompose("linalg.svd", a, full, true);
  const batchShape = a._shape.slice(0, -2);
  const U = Tensor._fromData(r.u, [...batchShape, r.m, r.uc], a.dtype);
  const S = Tensor._fromData(r.s, [...batchShape, r.k], a.dtype);
  const Vh = Tensor._fromData(r.vh, [...batchShape, r.vr, r.n], a.dtype);
  return {
    U,
    S,
    Vh,
    *[Symbol.iterator]() {
      yield U;
      yield S;
      yield Vh;
    },
  };
}

/** torch.linalg.svdvals: the singular values [..., min(m, n)] of A [..., m, n], descending. Differentiable. */
export function svdvals(a: Tensor): Tensor {
  const tr = tracer();
  const grad = tr !== null && a instanceof Tensor && tr.wants([a]);
  const r = decompose("linalg.svdvals", a, false, grad);
  const batchShape = a._shape.slice(0, -2);
  const S = Tensor._fromData(r.s, [...batchShape, r.k], a.dtype);
  if (!grad) return S;
  const u = Tensor._fromData(r.u, [...batchShape, r.m, r.k], a.dtype);
  const vh = Tensor._fromData(r.vh, [...batchShape, r.k, r.n], a.dtype);
  return record("svdvals", [a], S, { u, vh });
}
