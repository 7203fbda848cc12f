import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { colormapHex, colormapRgba, normLimits, toRgba } from "./colormap";

// matplotlib 3.6's own bytes, recorded by fixtures/gen_contour.py
const golden = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "colormaps.json"), "utf8")) as {
  samples: (number | null)[];
  viridis: number[][];
  gray: number[][];
  images: { img: number[][]; vmin?: number | null; vmax?: number | null; rgba: number[][][]; norm: [number, number] }[];
};

describe("colour maps equal matplotlib's cmap(x, bytes=True)", () => {
  for (const name of ["viridis", "gray"] as const) {
    test(name, () => {
      golden.samples.forEach((x, i) => {
        expect(colormapRgba(name, x === null ? NaN : x), `${name}(${x})`).toEqual(golden[name][i]);
      });
    });
  }
  test("viridis ends", () => {
    expect(colormapHex("viridis", 0)).toBe("#440154");
    expect(colormapHex("viridis", 1)).toBe("#fde724");
  });
});

describe("imshow's normalisation equals matplotlib's im.to_rgba(img, bytes=True)", () => {
  golden.images.forEach((c, k) => {
    test(`image ${k}`, () => {
      const flat = c.img.flat();
      const [lo, hi] = normLimits(flat, c.vmin ?? undefined, c.vmax ?? undefined);
      expect([lo, hi]).toEqual(c.norm);
      expect(Array.from(toRgba(flat, "viridis", lo, hi))).toEqual(c.rgba.flat(2));
    });
  });
  test("NaN pixels are transparent and ignored by the limits", () => {
    expect(normLimits([NaN, 1, 3], undefined, undefined)).toEqual([1, 3]);
    expect(Array.from(toRgba([NaN], "viridis", 0, 1))).toEqual([0, 0, 0, 0]);
  });
  test("vmin > vmax is an error", () => {
    expect(() => normLimits([1, 2], 3, 1)).toThrow(/vmin=3, vmax=1/);
  });
});
