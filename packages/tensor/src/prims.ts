/**
 * The primitive ops. Every differentiable op of @torchts/tensor is either one
 * of these or a composite of them; @torchts/autograd keeps one derivative rule
 * per entry (its table is typed over `PrimName`, so a missing rule does not compile).
 */
import type { DType } from "./dtype";
import type { Tensor } from "./tensor";

/** The unary elementwise primitives: every op declared in unary-ops.ts. */
export type DifferentiableUnary = keyof typeof import("./unary-ops");

/**
 * Binary elementwise primitives: every op declared in binary-ops.ts. `remainder` is differentiable;
 * `floorDivide` is recorded (so requiresGrad propagates) but, as in PyTorch 1.13, has no derivative: backward raises.
 */
export type DifferentiableBinary = keyof typeof import("./binary-ops");

type None = Record<string, never>;
type Reduce = { dims: number[]; keepdim: boolean };
/** sum/prod: `dimGiven` tells PyTorch's overloads apart (sum(x) is SumBackward0, sum(x, dim) SumBackward1). */
type ReduceOverload = Reduce & { dimGiven: boolean };

export interface PrimAttrs extends Record<DifferentiableUnary, None>, Record<DifferentiableBinary, None> {
  /** where(cond, a, b): inputs [a, b]; cond is saved as an attribute (not differentiable). */
  where: { cond: Uint8Array };
  clamp: { min: number | null; max: number | null };
  /** div with a rounding mode: piecewise constant, so a zero gradient (PyTorch's DivBackward2). */
  divRounding: { mode: "floor" | "trunc" };
  sum: ReduceOverload;
  /** max/min over dims without indices; ties share the gradient evenly (PyTorch's amax rule). */
  amax: Reduce;
  amin: Reduce;
  /** max/min along one dim, outputs [values, indices]; the gradient goes to the index. */
  maxDim: { dim: number; keepdim: boolean; indices: Float64Array };
  minDim: { dim: number; keepdim: boolean; indices: Float64Array };
  prod: ReduceOverload;
  /** softmax / log_softmax along dim (rows computed by one kernel) */
  softmax: { dim: number };
  logSoftmax: { dim: number };
  cumsum: { dim: number };
  cumprod: { dim: number };
  reshape: { shape: number[] };
  permute: { dims: number[] };
  expand: { shape: number[] };
  /** narrow with a step along one dim: out = x[.., start : start+step*length : step, ..] */
  slice: { dim: number; start: number; step: number; length: number };
  /** out.flatten()[i] = x.flatten()[index[i]] — every gather-like read (advanced indexing, gather, indexSelect, maskedSelect). */
  take: { index: Int32Array; shape: number[] };
  /** out = x with out.flatten()[index[i]] = v.flatten()[i]; inputs [x, v] (v already broadcast to index's shape). */
  put: { index: Int32Array; accumulate: boolean };
  cat: { dim: number };
  /** batched matrix product of two tensors with ≥ 2 dims and equal batch shapes */
  matmul: None;
  norm: { p: number; dims: number[]; keepdim: boolean };
  inv: None;
  solve: None;
  /** singular values; u [..., m, k] and vh [..., k, n] of the same decomposition (constants for the rule) */
  svdvals: { u: Tensor; vh: Tensor };
  cast: { dtype: DType };
  clone: None;
  /** target.copy_(value), recorded by autograd only: inputs [target, value]; the old target gets a zero gradient */
  copy: None;
}

export type PrimName = keyof PrimAttrs;
