/**
 * Matrix products and matrix functions, each declared once as its `torch.*`
 * function from its PyTorch signature (signature.ts checks every call against it);
 * the Tensor method of the same name (`a.mm(b)` is `mm(a, b)`) is derived from the
 * same declaration (tensor-methods.ts). Every export here must be such a function.
 */
import * as M from "./matmul";
import * as L from "./linalg";
import { checkedOp } from "./signature";
import { argTypeError } from "./errors";
import type { Tensor } from "./tensor";

/**
 * The p-norm over `dim` (every element by default): PyTorch's `norm(input, p="fro", dim=None, keepdim=False)`.
 * `p`: a number, "fro" or "nuc"; `x.norm(1)`, `x.norm(2, 1)` (dim 1), `x.norm({ dim: [0, 1], keepdim: true })`.
 * @example torch.norm(torch.tensor([3, 4], { dtype: torch.float32 })) // tensor(5.)
 */
export const norm: (input: Tensor, p?: number | "fro" | "nuc" | null | L.NormOptions, dim?: number | number[] | null | L.NormOptions, keepdim?: boolean | L.NormOptions, options?: L.NormOptions) => Tensor = checkedOp(
  "norm(Tensor input, any? p, int[1]? dim, bool keepdim=false)",
  (x: Tensor, p: unknown, dim: number | number[] | undefined, keepdim: boolean) => {
    // a string other than "fro"/"nuc" gets PyTorch's own message from the implementation
    if (p !== undefined && typeof p !== "number" && typeof p !== "string") throw argTypeError("norm", "p", 1, "a number, 'fro' or 'nuc'", p);
    return L.norm(x, { p: p as number | "fro" | "nuc" | undefined, dim, keepdim });
  },
);

/** The matrix product with NumPy's broadcasting rules (1-D operands are promoted and the added dim removed). */
export const matmul: (input: Tensor, other: Tensor) => Tensor = checkedOp("matmul(Tensor input, Tensor other)", M.matmul);
/** [n, m] @ [m, p] → [n, p] (2-D only). */
export const mm: (input: Tensor, mat2: Tensor) => Tensor = checkedOp("mm(Tensor input, Tensor mat2)", M.mm);
/** Batched [b, n, m] @ [b, m, p] → [b, n, p] (3-D only). */
export const bmm: (input: Tensor, mat2: Tensor) => Tensor = checkedOp("bmm(Tensor input, Tensor mat2)", M.bmm);
/** [n, m] @ [m] → [n]. */
export const mv: (input: Tensor, vec: Tensor) => Tensor = checkedOp("mv(Tensor input, Tensor vec)", M.mv);
/** The inner product of two 1-D tensors of the same length (a 0-d tensor). */
export const dot: (input: Tensor, other: Tensor) => Tensor = checkedOp("dot(Tensor input, Tensor other)", M.dot);
/** The outer product of two 1-D tensors: [n] ⊗ [m] → [n, m]. */
export const outer: (input: Tensor, vec2: Tensor) => Tensor = checkedOp("outer(Tensor input, Tensor vec2)", M.outer);
/** A 1-D tensor's square matrix with it on diagonal `diagonal`, or a 2-D tensor's diagonal `diagonal` (0: main, > 0 above). */
export const diag: (input: Tensor, diagonal?: number | { diagonal?: number }) => Tensor = checkedOp("diag(Tensor input, int diagonal=0)", L.diag);
/** The sum of a 2-D tensor's main diagonal. */
export const trace: (input: Tensor) => Tensor = checkedOp("trace(Tensor input)", L.trace);
