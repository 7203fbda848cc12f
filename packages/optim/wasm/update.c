// Fused float32 optimizer updates in WebAssembly SIMD128: the same arithmetic, bit for bit, as
// the float32 loops in src/sgd.ts and src/adam-kernels.ts. ATen's fused multiply-adds
// (`a.add(b, alpha)`, `addcmul`) round a*b + c once. ./build.sh builds this file twice:
// - plain SIMD128: emulated as the JS loops do (@torchts/tensor/fma32) with
//   packages/tensor/wasm/fma32.h: the product of two float32 values is exact in double, one double
//   addition, a repair in the rare case that double rounding could err, one rounding to float32;
// - RELAXED (-DRELAXED -mrelaxed-simd): f32x4.relaxed_madd, a true FMA where the engine fuses
//   it (x86 with FMA3, arm64); src/wasm-memory.ts uses this build only after a probe shows it
//   fused, so it never runs unfused.
// Everything else is native f32x4 arithmetic (mul, div, sqrt, add, max round exactly as
// Math.fround of the double result would).
#include <wasm_simd128.h>

typedef v128_t V;

#ifdef RELAXED
typedef V S; // a float32 scalar splat
static inline S splat(float x) { return wasm_f32x4_splat(x); }
// a*b + c rounded once, b a splat scalar / elementwise
static inline V fmas(V a, S b, V c) { return (V)__builtin_wasm_relaxed_madd_f32x4((__f32x4)a, (__f32x4)b, (__f32x4)c); }
static inline V fmav(V a, V b, V c) { return fmas(a, b, c); }
// the tails fuse too (wasm has no scalar FMA)
static inline float fma1(float a, float b, float c) {
  return wasm_f32x4_extract_lane(fmas(wasm_f32x4_splat(a), wasm_f32x4_splat(b), wasm_f32x4_splat(c)), 0);
}
#else
// a*b + c for float32 a, b, c, rounded once to float32 in double arithmetic: the exact emulation
// of packages/tensor/wasm/fma32.h (a double sum, a cheap test for the rare sums double rounding
// could get wrong, a repair of those), shared with tensor's randn.
#include "fma32.h"
static inline float fma1(float a, float b, float c) { return fma32_1(a, b, c); }
typedef V S; // a float32 scalar held as a double splat
static inline S splat(float x) { return wasm_f64x2_splat(x); }
static inline V lo64(V a) { return wasm_f64x2_promote_low_f32x4(a); }
static inline V hi64(V a) { return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(a, a, 2, 3, 0, 1)); }
static inline V fmas(V a, S bd, V c) {
  return fma32_round4(wasm_f64x2_mul(lo64(a), bd), lo64(c), wasm_f64x2_mul(hi64(a), bd), hi64(c));
}
static inline V fmav(V a, V b, V c) {
  return fma32_round4(wasm_f64x2_mul(lo64(a), lo64(b)), lo64(c), wasm_f64x2_mul(hi64(a), hi64(b)), hi64(c));
}
#endif

// SGD (sgd.ts sgdF32): B may be 0 (no momentum); first: the buffer becomes g.
void sgd_f32(float* P, const float* G, float* B, int n, float nlr, float wd, float m, float omd,
             int nesterov, int maximize, int first, int decay) {
  const V vm = wasm_f32x4_splat(m);
  const S mD = splat(m), omdD = splat(omd), nlrD = splat(nlr), wdD = splat(wd);
  int i = 0;
  if (B && !first && !nesterov && !maximize && !decay && omd == 1.0f) {
    // the common momentum step (no dampening): g·1 + c is one float32 addition, exactly
    // (rounding a double sum of two floats to float equals rounding the exact sum);
    // two vectors per iteration: half the loop overhead
    for (; i + 8 <= n; i += 8) {
      V b0 = wasm_f32x4_add(wasm_v128_load(G + i), wasm_f32x4_mul(wasm_v128_load(B + i), vm));
      V b1 = wasm_f32x4_add(wasm_v128_load(G + i + 4), wasm_f32x4_mul(wasm_v128_load(B + i + 4), vm));
      wasm_v128_store(B + i, b0);
      wasm_v128_store(B + i + 4, b1);
      wasm_v128_store(P + i, fmas(b0, nlrD, wasm_v128_load(P + i)));
      wasm_v128_store(P + i + 4, fmas(b1, nlrD, wasm_v128_load(P + i + 4)));
    }
  } else if (B && !first && !nesterov && !maximize && !decay) {
    for (; i + 4 <= n; i += 4) {
      V b = fmas(wasm_v128_load(G + i), omdD, wasm_f32x4_mul(wasm_v128_load(B + i), vm));
      wasm_v128_store(B + i, b);
      wasm_v128_store(P + i, fmas(b, nlrD, wasm_v128_load(P + i)));
    }
  }
  for (; i + 4 <= n; i += 4) {
    V g = wasm_v128_load(G + i), p = wasm_v128_load(P + i);
    if (maximize) g = wasm_f32x4_neg(g);
    if (decay) g = fmas(p, wdD, g);
    if (B) {
      V b = first ? g : fmas(g, omdD, wasm_f32x4_mul(wasm_v128_load(B + i), vm));
      wasm_v128_store(B + i, b);
      g = nesterov ? fmas(b, mD, g) : b;
    }
    wasm_v128_store(P + i, fmas(g, nlrD, p));
  }
  for (; i < n; i++) {
    float g = G[i];
    if (maximize) g = -g;
    if (decay) g = fma1(P[i], wd, g);
    if (B) {
      float b = first ? g : fma1(g, omd, B[i] * m);
      B[i] = b;
      g = nesterov ? fma1(b, m, g) : b;
    }
    P[i] = fma1(g, nlr, P[i]);
  }
}

// Adam/AdamW (adam-kernels.ts adamF32): VM may be 0 (no amsgrad).
void adam_f32(float* P, const float* G, float* M, float* Vv, float* VM, int n,
              float b1, float b2, float omb1, float omb2, float wd, float decay, int decoupled, int l2,
              int maximize, float eps, float bc2, float ns) {
  const V vb1 = wasm_f32x4_splat(b1), vb2 = wasm_f32x4_splat(b2), vomb2 = wasm_f32x4_splat(omb2);
  const S omb1D = splat(omb1), wdD = splat(wd);
  const V vdecay = wasm_f32x4_splat(decay);
  const V veps = wasm_f32x4_splat(eps), vbc2 = wasm_f32x4_splat(bc2), vns = wasm_f32x4_splat(ns);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    V p = wasm_v128_load(P + i), g = wasm_v128_load(G + i);
    if (maximize) g = wasm_f32x4_neg(g);
    if (decoupled) p = wasm_f32x4_mul(p, vdecay);
    else if (l2) g = fmas(p, wdD, g);
    V m = fmas(g, omb1D, wasm_f32x4_mul(wasm_v128_load(M + i), vb1));
    V v = fmav(wasm_f32x4_mul(vomb2, g), g, wasm_f32x4_mul(wasm_v128_load(Vv + i), vb2));
    wasm_v128_store(M + i, m);
    wasm_v128_store(Vv + i, v);
    if (VM) {
      v = wasm_f32x4_max(wasm_v128_load(VM + i), v);
      wasm_v128_store(VM + i, v);
    }
    V den = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_sqrt(v), vbc2), veps);
    wasm_v128_store(P + i, wasm_f32x4_add(p, wasm_f32x4_div(wasm_f32x4_mul(vns, m), den)));
  }
  for (; i < n; i++) {
    float p = P[i], g = G[i];
    if (maximize) g = -g;
    if (decoupled) p = p * decay;
    else if (l2) g = fma1(p, wd, g);
    float m = fma1(g, omb1, M[i] * b1);
    float v = fma1(omb2 * g, g, Vv[i] * b2);
    M[i] = m;
    Vv[i] = v;
    if (VM) VM[i] = v = __builtin_wasm_max_f32(VM[i], v);
    float den = __builtin_sqrtf(v) / bc2 + eps;
    P[i] = p + (ns * m) / den;
  }
}
