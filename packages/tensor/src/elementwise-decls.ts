/**
 * Every declared elementwise op, as lists the kernel layer and the op layer
 * iterate (the declarations themselves are in unary-ops.ts, binary-ops.ts and
 * logical-ops.ts). A leaf: it imports only those leaf modules.
 */
import type { BinaryDecl, NamesOf, UnaryDecl } from "./op-decl";
import type { Tensor } from "./tensor";
import * as U from "./unary-ops";
import * as B from "./binary-ops";
import * as L from "./logical-ops";

type Decls = typeof U & typeof B & typeof L;
/** The unary elementwise ops (the differentiable ones and logicalNot). */
export type UnaryOp = NamesOf<Decls, "unary">;
/** The binary elementwise ops (arithmetic, comparisons, logical). */
export type BinaryOp = NamesOf<Decls, "binary">;

type AnyBinary = BinaryDecl<(...args: never[]) => Tensor>;
const all = [...Object.values(U), ...Object.values(B), ...Object.values(L)] as (UnaryDecl | AnyBinary)[];

export const UNARY_DECLS = all.filter((d): d is UnaryDecl & { op: UnaryOp } => d.kind === "unary");
export const BINARY_DECLS = all.filter((d): d is AnyBinary & { op: BinaryOp } => d.kind === "binary");
