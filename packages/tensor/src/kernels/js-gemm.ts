/**
 * Plain-TypeScript gemm: C = op(A) · op(B), row-major (see Gemm in types.ts).
 *
 * The classic blocked scheme (Goto/BLIS): op(B) is packed a KC×NC block at a
 * time into panels NR columns wide, op(A) an MC×KC block at a time into panels
 * MR rows tall, and a register-tiled micro-kernel multiplies one A panel by one
 * B panel, holding the MR×NR tile of C in local variables. Transposition is
 * handled entirely by the packing, so all four trans combinations run the same
 * inner loop. Panels are zero-padded to whole tiles; only the valid part of an
 * edge tile is written back.
 *
 * Why 4×3: V8 keeps doubles in 16 xmm registers; 12 accumulators plus 4 A
 * values and one streamed B value fit, while 4×4 spills (measured 4.7 vs 3.5
 * GFLOPS with background load; ~5.5 on a quiet core at n=512).
 *
 * Why the panels are plain JS arrays of doubles and not Float64Arrays: once
 * any ArrayBuffer in the process has been detached (tfjs-backend-wasm growing
 * its memory does it), V8 guards every typed-array load in optimised code, and
 * the micro-kernel drops from 5.2 to 4.2 GFLOPS; loads from a packed-double
 * array carry no such guard (5.4-5.7 GFLOPS either way, n=512).
 */
import type { FloatArray } from "../dtype";

const MR = 4;
const NR = 3;
const KC = 256;
const MC = 96; // multiple of MR
const NC = 1536; // multiple of NR

/** Below this many multiply-adds the packing overhead outweighs tiling. */
const SMALL = 4096;

/** A packed-double JS array (`fill` with a non-integer makes V8 store raw doubles). */
function panel(n: number): number[] {
  return new Array<number>(n).fill(0.5);
}

// Grown on first use, to what the products need (at most MC·KC and KC·NC): nothing at load.
let aPack: number[] = [];
let bPack: number[] = [];
const edge = new Float64Array(MR * NR);

export function gemmJs(
  transA: boolean, transB: boolean, M: number, N: number, K: number,
  A: FloatArray, aOff: number, lda: number, B: FloatArray, bOff: number, ldb: number,
  C: FloatArray, cOff: number, ldc: number,
): void {
  if (M === 0 || N === 0) return;
  // Strides of op(A)[i][k] and op(B)[k][j] in the stored arrays.
  const sai = transA ? 1 : lda, sak = transA ? lda : 1;
  const sbk = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  if (K === 0) {
    for (let i = 0; i < M; i++) C.fill(0, cOff + i * ldc, cOff + i * ldc + N);
    return;
  }
  if (M * N * K <= SMALL) {
    gemmSmall(M, N, K, A, aOff, sai, sak, B, bOff, sbk, sbj, C, cOff, ldc);
    return;
  }
  const kcMax = Math.min(KC, K);
  const ncMax = Math.min(NC, roundUp(N, NR));
  if (bPack.length < kcMax * ncMax) bPack = panel(kcMax * ncMax);
  const mcMax = Math.min(MC, roundUp(M, MR));
  if (aPack.length < kcMax * mcMax) aPack = panel(kcMax * mcMax);
  const Ap = aPack, Bp = bPack;

  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      const first = pc === 0;
      packB(Bp, B, bOff + pc * sbk + jc * sbj, sbk, sbj, kc, nc);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packA(Ap, A, aOff + ic * sai + pc * sak, sai, sak, mc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            const c = cOff + (ic + ir) * ldc + jc + jr;
            if (mr === MR && nr === NR) {
              micro4x3(kc, Ap, ir * kc, Bp, jr * kc, C, c, ldc, first);
            } else {
              micro4x3(kc, Ap, ir * kc, Bp, jr * kc, edge, 0, NR, true);
              storeEdge(C, c, ldc, mr, nr, first);
            }
          }
        }
      }
    }
  }
}

function roundUp(x: number, m: number): number {
  return Math.ceil(x / m) * m;
}

/** Ap[(i/MR)*kc*MR + k*MR + i%MR] = op(A)[i][k], rows past mc zero. */
function packA(Ap: number[], A: FloatArray, off: number, si: number, sk: number, mc: number, kc: number): void {
  let q = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const mr = Math.min(MR, mc - ir);
    const r = off + ir * si;
    if (mr === MR) {
      for (let k = 0, p = r; k < kc; k++, p += sk) {
        Ap[q] = A[p];
        Ap[q + 1] = A[p + si];
        Ap[q + 2] = A[p + 2 * si];
        Ap[q + 3] = A[p + 3 * si];
        q += MR;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let i = 0; i < MR; i++) Ap[q + i] = i < mr ? A[r + i * si + k * sk] : 0;
        q += MR;
      }
    }
  }
}

/** Bp[(j/NR)*kc*NR + k*NR + j%NR] = op(B)[k][j], columns past nc zero. */
function packB(Bp: number[], B: FloatArray, off: number, sk: number, sj: number, kc: number, nc: number): void {
  let q = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const r = off + jr * sj;
    if (nr === NR) {
      for (let k = 0, p = r; k < kc; k++, p += sk) {
        Bp[q] = B[p];
        Bp[q + 1] = B[p + sj];
        Bp[q + 2] = B[p + 2 * sj];
        q += NR;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        for (let j = 0; j < NR; j++) Bp[q + j] = j < nr ? B[r + k * sk + j * sj] : 0;
        q += NR;
      }
    }
  }
}

/** C[c + i*ldc + j] (=|+=) Σ_k Ap[pa + k*MR + i] · Bp[pb + k*NR + j] for the 4×3 tile. */
function micro4x3(
  kc: number, Ap: number[], pa: number, Bp: number[], pb: number,
  C: FloatArray, c: number, ldc: number, first: boolean,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c10 = 0, c11 = 0, c12 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c30 = 0, c31 = 0, c32 = 0;
  for (let k = 0; k < kc; k++) {
    const a0 = Ap[pa], a1 = Ap[pa + 1], a2 = Ap[pa + 2], a3 = Ap[pa + 3];
    let b = Bp[pb];
    c00 += a0 * b; c10 += a1 * b; c20 += a2 * b; c30 += a3 * b;
    b = Bp[pb + 1];
    c01 += a0 * b; c11 += a1 * b; c21 += a2 * b; c31 += a3 * b;
    b = Bp[pb + 2];
    c02 += a0 * b; c12 += a1 * b; c22 += a2 * b; c32 += a3 * b;
    pa += MR;
    pb += NR;
  }
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  if (first) {
    C[c] = c00; C[c + 1] = c01; C[c + 2] = c02;
    C[c1] = c10; C[c1 + 1] = c11; C[c1 + 2] = c12;
    C[c2] = c20; C[c2 + 1] = c21; C[c2 + 2] = c22;
    C[c3] = c30; C[c3 + 1] = c31; C[c3 + 2] = c32;
  } else {
    C[c] += c00; C[c + 1] += c01; C[c + 2] += c02;
    C[c1] += c10; C[c1 + 1] += c11; C[c1 + 2] += c12;
    C[c2] += c20; C[c2 + 1] += c21; C[c2 + 2] += c22;
    C[c3] += c30; C[c3 + 1] += c31; C[c3 + 2] += c32;
  }
}

function storeEdge(C: FloatArray, c: number, ldc: number, mr: number, nr: number, first: boolean): void {
  for (let i = 0; i < mr; i++) {
    for (let j = 0; j < nr; j++) {
      const v = edge[i * NR + j];
      if (first) C[c + i * ldc + j] = v;
      else C[c + i * ldc + j] += v;
    }
  }
}

/** Unblocked dot products for tiny products (no packing, no allocation), accumulated in float64. */
function gemmSmall(
  M: number, N: number, K: number, A: FloatArray, aOff: number, sai: number, sak: number,
  B: FloatArray, bOff: number, sbk: number, sbj: number, C: FloatArray, cOff: number, ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const c = cOff + i * ldc;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, pa = aOff + i * sai, pb = bOff + j * sbj; k < K; k++, pa += sak, pb += sbk) s += A[pa] * B[pb];
      C[c + j] = s;
    }
  }
}
