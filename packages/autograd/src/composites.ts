/**
 * PyTorch's grad_fn names for the composites @torchts/tensor reports (hooks.composite):
 * the node that made a composite's result takes the composite's name, as PyTorch records
 * dot as one DotBackward0 rather than a matmul and two reshapes. Names are display only:
 * a rule that must behave differently inside a composite reads `ctx.composite`, never a name.
 */
import type { Tensor } from "@torchts/tensor";
import type { CompositeAttrs, CompositeName } from "@torchts/tensor/internal";

type Namer = { [K in CompositeName]: string | ((attrs: CompositeAttrs[K], out: Tensor) => string) };

const names: Namer = {
  // PyTorch 1.13's matmul ends with mv for 2-D·1-D, mm's result squeezed in place for 1-D·2-D, mm for
  // 2-D·2-D; above that it folds or batches into mm/bmm and ends with _unsafe_view — except 2-D·(≥3-D),
  // whose folded result is transposed back and made contiguous
  matmul: ({ aDims, bDims }, out) => {
    if (aDims <= 2 && bDims <= 2) return aDims === 1 ? "SqueezeBackward3" : bDims === 1 ? "MvBackward0" : "MmBackward0";
    if (aDims === 2) {
      const [m, n] = out._shape.slice(-2);
      return m === 1 || n === 1 ? "TransposeBackward0" : "CloneBackward0";
    }
    return "UnsafeViewBackward0";
  },
  bmm: "BmmBackward0",
  mv: "MvBackward0",
  dot: "DotBackward0",
  mean: ({ dimGiven }) => (dimGiven ? "MeanBackward1" : "MeanBackward0"),
  maxAll: "MaxBackward1",
  minAll: "MinBackward1",
  var: "VarBackward0",
  std: "StdBackward0",
  logsumexp: "LogsumexpBackward0",
  reshape: (_a, out) => (out._base !== null ? "ReshapeAliasBackward0" : "UnsafeViewBackward0"),
  squeeze: ({ dimGiven }) => (dimGiven ? "SqueezeBackward1" : "SqueezeBackward0"),
  unsqueeze: "UnsqueezeBackward0",
  transpose: "TransposeBackward0",
  t: "TBackward0",
  repeat: "RepeatBackward0",
  select: "SelectBackward0",
  alias: "AliasBackward0",
  stack: "StackBackward0",
  unbind: "UnbindBackward0",
  split: ({ sizes }) => (sizes ? "SplitWithSizesBackward0" : "SplitBackward0"),
  rsub: "RsubBackward1",
  remainderNumberDivisor: "RemainderBackward0",
  // PyTorch 1.13 has no derivative for a number dividend (`2 % x`): its node is NotImplemented
  remainderNumberDividend: "NotImplemented",
  maskedFill: "MaskedFillBackward0",
  gather: "GatherBackward0",
  take: "TakeBackward0",
  put: "PutBackward0",
  indexSelect: "IndexSelectBackward0",
  maskedSelect: "MaskedSelectBackward0",
  diag: "DiagBackward0",
  trace: "TraceBackward0",
  solveVector: "LinalgSolveExBackward0",
  vectorNorm: "LinalgVectorNormBackward0",
  softplus: "SoftplusBackward0",
  logsigmoid: "LogSigmoidBackward0",
};

/** PyTorch's name for the node that made `out`, the result of composite `op`. */
export function compositeName<K extends CompositeName>(op: K, attrs: CompositeAttrs[K], out: Tensor): string {
  const n = names[op] as string | ((a: CompositeAttrs[K], o: Tensor) => string);
  return typeof n === "string" ? n : n(attrs, out);
}
