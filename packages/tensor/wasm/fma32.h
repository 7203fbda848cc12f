// The float32 fused multiply-add in WebAssembly SIMD128, which has no FMA: a*b + c rounded once to
// float32, for float32 a, b, c, computed in double. The SIMD128 twin of src/fma32.ts, included by
// random.c (randn's Box-Muller) and by packages/optim/wasm/update.c (the plain build of the
// optimizer updates), so both round as PyTorch's AVX2 FMAs do.
//
// The product of two floats is exact in double; the double sum s = RN(a*b + c) can round, and
// rounding s to float32 then errs only when s lands exactly halfway between two floats while
// a*b + c does not (double rounding). Every such s has the low 28 bits of its significand zero
// (float32 keeps 24 of double's 53 bits, a halfway point one more), so four lanes at a time are
// tested for that (rare, but for exact float32 results and true ties) and only such vectors
// repaired: where the sum was inexact and s is even, s moves one double ulp towards the exact sum
// (round to odd: 53 >= 24 + 2 bits, so float32 rounding of it is the single rounding).
#ifndef TORCHTS_FMA32_H
#define TORCHTS_FMA32_H
#include <stdint.h>
#include <wasm_simd128.h>

// a*b + c rounded once, one lane (the scalar tails)
static inline float fma32_1(float a, float b, float c) {
  double q = (double)a * (double)b, s = q + (double)c, bb = s - q, e = (q - (s - bb)) + ((double)c - bb);
  union { double d; long long i; } u = { s };
  if (e != 0 && !(u.i & 1) && s - s == 0) u.i += ((e > 0) == (s > 0)) ? 1 : -1; // finite s only
  return (float)u.d;
}

// Two double lanes: s = RN(q + c) (q and c exact doubles) rounded to odd where q + c was inexact,
// s ± 1 ulp towards the exact sum (its error e from TwoSum).
static inline v128_t fma32_to_odd(v128_t s, v128_t q, v128_t c) {
  v128_t bb = wasm_f64x2_sub(s, q);
  v128_t e = wasm_f64x2_add(wasm_f64x2_sub(q, wasm_f64x2_sub(s, bb)), wasm_f64x2_sub(c, bb));
  v128_t one = wasm_i64x2_splat(1);
  v128_t fix = wasm_v128_and(wasm_f64x2_lt(wasm_f64x2_splat(0), wasm_f64x2_abs(e)), // e != 0 (and not NaN)
                             wasm_i64x2_eq(wasm_v128_and(s, one), wasm_i64x2_splat(0)));
  fix = wasm_v128_and(fix, wasm_f64x2_lt(wasm_f64x2_abs(s), wasm_f64x2_splat(__builtin_inf())));
  v128_t dir = wasm_i64x2_shr(wasm_v128_xor(e, s), 63); // -1 where e and s differ in sign
  return wasm_i64x2_add(s, wasm_v128_and(wasm_v128_or(dir, one), fix));
}

// Four lanes as two f64x2 sums *slo = qlo + clo, *shi = qhi + chi: after this, rounding each to
// float32 is the single rounding of q + c. The common path is the test alone.
static inline void fma32_exact4(v128_t* slo, v128_t* shi, v128_t qlo, v128_t clo, v128_t qhi, v128_t chi) {
  v128_t low = wasm_i32x4_shuffle(*slo, *shi, 0, 2, 4, 6); // the low 32 bits of each double
  // bitmask, not any_true: V8 branches on movmskps directly (any_true costs a setnz and a test)
  if (__builtin_expect(wasm_i32x4_bitmask(wasm_i32x4_eq(wasm_v128_and(low, wasm_i32x4_splat(0x0fffffff)), wasm_i32x4_splat(0))), 0)) {
    *slo = fma32_to_odd(*slo, qlo, clo);
    *shi = fma32_to_odd(*shi, qhi, chi);
  }
}

// For code that settles a whole batch of sums at once (random.c's 16-blocks): the lane-wise signed
// minimum of fma32_halfway4 over the sums (fma32_watch) is INT32_MIN in some lane exactly when
// some sum was a float32 halfway point (bit 28 of the significand set, bits 0-27 clear), and then
// the batch is settled (fma32_exact4, or fma32_to_odd on every sum). Three SIMD operations a
// step and no branch; narrower than fma32_exact4's test, which also takes the exact float32
// results (frequent in places: a·b + c with a·b = 0), and right only where the float32 result is
// normal: in the subnormal range a halfway point has more zero bits (callers check for that).
static inline v128_t fma32_halfway4(v128_t slo, v128_t shi) {
  return wasm_i32x4_shl(wasm_i32x4_shuffle(slo, shi, 0, 2, 4, 6), 3); // bits 0-28 of each, on top
}
static inline v128_t fma32_watch(v128_t watch, v128_t slo, v128_t shi) {
  return wasm_i32x4_min(watch, fma32_halfway4(slo, shi));
}
static inline int fma32_seen(v128_t watch) {
  return wasm_i32x4_bitmask(wasm_i32x4_eq(watch, wasm_i32x4_splat(INT32_MIN)));
}
// qlo + clo, qhi + chi rounded once each to float32, as one f32x4
static inline v128_t fma32_round4(v128_t qlo, v128_t clo, v128_t qhi, v128_t chi) {
  v128_t slo = wasm_f64x2_add(qlo, clo), shi = wasm_f64x2_add(qhi, chi);
  fma32_exact4(&slo, &shi, qlo, clo, qhi, chi);
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(slo), wasm_f32x4_demote_f64x2_zero(shi), 0, 1, 4, 5);
}
#endif
