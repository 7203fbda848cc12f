/*
 * Packed, register-tiled double-precision gemm for WebAssembly SIMD128, the
 * float64 counterpart of gemm.c (same blocking and argument order): a 4×4
 * micro-kernel keeps its C tile in 8 f64x2 accumulators. Packing handles the
 * transposes with plain loops (O(n²) next to the O(n³) product).
 */
#include <wasm_simd128.h>

#define MR 4
#define NR 4
#define KC 256
#define MC 128
#define NC 2048

/* Scratch doubles a caller must provide per thread. */
__attribute__((export_name("dgemm_scratch_doubles"))) int dgemm_scratch_doubles(void) {
  return MC * KC + KC * NC + MR * NR;
}

static void pack_a(const double *A, int si, int sk, int mc, int kc, double *Ap) {
  for (int ir = 0; ir < mc; ir += MR) {
    const double *a = A + ir * si;
    int mr = mc - ir < MR ? mc - ir : MR;
    if (mr == MR) {
      for (int k = 0; k < kc; k++) {
        const double *p = a + k * sk;
        Ap[0] = p[0];
        Ap[1] = p[si];
        Ap[2] = p[2 * si];
        Ap[3] = p[3 * si];
        Ap += MR;
      }
    } else {
      for (int k = 0; k < kc; k++) {
        for (int i = 0; i < MR; i++) Ap[i] = i < mr ? a[i * si + k * sk] : 0.0;
        Ap += MR;
      }
    }
  }
}

static void pack_b(const double *B, int sk, int sj, int kc, int nc, double *Bp) {
  for (int jr = 0; jr < nc; jr += NR) {
    const double *b = B + jr * sj;
    int nr = nc - jr < NR ? nc - jr : NR;
    if (nr == NR) {
      for (int k = 0; k < kc; k++) {
        const double *p = b + k * sk;
        Bp[0] = p[0];
        Bp[1] = p[sj];
        Bp[2] = p[2 * sj];
        Bp[3] = p[3 * sj];
        Bp += NR;
      }
    } else {
      for (int k = 0; k < kc; k++) {
        for (int j = 0; j < NR; j++) Bp[j] = j < nr ? b[k * sk + j * sj] : 0.0;
        Bp += NR;
      }
    }
  }
}

static inline void micro_4x4(int kc, const double *Ap, const double *Bp, double *C, int ldc, int first) {
  v128_t c00 = wasm_f64x2_splat(0), c01 = c00, c10 = c00, c11 = c00;
  v128_t c20 = c00, c21 = c00, c30 = c00, c31 = c00;
#pragma clang loop unroll(disable)
  for (int k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(Bp), b1 = wasm_v128_load(Bp + 2);
    v128_t a = wasm_v128_load64_splat(Ap);
    c00 = wasm_f64x2_add(c00, wasm_f64x2_mul(a, b0));
    c01 = wasm_f64x2_add(c01, wasm_f64x2_mul(a, b1));
    a = wasm_v128_load64_splat(Ap + 1);
    c10 = wasm_f64x2_add(c10, wasm_f64x2_mul(a, b0));
    c11 = wasm_f64x2_add(c11, wasm_f64x2_mul(a, b1));
    a = wasm_v128_load64_splat(Ap + 2);
    c20 = wasm_f64x2_add(c20, wasm_f64x2_mul(a, b0));
    c21 = wasm_f64x2_add(c21, wasm_f64x2_mul(a, b1));
    a = wasm_v128_load64_splat(Ap + 3);
    c30 = wasm_f64x2_add(c30, wasm_f64x2_mul(a, b0));
    c31 = wasm_f64x2_add(c31, wasm_f64x2_mul(a, b1));
    Ap += MR;
    Bp += NR;
  }
  double *C1 = C + ldc, *C2 = C1 + ldc, *C3 = C2 + ldc;
  if (!first) {
    c00 = wasm_f64x2_add(c00, wasm_v128_load(C));
    c01 = wasm_f64x2_add(c01, wasm_v128_load(C + 2));
    c10 = wasm_f64x2_add(c10, wasm_v128_load(C1));
    c11 = wasm_f64x2_add(c11, wasm_v128_load(C1 + 2));
    c20 = wasm_f64x2_add(c20, wasm_v128_load(C2));
    c21 = wasm_f64x2_add(c21, wasm_v128_load(C2 + 2));
    c30 = wasm_f64x2_add(c30, wasm_v128_load(C3));
    c31 = wasm_f64x2_add(c31, wasm_v128_load(C3 + 2));
  }
  wasm_v128_store(C, c00);
  wasm_v128_store(C + 2, c01);
  wasm_v128_store(C1, c10);
  wasm_v128_store(C1 + 2, c11);
  wasm_v128_store(C2, c20);
  wasm_v128_store(C2 + 2, c21);
  wasm_v128_store(C3, c30);
  wasm_v128_store(C3 + 2, c31);
}

/* C rows [ic, ic+mc) (=|+=) op(A) rows · one packed kc×nc block of op(B); the A block is packed into Ap. */
static void block_product(const double *A, int sai, int sak, int M, int kc, int nc, const double *Bp, double *C, int ldc,
                          int first, double *Ap, double *edge) {
  for (int ic = 0; ic < M; ic += MC) {
    int mc = M - ic < MC ? M - ic : MC;
    pack_a(A + ic * sai, sai, sak, mc, kc, Ap);
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = nc - jr < NR ? nc - jr : NR;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = mc - ir < MR ? mc - ir : MR;
        double *c = C + (ic + ir) * ldc + jr;
        if (mr == MR && nr == NR) {
          micro_4x4(kc, Ap + ir * kc, Bp + jr * kc, c, ldc, first);
        } else {
          micro_4x4(kc, Ap + ir * kc, Bp + jr * kc, edge, NR, 1);
          for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++) c[i * ldc + j] = first ? edge[i * NR + j] : c[i * ldc + j] + edge[i * NR + j];
        }
      }
    }
  }
}

/* The k-block length: K split into equal blocks of at most KC, so no block is a short remainder
   (K = 784 runs as 4 × 196, not 3 × 256 + 16, whose tile loads/stores would dominate). */
static int k_block(int K) {
  int blocks = (K + KC - 1) / KC;
  return (K + blocks - 1) / blocks;
}

static void zero_c(int M, int N, double *C, int ldc) {
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) C[i * ldc + j] = 0;
}

/*
 * transA/transB: 0 or 1. lda/ldb/ldc in elements. scratch: dgemm_scratch_doubles() elements,
 * private to the calling thread.
 */
__attribute__((export_name("dgemm"))) void dgemm(int transA, int transB, int M, int N, int K, const double *A, int lda,
                                                 const double *B, int ldb, double *C, int ldc, double *scratch) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    zero_c(M, N, C, ldc);
    return;
  }
  int sai = transA ? 1 : lda, sak = transA ? lda : 1;
  int sbk = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  double *Ap = scratch, *Bp = scratch + MC * KC, *edge = Bp + KC * NC;
  int kb = k_block(K);
  for (int jc = 0; jc < N; jc += NC) {
    int nc = N - jc < NC ? N - jc : NC;
    for (int pc = 0; pc < K; pc += kb) {
      int kc = K - pc < kb ? K - pc : kb;
      pack_b(B + pc * sbk + jc * sbj, sbk, sbj, kc, nc, Bp);
      block_product(A + pc * sak, sai, sak, M, kc, nc, Bp, C + jc, ldc, pc == 0, Ap, edge);
    }
  }
}

/*
 * The same product in two steps, for sharing rows between threads: dgemm_pack_b packs all of
 * op(B) once (K·round_up(N, NR) + NR·K elements, blocks in (jc, pc) order), then any thread computes
 * any range of rows with dgemm_rows, which repacks only its own rows of A.
 */
__attribute__((export_name("dgemm_packed_b_size"))) int dgemm_packed_b_size(int N, int K) {
  return K * (N + NR * (N / NC + 1));
}

__attribute__((export_name("dgemm_pack_b"))) void dgemm_pack_b(int transB, int N, int K, const double *B, int ldb,
                                                              double *Bp) {
  int sbk = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  int kb = k_block(K);
  for (int jc = 0; jc < N; jc += NC) {
    int nc = N - jc < NC ? N - jc : NC;
    int ncp = (nc + NR - 1) / NR * NR;
    for (int pc = 0; pc < K; pc += kb) {
      int kc = K - pc < kb ? K - pc : kb;
      pack_b(B + pc * sbk + jc * sbj, sbk, sbj, kc, nc, Bp);
      Bp += kc * ncp;
    }
  }
}

__attribute__((export_name("dgemm_rows"))) void dgemm_rows(int transA, int M, int N, int K, const double *A, int lda,
                                                          const double *Bp, double *C, int ldc, double *scratch) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    zero_c(M, N, C, ldc);
    return;
  }
  int sai = transA ? 1 : lda, sak = transA ? lda : 1;
  double *Ap = scratch, *edge = scratch + MC * KC + KC * NC;
  int kb = k_block(K);
  for (int jc = 0; jc < N; jc += NC) {
    int nc = N - jc < NC ? N - jc : NC;
    int ncp = (nc + NR - 1) / NR * NR;
    for (int pc = 0; pc < K; pc += kb) {
      int kc = K - pc < kb ? K - pc : kb;
      block_product(A + pc * sak, sai, sak, M, kc, nc, Bp, C + jc, ldc, pc == 0, Ap, edge);
      Bp += kc * ncp;
    }
  }
}
