/**
 * The one seam between @torchts/tensor and the layers above it.
 *
 * tensor knows nothing of gradients. Every primitive op reports itself to an
 * optional `Tracer`; @torchts/autograd installs one when it is imported and
 * builds its graph from those reports. With no tracer installed the cost is a
 * single null check per op.
 */
import type { Tensor } from "./tensor";
import type { PrimName, PrimAttrs } from "./prims";

export interface Tracer {
  /** Should an op over these inputs be recorded? (some input requires grad and recording is on) */
  wants(inputs: readonly Tensor[]): boolean;
  /** A primitive produced `outputs` from `inputs`. */
  record<K extends PrimName>(op: K, inputs: Tensor[], outputs: Tensor[], attrs: PrimAttrs[K]): void;
  /** `t` is the result of composite `op` (its last primitive made it): the tracer names that node (e.g. dot's DotBackward0). */
  composite<K extends CompositeName>(t: Tensor, op: K, attrs: CompositeAttrs[K]): void;
  /**
   * A view primitive made `out` from `input` (`out._base` is already set): record it as
   * `record` would, or, when it is not recorded, note how the view was made (e.g. in no-grad mode).
   */
  recordView<K extends ViewPrim>(op: K, input: Tensor, out: Tensor, attrs: PrimAttrs[K]): void;
  /**
   * Called before `target` is modified in place by `op` with `value` (the new content, or
   * the tensor it is copied from; null for a constant): checks, e.g. a leaf that requires grad.
   */
  beforeInplace(op: string, target: Tensor, value: Tensor | null): void;
  /**
   * `target` was overwritten in place: its new value is `value` (a fresh tensor
   * computed out of place, recorded normally; null for a constant). The tracer re-points
   * target's history; `op` tells how (`copy_` makes the target a copy of `value`).
   */
  afterInplace(op: string, target: Tensor, value: Tensor | null): void;
  /** A creation function was called with options (e.g. `requiresGrad`). */
  onCreate(t: Tensor, options: object): void;
  /** Extra fields for printing, e.g. `grad_fn=<MulBackward0>`. */
  describe(t: Tensor): string[];
}

export type ViewPrim = "reshape" | "permute" | "expand" | "slice";

/**
 * Composite ops whose result PyTorch records under the composite's own node (dot is one
 * DotBackward0, not a matmul and two reshapes), with the facts its name depends on.
 * Tensor's vocabulary: autograd maps each to PyTorch's name, and to what its rule must do
 * (std's sqrt gives 0 where std is 0; `2 % x` has no derivative).
 */
export interface CompositeAttrs {
  /** a.ndim and b.ndim: PyTorch 1.13's matmul ends with mv, mm, a squeeze, an _unsafe_view, ... */
  matmul: { aDims: number; bDims: number };
  bmm: null; mv: null; dot: null;
  /** dimGiven: mean(x) and mean(x, dim) are different overloads (MeanBackward0/1); likewise squeeze. */
  mean: { dimGiven: boolean };
  maxAll: null; minAll: null; var: null; std: null; logsumexp: null;
  /** reshape as a view or as a copy (`out._base` tells) */
  reshape: null;
  squeeze: { dimGiven: boolean };
  unsqueeze: null; transpose: null; t: null; repeat: null; select: null; alias: null;
  stack: null; unbind: null;
  /** sizes: split with a list of sizes (split_with_sizes) rather than one size */
  split: { sizes: boolean };
  /** `2 - x` */
  rsub: null;
  /** remainder with a number divisor, or a number dividend (`2 % x`: no derivative in PyTorch 1.13) */
  remainderNumberDivisor: null; remainderNumberDividend: null;
  maskedFill: null; gather: null; indexSelect: null; maskedSelect: null; take: null; put: null;
  diag: null; trace: null; solveVector: null; vectorNorm: null;
  /** nn.functional's softplus and logsigmoid, computed through where/exp/log1p */
  softplus: null; logsigmoid: null;
}

export type CompositeName = keyof CompositeAttrs;

let current: Tracer | null = null;

/** Install the tracer (called by @torchts/autograd). */
export function setTracer(t: Tracer | null): void {
  current = t;
}

export function tracer(): Tracer | null {
  return current;
}

/** Report a primitive to the tracer (if one is installed and wants it); returns `out`. */
export function record<K extends PrimName>(op: K, inputs: Tensor[], out: Tensor, attrs: PrimAttrs[K]): Tensor {
  const t = current;
  if (t !== null && t.wants(inputs)) t.record(op, inputs, [out], attrs);
  return out;
}

/**
 * Report a view primitive: `out` shares `input`'s memory. Its base (`_base`) is recorded in
 * the tensor whether or not the op is recorded, so an in-place write into a view made while
 * nothing required grad can still rewrite its base's history (PyTorch's CopySlices).
 */
export function recordView<K extends ViewPrim>(op: K, input: Tensor, out: Tensor, attrs: PrimAttrs[K]): Tensor {
  out._base = input._base ?? input;
  current?.recordView(op, input, out, attrs);
  return out;
}

/** Report that `t` is the result of composite `op` (autograd names its node after it); returns `t`. */
export function composite<K extends CompositeName>(t: Tensor, op: K, ...attrs: CompositeAttrs[K] extends null ? [] : [CompositeAttrs[K]]): Tensor {
  current?.composite(t, op, (attrs.length === 0 ? null : attrs[0]) as CompositeAttrs[K]);
  return t;
}
