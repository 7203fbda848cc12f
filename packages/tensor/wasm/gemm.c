/*
 * Packed, register-tiled single-precision gemm for WebAssembly SIMD128: the
 * float32 instance of gemm_impl.h (Goto/BLIS blocking, packing, drivers).
 *
 * The 4×8 micro-kernel keeps its C tile in 8 v128 accumulators (V8 has 16 xmm
 * registers; larger tiles spill and run at half speed). Packing transposes 4×4
 * blocks with shuffles when op(A) or op(B) is stored transposed.
 */
#include <wasm_simd128.h>

#define T float
#define MR 4
#define NR 8
#define GEMM sgemm
#define GEMM_ROWS sgemm_rows
#define GEMM_PACK_B sgemm_pack_b
#define GEMM_PACKED_B_SIZE sgemm_packed_b_size
#define GEMM_SCRATCH sgemm_scratch_floats

/*
 * One full panel w wide (w = MR or NR, a multiple of 4): P[k*w + p] = x[p*sp + k*sk]. Handles
 * the two layouts gemm produces (sp == 1: the w values for one k are contiguous; sk == 1:
 * transpose 4×4 blocks of (p, k)); returns 0 for any other strides.
 */
static int pack_full_panel(const float *x, int sp, int sk, int kc, int w, float *P) {
  if (sp == 1) {
    for (int k = 0; k < kc; k++, P += w)
      for (int h = 0; h < w; h += 4) wasm_v128_store(P + h, wasm_v128_load(x + k * sk + h));
    return 1;
  }
  if (sk != 1) return 0;
  int k = 0;
  for (; k + 4 <= kc; k += 4, P += 4 * w) {
    for (int h = 0; h < w; h += 4) {
      const float *r = x + h * sp + k;
      v128_t x0 = wasm_v128_load(r), x1 = wasm_v128_load(r + sp);
      v128_t x2 = wasm_v128_load(r + 2 * sp), x3 = wasm_v128_load(r + 3 * sp);
      v128_t t0 = wasm_i32x4_shuffle(x0, x1, 0, 4, 1, 5);
      v128_t t1 = wasm_i32x4_shuffle(x2, x3, 0, 4, 1, 5);
      v128_t t2 = wasm_i32x4_shuffle(x0, x1, 2, 6, 3, 7);
      v128_t t3 = wasm_i32x4_shuffle(x2, x3, 2, 6, 3, 7);
      wasm_v128_store(P + h, wasm_i64x2_shuffle(t0, t1, 0, 2));
      wasm_v128_store(P + h + w, wasm_i64x2_shuffle(t0, t1, 1, 3));
      wasm_v128_store(P + h + 2 * w, wasm_i64x2_shuffle(t2, t3, 0, 2));
      wasm_v128_store(P + h + 3 * w, wasm_i64x2_shuffle(t2, t3, 1, 3));
    }
  }
  for (; k < kc; k++, P += w)
    for (int p = 0; p < w; p++) P[p] = x[p * sp + k];
  return 1;
}

/* Writes a 4×8 tile held in accumulators to C (row stride ldc): overwrites when `first`, else adds. */
static inline void store_tile(float *C, int ldc, int first, v128_t c00, v128_t c01, v128_t c10, v128_t c11, v128_t c20,
                              v128_t c21, v128_t c30, v128_t c31) {
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

/* The MR×NR tile C (=|+=) Ap-panel · Bp-panel. */
static inline void micro_tile(int kc, const float *Ap, const float *Bp, float *C, int ldc, int first) {
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
  store_tile(C, ldc, first, c00, c01, c10, c11, c20, c21, c30, c31);
}

/*
 * Small A·B without packing: when op(A) = A and op(B) = B, M is a multiple of 4, N of 8 and
 * the operands fit in L1 (at most 2·64³ multiply-adds), the micro-kernel reads A's rows and
 * B's rows where they are. Packing both operands costs ~8% of a 64×64 product (34.8 -> 37.7
 * GFLOPS, interleaved A/B); at 96³ and 128³, where the operands leave L1, packing wins again.
 */
static inline void tile_nn(int K, const float *A, int lda, const float *B, int ldb, float *C, int ldc) {
  v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00;
  v128_t c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  const float *a0 = A, *a1 = A + lda, *a2 = a1 + lda, *a3 = a2 + lda;
#pragma clang loop unroll(disable)
  for (int k = 0; k < K; k++, B += ldb) {
    v128_t b0 = wasm_v128_load(B), b1 = wasm_v128_load(B + 4);
    v128_t a = wasm_v128_load32_splat(a0 + k);
    c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a, b0));
    c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a1 + k);
    c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a, b0));
    c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a2 + k);
    c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a, b0));
    c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a, b1));
    a = wasm_v128_load32_splat(a3 + k);
    c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a, b0));
    c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a, b1));
  }
  store_tile(C, ldc, 1, c00, c01, c10, c11, c20, c21, c30, c31);
}

static int sgemm_small(int transA, int transB, int M, int N, int K, const float *A, int lda, const float *B, int ldb,
                       float *C, int ldc) {
  if (transA || transB || M % MR || N % NR || K <= 0 || (long long)M * N * K > 2 * 64 * 64 * 64) return 0;
  for (int j = 0; j < N; j += NR)
    for (int i = 0; i < M; i += MR) tile_nn(K, A + i * lda, lda, B + j, ldb, C + i * ldc + j, ldc);
  return 1;
}
#define GEMM_SMALL sgemm_small

#include "gemm_impl.h"
