/**
 * The kernel layer: every hot loop of @torchts/tensor goes through one of these
 * signatures, so a WebAssembly (or threaded) implementation can replace the
 * plain-TypeScript one op by op (see registry.ts).
 *
 * Kernels take flat, contiguous typed arrays plus offsets/leading dimensions;
 * shapes, strides, dtypes and validation are the caller's job.
 */
import type { FloatArray, TypedArray } from "../dtype";

/**
 * C[M×N] = op(A)[M×K] · op(B)[K×N], row-major, overwriting C.
 * op(A) = A when !transA (A stored M×K with row stride lda), else Aᵀ (A stored K×M).
 * op(B) = B when !transB (B stored K×N with row stride ldb), else Bᵀ (B stored N×K).
 * All three arrays have the same element type.
 */
export type Gemm = (
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOff: number,
  lda: number,
  B: FloatArray,
  bOff: number,
  ldb: number,
  C: FloatArray,
  cOff: number,
  ldc: number,
) => void;

/** The elementwise ops, declared in unary-ops.ts, binary-ops.ts and logical-ops.ts. */
export type { UnaryOp, BinaryOp } from "../elementwise-decls";
import type { BinaryOp, UnaryOp } from "../elementwise-decls";

/** out[i] = f(x[i]) for i < n (contiguous, same length). */
export type UnaryKernel = (x: TypedArray, out: TypedArray, n: number) => void;
/** out[i] = f(a[i], b[i]) for i < n (contiguous, same length). */
export type BinaryKernel = (a: TypedArray, b: TypedArray, out: TypedArray, n: number) => void;
/** out[i] = f(a[i], s) for i < n, with a scalar right operand. */
export type BinaryScalarKernel = (a: TypedArray, s: number, out: TypedArray, n: number) => void;

export interface Kernels {
  gemm: Gemm;
  unary: Record<UnaryOp, UnaryKernel>;
  binary: Record<BinaryOp, BinaryKernel>;
  binaryScalar: Partial<Record<BinaryOp, BinaryScalarKernel>>;
  /** out[o] = Σ_{i<inner} x[o*inner + i] for o < outer. */
  sumInner(x: TypedArray, out: TypedArray, outer: number, inner: number): void;
  /** out[o*inner + i] = Σ_{r<red} x[(o*red + r)*inner + i]: reduce the middle axis of [outer, red, inner]. */
  sumMiddle(x: TypedArray, out: TypedArray, outer: number, red: number, inner: number): void;
  /**
   * values[o] = max_{i<inner} x[o*inner + i]; indices[o] (when given) its position.
   * As torch.max(dim): NaN wins, and ties or several NaNs report the first index.
   */
  maxInner(x: TypedArray, values: TypedArray, indices: Float64Array | null, outer: number, inner: number): void;
  /** max over the middle axis of [outer, red, inner]: values/indices are [outer, inner]. */
  maxMiddle(x: TypedArray, values: TypedArray, indices: Float64Array | null, outer: number, red: number, inner: number): void;
  /** As maxInner, for torch.min(dim). */
  minInner(x: TypedArray, values: TypedArray, indices: Float64Array | null, outer: number, inner: number): void;
  /** As maxMiddle, for torch.min(dim). */
  minMiddle(x: TypedArray, values: TypedArray, indices: Float64Array | null, outer: number, red: number, inner: number): void;
  /** softmax of each row of x viewed as [outer, inner] (max-shifted; the last axis). */
  softmaxInner(x: FloatArray, out: FloatArray, outer: number, inner: number): void;
  /** log_softmax of each row of x viewed as [outer, inner]. */
  logSoftmaxInner(x: FloatArray, out: FloatArray, outer: number, inner: number): void;
  /** out[i] = cond[i] ? a[i] : b[i] for i < n; a or b may be one scalar for every i. */
  where(cond: Uint8Array, a: TypedArray | number, b: TypedArray | number, out: TypedArray, n: number): void;
}
