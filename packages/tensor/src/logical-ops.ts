/**
 * Comparisons and logical ops (bool results, never differentiated), each
 * declared once: `torch.<op>`, `Tensor.prototype.<op>` (elementwise.ts) and the
 * kernel source (scripts/gen-js-elementwise.mjs writes kernels/loops/ from `expr`). Every export here must be such a
 * declaration.
 *
 * A leaf module (see op-decl.ts): only op-decl.ts is imported at runtime.
 */
import { binaryOp, unaryOp } from "./op-decl";
import type { Tensor } from "./tensor";

/** `input == other` (broadcasting; bool result) */
export const eq = binaryOp("eq", { expr: "a === b ? 1 : 0", predicate: true, ordering: true });
/** `input != other` */
export const ne = binaryOp("ne", { expr: "a !== b ? 1 : 0", predicate: true, ordering: true });
/** `input < other` */
export const lt = binaryOp("lt", { expr: "a < b ? 1 : 0", predicate: true, ordering: true });
/** `input <= other` */
export const le = binaryOp("le", { expr: "a <= b ? 1 : 0", predicate: true, ordering: true });
/** `input > other` */
export const gt = binaryOp("gt", { expr: "a > b ? 1 : 0", predicate: true, ordering: true });
/** `input >= other` */
export const ge = binaryOp("ge", { expr: "a >= b ? 1 : 0", predicate: true, ordering: true });
/** `input & other` on truth values */
export const logicalAnd = binaryOp<(input: Tensor, other: Tensor) => Tensor>("logicalAnd", { expr: "a !== 0 && b !== 0 ? 1 : 0", predicate: true }, "logicalAnd(Tensor input, Tensor other)");
/** `input | other` on truth values */
export const logicalOr = binaryOp<(input: Tensor, other: Tensor) => Tensor>("logicalOr", { expr: "a !== 0 || b !== 0 ? 1 : 0", predicate: true }, "logicalOr(Tensor input, Tensor other)");
/** `input ^ other` on truth values */
export const logicalXor = binaryOp<(input: Tensor, other: Tensor) => Tensor>("logicalXor", { expr: "(a !== 0) !== (b !== 0) ? 1 : 0", predicate: true }, "logicalXor(Tensor input, Tensor other)");
/** `~x` for bool tensors (nonzero → false; NaN is truthy). */
export const logicalNot = unaryOp("logicalNot", { expr: "v === 0 ? 1 : 0", predicate: true });
