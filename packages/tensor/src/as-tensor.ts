/**
 * `torch.as_tensor`: data as a tensor, copying only when it must. A tensor of
 * the requested dtype comes back as itself; another dtype gives `data.to(dtype)`
 * (a differentiable cast); a Float32Array / Float64Array / Uint8Array of the
 * matching dtype is shared without copying, as PyTorch shares a NumPy array's
 * memory; anything else is copied as `torch.tensor(data, { dtype })` would.
 */
import type { Device } from "./device";
import { type DType, type TypedArray, dtypeOfArray } from "./dtype";
import { type NestedArray, fromTypedArray, tensor } from "./creation";
import { creationOptions } from "./creation-args";
import { Tensor } from "./tensor";

/**
 * `torch.as_tensor(data, dtype=None)`.
 *
 * @example
 * const t = torch.tensor([1, 2]);
 * torch.asTensor(t) === t;                                  // true
 * torch.asTensor(t, { dtype: torch.float32 });              // tensor([1., 2.])
 * torch.asTensor(0.5);                                      // tensor(0.5000)
 * const a = new Float32Array([1, 2]);
 * torch.asTensor(a).add_(1); a;                             // Float32Array [2, 3]: shared
 */
export function asTensor(data: Tensor | NestedArray | TypedArray, options?: { dtype?: DType; device?: string | Device | null }): Tensor {
  const dtype = creationOptions("asTensor", options, ["dtype", "device"])?.dtype;
  if (data instanceof Tensor) return dtype === undefined || dtype === data.dtype ? data : data.to(dtype);
  if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Uint8Array) {
    if (dtype === undefined || dtype === dtypeOfArray(data)) return fromTypedArray(data);
  }
  return tensor(data, dtype === undefined ? undefined : { dtype });
}
