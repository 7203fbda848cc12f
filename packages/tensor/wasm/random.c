// PyTorch's CPU random streams in WebAssembly: the mt19937 engine and the float32
// fills of rand/uniform_ and randn/normal_ (the 16-element Box-Muller blocks of
// normal_fill_AVX2). The same arithmetic as src/random-fill.ts and
// src/normal-avx.ts, which are the reference (and the path without WebAssembly):
// every float operation rounds once as in PyTorch's AVX2 build, and a multiply-add
// that GCC fuses there is computed in double and rounded once to float (fma32.h:
// exactly, repairing the rare sums that double rounding would get wrong).
//
// The generator's state lives at `st`: 624 words, then `left`, then `next`
// (PyTorch's counters), copied in and out by the caller.
#include <stdint.h>
#include <wasm_simd128.h>
#include "fma32.h"

#define MT_N 624
#define MT_M 397
#define UPPER 0x80000000u
#define LOWER 0x7fffffffu
#define MATRIX 0x9908b0dfu

// ---- constants ----
// Read from memory through a pointer clang cannot see through: as v128.const, V8
// rebuilds a constant through general registers at every use inside the loops.
typedef float f4 __attribute__((vector_size(16)));
typedef double f2 __attribute__((vector_size(16)));
typedef int32_t i4 __attribute__((vector_size(16)));
#define F4(x) {(x), (x), (x), (x)}
#define D2(x) {(double)(x), (double)(x)}
struct K {
  f4 minNorm, half, sqrthf, one, q1, q2, fopi, dp1, dp2, m2, twoPi;
  i4 e7f, mantMask, i1, in1, i4_, i2;
  f2 p0, p1, p2, p3, p4, p5, p6, p7, p8, dp3, c0, c1, c2, mhalf, s0, s1, s2;
};
static struct K KT = {
  F4(1.17549435e-38f), F4(0.5f), F4(0.707106781186547524f), F4(1.0f), F4(-2.12194440e-4f), F4(0.693359375f),
  F4(1.27323954473516f), F4(-0.78515625f), F4(-2.4187564849853515625e-4f), F4(-2.0f), F4(6.2831854820251465f),
  F4(0x7f), F4(~0x7f800000), F4(1), F4(~1), F4(4), F4(2),
  // log256_ps's polynomial, then sincos256_ps's DP3 and its cosine and sine polynomials (all floats)
  D2(7.0376836292E-2f), D2(-1.1514610310E-1f), D2(1.1676998740E-1f), D2(-1.2420140846E-1f), D2(1.4249322787E-1f),
  D2(-1.6668057665E-1f), D2(2.0000714765E-1f), D2(-2.4999993993E-1f), D2(3.3333331174E-1f),
  D2(-3.77489497744594108e-8f), D2(2.443315711809948E-005f), D2(-1.388731625493765E-003f), D2(4.166664568298827E-002f),
  D2(-0.5), D2(-1.9515295891E-4f), D2(8.3321608736E-3f), D2(-1.6666654611E-1f),
};
static inline const struct K* consts(void) {
  const struct K* k = &KT;
  __asm__("" : "+r"(k));
  return k;
}
#define V(f) ((v128_t)k->f)

// ---- mt19937 ----
static inline uint32_t mix(uint32_t a, uint32_t b, uint32_t far) {
  uint32_t y = (a & UPPER) | (b & LOWER);
  return far ^ (y >> 1) ^ ((0u - (y & 1u)) & MATRIX);
}
// Words j..j+3 of the recurrence: it reads s[j + 4] and s[j + far ..] before they change.
static inline void mix4(uint32_t* s, int j, int far) {
  v128_t y = wasm_v128_or(wasm_v128_and(wasm_v128_load(s + j), wasm_u32x4_const_splat(UPPER)),
                          wasm_v128_and(wasm_v128_load(s + j + 1), wasm_u32x4_const_splat(LOWER)));
  v128_t odd = wasm_i32x4_neg(wasm_v128_and(y, wasm_u32x4_const_splat(1)));
  v128_t r = wasm_v128_xor(wasm_v128_load(s + j + far), wasm_u32x4_shr(y, 1));
  wasm_v128_store(s + j, wasm_v128_xor(r, wasm_v128_and(odd, wasm_u32x4_const_splat(MATRIX))));
}

// The next generation of 624 words, four at a time where none of the four depends on another.
static void twist(uint32_t* s) {
  int j = 0;
  for (; j + 4 <= MT_N - MT_M; j += 4) mix4(s, j, MT_M); // 0..223
  for (; j < MT_N - MT_M; j++) s[j] = mix(s[j], s[j + 1], s[j + MT_M]); // 224..226
  for (; j < MT_N - 1; j += 4) mix4(s, j, MT_M - MT_N); // 227..622: s[j - 227] is already new
  s[MT_N - 1] = mix(s[MT_N - 1], s[0], s[MT_M - 1]);
}

static inline uint32_t temper(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  return y ^ (y >> 18);
}
static inline v128_t temper4(v128_t y) {
  y = wasm_v128_xor(y, wasm_u32x4_shr(y, 11));
  y = wasm_v128_xor(y, wasm_v128_and(wasm_i32x4_shl(y, 7), wasm_u32x4_const_splat(0x9d2c5680u)));
  y = wasm_v128_xor(y, wasm_v128_and(wasm_i32x4_shl(y, 15), wasm_u32x4_const_splat(0xefc60000u)));
  return wasm_v128_xor(y, wasm_u32x4_shr(y, 18));
}

// (word & 0xFFFFFF) · 2⁻²⁴
static inline float uniform24(uint32_t w) {
  return (float)(w & 0xffffffu) * 5.9604644775390625e-8f;
}
static inline v128_t uniform24x4(v128_t w) {
  return wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_v128_and(w, wasm_u32x4_const_splat(0xffffffu))),
                        wasm_f32x4_const_splat(5.9604644775390625e-8f));
}

// The next n float uniforms into out, one word each, as n calls of PyTorch's
// mt19937::operator() would draw them.
static void uniforms(uint32_t* st, float* out, int n) {
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
    int m = *left - 1;
    if (m > n - i) m = n - i;
    const uint32_t* s = st + *next;
    int t = 0;
    for (; t + 4 <= m; t += 4) wasm_v128_store(out + i + t, uniform24x4(temper4(wasm_v128_load(s + t))));
    for (; t < m; t++) out[i + t] = uniform24(temper(s[t]));
    i += m;
    *left -= m;
    *next += m;
  }
}

// rand / uniform_(from, from + span) in float32: x·span + from rounded once.
__attribute__((visibility("default"))) void rng_uniform_f32(uint32_t* st, float* out, int n, float from, float span) {
  uniforms(st, out, n);
  if (from != 0.0f || span != 1.0f) {
    for (int i = 0; i < n; i++) out[i] = fma32_1(out[i], span, from);
  }
}

// ---- float arithmetic in double lanes ----
// Four float lanes as two f64x2 halves (d4). Every value held there is a float, so
// the product of two is exact, and rnd() (demote, promote) is the float rounding: a
// fused multiply-add is a double multiply, a double add, fma32.h's test (and rare
// repair) and one rounding, as fma32() in normal-avx.ts. Chains stay in double lanes
// between steps; only their ends come back to f32x4 (down4), where plain float
// operations and the bit tricks are cheaper.
typedef struct { v128_t lo, hi; } d4;

static inline v128_t rnd(v128_t d) {
  v128_t f = wasm_f32x4_demote_f64x2_zero(d);
  __asm__("" : "+r"(f)); // else LLVM scalarizes the pair into four lane conversions
  return wasm_f64x2_promote_low_f32x4(f);
}
static inline d4 up(v128_t f) {
  return (d4){wasm_f64x2_promote_low_f32x4(f), wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(f, f, 2, 3, 2, 3))};
}
// each double lane rounded once to float, as f32x4
static inline v128_t down(v128_t lo, v128_t hi) {
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}

// How a block's fused multiply-adds settle the double sums that double rounding could get wrong
// (fma32.h). In log and sincos the fast pass only watches (fma32_watch: three SIMD operations a
// step, no branch); a block where some sum there was a float32 halfway point (one block in about
// 4,000 of uniform input, each a true tie) is run again before anything is stored, exactly: each
// suspect vector repaired where it arises. Those steps have no sums near the subnormal range
// (over every float uniform the smallest nonzero one is 2^-73.6), where the watch is blind.
// The last step, n·std + mean, has its own way (scaleExact).
typedef struct { int exact; v128_t watch; } X;
// *slo = qlo + clo, *shi = qhi + chi, settled
static inline void settle(X* x, v128_t* slo, v128_t* shi, v128_t qlo, v128_t clo, v128_t qhi, v128_t chi) {
  *slo = wasm_f64x2_add(qlo, clo);
  *shi = wasm_f64x2_add(qhi, chi);
  if (x->exact) fma32_exact4(slo, shi, qlo, clo, qhi, chi);
  else x->watch = fma32_watch(x->watch, *slo, *shi);
}
// float(qlo + clo), float(qhi + chi): in double lanes (rnd4) or as f32x4 (down4)
static inline d4 rnd4(X* x, v128_t qlo, v128_t clo, v128_t qhi, v128_t chi) {
  v128_t lo, hi;
  settle(x, &lo, &hi, qlo, clo, qhi, chi);
  return (d4){rnd(lo), rnd(hi)};
}
static inline v128_t down4(X* x, v128_t qlo, v128_t clo, v128_t qhi, v128_t chi) {
  v128_t lo, hi;
  settle(x, &lo, &hi, qlo, clo, qhi, chi);
  return down(lo, hi);
}
#define MUL wasm_f64x2_mul
// float(y·x + c), c a constant
static inline d4 fmak(X* f, d4 y, d4 x, v128_t c) { return rnd4(f, MUL(y.lo, x.lo), c, MUL(y.hi, x.hi), c); }
// float(a·x + c), a and c constants
static inline d4 fmakk(X* f, v128_t a, d4 x, v128_t c) { return rnd4(f, MUL(a, x.lo), c, MUL(a, x.hi), c); }
// float(a·b + c) as f32x4, for the last step of a chain
static inline v128_t fmaf(X* f, d4 a, d4 b, d4 c) { return down4(f, MUL(a.lo, b.lo), c.lo, MUL(a.hi, b.hi), c.hi); }
static inline v128_t fmakf(X* f, d4 y, d4 x, v128_t c) { return down4(f, MUL(y.lo, x.lo), c, MUL(y.hi, x.hi), c); }

// ---- avx_mathfun's log256_ps and sincos256_ps ----
// Both run on the two groups of four lanes of a 16-block at once, step by step:
// each is a chain of dependent roundings, and two chains side by side keep the
// processor's conversion units busy where one would wait on the other.
#define EACH for (int g = 0; g < 2; g++)

// x in (0, 1]: log(x), in place
static inline __attribute__((always_inline)) void log2x4(const struct K* k, X* f, v128_t* xs) {
  v128_t x[2], ef[2], z[2], yf[2];
  d4 xd[2], y[2];
  EACH {
    v128_t v = wasm_f32x4_max(xs[g], V(minNorm));
    v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(v, 23), V(e7f));
    v128_t f = wasm_f32x4_add(wasm_f32x4_convert_i32x4(e), V(one));
    v = wasm_v128_or(wasm_v128_and(v, V(mantMask)), V(half));
    v128_t mask = wasm_f32x4_lt(v, V(sqrthf));
    v128_t tmp = wasm_v128_and(v, mask);
    v = wasm_f32x4_sub(v, V(one));
    ef[g] = wasm_f32x4_sub(f, wasm_v128_and(V(one), mask));
    x[g] = wasm_f32x4_add(v, tmp);
    z[g] = wasm_f32x4_mul(x[g], x[g]);
    xd[g] = up(x[g]);
  }
  EACH y[g] = fmakk(f, V(p0), xd[g], V(p1));
  EACH y[g] = fmak(f, y[g], xd[g], V(p2));
  EACH y[g] = fmak(f, y[g], xd[g], V(p3));
  EACH y[g] = fmak(f, y[g], xd[g], V(p4));
  EACH y[g] = fmak(f, y[g], xd[g], V(p5));
  EACH y[g] = fmak(f, y[g], xd[g], V(p6));
  EACH y[g] = fmak(f, y[g], xd[g], V(p7));
  EACH yf[g] = wasm_f32x4_mul(fmakf(f, y[g], xd[g], V(p8)), x[g]);
  EACH yf[g] = fmaf(f, up(yf[g]), up(z[g]), up(wasm_f32x4_mul(ef[g], V(q1))));
  EACH {
    v128_t t = wasm_f32x4_add(x[g], wasm_f32x4_sub(yf[g], wasm_f32x4_mul(z[g], V(half))));
    xs[g] = wasm_f32x4_add(t, wasm_f32x4_mul(ef[g], V(q2)));
  }
}

// x >= 0: xs becomes the cosine, ss the sine
static inline __attribute__((always_inline)) void sincos2x4(const struct K* k, X* f, v128_t* xs, v128_t* ss) {
  v128_t signSin[2], signCos[2], poly[2], x[2], zf[2], cf[2], sf[2];
  d4 xd[2], z[2], c[2], sn[2];
  EACH {
    v128_t v = xs[g];
    v128_t j = wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(v, V(fopi)));
    j = wasm_v128_and(wasm_i32x4_add(j, V(i1)), V(in1));
    v128_t y = wasm_f32x4_convert_i32x4(j);
    signSin[g] = wasm_i32x4_shl(wasm_v128_and(j, V(i4_)), 29);
    poly[g] = wasm_i32x4_eq(wasm_v128_and(j, V(i2)), wasm_i32x4_const_splat(0));
    signCos[g] = wasm_i32x4_shl(wasm_v128_andnot(V(i4_), wasm_i32x4_sub(j, V(i2))), 29);
    // y·DP1 and y·DP2 are exact in float (y <= 8; 8 and 11 significant bits): fused or not, one rounding
    v = wasm_f32x4_add(v, wasm_f32x4_mul(y, V(dp1)));
    v = wasm_f32x4_add(v, wasm_f32x4_mul(y, V(dp2)));
    x[g] = fmaf(f, up(y), (d4){V(dp3), V(dp3)}, up(v));
  }
  EACH {
    zf[g] = wasm_f32x4_mul(x[g], x[g]);
    xd[g] = up(x[g]);
    z[g] = up(zf[g]);
  }
  EACH c[g] = fmakk(f, V(c0), z[g], V(c1));
  EACH sn[g] = fmakk(f, V(s0), z[g], V(s1));
  EACH cf[g] = wasm_f32x4_mul(fmakf(f, c[g], z[g], V(c2)), zf[g]);
  EACH sf[g] = wasm_f32x4_mul(fmakf(f, sn[g], z[g], V(s2)), zf[g]);
  // c·z − z·0.5: z·0.5 is exact (z is a normal float, far above the subnormals)
  EACH cf[g] = fmaf(f, up(cf[g]), z[g], (d4){wasm_f64x2_mul(z[g].lo, V(mhalf)), wasm_f64x2_mul(z[g].hi, V(mhalf))});
  EACH sf[g] = fmaf(f, up(sf[g]), xd[g], xd[g]);
  EACH {
    v128_t cc = wasm_f32x4_add(cf[g], V(one));
    ss[g] = wasm_v128_xor(wasm_v128_bitselect(sf[g], cc, poly[g]), signSin[g]);
    xs[g] = wasm_v128_xor(wasm_v128_bitselect(cc, sf[g], poly[g]), signCos[g]);
  }
}

// The lowest set bit of a finite nonzero float, as a power of two: its exponent.
static int lowBit(float x) {
  union { float f; uint32_t u; } b = {x};
  int e = (int)((b.u >> 23) & 0xff);
  uint32_t m = b.u & 0x7fffff;
  return e == 0 ? -149 + __builtin_ctz(m) : e - 150 + __builtin_ctz(m | 0x800000);
}
// The |n| from which n·std + mean is exact in double for every float n, so that no double
// rounding can happen (+inf when none: mean or std not finite, bits too far apart). Box-Muller's
// |n| is below 6 (a radius of at most √(2·24·ln 2)), so |n·std + mean| < 2^t with t from
// 6|std| + |mean|; an n of exponent e has its bits at 2^(e−23) and above, n·std at
// 2^(e−23+lowBit(std)) and above, and the exact sum fits in 53 bits when those and mean's
// lowest bit are at most 53 places below 2^t.
static float exactFrom(float mean, float std) {
  float big = 6.0f * __builtin_fabsf(std) + __builtin_fabsf(mean);
  if (!(big < 1e30f) || std == 0.0f) return __builtin_inff();
  union { double d; uint64_t u; } b = {(double)big};
  int t = (int)((b.u >> 52) & 0x7ff) - 1023 + 1; // big < 2^t
  if (mean != 0.0f && lowBit(mean) < t - 53) return __builtin_inff();
  int e = t - 30 - lowBit(std); // n·std exact from |n| >= 2^e
  if (e > 127) return __builtin_inff();
  if (e < -126) e = -126;
  union { float f; uint32_t u; } r = {.u = (uint32_t)(e + 127) << 23};
  return r.f;
}

// n·std + mean on a block's four output vectors n (std and mean as double splats), for normal_:
// *watch and *tiny say whether it needs settling (exact = 0), else it is settled (exact = 1).
// Lanes with |n| >= from (exactFrom) are safe: their sums are exact, their ties true ones, which
// keeps the watch quiet for the common std and mean of few bits (normal_(2, 3): one sum in
// eight is a tie).
static inline __attribute__((always_inline)) void scale(int exact, v128_t* n, v128_t sd, v128_t m, v128_t from, v128_t* res, v128_t* watch, v128_t* tiny, const struct K* k) {
  for (int i = 0; i < 4; i++) {
    d4 nd = up(n[i]);
    v128_t qlo = MUL(nd.lo, sd), qhi = MUL(nd.hi, sd);
    v128_t lo = wasm_f64x2_add(qlo, m), hi = wasm_f64x2_add(qhi, m);
    v128_t safe = wasm_f32x4_ge(wasm_f32x4_abs(n[i]), from);
    if (exact) fma32_exact4(&lo, &hi, qlo, m, qhi, m);
    else *watch = wasm_i32x4_min(*watch, wasm_v128_or(fma32_halfway4(lo, hi), safe));
    res[i] = down(lo, hi);
    *tiny = wasm_v128_or(*tiny, wasm_f32x4_le(wasm_f32x4_abs(res[i]), V(minNorm)));
  }
}

// The last step settled, out of line, on the n a block stored at d: where scale's watch saw a
// halfway point, or some |result| <= FLT_MIN (its sum may be a subnormal halfway point, which
// the watch misses). Not the whole block again: the operands are the caller's, and such blocks
// can be many. Every sum goes to odd, without a test (right for any sum, halfway or not).
static __attribute__((noinline)) void scaleExact(float* d, float mean, float std) {
  v128_t sd = wasm_f64x2_splat(std), m = wasm_f64x2_splat(mean);
  for (int i = 0; i < 4; i++) {
    d4 n = up(wasm_v128_load(d + 4 * i));
    v128_t qlo = MUL(n.lo, sd), qhi = MUL(n.hi, sd);
    v128_t lo = fma32_to_odd(wasm_f64x2_add(qlo, m), qlo, m), hi = fma32_to_odd(wasm_f64x2_add(qhi, m), qhi, m);
    wasm_v128_store(d + 4 * i, down(lo, hi));
  }
}

// normal_fill_16_AVX2 on d[0..16): u1 = 1 − d[j], u2 = d[j + 8]; lanes 0-7 get the
// cosines, 8-15 the sines, then ·std + mean fused when `scaled`. Returns 0, storing
// nothing, where the fast pass (exact = 0) finds a sum in log or sincos to settle (see X).
static inline __attribute__((always_inline)) int block16(const struct K* k, float* d, int scaled, float mean, float std, float from, int exact) {
  v128_t r[2], cs[2], sn[2], out[4], res[4];
  v128_t watch = wasm_i32x4_const_splat(INT32_MAX), tiny = wasm_i32x4_const_splat(0);
  X f = {exact, wasm_i32x4_const_splat(INT32_MAX)};
  EACH {
    r[g] = wasm_f32x4_sub(V(one), wasm_v128_load(d + 4 * g));
    cs[g] = wasm_f32x4_mul(V(twoPi), wasm_v128_load(d + 4 * g + 8));
  }
  log2x4(k, &f, r);
  sincos2x4(k, &f, cs, sn);
  EACH {
    v128_t radius = wasm_f32x4_sqrt(wasm_f32x4_mul(V(m2), r[g]));
    out[g] = wasm_f32x4_mul(radius, cs[g]);
    out[g + 2] = wasm_f32x4_mul(radius, sn[g]);
  }
  if (!exact && __builtin_expect(fma32_seen(f.watch), 0)) return 0;
  if (scaled) {
    scale(exact, out, wasm_f64x2_splat(std), wasm_f64x2_splat(mean), wasm_f32x4_splat(from), res, &watch, &tiny, k);
    if (!exact && (fma32_seen(watch) | wasm_i32x4_bitmask(tiny))) {
      for (int i = 0; i < 4; i++) wasm_v128_store(d + 4 * i, out[i]);
      scaleExact(d, mean, std);
      return 1;
    }
    for (int i = 0; i < 4; i++) out[i] = res[i];
  }
  for (int i = 0; i < 4; i++) wasm_v128_store(d + 4 * i, out[i]);
  return 1;
}

// the rare block again, each suspect sum settled where it arises (out of line: the loops stay small)
static __attribute__((noinline)) void block16Exact(const struct K* k, float* d, int scaled, float mean, float std) {
  block16(k, d, scaled, mean, std, 0.0f, 1);
}

static void blocks(const struct K* k, float* d, int count, int scaled, float mean, float std) {
  if (scaled) {
    float from = exactFrom(mean, std);
    for (int i = 0; i < count; i++)
      if (!block16(k, d + 16 * i, 1, mean, std, from, 0)) block16Exact(k, d + 16 * i, 1, mean, std);
  } else {
    for (int i = 0; i < count; i++)
      if (!block16(k, d + 16 * i, 0, 0.0f, 1.0f, 0.0f, 0)) block16Exact(k, d + 16 * i, 0, 0.0f, 1.0f);
  }
}

// Box-Muller alone on count 16-blocks of uniforms at d (for the tests: every float
// uniform through the transform, against normal-avx.ts)
__attribute__((visibility("default"))) void rng_normal_blocks_f32(float* d, int count, float mean, float std) {
  blocks(consts(), d, count, std != 1.0f || mean != 0.0f, mean, std);
}

// randn / normal_(mean, std) on n >= 16 contiguous floats, in normal_fill_AVX2's
// order: n uniforms, Box-Muller on each whole 16-block, then for a tail 16 fresh
// uniforms over the last 16 elements, transformed again
__attribute__((visibility("default"))) void rng_normal_f32(uint32_t* st, float* out, int n, float mean, float std) {
  const struct K* k = consts();
  int full = n - n % 16;
  int scaled = std != 1.0f || mean != 0.0f;
  uniforms(st, out, n);
  blocks(k, out, full / 16, scaled, mean, std);
  if (full != n) {
    uniforms(st, out + n - 16, 16);
    blocks(k, out + n - 16, 1, scaled, mean, std);
  }
}
