import * as torch from "@torchts/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gatherRows } from "./gather";

describe("gatherRows", () => {
  it("equals indexSelect for any dtype, row size (element loop and memmove paths) and indices (property)", () => {
    const dtypes = [torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.int16];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: dtypes.length - 1 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (n, row, d, raw) => {
          const t = torch.arange(n * row, { dtype: torch.float64 }).remainder(251).to(dtypes[d]).reshape(n, row);
          const idx = raw.map((v) => v % n);
          const got = gatherRows("t", t, idx);
          expect(got.dtype).toBe(t.dtype);
          expect([...got.shape]).toEqual([idx.length, row]);
          expect(got.tolist()).toEqual(t.indexSelect(0, idx.length ? idx : [0]).get(idx.length ? ":" : "0:0").tolist());
        },
      ),
      { numRuns: 80 },
    );
  });
  it("views with an offset, non-contiguous tensors, negative indices, out of range", () => {
    const base = torch.arange(400, { dtype: torch.float32 }).reshape(4, 100);
    expect(gatherRows("t", base.get("1:"), [2, 0]).get(":", 0).tolist()).toEqual([300, 100]);
    expect(gatherRows("t", base.T, [1]).tolist()).toEqual([[1, 101, 201, 301]]);
    expect(gatherRows("t", base, [-1]).get(0, 0).item()).toBe(300);
    expect(() => gatherRows("t", base, [4])).toThrow(/index 4 is out of bounds for dimension 0 with size 4/);
  });
});
