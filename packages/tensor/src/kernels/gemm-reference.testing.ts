/**
 * Test helpers for gemm kernels: a naive float64 reference and a generator of
 * random problems (sizes 1, primes, non-multiples of the tiles; all trans
 * flags; padded leading dimensions and offsets). Used by the JS and WASM tests;
 * fast-check is passed in (a type-only import), so this module has no runtime
 * dependency if it ends up in dist.
 */
import type fcLib from "fast-check";
import type { FloatArray } from "../dtype";
import type { Gemm } from "./types";

export interface GemmCase {
  transA: boolean;
  transB: boolean;
  M: number;
  N: number;
  K: number;
  aOff: number;
  bOff: number;
  cOff: number;
  padA: number;
  padB: number;
  padC: number;
  seed: number;
}

/** Random gemm problems; pass the fast-check module. */
export function gemmCases(fc: typeof fcLib): fcLib.Arbitrary<GemmCase> {
  const dims = fc.oneof(
    fc.constantFrom(1, 2, 3, 4, 5, 7, 8, 11, 13, 16, 17, 31, 37, 64, 97, 131),
    fc.integer({ min: 1, max: 150 }),
  );
  return fc.record({
    transA: fc.boolean(),
    transB: fc.boolean(),
    M: dims,
    N: dims,
    K: fc.oneof(dims, fc.constantFrom(255, 256, 257, 300)),
    aOff: fc.integer({ min: 0, max: 5 }),
    bOff: fc.integer({ min: 0, max: 5 }),
    cOff: fc.integer({ min: 0, max: 5 }),
    padA: fc.integer({ min: 0, max: 3 }),
    padB: fc.integer({ min: 0, max: 3 }),
    padC: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
  });
}

/** A deterministic fill in [-1, 1) (xorshift), so failures reproduce from the case. */
function fill(a: FloatArray, seed: number): void {
  let s = seed | 0 || 1;
  for (let i = 0; i < a.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = (s >>> 0) / 2 ** 31 - 1;
  }
}

export interface GemmProblem {
  A: FloatArray;
  B: FloatArray;
  C: FloatArray;
  lda: number;
  ldb: number;
  ldc: number;
}

/** Arrays for a case; C is pre-filled with NaN-free junk so "overwrite" is checked. */
export function makeProblem(t: GemmCase, Ctor: Float32ArrayConstructor | Float64ArrayConstructor): GemmProblem {
  const { M, N, K } = t;
  const aRows = t.transA ? K : M, aCols = t.transA ? M : K;
  const bRows = t.transB ? N : K, bCols = t.transB ? K : N;
  const lda = aCols + t.padA, ldb = bCols + t.padB, ldc = N + t.padC;
  const A = new Ctor(t.aOff + aRows * lda), B = new Ctor(t.bOff + bRows * ldb), C = new Ctor(t.cOff + M * ldc);
  fill(A, t.seed);
  fill(B, t.seed ^ 0x5bd1e995);
  C.fill(7);
  return { A, B, C, lda, ldb, ldc };
}

export function runGemm(g: Gemm, t: GemmCase, p: GemmProblem): void {
  g(t.transA, t.transB, t.M, t.N, t.K, p.A, t.aOff, p.lda, p.B, t.bOff, p.ldb, p.C, t.cOff, p.ldc);
}

/** The float64 reference C (M×N, dense) and Σ|a||b| per entry for a tolerance. */
export function reference(t: GemmCase, p: GemmProblem): { C: Float64Array; mag: Float64Array } {
  const { M, N, K } = t;
  const C = new Float64Array(M * N), mag = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0, m = 0;
      for (let k = 0; k < K; k++) {
        const a = t.transA ? p.A[t.aOff + k * p.lda + i] : p.A[t.aOff + i * p.lda + k];
        const b = t.transB ? p.B[t.bOff + j * p.ldb + k] : p.B[t.bOff + k * p.ldb + j];
        s += a * b;
        m += Math.abs(a * b);
      }
      C[i * N + j] = s;
      mag[i * N + j] = m;
    }
  }
  return { C, mag };
}

/** First mismatch (as a message) between p.C and the reference, or null; also checks padding is untouched. */
export function compareGemm(t: GemmCase, p: GemmProblem, relTol: number): string | null {
  const { C: ref, mag } = reference(t, p);
  for (let i = 0; i < t.M; i++) {
    for (let j = 0; j < p.ldc; j++) {
      const got = p.C[t.cOff + i * p.ldc + j];
      if (j >= t.N) {
        if (got !== 7) return `padding C[${i}][${j}] was overwritten with ${got}`;
        continue;
      }
      const want = ref[i * t.N + j];
      if (!(Math.abs(got - want) <= relTol * (mag[i * t.N + j] + 1e-30))) return `C[${i}][${j}] = ${got}, expected ${want}`;
    }
  }
  for (let i = 0; i < t.cOff; i++) if (p.C[i] !== 7) return `C before cOff overwritten at ${i}`;
  return null;
}
