/**
 * Matrix products and matrix functions, each declared once as its `torch.*`
 * function; the Tensor method of the same name (`a.mm(b)` is `mm(a, b)`) is
 * derived from it (tensor-methods.ts). Every export here must be such a function.
 */
export { matmul, mm, mv, bmm, dot, outer } from "./matmul";
export { norm, diag, trace } from "./linalg";
