/**
 * The unary elementwise ops, each declared once: this statement is `torch.<op>`,
 * `Tensor.prototype.<op>` (elementwise.ts defines it), the primitive of that name
 * (prims.ts: `DifferentiableUnary` is `keyof` this module) and the kernel source
 * (scripts/gen-js-elementwise.mjs writes kernels/loops/ from `expr`). Every export here
 * must be such a declaration. Adding an op: one `unaryOp` line here, the loops regenerated,
 * a rule in autograd's derivatives.ts and a row in its op table (docs/architecture.md, "Adding an op").
 *
 * A leaf module (see op-decl.ts): only op-decl.ts is imported at runtime.
 */
import { unaryOp } from "./op-decl";

/** −x elementwise (bool raises, as in PyTorch). */
export const neg = unaryOp("neg", {
  expr: "-v",
  wasm: true,
  boolError:
    "neg: Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
});
/** |x| */
export const abs = unaryOp("abs", { expr: "Math.abs(v)", noBool: true, wasm: true });
/** eˣ (integers give float32) */
export const exp = unaryOp("exp", { expr: "Math.exp(v)", toFloat: true, wasm: true });
/** ln x */
export const log = unaryOp("log", { expr: "Math.log(v)", toFloat: true, wasm: true });
/** √x */
export const sqrt = unaryOp("sqrt", { expr: "Math.sqrt(v)", toFloat: true, wasm: true });
/** 1/√x */
export const rsqrt = unaryOp("rsqrt", { expr: "1 / Math.sqrt(v)", toFloat: true });
/** sin x */
export const sin = unaryOp("sin", { expr: "Math.sin(v)", toFloat: true });
/** cos x */
export const cos = unaryOp("cos", { expr: "Math.cos(v)", toFloat: true });
/** sinh x (hyperbolic sine) */
export const sinh = unaryOp("sinh", { expr: "Math.sinh(v)", toFloat: true });
/** cosh x (hyperbolic cosine) */
export const cosh = unaryOp("cosh", { expr: "Math.cosh(v)", toFloat: true });
/** tanh x */
export const tanh = unaryOp("tanh", { expr: "Math.tanh(v)", toFloat: true, wasm: true });
/** 1 / (1 + e⁻ˣ) */
export const sigmoid = unaryOp("sigmoid", { expr: "1 / (1 + Math.exp(-v))", toFloat: true, wasm: true });
/** max(x, 0) (keeps NaN and −0, as torch.relu) */
export const relu = unaryOp("relu", { expr: "v < 0 ? 0 : v", noBool: true, wasm: true });
/** 1/x */
export const reciprocal = unaryOp("reciprocal", { expr: "1 / v", toFloat: true, wasm: true });
/** x² (bool gives int64, as pow(x, 2)) */
export const square = unaryOp("square", { expr: "v * v", intExpr: "Math.imul(v, v)", boolToInt64: true, wasm: true });
/** ln(1 + x) */
export const log1p = unaryOp("log1p", { expr: "Math.log1p(v)", toFloat: true });
/** eˣ − 1 */
export const expm1 = unaryOp("expm1", { expr: "Math.expm1(v)", toFloat: true });
/** −1, 0 or 1 (sign(±0) = sign(NaN) = 0, as torch.sign) */
export const sign = unaryOp("sign", { expr: "v > 0 ? 1 : v < 0 ? -1 : 0" });
/** ⌊x⌋ */
export const floor = unaryOp("floor", { expr: "Math.floor(v)", noBool: true });
/** ⌈x⌉ */
export const ceil = unaryOp("ceil", { expr: "Math.ceil(v)", noBool: true });
/** Round half to even, as torch.round. */
export const round = unaryOp("round", { expr: "rint(v)", noBool: true });
/** erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to float64 accuracy (for GELU and the normal CDF). */
export const erf = unaryOp("erf", { expr: "erf(v)", toFloat: true, helpers: { erf: erfScalar } });

// ---- erf in float64: fdlibm's s_erf.c (Sun Microsystems, 1993), error < 1 ulp ----
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // little-endian: [low word, high word]
const EFX = 1.28379167095512586316e-1; // 2/√π − 1
const ERX = 8.45062911510467529297e-1; // erf(1) rounded to float
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

/** c[0] + s·(c[1] + s·(…)) */
function poly(c: readonly number[], s: number): number {
  let r = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) r = c[i] + s * r;
  return r;
}

function erfScalar(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax === Infinity) return x > 0 ? 1 : -1;
  if (ax < 0.84375) {
    // |x| < 2⁻²⁸: x·2/√π (scaled by 8 first below 2⁻¹⁰¹⁵, where EFX·x would lose bits)
    if (ax < 3.725290298461914e-9) return ax < 2.781342323134e-306 ? 0.125 * (8 * x + 8 * EFX * x) : x + EFX * x;
    const z = x * x;
    return x + x * (poly(PP, z) / (1 + z * poly(QQ, z)));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const q = poly(PA, s) / (1 + s * poly(QA, s));
    return x > 0 ? ERX + q : -ERX - q;
  }
  if (ax >= 6) return x > 0 ? 1 : -1; // 1 − tiny rounds to 1
  const s = 1 / (ax * ax);
  F64[0] = ax;
  const hi = U32[1];
  const big = hi >= 0x4006db6e; // |x| ≥ 1/0.35
  const R = big ? poly(RB, s) : poly(RA, s);
  const S = 1 + s * (big ? poly(SB, s) : poly(SA, s));
  U32[0] = 0; // z: ax with the low 32 bits cleared, so −z² is exact
  const z = F64[0];
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + R / S);
  return x > 0 ? 1 - r / ax : r / ax - 1;
}
