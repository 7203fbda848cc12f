import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { contourLevels, maxNLocatorTicks } from "./levels";

// matplotlib 3.6's cs.levels for Z spanning [zmin, zmax], recorded by fixtures/gen_contour.py
const golden = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "contour.json"), "utf8")) as {
  levels: { zmin: number; zmax: number; n: number | null; levels: number[] }[];
};

test("contour levels are matplotlib's, float for float", () => {
  expect(golden.levels.length).toBeGreaterThan(30);
  for (const c of golden.levels) {
    expect(contourLevels(c.zmin, c.zmax, c.n ?? undefined), `zmin=${c.zmin} zmax=${c.zmax} n=${c.n}`).toEqual(c.levels);
  }
});

test("MaxNLocator", () => {
  expect(maxNLocatorTicks(0, 59.5, 8)).toEqual([0, 8, 16, 24, 32, 40, 48, 56, 64]);
  // a singular range is widened to ±1e-13 (matplotlib: [-1e-13, -7.5e-14, ..., 1e-13])
  const ticks = maxNLocatorTicks(0, 0, 8);
  expect(ticks).toHaveLength(9);
  expect(ticks[0]).toBeCloseTo(-1e-13, 20);
  expect(ticks[8]).toBeCloseTo(1e-13, 20);
});

test("a constant field has one level, itself (matplotlib warns that none fall inside)", () => {
  expect(contourLevels(5, 5)).toEqual([5]);
});
