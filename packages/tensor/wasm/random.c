// PyTorch's CPU random streams in WebAssembly: the mt19937 engine and the float32
// fills of rand/uniform_ and randn/normal_ (the 16-element Box-Muller blocks of
// normal_fill_AVX2). The same arithmetic as src/random-fill.ts and
// src/normal-avx.ts, which are the reference (and the path without WebAssembly):
// every float operation rounds once as in PyTorch's AVX2 build, and a multiply-add
// that GCC fuses there is computed in double and rounded once to float.
//
// The generator's state lives at `st`: 624 words, then `left`, then `next`
// (PyTorch's counters), copied in and out by the caller.
#include <stdint.h>
#include <wasm_simd128.h>

#define MT_N 624
#define MT_M 397

static void twist(uint32_t* s) {
  int j = 0;
  for (; j < MT_N - MT_M; j++) {
    uint32_t y = (s[j] & 0x80000000u) | (s[j + 1] & 0x7fffffffu);
    s[j] = s[j + MT_M] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
  }
  for (; j < MT_N - 1; j++) {
    uint32_t y = (s[j] & 0x80000000u) | (s[j + 1] & 0x7fffffffu);
    s[j] = s[j + MT_M - MT_N] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
  }
  uint32_t y = (s[MT_N - 1] & 0x80000000u) | (s[0] & 0x7fffffffu);
  s[MT_N - 1] = s[MT_M - 1] ^ (y >> 1) ^ ((0u - (y & 1u)) & 0x9908b0dfu);
}

static inline uint32_t temper(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  return y ^ (y >> 18);
}

// The next n words into out, as n calls of PyTorch's mt19937::operator() would give them.
static void words(uint32_t* st, uint32_t* out, int n) {
  int32_t* left = (int32_t*)(st + MT_N);
  int32_t* next = left + 1;
  int i = 0;
  while (i < n) {
    if (*left == 1) {
      twist(st);
      *left = MT_N + 1;
      *next = 0;
    }
    // words available before the next twist: left - 1
    int k = *left - 1;
    if (k > n - i) k = n - i;
    const uint32_t* s = st + *next;
    for (int t = 0; t < k; t++) out[i + t] = temper(s[t]);
    i += k;
    *left -= k;
    *next += k;
  }
}

// Advance the stream by n words without reading them.
static void skip(uint32_t* st, int n) {
  int32_t* left = (int32_t*)(st + MT_N);
  int32_t* next = left + 1;
  for (int i = 0; i < n; i++) {
    if (--*left == 0) {
      twist(st);
      *left = MT_N;
      *next = 0;
    }
    ++*next;
  }
}

static inline float uniform24(uint32_t w) {
  return (float)(w & 0xffffffu) * 5.9604644775390625e-8f;
}

// rand / uniform_(from, from + span) in float32: x·span + from rounded once.
__attribute__((visibility("default"))) void rng_uniform_f32(uint32_t* st, float* out, int n, float from, float span) {
  uint32_t* w = (uint32_t*)out;
  words(st, w, n);
  if (from == 0.0f && span == 1.0f) {
    for (int i = 0; i < n; i++) out[i] = uniform24(w[i]);
  } else {
    for (int i = 0; i < n; i++) out[i] = (float)((double)uniform24(w[i]) * span + from);
  }
}

// ---- avx_mathfun's log256_ps and sincos256_ps, four lanes at a time ----
static inline v128_t fma4(v128_t a, v128_t b, v128_t c) {
  v128_t lo = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_add(
      wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(a), wasm_f64x2_promote_low_f32x4(b)), wasm_f64x2_promote_low_f32x4(c)));
  v128_t ah = wasm_i32x4_shuffle(a, a, 2, 3, 0, 1);
  v128_t bh = wasm_i32x4_shuffle(b, b, 2, 3, 0, 1);
  v128_t ch = wasm_i32x4_shuffle(c, c, 2, 3, 0, 1);
  v128_t hi = wasm_f32x4_demote_f64x2_zero(wasm_f64x2_add(
      wasm_f64x2_mul(wasm_f64x2_promote_low_f32x4(ah), wasm_f64x2_promote_low_f32x4(bh)), wasm_f64x2_promote_low_f32x4(ch)));
  return wasm_i32x4_shuffle(lo, hi, 0, 1, 4, 5);
}
#define SPLAT(x) wasm_f32x4_splat(x)

static inline v128_t log4(v128_t x) {
  x = wasm_f32x4_max(x, SPLAT(1.17549435e-38f));
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(x, 23), wasm_i32x4_splat(0x7f));
  v128_t ef = wasm_f32x4_add(wasm_f32x4_convert_i32x4(e), SPLAT(1.0f));
  x = wasm_v128_or(wasm_v128_and(x, wasm_i32x4_splat(~0x7f800000)), SPLAT(0.5f));
  v128_t mask = wasm_f32x4_lt(x, SPLAT(0.707106781186547524f));
  v128_t tmp = wasm_v128_and(x, mask);
  x = wasm_f32x4_sub(x, SPLAT(1.0f));
  ef = wasm_f32x4_sub(ef, wasm_v128_and(SPLAT(1.0f), mask));
  x = wasm_f32x4_add(x, tmp);
  v128_t z = wasm_f32x4_mul(x, x);
  v128_t y = fma4(SPLAT(7.0376836292E-2f), x, SPLAT(-1.1514610310E-1f));
  y = fma4(y, x, SPLAT(1.1676998740E-1f));
  y = fma4(y, x, SPLAT(-1.2420140846E-1f));
  y = fma4(y, x, SPLAT(1.4249322787E-1f));
  y = fma4(y, x, SPLAT(-1.6668057665E-1f));
  y = fma4(y, x, SPLAT(2.0000714765E-1f));
  y = fma4(y, x, SPLAT(-2.4999993993E-1f));
  y = fma4(y, x, SPLAT(3.3333331174E-1f));
  y = wasm_f32x4_mul(y, x);
  y = fma4(y, z, wasm_f32x4_mul(ef, SPLAT(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, SPLAT(0.5f)));
  x = wasm_f32x4_add(x, y);
  return wasm_f32x4_add(x, wasm_f32x4_mul(ef, SPLAT(0.693359375f)));
}

// x >= 0: the cosine, and the sine in *s
static inline v128_t sincos4(v128_t x, v128_t* s) {
  v128_t j = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(x, SPLAT(1.27323954473516f)));
  j = wasm_v128_and(wasm_i32x4_add(j, wasm_i32x4_splat(1)), wasm_i32x4_splat(~1));
  v128_t y = wasm_f32x4_convert_i32x4(j);
  v128_t signSin = wasm_i32x4_shl(wasm_v128_and(j, wasm_i32x4_splat(4)), 29);
  v128_t poly = wasm_i32x4_eq(wasm_v128_and(j, wasm_i32x4_splat(2)), wasm_i32x4_splat(0));
  v128_t signCos = wasm_i32x4_shl(wasm_v128_andnot(wasm_i32x4_splat(4), wasm_i32x4_sub(j, wasm_i32x4_splat(2))), 29);
  // y·DP1 and y·DP2 are exact in float (y <= 8; 8 and 11 significant bits): fused or not, one rounding
  x = wasm_f32x4_add(x, wasm_f32x4_mul(y, SPLAT(-0.78515625f)));
  x = wasm_f32x4_add(x, wasm_f32x4_mul(y, SPLAT(-2.4187564849853515625e-4f)));
  x = fma4(y, SPLAT(-3.77489497744594108e-8f), x);
  v128_t z = wasm_f32x4_mul(x, x);
  v128_t c = fma4(SPLAT(2.443315711809948E-005f), z, SPLAT(-1.388731625493765E-003f));
  c = fma4(c, z, SPLAT(4.166664568298827E-002f));
  c = wasm_f32x4_mul(c, z);
  c = fma4(c, z, wasm_f32x4_neg(wasm_f32x4_mul(z, SPLAT(0.5f))));
  c = wasm_f32x4_add(c, SPLAT(1.0f));
  v128_t sn = fma4(SPLAT(-1.9515295891E-4f), z, SPLAT(8.3321608736E-3f));
  sn = fma4(sn, z, SPLAT(-1.6666654611E-1f));
  sn = wasm_f32x4_mul(sn, z);
  sn = fma4(sn, x, x);
  v128_t sinv = wasm_v128_bitselect(sn, c, poly);
  v128_t cosv = wasm_v128_bitselect(c, sn, poly);
  *s = wasm_v128_xor(sinv, signSin);
  return wasm_v128_xor(cosv, signCos);
}

// normal_fill_16_AVX2 on d[0..16): lanes 0-7 get the cosines, 8-15 the sines
static void block16(float* d, float mean, float std) {
  for (int h = 0; h < 8; h += 4) {
    v128_t u1 = wasm_f32x4_sub(SPLAT(1.0f), wasm_v128_load(d + h));
    v128_t u2 = wasm_v128_load(d + h + 8);
    v128_t radius = wasm_f32x4_sqrt(wasm_f32x4_mul(SPLAT(-2.0f), log4(u1)));
    v128_t theta = wasm_f32x4_mul(SPLAT(6.2831854820251465f), u2);
    v128_t sn;
    v128_t cs = sincos4(theta, &sn);
    v128_t n1 = wasm_f32x4_mul(radius, cs);
    v128_t n2 = wasm_f32x4_mul(radius, sn);
    if (std != 1.0f || mean != 0.0f) {
      n1 = fma4(n1, SPLAT(std), SPLAT(mean));
      n2 = fma4(n2, SPLAT(std), SPLAT(mean));
    }
    wasm_v128_store(d + h, n1);
    wasm_v128_store(d + h + 8, n2);
  }
}

// randn / normal_(mean, std) on n >= 16 contiguous floats (normal_fill_AVX2)
__attribute__((visibility("default"))) void rng_normal_f32(uint32_t* st, float* out, int n, float mean, float std) {
  int full = n - n % 16;
  for (int i = 0; i < full; i += 16) {
    rng_uniform_f32(st, out + i, 16, 0.0f, 1.0f);
    block16(out + i, mean, std);
  }
  if (full != n) {
    skip(st, n - full); // uniforms PyTorch draws and then overwrites
    rng_uniform_f32(st, out + n - 16, 16, 0.0f, 1.0f);
    block16(out + n - 16, mean, std);
  }
}
