/**
 * PyTorch's result_type over mixed operands. Three priority classes: tensors
 * with dims > 0, 0-d tensors, then JS scalars. A lower class only matters when
 * it is of a higher *category* (bool < integral < floating).
 */
import { type DType, bool, defaultFloat, int64, isIntegral, promoteTypes } from "./dtype";
import { Tensor, type TensorLike } from "./tensor";

/** 0 bool, 1 integral, 2 floating. */
const category = (d: DType): number => (d.isFloatingPoint ? 2 : d === bool ? 0 : 1);

function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  // a lower class moves the result to its own dtype only when it is of a higher category:
  // uint8 with a 0-d float64 tensor is float64, uint8 with a 0-d int64 tensor stays uint8
  return category(lower) > category(higher) ? lower : higher;
}

/**
 * torch.result_type: the dtype an op computes in for these operands.
 * @example resultType(tensor([1], { dtype: uint8 }), 1000) // torch.uint8 (a JS int never widens an int tensor)
 */
export function resultType(...operands: TensorLike[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of operands) {
    if (o instanceof Tensor) {
      if (o.ndim > 0) dim = dim === null ? o.dtype : promoteTypes(dim, o.dtype);
      else zero = zero === null ? o.dtype : promoteTypes(zero, o.dtype);
    } else {
      const s = typeof o === "boolean" ? bool : isIntegral(o) ? int64 : defaultFloat;
      wrapped = wrapped === null ? s : promoteTypes(wrapped, s);
    }
  }
  return combine(dim, combine(zero, wrapped)) ?? defaultFloat;
}
