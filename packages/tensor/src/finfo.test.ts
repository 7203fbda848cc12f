/** torch.finfo against PyTorch 1.13.1 (fixtures/numbers.json, from gen_numbers.py). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { fromBits } from "./float-bits.testing";

interface Info { bits: number; eps: string; max: string; min: string; tiny: string; smallest_normal: string; resolution: string; dtype: string; repr: string }
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/numbers.json"), "utf8")) as {
  finfo: Record<string, Info>;
  finfo_default: string;
  finfo_error: { type: string; message: string };
};

describe("torch.finfo", () => {
  for (const name of ["float32", "float64"] as const) {
    it(`${name}: every field and the repr, exactly as PyTorch`, () => {
      const want = fixture.finfo[name];
      const got = torch.finfo(torch[name]);
      expect(got.bits).toBe(want.bits);
      expect(got.eps).toBe(fromBits(want.eps));
      expect(got.max).toBe(fromBits(want.max));
      expect(got.min).toBe(fromBits(want.min));
      expect(got.tiny).toBe(fromBits(want.tiny));
      expect(got.smallestNormal).toBe(fromBits(want.smallest_normal));
      expect(got.resolution).toBe(fromBits(want.resolution));
      expect(got.dtype).toBe(want.dtype);
      expect(String(got)).toBe(want.repr);
    });
  }

  it("defaults to float32, and describes the dtype's arithmetic", () => {
    expect(String(torch.finfo())).toBe(fixture.finfo_default);
    const f = torch.finfo(torch.float32);
    expect(Math.fround(1 + f.eps)).toBeGreaterThan(1);
    expect(Math.fround(1 + f.eps / 2)).toBe(1);
    expect(Math.fround(f.max)).toBe(f.max);
    expect(Math.fround(f.max * 2)).toBe(Infinity);
    expect(torch.tensor([f.tiny], { dtype: torch.float32 }).item()).toBe(f.tiny);
    expect(torch.finfo(torch.float64)).toBe(torch.finfo(torch.float64)); // one frozen object per dtype
    expect(Object.isFrozen(f)).toBe(true);
  });

  it("raises TypeError for integer and bool dtypes, as PyTorch", () => {
    expect(fixture.finfo_error.type).toBe("TypeError");
    for (const dtype of [torch.int64, torch.bool]) {
      let err: unknown;
      try {
        torch.finfo(dtype);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(torch.TypeError);
      expect(err).toBeInstanceOf(torch.TorchError);
      expect((err as Error).message).toMatch(/^finfo: torch\.finfo\(\) requires a floating point input type/);
      expect((err as Error).message).toContain(String(dtype));
    }
  });
});
