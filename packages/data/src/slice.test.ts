import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSlice, resolveSlice } from "./slice";
import { loadJson } from "../test/fixtures";

type Case = [number, number | null, number | null, number | null, number[]];
const cases = loadJson<Case[]>("slices.json");

function positions(n: number, s: string): number[] {
  const r = resolveSlice(parseSlice(s), n);
  return Array.from({ length: r.length }, (_, i) => r.start + i * r.step);
}
const str = (v: number | null): string => (v === null ? "" : String(v));

describe("parseSlice / resolveSlice", () => {
  it(`agree with Python's list slicing on ${cases.length} cases`, () => {
    for (const [n, start, stop, step, expected] of cases) {
      const s = `${str(start)}:${str(stop)}${step === null ? "" : `:${step}`}`;
      expect(positions(n, s), `${n} [${s}]`).toEqual(expected);
    }
  });

  it("parses the forms used by iloc", () => {
    expect(parseSlice(":")).toEqual({ start: null, stop: null, step: null });
    expect(parseSlice("0:2")).toEqual({ start: 0, stop: 2, step: null });
    expect(parseSlice("::2")).toEqual({ start: null, stop: null, step: 2 });
    expect(parseSlice(" -3 : : -1 ")).toEqual({ start: -3, stop: null, step: -1 });
  });

  it("rejects malformed slices and a zero step", () => {
    expect(() => parseSlice("1")).toThrowError(/not a slice/);
    expect(() => parseSlice("a:b")).toThrowError(/'a' is not an integer/);
    expect(() => parseSlice("1:2:3:4")).toThrowError(/not a slice/);
    expect(() => parseSlice("::0")).toThrowError(/step cannot be zero/);
    expect(() => resolveSlice({ start: null, stop: null, step: 0 }, 3)).toThrowError(/zero/);
  });

  it("selects in-range positions only, exactly `length` of them", () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.option(fc.integer({ min: -30, max: 30 })),
        fc.option(fc.integer({ min: -30, max: 30 })),
        fc.option(fc.integer({ min: -5, max: 5 }).filter((x) => x !== 0)),
        (n, start, stop, step) => {
          const r = resolveSlice({ start, stop, step }, n);
          const ps = Array.from({ length: r.length }, (_, i) => r.start + i * r.step);
          return ps.every((p) => p >= 0 && p < n) && new Set(ps).size === ps.length;
        },
      ),
    );
  });
});
