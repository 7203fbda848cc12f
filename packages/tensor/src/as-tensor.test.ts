/** torch.asTensor: PyTorch's as_tensor — no copy when none is needed, a cast when the dtype differs. */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("torch.asTensor", () => {
  it("returns a tensor of the same dtype as itself", () => {
    const t = torch.tensor([1, 2]);
    expect(torch.asTensor(t)).toBe(t);
    expect(torch.asTensor(t, { dtype: torch.int64 })).toBe(t);
  });

  it("casts a tensor of another dtype, leaving the original alone", () => {
    const t = torch.tensor([1, 2]);
    const f = torch.asTensor(t, { dtype: torch.float32 });
    expect(f.dtype).toBe(torch.float32);
    expect(f.tolist()).toEqual([1, 2]);
    f.add_(1);
    expect(t.tolist()).toEqual([1, 2]);
  });

  it("shares a typed array of the matching dtype, as as_tensor shares a NumPy array", () => {
    const a = new Float32Array([1, 2, 3]);
    const t = torch.asTensor(a);
    expect(t.dtype).toBe(torch.float32);
    t.mul_(2);
    expect(Array.from(a)).toEqual([2, 4, 6]);
    const d = new Float64Array([1.5]);
    torch.asTensor(d, { dtype: torch.float64 }).add_(1);
    expect(d[0]).toBe(2.5);
  });

  it("copies a typed array when the dtype differs, or for other array classes", () => {
    const a = new Float64Array([1.5, 2.5]);
    const t = torch.asTensor(a, { dtype: torch.float32 });
    expect(t.dtype).toBe(torch.float32);
    t.add_(1);
    expect(Array.from(a)).toEqual([1.5, 2.5]);
    expect(torch.asTensor(new Int32Array([3, 4]) as never).tolist()).toEqual([3, 4]);
  });

  it("builds numbers and nested arrays as torch.tensor does", () => {
    expect(torch.asTensor(0.5).dtype).toBe(torch.float32);
    expect(torch.asTensor(3).dtype).toBe(torch.int64); // a JS integer is an int, as tensor(3)
    expect(torch.asTensor(3, { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(torch.asTensor([[1, 2], [3, 4]], { dtype: torch.float32 }).shape).toEqual([2, 2]);
    expect(torch.asTensor([true, false]).dtype).toBe(torch.bool);
  });
});
