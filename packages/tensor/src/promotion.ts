/**
 * PyTorch's result_type over mixed operands. Three priority classes: tensors
 * with dims > 0, 0-d tensors, then JS scalars. A lower class only matters when
 * it is of a higher *category* (bool < integral < floating).
 */
import { type DType, bool, defaultFloat, int64, promoteTypes } from "./dtype";
import { Tensor, type TensorLike } from "./tensor";

function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (higher.isFloatingPoint) return higher;
  if (higher === bool || lower.isFloatingPoint) return promoteTypes(higher, lower);
  return higher;
}

export function resultType(...operands: TensorLike[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of operands) {
    if (o instanceof Tensor) {
      if (o.ndim > 0) dim = dim === null ? o.dtype : promoteTypes(dim, o.dtype);
      else zero = zero === null ? o.dtype : promoteTypes(zero, o.dtype);
    } else {
      const s = typeof o === "boolean" ? bool : Number.isInteger(o) ? int64 : defaultFloat;
      wrapped = wrapped === null ? s : promoteTypes(wrapped, s);
    }
  }
  return combine(dim, combine(zero, wrapped)) ?? defaultFloat;
}
