// normal_ with an infinite mean gives infinities, as PyTorch's fused `v * std + mean` does
// (torch.empty(3).normal_(inf, 1) is [inf, inf, inf]); the exact double FMA's error terms
// must not turn them into NaN (inf - inf).
import { describe, expect, it } from "vitest";
import { Generator } from "./random";
import { fillNormal, fmaD } from "./random-fill";

describe("normal_ with an infinite mean", () => {
  it.each([
    ["float32, scalar path", () => new Float32Array(3)],
    ["float32, block path", () => new Float32Array(40)],
    ["float64, scalar path", () => new Float64Array(3)],
    ["float64, block path", () => new Float64Array(20)],
  ])("%s: every element is the mean", (_, make) => {
    for (const mean of [Infinity, -Infinity]) {
      const a = make();
      fillNormal(a, mean, 2, new Generator().manualSeed(0));
      expect([...a].every((v) => v === mean)).toBe(true);
    }
  });
  it("fmaD keeps infinities and still rounds once for finite operands", () => {
    expect(fmaD(0.5, 2, Infinity)).toBe(Infinity);
    expect(fmaD(-0.5, 2, -Infinity)).toBe(-Infinity);
    expect(fmaD(1e308, 10, 0)).toBe(Infinity);
    // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 fused (0 unfused)
    expect(fmaD(1 + 2 ** -52, 1 - 2 ** -52, -1)).toBe(-(2 ** -104));
  });
});
