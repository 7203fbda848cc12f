/*
 * Packed, register-tiled double-precision gemm for WebAssembly SIMD128: the
 * float64 instance of gemm_impl.h (same blocking and argument order as gemm.c).
 * A 4×4 micro-kernel keeps its C tile in 8 f64x2 accumulators. Packing handles
 * the transposes with plain loops (O(n²) next to the O(n³) product).
 */
#include <wasm_simd128.h>

#define T double
#define MR 4
#define NR 4
#define GEMM dgemm
#define GEMM_ROWS dgemm_rows
#define GEMM_PACK_B dgemm_pack_b
#define GEMM_PACKED_B_SIZE dgemm_packed_b_size
#define GEMM_SCRATCH dgemm_scratch_doubles

/* One full panel w wide: P[k*w + p] = x[p*sp + k*sk], any strides (the edge loop without its zero fill). */
static int pack_full_panel(const double *x, int sp, int sk, int kc, int w, double *P) {
  for (int k = 0; k < kc; k++, P += w)
    for (int p = 0; p < w; p++) P[p] = x[p * sp + k * sk];
  return 1;
}

/* The MR×NR tile C (=|+=) Ap-panel · Bp-panel. */
static inline void micro_tile(int kc, const double *Ap, const double *Bp, double *C, int ldc, int first) {
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

#include "gemm_impl.h"
