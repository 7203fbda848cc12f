/**
 * The kernel layer: every hot loop of @torchts/tensor goes through one of these
 * signatures, so a WebAssembly (or threaded) implementation can replace the
 * plain-TypeScript one op by op (see registry.ts).
 *
 * Kernels take flat, contiguous typed arrays plus offsets/leading dimensions;
 * shapes, strides, dtypes and validation are the caller's job.
 */
import type { DType, FloatArray, TypedArray } from "../dtype";

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

/**
 * Elementwise kernels receive the dtypes of their arrays, because the array
 * class does not say it: a Uint8Array holds bool or uint8, a Float64Array
 * float64 or int64. Omitted, a dtype is the array's own (dtypeOfArray: Uint8Array
 * is bool, Float64Array float64), which is what tests calling kernels directly mean.
 */
/** out[i] = f(x[i]) for i < n (contiguous, same length). */
export type UnaryKernel = (x: TypedArray, out: TypedArray, n: number, dx?: DType, dout?: DType) => void;
/** out[i] = f(a[i], b[i]) for i < n (contiguous, same length). */
export type BinaryKernel = (a: TypedArray, b: TypedArray, out: TypedArray, n: number, da?: DType, db?: DType, dout?: DType) => void;
/** out[i] = f(a[i], s) for i < n, with a scalar right operand (already cast to the op's dtype). */
export type BinaryScalarKernel = (a: TypedArray, s: number, out: TypedArray, n: number, da?: DType, dout?: DType) => void;

export interface Kernels {
  gemm: Gemm;
  unary: Record<UnaryOp, UnaryKernel>;
  binary: Record<BinaryOp, BinaryKernel>;
  binaryScalar: Partial<Record<BinaryOp, BinaryScalarKernel>>;
  /*
   * The reductions below see float32, float64, int64 (a Float64Array) or bool (a Uint8Array) input:
   * the op layer widens uint8/int8/int16/int32 to int64 first, so an array class means one thing here
   * and the loops stay monomorphic.
   */
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
  /**
   * out[i] = cond[i] ? a[i] : b[i] for i < n; a or b may be one scalar for every i.
   * a, b and out hold `dtype` (default: out's own); the condition is bool or uint8 bytes.
   */
  where(cond: Uint8Array, a: TypedArray | number, b: TypedArray | number, out: TypedArray, n: number, dtype?: DType): void;
  /** out[o*inner + i] = Π_{r<red} x[(o*red + r)*inner + i], as sumMiddle. */
  prodAxis(x: TypedArray, out: TypedArray, outer: number, red: number, inner: number): void;
  /** all (all = true) or any over the middle axis of [outer, red, inner]: out holds 0/1. */
  allAnyAxis(all: boolean, x: TypedArray, out: TypedArray, outer: number, red: number, inner: number): void;
  /** cumsum/cumprod along each of `rows` contiguous rows of `len` elements. */
  scanRows(op: "cumsum" | "cumprod", x: TypedArray, out: TypedArray, rows: number, len: number): void;
  /** out[i] = src[i] cast from dtype `from` to `to` (PyTorch's conversions), i < n. */
  cast(src: TypedArray, out: TypedArray, n: number, from: DType, to: DType): void;
  /** out[i] = clamp(x[i], lo, hi) for i < n (NaN propagates; lo > hi gives hi); x and out share a dtype. */
  clamp(x: TypedArray, out: TypedArray, n: number, lo: number, hi: number): void;
  /** out[i] = x[index[i]]: a gather. */
  take(x: TypedArray, index: Int32Array, out: TypedArray): void;
  /** out[index[i]] = v[i] (or += v[i]): a scatter into out, in place. */
  put(out: TypedArray, index: Int32Array, v: TypedArray, accumulate: boolean): void;
}
