/**
 * Dense LU kernels behind torch.linalg.lu_factor, inv and solve (batched).
 *
 * Matrices are row-major; arithmetic is double precision whatever the storage
 * (Float32Array results are rounded once, on store). Factorisation is LAPACK's
 * getrf with partial pivoting: the pivot is the first entry of largest
 * magnitude, a zero pivot column is left unscaled and the factorisation goes
 * on, and `info` is the 1-based index of the first exactly-zero diagonal of U.
 *
 * Which matrix gets factored decides which pivot is reported as zero. PyTorch
 * 1.13 solves a contiguous (row-major) A through the LU of A^T (its buffer read
 * column-major), and factors A itself only for a transposed view; the
 * `contiguous` option mirrors that so error messages name the same element.
 */

import { RuntimeError } from "./errors";

export type FloatArray = Float32Array | Float64Array;

/** torch.linalg.LinAlgError (torch._C._LinAlgError in 1.13, a RuntimeError). */
export class LinAlgError extends RuntimeError {
  override name = "LinAlgError";
}

export interface LUFactorResult {
  /** n×n row-major: U on and above the diagonal, L (unit diagonal implied) below. */
  lu: Float64Array;
  /** LAPACK pivots, 1-based: row i was swapped with row piv[i] - 1, for i = 0, 1, ... in order. */
  piv: Int32Array;
  /** 0, or the 1-based index of the first exactly-zero pivot (U is then singular). */
  info: number;
}

export interface LinalgKernelOptions {
  /** A has leading batch dimensions: errors then name the batch element. Default: batch > 1. */
  batched?: boolean;
  /**
   * Whether PyTorch would see A as a contiguous tensor (it then factors A^T).
   * Only changes which zero pivot an error reports. Default true.
   */
  contiguous?: boolean;
}

/**
 * LU factorisation with partial pivoting of one n×n matrix, P A = L U
 * (torch.linalg.lu_factor_ex).
 *
 * @example luFactor(new Float64Array([0, 1, 1, 0]), 2) // { lu: [1, 0, 0, 1], piv: [2, 2], info: 0 }
 */
export function luFactor(a: ArrayLike<number>, n: number): LUFactorResult {
  checkLength("luFactor", "a", a.length, n * n);
  const lu = Float64Array.from({ length: n * n }, (_, i) => a[i]);
  const piv = new Int32Array(n);
  const info = factorInPlace(lu, n, piv);
  return { lu, piv, info };
}

/**
 * Row-major getrf on w (n×n, overwritten). Returns LAPACK's info.
 */
function factorInPlace(w: Float64Array, n: number, piv: Int32Array): number {
  let info = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(w[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(w[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p + 1;
    const pivot = w[p * n + k];
    if (pivot === 0) {
      // The whole column below is zero: nothing to eliminate, remember the first such pivot.
      if (info === 0) info = k + 1;
      continue;
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = w[k * n + j];
        w[k * n + j] = w[p * n + j];
        w[p * n + j] = t;
      }
    }
    const rowK = k * n;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = w[rowI + k] / pivot;
      w[rowI + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) w[rowI + j] -= l * w[rowK + j];
    }
  }
  return info;
}

/**
 * Inverses of a batch of n×n matrices (torch.linalg.inv).
 * `data` holds `batch` row-major matrices back to back; `out` (same length) receives the inverses.
 * Throws LinAlgError naming the first singular batch element, as PyTorch does; `out` is then partly written.
 *
 * @example invBatch(new Float64Array([2, 0, 0, 4]), 1, 2, out) // out = [0.5, 0, 0, 0.25]
 */
export function invBatch(
  data: FloatArray,
  batch: number,
  n: number,
  out: FloatArray,
  options: LinalgKernelOptions = {},
): FloatArray {
  checkLength("invBatch", "data", data.length, batch * n * n);
  checkLength("invBatch", "out", out.length, batch * n * n);
  const ws = new Workspace(n, n);
  for (let b = 0; b < batch; b++) {
    const info = ws.factor(data, b * n * n, options.contiguous ?? true);
    if (info !== 0) {
      throw singularError(
        "linalg.inv",
        options.batched ?? batch > 1,
        b,
        `The diagonal element ${info} is zero, the inversion could not be completed because the input matrix is singular.`,
      );
    }
    ws.rhs.fill(0);
    for (let i = 0; i < n; i++) ws.rhs[i * n + i] = 1;
    ws.solve();
    out.set(ws.rhs, b * n * n);
  }
  return out;
}

/**
 * Solves A X = B for a batch (torch.linalg.solve with left=True).
 * A: `batch` row-major n×n matrices; B and `out`: `batch` row-major n×k matrices.
 * Throws LinAlgError naming the first singular batch element; `out` is then partly written.
 *
 * @example solveBatch(new Float64Array([2, 0, 0, 4]), new Float64Array([1, 1]), 1, 2, 1, out) // out = [0.5, 0.25]
 */
export function solveBatch(
  A: FloatArray,
  B: FloatArray,
  batch: number,
  n: number,
  k: number,
  out: FloatArray,
  options: LinalgKernelOptions = {},
): FloatArray {
  checkLength("solveBatch", "A", A.length, batch * n * n);
  checkLength("solveBatch", "B", B.length, batch * n * k);
  checkLength("solveBatch", "out", out.length, batch * n * k);
  const ws = new Workspace(n, k);
  for (let b = 0; b < batch; b++) {
    const info = ws.factor(A, b * n * n, options.contiguous ?? true);
    if (info !== 0) {
      throw singularError(
        "torch.linalg.solve",
        options.batched ?? batch > 1,
        b,
        "The solver failed because the input matrix is singular.",
      );
    }
    for (let i = 0; i < n * k; i++) ws.rhs[i] = B[b * n * k + i];
    ws.solve();
    out.set(ws.rhs, b * n * k);
  }
  return out;
}

/** One factorisation plus an n×k right-hand side, reused across a batch. */
class Workspace {
  readonly lu: Float64Array;
  readonly piv: Int32Array;
  readonly rhs: Float64Array;
  /** true: lu holds the factorisation of A^T; false: of A. */
  private transposed = true;

  constructor(
    private readonly n: number,
    private readonly k: number,
  ) {
    this.lu = new Float64Array(n * n);
    this.piv = new Int32Array(n);
    this.rhs = new Float64Array(n * k);
  }

  factor(src: FloatArray, offset: number, contiguous: boolean): number {
    const { n, lu } = this;
    this.transposed = contiguous;
    if (contiguous) {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lu[j * n + i] = src[offset + i * n + j];
    } else {
      for (let i = 0; i < n * n; i++) lu[i] = src[offset + i];
    }
    return factorInPlace(lu, n, this.piv);
  }

  /** Overwrites rhs with A^-1 rhs, using the factorisation held. */
  solve(): void {
    const { n, k, lu, piv, rhs } = this;
    if (this.transposed) {
      // lu factors M = A^T: P M = L U, so A = U^T L^T P and X = P^T L^-T U^-T B.
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) axpyRow(rhs, i, j, -lu[j * n + i], k);
        divideRow(rhs, i, lu[i * n + i], k);
      }
      for (let i = n - 1; i >= 0; i--) {
        for (let j = i + 1; j < n; j++) axpyRow(rhs, i, j, -lu[j * n + i], k);
      }
      for (let i = n - 1; i >= 0; i--) swapRows(rhs, i, piv[i] - 1, k);
    } else {
      // P A = L U: X = U^-1 L^-1 P B.
      for (let i = 0; i < n; i++) swapRows(rhs, i, piv[i] - 1, k);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++) axpyRow(rhs, i, j, -lu[i * n + j], k);
      }
      for (let i = n - 1; i >= 0; i--) {
        for (let j = i + 1; j < n; j++) axpyRow(rhs, i, j, -lu[i * n + j], k);
        divideRow(rhs, i, lu[i * n + i], k);
      }
    }
  }
}

/** rows[dst] += alpha * rows[src] for rows of length k. */
function axpyRow(m: Float64Array, dst: number, src: number, alpha: number, k: number): void {
  if (alpha === 0) return;
  const d = dst * k;
  const s = src * k;
  for (let c = 0; c < k; c++) m[d + c] += alpha * m[s + c];
}

/** rows[i] /= divisor (dividing, not multiplying by a reciprocal, for the last bit). */
function divideRow(m: Float64Array, i: number, divisor: number, k: number): void {
  const r = i * k;
  for (let c = 0; c < k; c++) m[r + c] /= divisor;
}

function swapRows(m: Float64Array, a: number, b: number, k: number): void {
  if (a === b) return;
  for (let c = 0; c < k; c++) {
    const t = m[a * k + c];
    m[a * k + c] = m[b * k + c];
    m[b * k + c] = t;
  }
}

function singularError(api: string, batched: boolean, b: number, msg: string): LinAlgError {
  return new LinAlgError(`${api}: ${batched ? `(Batch element ${b}): ` : ""}${msg}`);
}

function checkLength(fn: string, arg: string, actual: number, expected: number): void {
  if (actual < expected) {
    throw new RuntimeError(`${fn}: ${arg} has ${actual} elements, expected at least ${expected}`);
  }
}
