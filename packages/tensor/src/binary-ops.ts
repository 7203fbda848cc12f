/**
 * The binary arithmetic ops, each declared once: this statement is `torch.<op>`,
 * `Tensor.prototype.<op>` (elementwise.ts defines it, dropping the first
 * argument), the primitive of that name (prims.ts: `DifferentiableBinary` is
 * `keyof` this module) and the kernel source (scripts/gen-js-elementwise.mjs writes
 * kernels/loops/ from `expr` over `a` and `b`). Ops flagged `custom` take options; elementwise.ts
 * implements them. The third argument of `binaryOp` is the op's PyTorch schema, from which
 * the argument checks of the function and the method are derived (signature.ts). Every export here must be such a declaration.
 *
 * A leaf module (see op-decl.ts): only op-decl.ts is imported at runtime.
 */
import { binaryOp } from "./op-decl";
import type { Tensor } from "./tensor";
import type { TensorLike } from "./tensor-types";

/** input + alpha·other, broadcasting and promoting (bool + bool is `or`). */
export const add = binaryOp<(input: TensorLike, other: TensorLike, options?: { alpha?: number }) => Tensor>("add", { expr: "a + b", wasm: true, custom: true, numbersAsTensors: true }, "add(Tensor|Number input, Tensor|Number other, *, Number alpha=1)");
/** input − alpha·other (bool operands raise, as in PyTorch). */
export const sub = binaryOp<(input: TensorLike, other: TensorLike, options?: { alpha?: number }) => Tensor>("sub", { expr: "a - b", wasm: true, custom: true, numbersAsTensors: true }, "sub(Tensor|Number input, Tensor|Number other, *, Number alpha=1)");
/** input · other (bool · bool is `and`; narrow integers keep C's low bits: int32 products through Math.imul). */
export const mul = binaryOp("mul", { expr: "a * b", intExpr: "Math.imul(a, b)", wasm: true, numbersAsTensors: true }, "mul(Tensor|Number input, Tensor|Number other)");
/**
 * True division, or rounded with `roundingMode` "floor" (Python's //) or "trunc" (toward zero).
 * A rounded quotient is piecewise constant: its gradient is zero (PyTorch's DivBackward2).
 * @example torch.div(torch.tensor([-7, 7]), 2, { roundingMode: "trunc" }) // tensor([-3,  3])
 */
export const div = binaryOp<(input: TensorLike, other: TensorLike, options?: { roundingMode?: "floor" | "trunc" }) => Tensor>("div", {
  expr: "a / b",
  wasm: true,
  custom: true,
  numbersAsTensors: true,
}, "div(Tensor|Number input, Tensor|Number other, *, str? roundingMode)");
/** inputᵉˣᵖᵒⁿᵉⁿᵗ (C's pow: pow(1, y) = pow(x, 0) = 1, also for NaN). */
export const pow = binaryOp<(input: TensorLike, exponent: TensorLike) => Tensor>("pow", {
  expr: "powC(a, b)",
  intExpr: "ipow(a, b)", // narrow integers: 32-bit exponentiation by squaring, which wraps as PyTorch's
  noBool: true,
}, "pow(Tensor|Number input, Tensor|Number exponent)");
/** ⌊input / other⌋ (Python's //; no derivative, as in PyTorch 1.13). */
export const floorDivide = binaryOp("floorDivide", { expr: "floorDiv(a, b)", noBool: true, numbersAsTensors: true }, "floorDivide(Tensor|Number input, Tensor|Number other)");
/**
 * Python's `%`: the remainder with the sign of the divisor. d/da = 1, d/db = −floor(a/b).
 * As in PyTorch, a JS scalar dividend (`2 % x`) has no derivative (its backward raises).
 */
export const remainder = binaryOp("remainder", { expr: "remainder(a, b)", noBool: true, custom: true }, "remainder(Tensor|Number input, Tensor|Number other)");
/** The larger of each pair; NaN propagates. */
export const maximum = binaryOp<(input: Tensor, other: Tensor) => Tensor>("maximum", { expr: "maximum(a, b)", wasm: true }, "maximum(Tensor input, Tensor other)");
/** The smaller of each pair; NaN propagates. */
export const minimum = binaryOp<(input: Tensor, other: Tensor) => Tensor>("minimum", { expr: "minimum(a, b)", wasm: true }, "minimum(Tensor input, Tensor other)");
