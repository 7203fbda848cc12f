/**
 * The unary elementwise ops, each declared once: this statement is `torch.<op>`,
 * `Tensor.prototype.<op>` (elementwise.ts defines it), the primitive of that name
 * (prims.ts: `DifferentiableUnary` is `keyof` this module) and the kernel source
 * (kernels/js-elementwise.ts compiles `expr`). Every export here must be such a
 * declaration. Adding an op: one `unaryOp` line here, a rule in autograd's
 * derivatives.ts and a row in its op table (docs/architecture.md, "Adding an op").
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
/** tanh x */
export const tanh = unaryOp("tanh", { expr: "Math.tanh(v)", toFloat: true, wasm: true });
/** 1 / (1 + e⁻ˣ) */
export const sigmoid = unaryOp("sigmoid", { expr: "1 / (1 + Math.exp(-v))", toFloat: true, wasm: true });
/** max(x, 0) (keeps NaN and −0, as torch.relu) */
export const relu = unaryOp("relu", { expr: "v < 0 ? 0 : v", noBool: true, wasm: true });
/** 1/x */
export const reciprocal = unaryOp("reciprocal", { expr: "1 / v", toFloat: true, wasm: true });
/** x² (bool gives int64, as pow(x, 2)) */
export const square = unaryOp("square", { expr: "v * v", boolToInt64: true, wasm: true });
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
