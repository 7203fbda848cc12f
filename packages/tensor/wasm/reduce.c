/*
 * Float32 reductions over one axis of a contiguous [outer, red, inner] block
 * (as sumInner/sumMiddle/maxInner/... in src/kernels/types.ts).
 * Sums add float32 lanes over short blocks and the block sums in float64,
 * which keeps the error near PyTorch's cascade summation.
 */
#include <wasm_simd128.h>

#define BLOCK 1024

static double sum_row(const float *x, int n) {
  double total = 0.0;
  for (int b = 0; b < n; b += BLOCK) {
    int end = n - b < BLOCK ? n : b + BLOCK;
    /* Eight accumulators hide the add latency (two adds per cycle). */
    v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    int i = b;
    for (; i + 32 <= end; i += 32) {
      s0 = wasm_f32x4_add(s0, wasm_v128_load(x + i));
      s1 = wasm_f32x4_add(s1, wasm_v128_load(x + i + 4));
      s2 = wasm_f32x4_add(s2, wasm_v128_load(x + i + 8));
      s3 = wasm_f32x4_add(s3, wasm_v128_load(x + i + 12));
      s4 = wasm_f32x4_add(s4, wasm_v128_load(x + i + 16));
      s5 = wasm_f32x4_add(s5, wasm_v128_load(x + i + 20));
      s6 = wasm_f32x4_add(s6, wasm_v128_load(x + i + 24));
      s7 = wasm_f32x4_add(s7, wasm_v128_load(x + i + 28));
    }
    for (; i + 4 <= end; i += 4) s0 = wasm_f32x4_add(s0, wasm_v128_load(x + i));
    v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)),
                              wasm_f32x4_add(wasm_f32x4_add(s4, s5), wasm_f32x4_add(s6, s7)));
    double t = (double)wasm_f32x4_extract_lane(s, 0) + (double)wasm_f32x4_extract_lane(s, 1) +
               (double)wasm_f32x4_extract_lane(s, 2) + (double)wasm_f32x4_extract_lane(s, 3);
    for (; i < end; i++) t += x[i];
    total += t;
  }
  return total;
}

__attribute__((export_name("f32_sum_inner"))) void f32_sum_inner(const float *x, float *out, int outer, int inner) {
  for (int o = 0; o < outer; o++) out[o] = (float)sum_row(x + o * inner, inner);
}

/*
 * Columns in chunks of CHUNK. Rows are added four at a time into float32 partial sums over blocks of
 * ROWS rows (vector adds only), and each block's partials into float64 totals, so the error stays that
 * of a 64-term float32 sum. acc: CHUNK doubles then CHUNK floats of scratch.
 */
#define CHUNK 512
#define ROWS 64
__attribute__((export_name("f32_sum_middle"))) void f32_sum_middle(const float *x, float *out, int outer, int red, int inner,
                                                                   double *acc) {
  float *part = (float *)(acc + CHUNK);
  for (int o = 0; o < outer; o++) {
    const float *xo = x + o * red * inner;
    for (int c = 0; c < inner; c += CHUNK) {
      int w = inner - c < CHUNK ? inner - c : CHUNK;
      int w4 = w & ~3, i;
      for (i = 0; i < w; i++) acc[i] = 0;
      for (int rb = 0; rb < red; rb += ROWS) {
        int re = red - rb < ROWS ? red : rb + ROWS;
        const float *x0 = xo + rb * inner + c;
        for (i = 0; i < w; i++) part[i] = x0[i];
        int r = rb + 1;
        for (; r + 4 <= re; r += 4) {
          const float *a = xo + r * inner + c, *b = a + inner, *d = b + inner, *e = d + inner;
          for (i = 0; i < w4; i += 4) {
            v128_t s01 = wasm_f32x4_add(wasm_v128_load(a + i), wasm_v128_load(b + i));
            v128_t s23 = wasm_f32x4_add(wasm_v128_load(d + i), wasm_v128_load(e + i));
            wasm_v128_store(part + i, wasm_f32x4_add(wasm_v128_load(part + i), wasm_f32x4_add(s01, s23)));
          }
          for (; i < w; i++) part[i] += (a[i] + b[i]) + (d[i] + e[i]);
        }
        for (; r < re; r++) {
          const float *a = xo + r * inner + c;
          for (i = 0; i < w; i++) part[i] += a[i];
        }
        for (i = 0; i < w; i++) acc[i] += part[i];
      }
      float *oc = out + o * inner + c;
      for (i = 0; i < w; i++) oc[i] = (float)acc[i];
    }
  }
}

/*
 * max (is_max) or min over rows: values[o], indices[o] (as float64, for int64 storage).
 * As torch.max(dim): NaN wins; ties and several NaNs report the first index.
 * Pass 1 finds the extreme with pmax/pmin (single instructions in V8, unlike the NaN-propagating
 * max/min) while OR-ing a NaN mask; pass 2 finds the first position of the result, 4 lanes at a time.
 */
__attribute__((export_name("f32_extreme_inner"))) void f32_extreme_inner(int is_max, const float *x, float *values,
                                                                         double *indices, int outer, int inner) {
  for (int o = 0; o < outer; o++) {
    const float *r = x + o * inner;
    v128_t m0 = wasm_f32x4_splat(r[0]), m1 = m0, m2 = m0, m3 = m0;
    v128_t nan = wasm_i32x4_splat(0);
    int i = 0;
    if (is_max) {
      for (; i + 16 <= inner; i += 16) {
        v128_t v0 = wasm_v128_load(r + i), v1 = wasm_v128_load(r + i + 4);
        v128_t v2 = wasm_v128_load(r + i + 8), v3 = wasm_v128_load(r + i + 12);
        m0 = wasm_f32x4_pmax(m0, v0);
        m1 = wasm_f32x4_pmax(m1, v1);
        m2 = wasm_f32x4_pmax(m2, v2);
        m3 = wasm_f32x4_pmax(m3, v3);
        nan = wasm_v128_or(nan, wasm_v128_or(wasm_v128_or(wasm_f32x4_ne(v0, v0), wasm_f32x4_ne(v1, v1)),
                                             wasm_v128_or(wasm_f32x4_ne(v2, v2), wasm_f32x4_ne(v3, v3))));
      }
      m0 = wasm_f32x4_pmax(wasm_f32x4_pmax(m0, m1), wasm_f32x4_pmax(m2, m3));
      m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 2, 3, 0, 1));
      m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 1, 0, 3, 2));
    } else {
      for (; i + 16 <= inner; i += 16) {
        v128_t v0 = wasm_v128_load(r + i), v1 = wasm_v128_load(r + i + 4);
        v128_t v2 = wasm_v128_load(r + i + 8), v3 = wasm_v128_load(r + i + 12);
        m0 = wasm_f32x4_pmin(m0, v0);
        m1 = wasm_f32x4_pmin(m1, v1);
        m2 = wasm_f32x4_pmin(m2, v2);
        m3 = wasm_f32x4_pmin(m3, v3);
        nan = wasm_v128_or(nan, wasm_v128_or(wasm_v128_or(wasm_f32x4_ne(v0, v0), wasm_f32x4_ne(v1, v1)),
                                             wasm_v128_or(wasm_f32x4_ne(v2, v2), wasm_f32x4_ne(v3, v3))));
      }
      m0 = wasm_f32x4_pmin(wasm_f32x4_pmin(m0, m1), wasm_f32x4_pmin(m2, m3));
      m0 = wasm_f32x4_pmin(m0, wasm_i32x4_shuffle(m0, m0, 2, 3, 0, 1));
      m0 = wasm_f32x4_pmin(m0, wasm_i32x4_shuffle(m0, m0, 1, 0, 3, 2));
    }
    float m = wasm_f32x4_extract_lane(m0, 0);
    /* r[0] seeded the accumulators: a NaN there leaves NaN lanes, as does any NaN in the body. */
    int has_nan = wasm_v128_any_true(nan) || m != m;
    for (; i < inner && !has_nan; i++) {
      float v = r[i];
      if (v != v) has_nan = 1;
      else if (is_max ? v > m : v < m) m = v;
    }
    int at = 0;
    if (has_nan) {
      while (r[at] == r[at]) at++;
      m = r[at];
    } else {
      v128_t mv = wasm_f32x4_splat(m);
      while (at + 4 <= inner && !wasm_v128_any_true(wasm_f32x4_eq(wasm_v128_load(r + at), mv))) at += 4;
      while (r[at] != m) at++;
      m = r[at]; /* of ±0 ties, the first one's sign */
    }
    values[o] = m;
    if (indices) indices[o] = at;
  }
}

__attribute__((export_name("f32_extreme_middle"))) void f32_extreme_middle(int is_max, const float *x, float *values,
                                                                           double *indices, int outer, int red,
                                                                           int inner) {
  for (int o = 0; o < outer; o++) {
    const float *xo = x + o * red * inner;
    float *vo = values + o * inner;
    double *io = indices ? indices + o * inner : 0;
    for (int i = 0; i < inner; i++) vo[i] = xo[i];
    if (io)
      for (int i = 0; i < inner; i++) io[i] = 0;
    for (int r = 1; r < red; r++) {
      const float *xr = xo + r * inner;
      v128_t rv = wasm_f64x2_splat((double)r);
      int i = 0;
      for (; i + 4 <= inner; i += 4) {
        v128_t v = wasm_v128_load(xr + i), b = wasm_v128_load(vo + i);
        v128_t better = is_max ? wasm_f32x4_gt(v, b) : wasm_f32x4_lt(v, b);
        /* the first NaN also replaces a non-NaN best */
        better = wasm_v128_or(better, wasm_v128_and(wasm_f32x4_ne(v, v), wasm_f32x4_eq(b, b)));
        if (!wasm_v128_any_true(better)) continue;
        wasm_v128_store(vo + i, wasm_v128_bitselect(v, b, better));
        if (io) {
          v128_t lo = wasm_i64x2_extend_low_i32x4(better), hi = wasm_i64x2_extend_high_i32x4(better);
          wasm_v128_store(io + i, wasm_v128_bitselect(rv, wasm_v128_load(io + i), lo));
          wasm_v128_store(io + i + 2, wasm_v128_bitselect(rv, wasm_v128_load(io + i + 2), hi));
        }
      }
      for (; i < inner; i++) {
        float v = xr[i], b = vo[i];
        if ((is_max ? v > b : v < b) || (v != v && b == b)) {
          vo[i] = v;
          if (io) io[i] = r;
        }
      }
    }
  }
}
