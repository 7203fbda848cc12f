/**
 * The singular value decomposition of one real matrix, by one-sided Jacobi rotations
 * (Hestenes' method) in float64: rotate pairs of columns of W = A (m ≥ n; A's transpose
 * otherwise) until every pair is orthogonal; then the column norms are the singular
 * values, the normalised columns U's, and the accumulated rotations V. It is slower than
 * LAPACK's bidiagonalisation for large matrices but accurate to a few ulps, including
 * for small singular values, and short. Full U (and V, for m < n) is completed with an
 * orthonormal basis of the complement (Gram-Schmidt over the unit vectors).
 */

export interface SvdResult {
  /** k = min(m, n) singular values, descending. */
  s: Float64Array;
  /** m × (full ? m : k), row-major (absent when only values were asked for). */
  u: Float64Array | null;
  /** (full ? n : k) × n, row-major: Vᴴ (absent when only values were asked for). */
  vh: Float64Array | null;
}

const MAX_SWEEPS = 60;

/**
 * One-sided Jacobi on the columns of `w` (rows × cols, cols ≤ rows, row-major, modified in
 * place); `v` (cols × cols, row-major) accumulates the rotations when given.
 */
function jacobi(w: Float64Array, rows: number, cols: number, v: Float64Array | null): void {
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < cols - 1; p++) {
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          const wp = w[i * cols + p];
          const wq = w[i * cols + q];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        // converged for this pair: the columns are orthogonal to working precision
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const wp = w[i * cols + p];
          const wq = w[i * cols + q];
          w[i * cols + p] = c * wp - s * wq;
          w[i * cols + q] = s * wp + c * wq;
        }
        if (v !== null) {
          for (let i = 0; i < cols; i++) {
            const vp = v[i * cols + p];
            const vq = v[i * cols + q];
            v[i * cols + p] = c * vp - s * vq;
            v[i * cols + q] = s * vp + c * vq;
          }
        }
      }
    }
    if (!rotated) return;
  }
}

/**
 * Fill columns `from..` of the rows × total row-major `q` (columns before `from` orthonormal,
 * or zero where `valid[j]` is false) so that all `total` columns are orthonormal.
 */
function complete(q: Float64Array, rows: number, total: number, valid: boolean[]): void {
  const col = new Float64Array(rows);
  let e = 0; // the next unit vector to try
  for (let j = 0; j < total; j++) {
    if (valid[j]) continue;
    for (; e < rows; e++) {
      col.fill(0);
      col[e] = 1;
      // two passes of Gram-Schmidt against every valid column keep it orthogonal to working precision
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < total; k++) {
          if (!valid[k]) continue;
          let d = 0;
          for (let i = 0; i < rows; i++) d += q[i * total + k] * col[i];
          for (let i = 0; i < rows; i++) col[i] -= d * q[i * total + k];
        }
      }
      let nrm = 0;
      for (let i = 0; i < rows; i++) nrm += col[i] * col[i];
      nrm = Math.sqrt(nrm);
      if (nrm > 1e-8) {
        for (let i = 0; i < rows; i++) q[i * total + j] = col[i] / nrm;
        valid[j] = true;
        e++;
        break;
      }
    }
  }
}

/** SVD of the m × n row-major `a`: U Σ Vᴴ, U and Vᴴ full-sized when `full`, omitted when `!wantUV`. */
export function svdMatrix(a: ArrayLike<number>, m: number, n: number, full: boolean, wantUV: boolean): SvdResult {
  // work on the tall orientation: A = U Σ Vᵀ, and Aᵀ = V Σ Uᵀ swaps the roles
  const tall = m >= n;
  const rows = tall ? m : n;
  const cols = tall ? n : m;
  const w = new Float64Array(rows * cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[tall ? i * cols + j : j * cols + i] = a[i * n + j];
  const v = wantUV ? new Float64Array(cols * cols) : null;
  if (v !== null) for (let i = 0; i < cols; i++) v[i * cols + i] = 1;
  jacobi(w, rows, cols, v);
  const k = cols;
  const norms = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let acc = 0;
    for (let i = 0; i < rows; i++) acc += w[i * cols + j] * w[i * cols + j];
    norms[j] = Math.sqrt(acc);
  }
  const order = Array.from({ length: k }, (_, j) => j).sort((x, y) => norms[y] - norms[x] || x - y);
  const s = Float64Array.from(order, (j) => norms[j]);
  if (!wantUV) return { s, u: null, vh: null };
  // the left vectors of the tall problem (rows × rows when full), columns in descending order
  const lw = full ? rows : k;
  const left = new Float64Array(rows * lw);
  const valid = new Array<boolean>(lw).fill(false);
  const tiny = s[0] * rows * 2.220446049250313e-16;
  order.forEach((j, c) => {
    if (!(norms[j] > tiny)) return; // a zero singular value: its vector comes from the completion
    for (let i = 0; i < rows; i++) left[i * lw + c] = w[i * cols + j] / norms[j];
    valid[c] = true;
  });
  complete(left, rows, lw, valid);
  // the right vectors of the tall problem: V's columns, reordered (cols × cols)
  const right = new Float64Array(cols * cols);
  order.forEach((j, c) => {
    for (let i = 0; i < cols; i++) right[i * cols + c] = v![i * cols + j];
  });
  // back to A's orientation: U = left (tall) or right (wide); Vᴴ = rightᵀ (tall) or leftᵀ (wide)
  const [uSrc, uRows, uCols, vSrc, vRows, vCols] = tall ? [left, m, lw, right, n, cols] : [right, m, cols, left, n, lw];
  const u = uSrc.slice(0, uRows * uCols);
  const vh = new Float64Array(vCols * vRows);
  for (let i = 0; i < vRows; i++) for (let j = 0; j < vCols; j++) vh[j * vRows + i] = vSrc[i * vCols + j];
  return { s, u, vh };
}
