/**
 * fma32 against exact arithmetic (BigInt): random triples, and triples built so that the double
 * sum lands on a float32 halfway point (where a double sum rounded to float32 errs).
 */
import { describe, expect, it } from "vitest";
import { fma32 } from "./fma32";
import { exactFma32, rng } from "./fma32.testing";

const fr = Math.fround;

describe("fma32", () => {
  it("matches the exact single rounding on the documented case and three double-rounding traps", () => {
    expect(fma32(fr(1 + 2 ** -23), fr(1 - 2 ** -23), -1)).toBe(-(2 ** -46));
    // 1 + a·b with a·b just above 2⁻²⁴: the double sum is exactly 1 + 2⁻²⁴ (a tie that rounds to 1)
    // (hex floats 0x1.75a892p+0 and 0x1.5ec7bcp-25, ...: six hex digits are 24 fraction bits)
    const hex = (frac: string, e: number) => parseInt(`1${frac}`, 16) * 2 ** (e - 24);
    const traps = [[hex("75a892", 0), hex("5ec7bc", -25)], [hex("8092b4", 0), hex("54d320", -25)], [hex("83868a", 0), hex("523a60", -25)]];
    for (const [a, b] of traps) {
      expect(fr(a * b + 1), "the unfused double emulation errs here").toBe(1);
      expect(fma32(a, b, 1)).toBe(1 + 2 ** -23);
      expect(exactFma32(a, b, 1)).toBe(1 + 2 ** -23);
    }
  });

  it("equals exact arithmetic on 200,000 random triples of mixed scales", () => {
    const r = rng(7);
    const pick = () => fr((r() * 2 - 1) * 2 ** Math.floor(r() * 40 - 20));
    for (let i = 0; i < 200_000; i++) {
      const a = pick(), b = pick(), c = pick();
      const got = fma32(a, b, c), want = exactFma32(a, b, c);
      if (got !== want) expect({ a, b, c, got }).toEqual({ a, b, c, got: want });
    }
  });

  it("equals exact arithmetic near halfway points, where double rounding errs (found, then checked)", () => {
    const r = rng(11);
    let traps = 0;
    for (let i = 0; i < 30_000; i++) {
      const p = fr(1 + Math.floor(r() * 2 ** 23) * 2 ** -23) * (r() < 0.5 ? -1 : 1) * 2 ** Math.floor(r() * 8 - 4);
      const a = fr(1 + r());
      const half = 2 ** (Math.floor(Math.log2(Math.abs(p))) - 24); // half an ulp of p
      const b0 = fr((half / a) * (r() < 0.5 ? -1 : 1));
      for (const b of [b0, fr(b0 * (1 + 2 ** -23)), fr(b0 * (1 - 2 ** -23))]) {
        const want = exactFma32(a, b, p);
        if (fr(a * b + p) !== want) traps++;
        expect(fma32(a, b, p)).toBe(want);
      }
    }
    expect(traps, "the search must reach cases the plain emulation gets wrong").toBeGreaterThan(30);
  });

  it("keeps infinities, NaN and signed zeros as IEEE does", () => {
    expect(fma32(Infinity, 1, 1)).toBe(Infinity);
    expect(fma32(Infinity, 0, 1)).toBeNaN();
    expect(fma32(NaN, 1, 1)).toBeNaN();
    expect(Object.is(fma32(0, 1, -0), 0)).toBe(true);
    expect(Object.is(fma32(-0, 1, -0), -0)).toBe(true);
    expect(fma32(fr(3e38), 2, 0)).toBe(Infinity);
    // just below the overflow threshold: the double sum is the threshold itself (a tie that overflows)
    const FLT_MAX = fr(3.4028234663852886e38), a = (1 + 2 ** -23) * 2 ** 52, b = (1 - 2 ** -23) * 2 ** 51;
    expect(fr(a * b + FLT_MAX), "the unfused double emulation overflows here").toBe(Infinity);
    expect(exactFma32(a, b, FLT_MAX)).toBe(FLT_MAX);
    expect(fma32(a, b, FLT_MAX)).toBe(FLT_MAX);
    expect(fma32(-a, b, -FLT_MAX)).toBe(-FLT_MAX);
    expect(fma32(a, (1 + 2 ** -23) * 2 ** 51, FLT_MAX)).toBe(Infinity);
  });
});
