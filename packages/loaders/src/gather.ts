/**
 * One gather of whole rows: `t[indices]` along dim 0 as one new contiguous tensor,
 * copying each row with one `TypedArray.set` (a memcpy) instead of element by
 * element. This is the DataLoader's batch for a TensorDataset.
 */
import { Tensor } from "@torchts/tensor";
import { checkIndex } from "./dataset-index";
import { emptyArray } from "./empty-array";

type Ctor = new (n: number) => ArrayLike<number> & { set(a: ArrayLike<number>, o?: number): void; subarray(a: number, b: number): ArrayLike<number> };

/**
 * `t.indexSelect(0, indices)` (negative indices count from the end), without
 * the per-element position table. Tensors that autograd tracks, or that are
 * not contiguous, go through `indexSelect` so gradients and strides stay right.
 * @example gatherRows("f", torch.arange(6).reshape(3, 2), [2, 0]) // [[4, 5], [0, 1]]
 */
export function gatherRows(fn: string, t: Tensor, indices: ArrayLike<number>): Tensor {
  const n = t._shape[0];
  const b = indices.length;
  if ((t as { requiresGrad?: boolean }).requiresGrad === true || !t.isContiguous()) {
    const idx = new Array<number>(b);
    for (let k = 0; k < b; k++) idx[k] = checkIndex(`${fn}.get()`, indices[k], n);
    return t.indexSelect(0, idx);
  }
  const row = n === 0 ? 0 : t.numel() / n;
  const src = t._storage.data as unknown as InstanceType<Ctor>;
  const base = t._offset;
  const out = emptyArray(src.constructor as never, b * row) as InstanceType<Ctor>;
  if (row >= 16) {
    for (let k = 0; k < b; k++) {
      const s = base + checkIndex(`${fn}.get()`, indices[k], n) * row;
      out.set(src.subarray(s, s + row), k * row);
    }
  } else {
    const o = out as unknown as { [i: number]: number };
    for (let k = 0, p = 0; k < b; k++) {
      const s = base + checkIndex(`${fn}.get()`, indices[k], n) * row;
      for (let j = 0; j < row; j++) o[p++] = src[s + j];
    }
  }
  const shape = t._shape.slice();
  shape[0] = b;
  return Tensor._fromData(out as never, shape, t.dtype);
}
