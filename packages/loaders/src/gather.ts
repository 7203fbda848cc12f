/**
 * One gather of whole rows: `t[indices]` along dim 0 as one new contiguous tensor,
 * copying each row with one native memmove (`Buffer#copy`) instead of element by
 * element. This is the DataLoader's batch for a TensorDataset.
 */
import { Tensor } from "@torchts/tensor";
import { checkIndex } from "./dataset-index";
import { emptyArray } from "./empty-array";

type Ctor = new (n: number) => ArrayLike<number> & { readonly buffer: ArrayBuffer; readonly byteOffset: number; readonly byteLength: number; readonly BYTES_PER_ELEMENT: number };

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
  if (row * src.BYTES_PER_ELEMENT >= 256) {
    // Buffer#copy is a native memmove without a typed-array view object per row (faster than set(subarray))
    const bpe = src.BYTES_PER_ELEMENT;
    const from = Buffer.from(src.buffer, src.byteOffset, src.byteLength);
    const to = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    const rowBytes = row * bpe;
    for (let k = 0; k < b; k++) {
      const s = (base + checkIndex(`${fn}.get()`, indices[k], n) * row) * bpe;
      from.copy(to, k * rowBytes, s, s + rowBytes);
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
