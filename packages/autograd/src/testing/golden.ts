/**
 * Golden data from PyTorch scripts (each package's fixtures/gen_<name>.py): tensors stored as
 * `{ shape, data }` with row-major values, non-finite ones as the strings "nan", "inf", "-inf"
 * (JSON has no such numbers).
 */
import * as torch from "../index";
import type { Tensor } from "../index";

export type JsonNum = number | "nan" | "inf" | "-inf";
export interface JsonTensor {
  shape: number[];
  data: JsonNum[];
}

/** A JSON number or non-finite string as a JS number. */
export const num = (v: JsonNum): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);

/** A golden tensor as a float64 tensor (pass `dtype` to cast). */
export function decodeTensor(t: JsonTensor, dtype: torch.DType = torch.float64): Tensor {
  const x = torch.fromTypedArray(Float64Array.from(t.data, num), t.shape);
  return dtype === torch.float64 ? x : x.to(dtype);
}

/**
 * null when `got` matches `want` elementwise (|got − want| ≤ atol + rtol·|want|, NaN and ±∞
 * exactly), else a message naming the shape or the first element that differs.
 * @example expect(mismatch("grad", x.grad!, c.grads[0])).toBeNull()
 */
export function mismatch(label: string, got: Tensor, want: JsonTensor, rtol = 1e-9, atol = 1e-12): string | null {
  const shape = [...got.shape];
  if (shape.length !== want.shape.length || shape.some((d, i) => d !== want.shape[i])) {
    return `${label}: shape [${shape.join(", ")}], PyTorch gives [${want.shape.join(", ")}]`;
  }
  const g = got.detach().to(torch.float64).contiguous().toTypedArray();
  for (let i = 0; i < want.data.length; i++) {
    const e = num(want.data[i]);
    const a = g[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) return `${label}: element ${i} is ${a}, PyTorch gives ${e}`;
  }
  return null;
}
