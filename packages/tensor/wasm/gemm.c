/*
 * Packed, register-tiled single-precision gemm for WebAssembly SIMD128.
 *
 * C[M×N] = op(A)[M×K] · op(B)[K×N], row-major, C overwritten (as Gemm in
 * src/kernels/types.ts, with all pointers inside the module's memory).
 *
 * Goto/BLIS blocking: op(B) is packed a KC×NC block at a time into panels NR
 * wide, op(A) an MC×KC block at a time into panels MR tall, and the 4×8
 * micro-kernel keeps its C tile in 8 v128 accumulators (V8 has 16 xmm
 * registers; larger tiles spill and run at half speed). Transposition is
 * handled only in the packing routines, so Aᵀ·B and A·Bᵀ run the same inner loop.
 */
#include <wasm_simd128.h>

#define MR 4
#define NR 8
#define KC 256
#define MC 128
#define NC 2048

/* Scratch floats a caller must provide per thread: the A block, the B block, one edge tile. */
__attribute__((export_name("sgemm_scratch_floats"))) int sgemm_scratch_floats(void) {
  return MC * KC + KC * NC + MR * NR;
}

/* Ap[(i/MR)*kc*MR + k*MR + i%MR] = op(A)[i][k] with op(A)[i][k] = A[i*si + k*sk]; rows past mc are zero. */
static void pack_a(const float *A, int si, int sk, int mc, int kc, float *Ap) {
  for (int ir = 0; ir < mc; ir += MR) {
    const float *a = A + ir * si;
    int mr = mc - ir < MR ? mc - ir : MR;
    if (mr == MR && si == 1) {
      /* Aᵀ stored: the MR values for one k are contiguous. */
      for (int k = 0; k < kc; k++) {
        wasm_v128_store(Ap, wasm_v128_load(a + k * sk));
        Ap += MR;
      }
    } else if (mr == MR && sk == 1) {
      /* A stored row-major: transpose 4×4 blocks of (row, k). */
      const float *r0 = a, *r1 = a + si, *r2 = a + 2 * si, *r3 = a + 3 * si;
      int k = 0;
      for (; k + 4 <= kc; k += 4) {
        v128_t x0 = wasm_v128_load(r0 + k), x1 = wasm_v128_load(r1 + k);
        v128_t x2 = wasm_v128_load(r2 + k), x3 = wasm_v128_load(r3 + k);
        v128_t t0 = wasm_i32x4_shuffle(x0, x1, 0, 4, 1, 5);
        v128_t t1 = wasm_i32x4_shuffle(x2, x3, 0, 4, 1, 5);
        v128_t t2 = wasm_i32x4_shuffle(x0, x1, 2, 6, 3, 7);
        v128_t t3 = wasm_i32x4_shuffle(x2, x3, 2, 6, 3, 7);
        wasm_v128_store(Ap, wasm_i64x2_shuffle(t0, t1, 0, 2));
        wasm_v128_store(Ap + 4, wasm_i64x2_shuffle(t0, t1, 1, 3));
        wasm_v128_store(Ap + 8, wasm_i64x2_shuffle(t2, t3, 0, 2));
        wasm_v128_store(Ap + 12, wasm_i64x2_shuffle(t2, t3, 1, 3));
        Ap += 4 * MR;
      }
      for (; k < kc; k++) {
        Ap[0] = r0[k];
        Ap[1] = r1[k];
        Ap[2] = r2[k];
        Ap[3] = r3[k];
        Ap += MR;
      }
    } else {
      for (int k = 0; k < kc; k++) {
        for (int i = 0; i < MR; i++) Ap[i] = i < mr ? a[i * si + k * sk] : 0.0f;
        Ap += MR;
      }
    }
  }
}

/* Bp[(j/NR)*kc*NR + k*NR + j%NR] = op(B)[k][j] with op(B)[k][j] = B[k*sk + j*sj]; columns past nc are zero. */
static void pack_b(const float *B, int sk, int sj, int kc, int nc, float *Bp) {
  for (int jr = 0; jr < nc; jr += NR) {
    const float *b = B + jr * sj;
    int nr = nc - jr < NR ? nc - jr : NR;
    if (nr == NR && sj == 1) {
      for (int k = 0; k < kc; k++) {
        wasm_v128_store(Bp, wasm_v128_load(b + k * sk));
        wasm_v128_store(Bp + 4, wasm_v128_load(b + k * sk + 4));
        Bp += NR;
      }
    } else if (nr == NR && sk == 1) {
      /* Bᵀ stored: column j of op(B) is row j of B; transpose 4×4 blocks. */
      int k = 0;
      for (; k + 4 <= kc; k += 4) {
        for (int h = 0; h < 2; h++) {
          const float *r = b + 4 * h * sj + k;
          v128_t x0 = wasm_v128_load(r), x1 = wasm_v128_load(r + sj);
          v128_t x2 = wasm_v128_load(r + 2 * sj), x3 = wasm_v128_load(r + 3 * sj);
          v128_t t0 = wasm_i32x4_shuffle(x0, x1, 0, 4, 1, 5);
          v128_t t1 = wasm_i32x4_shuffle(x2, x3, 0, 4, 1, 5);
          v128_t t2 = wasm_i32x4_shuffle(x0, x1, 2, 6, 3, 7);
          v128_t t3 = wasm_i32x4_shuffle(x2, x3, 2, 6, 3, 7);
          wasm_v128_store(Bp + 4 * h, wasm_i64x2_shuffle(t0, t1, 0, 2));
          wasm_v128_store(Bp + 4 * h + NR, wasm_i64x2_shuffle(t0, t1, 1, 3));
          wasm_v128_store(Bp + 4 * h + 2 * NR, wasm_i64x2_shuffle(t2, t3, 0, 2));
          wasm_v128_store(Bp + 4 * h + 3 * NR, wasm_i64x2_shuffle(t2, t3, 1, 3));
        }
        Bp += 4 * NR;
      }
      for (; k < kc; k++) {
        for (int j = 0; j < NR; j++) Bp[j] = b[j * sj + k];
        Bp += NR;
      }
    } else {
      for (int k = 0; k < kc; k++) {
        for (int j = 0; j < NR; j++) Bp[j] = j < nr ? b[k * sk + j * sj] : 0.0f;
        Bp += NR;
      }
    }
  }
}

/* The MR×NR tile C (=|+=) Ap-panel · Bp-panel. */
static inline void micro_4x8(int kc, const float *Ap, const float *Bp, float *C, int ldc, int first) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00;
  v128_t c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  /* Not unrolled: unrolling by 2 or 4 made V8 spill accumulators (52 -> 27-35 GFLOPS). */
#pragma clang loop unroll(disable)
  for (int k = 0; k < kc; k++) {
    v128_t b0 = wasm_v128_load(Bp), b1 = wasm_v128_load(Bp + 4);
    v128_t a = wasm_v128_load32_splat(Ap);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(Ap + 1);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(Ap + 2);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(Ap + 3);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
    Ap += MR;
    Bp += NR;
  }
  float *C1 = C + ldc, *C2 = C1 + ldc, *C3 = C2 + ldc;
  if (!first) {
    c00 = wasm_f32x4_add(c00, wasm_v128_load(C));
    c01 = wasm_f32x4_add(c01, wasm_v128_load(C + 4));
    c10 = wasm_f32x4_add(c10, wasm_v128_load(C1));
    c11 = wasm_f32x4_add(c11, wasm_v128_load(C1 + 4));
    c20 = wasm_f32x4_add(c20, wasm_v128_load(C2));
    c21 = wasm_f32x4_add(c21, wasm_v128_load(C2 + 4));
    c30 = wasm_f32x4_add(c30, wasm_v128_load(C3));
    c31 = wasm_f32x4_add(c31, wasm_v128_load(C3 + 4));
  }
  wasm_v128_store(C, c00);
  wasm_v128_store(C + 4, c01);
  wasm_v128_store(C1, c10);
  wasm_v128_store(C1 + 4, c11);
  wasm_v128_store(C2, c20);
  wasm_v128_store(C2 + 4, c21);
  wasm_v128_store(C3, c30);
  wasm_v128_store(C3 + 4, c31);
}

/* C rows [ic, ic+mc) (=|+=) op(A) rows · one packed kc×nc block of op(B); the A block is packed into Ap. */
static void block_product(const float *A, int sai, int sak, int M, int kc, int nc, const float *Bp, float *C, int ldc,
                          int first, float *Ap, float *edge) {
  for (int ic = 0; ic < M; ic += MC) {
    int mc = M - ic < MC ? M - ic : MC;
    pack_a(A + ic * sai, sai, sak, mc, kc, Ap);
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = nc - jr < NR ? nc - jr : NR;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = mc - ir < MR ? mc - ir : MR;
        float *c = C + (ic + ir) * ldc + jr;
        if (mr == MR && nr == NR) {
          micro_4x8(kc, Ap + ir * kc, Bp + jr * kc, c, ldc, first);
        } else {
          micro_4x8(kc, Ap + ir * kc, Bp + jr * kc, edge, NR, 1);
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

static void zero_c(int M, int N, float *C, int ldc) {
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) C[i * ldc + j] = 0;
}

/*
 * transA/transB: 0 or 1. lda/ldb/ldc in elements. scratch: sgemm_scratch_floats() elements,
 * private to the calling thread.
 */
__attribute__((export_name("sgemm"))) void sgemm(int transA, int transB, int M, int N, int K, const float *A, int lda,
                                                 const float *B, int ldb, float *C, int ldc, float *scratch) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    zero_c(M, N, C, ldc);
    return;
  }
  int sai = transA ? 1 : lda, sak = transA ? lda : 1;
  int sbk = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  float *Ap = scratch, *Bp = scratch + MC * KC, *edge = Bp + KC * NC;
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
 * The same product in two steps, for sharing rows between threads: sgemm_pack_b packs all of
 * op(B) once (K·round_up(N, NR) + NR·K elements, blocks in (jc, pc) order), then any thread computes
 * any range of rows with sgemm_rows, which repacks only its own rows of A.
 */
__attribute__((export_name("sgemm_packed_b_size"))) int sgemm_packed_b_size(int N, int K) {
  return K * (N + NR * (N / NC + 1));
}

__attribute__((export_name("sgemm_pack_b"))) void sgemm_pack_b(int transB, int N, int K, const float *B, int ldb,
                                                              float *Bp) {
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

__attribute__((export_name("sgemm_rows"))) void sgemm_rows(int transA, int M, int N, int K, const float *A, int lda,
                                                          const float *Bp, float *C, int ldc, float *scratch) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    zero_c(M, N, C, ldc);
    return;
  }
  int sai = transA ? 1 : lda, sak = transA ? lda : 1;
  float *Ap = scratch, *edge = scratch + MC * KC + KC * NC;
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
