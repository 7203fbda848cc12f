/**
 * `x.type()`: PyTorch's legacy tensor-type names. With no argument it names the
 * type (`"torch.FloatTensor"`); with a dtype or such a name it casts, as
 * `x.to(dtype)` does. The optimisation chapter of d2l calls it.
 */
import { DType, bfloat16, bool, float16, float32, float64, int16, int32, int64, int8, uint8 } from "./dtype";
import { ValueError, argTypeError } from "./errors";
import { defineMethods } from "./methods";
import { Tensor } from "./tensor";
import { to } from "./convert";

/** The legacy CPU tensor-type name of each dtype. */
const TYPE_NAMES = new Map<DType, string>([
  [float32, "torch.FloatTensor"], [float64, "torch.DoubleTensor"], [int64, "torch.LongTensor"], [int32, "torch.IntTensor"],
  [int16, "torch.ShortTensor"], [int8, "torch.CharTensor"], [uint8, "torch.ByteTensor"], [bool, "torch.BoolTensor"],
  [float16, "torch.HalfTensor"], [bfloat16, "torch.BFloat16Tensor"],
]);
const BY_NAME = new Map([...TYPE_NAMES].map(([d, n]) => [n, d]));

export interface TypeMethods {
  /**
   * The tensor's legacy type name, or a cast to `dtype` (a dtype or a type name).
   * @example torch.ones(2).type()                      // "torch.FloatTensor"
   * torch.ones(2).type(torch.float64)                  // tensor([1., 1.], dtype=torch.float64)
   * torch.ones(2).type("torch.LongTensor")             // tensor([1, 1])
   */
  type(): string;
  type(dtype: DType | string): Tensor;
}

function tensorType(this: Tensor, dtype?: DType | string): string | Tensor {
  if (dtype === undefined) return TYPE_NAMES.get(this.dtype) ?? `torch.${this.dtype.name}`;
  if (dtype instanceof DType) return to(this, dtype);
  if (typeof dtype !== "string") throw argTypeError("type", "dtype", 0, "torch.dtype or str", dtype);
  const target = BY_NAME.get(dtype);
  if (target === undefined) throw new ValueError(`invalid type: '${dtype}'`);
  return to(this, target);
}
defineMethods({ type: tensorType as never });
