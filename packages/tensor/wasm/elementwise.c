/*
 * Float32 elementwise kernels for WebAssembly SIMD128: out[i] = f(x[i]) or f(a[i], b[i]).
 * Pointers are inside the module's memory; `out` may alias an input.
 * exp and log reduce the argument (Cody–Waite) and evaluate polynomials we fitted
 * (minimax, ≤ 2 ulp in float32); tanh is one rational minimax fit (≤ 5.3 ulp);
 * sigmoid = 1 / (1 + e^-x). The fits: wasm/fit_polynomials.py.
 */
#include <wasm_simd128.h>

/*
 * V8 materialises every v128.const with several instructions and does not
 * hoist them out of loops, and clang re-emits a constant at each use. So each
 * kernel builds its constants once, before its loop, behind an empty asm
 * barrier clang cannot see through; they then stay in locals (exp: 1.2 -> 0.4
 * ns/element). Constants a kernel does not use are dead code and vanish.
 */
static inline v128_t keep(v128_t v) {
  __asm__("" : "+r"(v));
  return v;
}
#define KF(c) keep(wasm_f32x4_splat(c))
#define KI(c) keep(wasm_i32x4_splat(c))

typedef struct {
  v128_t zero, one, two, half, inf, ninf, nan, sign, absmask;
  /* exp */
  v128_t e_hi, e_lo, e_fast_hi, e_fast_lo, e_magic, e_log2e, e_ln2hi, e_ln2lo, e_ovf, e_bias, e0, e1, e2, e3, e4;
  /* log */
  v128_t l_minnorm, l_2p23, l_126, l_23, l_mant, l_half_exp, l_sqrthf, l0, l1, l2, l3;
  /* tanh */
  v128_t t_hi, t_lo, tp0, tp1, tp2, tp3, tp4, tp5, tq1, tq2, tq3;
} consts;

static inline consts make_consts(void) {
  consts k = {
      KF(0.0f), KF(1.0f), KF(2.0f), KF(0.5f), KF(__builtin_inff()), KF(-__builtin_inff()), KF(__builtin_nanf("")),
      KI((int)0x80000000), KI(0x7fffffff),
      KF(88.8f), KF(-104.0f), KF(88.0f), KF(-87.0f), KF(12582912.0f), KF(1.44269504088896341f), KF(0.693359375f),
      KF(-2.12194440e-4f), KF(88.72283935546875f), KI(127),
      /* e^r = 1 + r + r²·(e0 + e1 r + … + e4 r⁴) on |r| ≤ ln2/2: our own minimax fit, 1.12 ulp in float32 */
      KF(0.4999999403953552f), KF(0.1666652113199234f), KF(0.04166838899254799f), KF(0.008368710987269878f),
      KF(0.0013814608100801706f),
      KF(1.17549435e-38f), KF(8388608.0f), KI(126), KI(23), KI(0x007fffff), KI(0x3f000000), KF(0.707106781186547524f),
      /* log m = 2s + s³·(l0 + l1 s² + l2 s⁴ + l3 s⁶), s = (m-1)/(m+1): our own minimax fit, ≤ 1.92 ulp */
      KF(0.6666666269302368f), KF(0.4000033438205719f), KF(0.2853737473487854f), KF(0.23580928146839142f),
      /* tanh x = x·P(x²)/Q(x²) on |x| ≤ 9: our own rational minimax fit, ≤ 5.3 ulp in float32 */
      KF(9.0f), KF(-9.0f), KF(0.9999999403953552f), KF(0.12919458746910095f), KF(0.0029210043139755726f),
      KF(9.269540896639228e-06f), KF(-1.2786423475574793e-08f), KF(1.8269524781899804e-11f),
      KF(0.46252742409706116f), KF(0.023764174431562424f), KF(0.00022813309624325484f),
  };
  return k;
}

#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul

/* e^x: x = n·ln2 + r, |r| ≤ ln2/2 (Cody–Waite), e^r by a polynomial, times 2^n built in the exponent
   bits. n is rounded by adding 1.5·2^23 (V8 emulates nearest/trunc_sat with several instructions). */
static inline v128_t exp_reduced(v128_t xc, v128_t *ni, const consts *k) {
  v128_t t = ADD(MUL(xc, k->e_log2e), k->e_magic);
  v128_t n = SUB(t, k->e_magic);
  *ni = wasm_i32x4_sub(t, k->e_magic); /* the integer n, from the bit patterns */
  v128_t r = SUB(SUB(xc, MUL(n, k->e_ln2hi)), MUL(n, k->e_ln2lo));
  v128_t p = ADD(MUL(k->e4, r), k->e3);
  p = ADD(MUL(p, r), k->e2);
  p = ADD(MUL(p, r), k->e1);
  p = ADD(MUL(p, r), k->e0);
  return ADD(ADD(MUL(MUL(r, r), p), r), k->one);
}

/* Every lane in [-87, 88] (the usual case): one scale by 2^n, no special values. Otherwise 2^n is
   applied in two halves so subnormal results are right; overflow gives +inf, x < -104 gives 0, NaN stays NaN. */
static inline v128_t exp4(v128_t x, const consts *k) {
  v128_t ni;
  if (wasm_i32x4_all_true(wasm_v128_and(wasm_f32x4_ge(x, k->e_fast_lo), wasm_f32x4_le(x, k->e_fast_hi)))) {
    v128_t y = exp_reduced(x, &ni, k);
    return MUL(y, wasm_i32x4_shl(wasm_i32x4_add(ni, k->e_bias), 23));
  }
  /* pmin(a, b) = b < a ? b : a, so a NaN x passes through both clamps. */
  v128_t xc = wasm_f32x4_pmax(wasm_f32x4_pmin(x, k->e_hi), k->e_lo);
  v128_t y = exp_reduced(xc, &ni, k);
  v128_t n1 = wasm_i32x4_shr(ni, 1);
  v128_t n2 = wasm_i32x4_sub(ni, n1);
  v128_t s1 = wasm_i32x4_shl(wasm_i32x4_add(n1, k->e_bias), 23);
  v128_t s2 = wasm_i32x4_shl(wasm_i32x4_add(n2, k->e_bias), 23);
  y = MUL(MUL(y, s1), s2);
  return wasm_v128_bitselect(k->inf, y, wasm_f32x4_gt(x, k->e_ovf));
}

/* log x: x = m·2^e with m in [√½, √2). */
static inline v128_t log_mantissa(v128_t bits, v128_t e, const consts *k) {
  v128_t m = wasm_v128_or(wasm_v128_and(bits, k->l_mant), k->l_half_exp); /* m in [0.5, 1) */
  v128_t lo = wasm_f32x4_lt(m, k->l_sqrthf);
  e = wasm_i32x4_add(e, lo);                 /* true lanes are -1 */
  m = ADD(m, wasm_v128_and(lo, m));          /* m in [√½, √2) */
  v128_t s = wasm_f32x4_div(SUB(m, k->one), ADD(m, k->one));
  v128_t z = MUL(s, s);
  v128_t p = ADD(MUL(k->l3, z), k->l2);
  p = ADD(MUL(p, z), k->l1);
  p = ADD(MUL(p, z), k->l0);
  v128_t r = ADD(ADD(s, s), MUL(MUL(s, z), p));
  v128_t ef = wasm_f32x4_convert_i32x4(e);
  return ADD(MUL(ef, k->e_ln2hi), ADD(r, MUL(ef, k->e_ln2lo)));
}

/* Every lane positive, normal and finite (the usual case) skips the special-value handling. */
static inline v128_t log4(v128_t x, const consts *k) {
  if (wasm_i32x4_all_true(wasm_v128_and(wasm_f32x4_ge(x, k->l_minnorm), wasm_f32x4_lt(x, k->inf)))) {
    return log_mantissa(x, wasm_i32x4_sub(wasm_u32x4_shr(x, 23), k->l_126), k);
  }
  /* Subnormals: scale by 2^23 first so the exponent field is meaningful. */
  v128_t sub = wasm_f32x4_lt(x, k->l_minnorm);
  v128_t bits = wasm_v128_bitselect(MUL(x, k->l_2p23), x, sub);
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), k->l_126);
  e = wasm_i32x4_sub(e, wasm_v128_and(sub, k->l_23));
  v128_t y = log_mantissa(bits, e, k);
  /* Specials: log(±0) = -inf, log(x<0) = NaN, log(+inf) = +inf, NaN stays NaN. */
  y = wasm_v128_bitselect(k->ninf, y, wasm_f32x4_eq(x, k->zero));
  y = wasm_v128_bitselect(k->nan, y, wasm_f32x4_lt(x, k->zero));
  y = wasm_v128_bitselect(x, y, wasm_f32x4_eq(x, k->inf));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));
}

/* tanh: one rational function, no branches or exp (tanh rounds to ±1 beyond |x| = 9). pmin/pmax keep NaN. */
static inline v128_t tanh4(v128_t x, const consts *k) {
  v128_t xc = wasm_f32x4_pmax(wasm_f32x4_pmin(x, k->t_hi), k->t_lo);
  v128_t z = MUL(xc, xc);
  v128_t p = ADD(MUL(k->tp5, z), k->tp4);
  p = ADD(MUL(p, z), k->tp3);
  p = ADD(MUL(p, z), k->tp2);
  p = ADD(MUL(p, z), k->tp1);
  p = ADD(MUL(p, z), k->tp0);
  v128_t q = ADD(MUL(k->tq3, z), k->tq2);
  q = ADD(MUL(q, z), k->tq1);
  q = ADD(MUL(q, z), k->one);
  return wasm_f32x4_div(MUL(xc, p), q);
}

static inline v128_t sigmoid4(v128_t x, const consts *k) {
  return wasm_f32x4_div(k->one, ADD(k->one, exp4(wasm_v128_xor(x, k->sign), k)));
}
/* torch.relu keeps NaN and -0: zero only the lanes that are < 0. */
static inline v128_t relu4(v128_t x, const consts *k) { return wasm_v128_andnot(x, wasm_f32x4_lt(x, k->zero)); }
static inline v128_t neg4(v128_t x, const consts *k) { return wasm_v128_xor(x, k->sign); }
static inline v128_t abs4(v128_t x, const consts *k) { return wasm_v128_and(x, k->absmask); }
static inline v128_t sqrt4(v128_t x, const consts *k) { (void)k; return wasm_f32x4_sqrt(x); }
static inline v128_t square4(v128_t x, const consts *k) { (void)k; return MUL(x, x); }
static inline v128_t reciprocal4(v128_t x, const consts *k) { return wasm_f32x4_div(k->one, x); }

#define UNARY(name, f)                                                                              \
  __attribute__((export_name("f32_" #name))) void f32_##name(const float *x, float *out, int n) {   \
    const consts k = make_consts();                                                                 \
    int i = 0;                                                                                      \
    for (; i + 16 <= n; i += 16) {                                                                  \
      v128_t v0 = wasm_v128_load(x + i), v1 = wasm_v128_load(x + i + 4);                            \
      v128_t v2 = wasm_v128_load(x + i + 8), v3 = wasm_v128_load(x + i + 12);                       \
      v0 = f(v0, &k);                                                                               \
      v1 = f(v1, &k);                                                                               \
      v2 = f(v2, &k);                                                                               \
      v3 = f(v3, &k);                                                                               \
      wasm_v128_store(out + i, v0);                                                                 \
      wasm_v128_store(out + i + 4, v1);                                                             \
      wasm_v128_store(out + i + 8, v2);                                                             \
      wasm_v128_store(out + i + 12, v3);                                                            \
    }                                                                                               \
    for (; i < n; i++) out[i] = wasm_f32x4_extract_lane(f(wasm_f32x4_splat(x[i]), &k), 0);          \
  }

UNARY(exp, exp4)
UNARY(log, log4)
UNARY(tanh, tanh4)
UNARY(sigmoid, sigmoid4)
UNARY(relu, relu4)
UNARY(neg, neg4)
UNARY(abs, abs4)
UNARY(sqrt, sqrt4)
UNARY(square, square4)
UNARY(reciprocal, reciprocal4)

static inline v128_t add4(v128_t a, v128_t b, const consts *k) { (void)k; return ADD(a, b); }
static inline v128_t sub4(v128_t a, v128_t b, const consts *k) { (void)k; return SUB(a, b); }
static inline v128_t mul4(v128_t a, v128_t b, const consts *k) { (void)k; return MUL(a, b); }
static inline v128_t div4(v128_t a, v128_t b, const consts *k) { (void)k; return wasm_f32x4_div(a, b); }
/* torch.maximum/minimum: NaN if either is NaN, else std::max/min (the first operand on ties). */
static inline v128_t maximum4(v128_t a, v128_t b, const consts *k) {
  (void)k;
  v128_t r = wasm_v128_bitselect(b, a, wasm_f32x4_lt(a, b));
  return wasm_v128_bitselect(ADD(a, b), r, wasm_v128_or(wasm_f32x4_ne(a, a), wasm_f32x4_ne(b, b)));
}
static inline v128_t minimum4(v128_t a, v128_t b, const consts *k) {
  (void)k;
  v128_t r = wasm_v128_bitselect(b, a, wasm_f32x4_lt(b, a));
  return wasm_v128_bitselect(ADD(a, b), r, wasm_v128_or(wasm_f32x4_ne(a, a), wasm_f32x4_ne(b, b)));
}

#define BINARY(name, f)                                                                                        \
  __attribute__((export_name("f32_" #name))) void f32_##name(const float *a, const float *b, float *out, int n) { \
    const consts k = make_consts();                                                                            \
    int i = 0;                                                                                                 \
    for (; i + 8 <= n; i += 8) {                                                                               \
      v128_t r0 = f(wasm_v128_load(a + i), wasm_v128_load(b + i), &k);                                         \
      v128_t r1 = f(wasm_v128_load(a + i + 4), wasm_v128_load(b + i + 4), &k);                                 \
      wasm_v128_store(out + i, r0);                                                                            \
      wasm_v128_store(out + i + 4, r1);                                                                        \
    }                                                                                                          \
    for (; i < n; i++)                                                                                         \
      out[i] = wasm_f32x4_extract_lane(f(wasm_f32x4_splat(a[i]), wasm_f32x4_splat(b[i]), &k), 0);             \
  }                                                                                                            \
  __attribute__((export_name("f32_" #name "_scalar"))) void f32_##name##_scalar(const float *a, float s, float *out, \
                                                                                int n) {                      \
    const consts k = make_consts();                                                                            \
    v128_t sv = wasm_f32x4_splat(s);                                                                           \
    int i = 0;                                                                                                 \
    for (; i + 8 <= n; i += 8) {                                                                               \
      v128_t r0 = f(wasm_v128_load(a + i), sv, &k);                                                            \
      v128_t r1 = f(wasm_v128_load(a + i + 4), sv, &k);                                                        \
      wasm_v128_store(out + i, r0);                                                                            \
      wasm_v128_store(out + i + 4, r1);                                                                        \
    }                                                                                                          \
    for (; i < n; i++) out[i] = wasm_f32x4_extract_lane(f(wasm_f32x4_splat(a[i]), sv, &k), 0);                 \
  }

BINARY(add, add4)
BINARY(sub, sub4)
BINARY(mul, mul4)
BINARY(div, div4)
BINARY(maximum, maximum4)
BINARY(minimum, minimum4)

/*
 * Softmax (log = 0) or log-softmax (log = 1) of each row of x viewed as [outer, inner], max-shifted
 * (as softmaxInner/logSoftmaxInner in src/kernels/types.ts). Rows are short in practice (classes),
 * so the exps and logs run over the whole block at once rather than row by row: the shifted values
 * x - max go to `out`, their exps to `scratch` (n floats), the row sums after them (outer floats).
 * A NaN in a row, or a row of ±inf, makes the row NaN, as in PyTorch.
 */
__attribute__((export_name("f32_softmax_inner"))) void f32_softmax_inner(const float *x, float *out, int outer,
                                                                          int inner, int log, float *scratch) {
  int n = outer * inner;
  float *e = scratch, *sums = scratch + n;
  for (int o = 0, p = 0; o < outer; o++, p += inner) {
    float m = -__builtin_inff();
    for (int i = 0; i < inner; i++) {
      float v = x[p + i];
      if (v > m || v != v) m = v;
    }
    for (int i = 0; i < inner; i++) out[p + i] = x[p + i] - m;
  }
  f32_exp(out, log ? e : out, n);
  const float *ex = log ? e : out;
  for (int o = 0, p = 0; o < outer; o++, p += inner) {
    double s = 0; /* float64 accumulation: long rows keep their precision */
    for (int i = 0; i < inner; i++) s += ex[p + i];
    sums[o] = (float)s;
  }
  if (log) {
    f32_log(sums, sums, outer);
    for (int o = 0, p = 0; o < outer; o++, p += inner)
      for (int i = 0; i < inner; i++) out[p + i] -= sums[o];
  } else {
    for (int o = 0, p = 0; o < outer; o++, p += inner) {
      float r = 1.0f / sums[o];
      for (int i = 0; i < inner; i++) out[p + i] *= r;
    }
  }
}

/*
 * Comparisons into bool bytes: out[i] = a[i] OP b[i] (or OP s) as 0/1, for OP in
 * 0: <, 1: <=, 2: >, 3: >=, 4: ==, 5: != (NaN compares unequal to everything, as in IEEE and
 * PyTorch). Four lane masks are narrowed to 16 bytes per step.
 */
static inline v128_t cmp4(int op, v128_t a, v128_t b) {
  switch (op) {
    case 0: return wasm_f32x4_lt(a, b);
    case 1: return wasm_f32x4_le(a, b);
    case 2: return wasm_f32x4_gt(a, b);
    case 3: return wasm_f32x4_ge(a, b);
    case 4: return wasm_f32x4_eq(a, b);
    default: return wasm_f32x4_ne(a, b);
  }
}

static inline v128_t bytes16(v128_t m0, v128_t m1, v128_t m2, v128_t m3, v128_t one) {
  return wasm_v128_and(
      wasm_i8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(m0, m1), wasm_i16x8_narrow_i32x4(m2, m3)), one);
}

/* One loop per operator (the switch is resolved outside the loop by inlining a constant op). */
#define CMP_LOOP(OP, LOAD_B, B_AT)                                                                   \
  for (; i + 16 <= n; i += 16) {                                                                     \
    v128_t m0 = cmp4(OP, wasm_v128_load(a + i), LOAD_B(i));                                          \
    v128_t m1 = cmp4(OP, wasm_v128_load(a + i + 4), LOAD_B(i + 4));                                  \
    v128_t m2 = cmp4(OP, wasm_v128_load(a + i + 8), LOAD_B(i + 8));                                  \
    v128_t m3 = cmp4(OP, wasm_v128_load(a + i + 12), LOAD_B(i + 12));                                \
    wasm_v128_store(out + i, bytes16(m0, m1, m2, m3, one));                                         \
  }                                                                                                  \
  for (; i < n; i++) out[i] = (unsigned char)(wasm_i32x4_extract_lane(cmp4(OP, wasm_f32x4_splat(a[i]), wasm_f32x4_splat(B_AT(i))), 0) & 1);

#define LOAD_VEC(j) wasm_v128_load(b + (j))
#define AT_VEC(j) b[j]
#define LOAD_SPLAT(j) sv
#define AT_SCALAR(j) s

__attribute__((export_name("f32_cmp"))) void f32_cmp(int op, const float *a, const float *b, unsigned char *out, int n) {
  v128_t one = wasm_i8x16_splat(1);
  int i = 0;
  switch (op) {
    case 0: { CMP_LOOP(0, LOAD_VEC, AT_VEC) break; }
    case 1: { CMP_LOOP(1, LOAD_VEC, AT_VEC) break; }
    case 2: { CMP_LOOP(2, LOAD_VEC, AT_VEC) break; }
    case 3: { CMP_LOOP(3, LOAD_VEC, AT_VEC) break; }
    case 4: { CMP_LOOP(4, LOAD_VEC, AT_VEC) break; }
    default: { CMP_LOOP(5, LOAD_VEC, AT_VEC) break; }
  }
}

__attribute__((export_name("f32_cmp_scalar"))) void f32_cmp_scalar(int op, const float *a, float s, unsigned char *out,
                                                                    int n) {
  v128_t one = wasm_i8x16_splat(1), sv = wasm_f32x4_splat(s);
  int i = 0;
  switch (op) {
    case 0: { CMP_LOOP(0, LOAD_SPLAT, AT_SCALAR) break; }
    case 1: { CMP_LOOP(1, LOAD_SPLAT, AT_SCALAR) break; }
    case 2: { CMP_LOOP(2, LOAD_SPLAT, AT_SCALAR) break; }
    case 3: { CMP_LOOP(3, LOAD_SPLAT, AT_SCALAR) break; }
    case 4: { CMP_LOOP(4, LOAD_SPLAT, AT_SCALAR) break; }
    default: { CMP_LOOP(5, LOAD_SPLAT, AT_SCALAR) break; }
  }
}

/*
 * out[i] = cond[i] ? a[i] : b[i], cond in bytes (0 or not). scalars: bit 0 set means a is the
 * scalar sa (a unused), bit 1 the same for b and sb.
 */
__attribute__((export_name("f32_where"))) void f32_where(const unsigned char *cond, const float *a, const float *b,
                                                          float *out, int n, int scalars, float sa, float sb) {
  const int as = scalars & 1, bs = scalars & 2;
  v128_t va = wasm_f32x4_splat(sa), vb = wasm_f32x4_splat(sb), zero = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    v128_t c16 = wasm_u16x8_load8x8(cond + i);
    v128_t m0 = wasm_i32x4_ne(wasm_u32x4_extend_low_u16x8(c16), zero);
    v128_t m1 = wasm_i32x4_ne(wasm_u32x4_extend_high_u16x8(c16), zero);
    v128_t a0 = as ? va : wasm_v128_load(a + i), a1 = as ? va : wasm_v128_load(a + i + 4);
    v128_t b0 = bs ? vb : wasm_v128_load(b + i), b1 = bs ? vb : wasm_v128_load(b + i + 4);
    wasm_v128_store(out + i, wasm_v128_bitselect(a0, b0, m0));
    wasm_v128_store(out + i + 4, wasm_v128_bitselect(a1, b1, m1));
  }
  for (; i < n; i++) out[i] = cond[i] ? (as ? sa : a[i]) : (bs ? sb : b[i]);
}
