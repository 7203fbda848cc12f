/**
 * The plots as a person sees them: SVG from plot() rendered by a real headless
 * Chromium, the screenshot decoded, and the expected colours looked for.
 * Skipped only off CI on a machine without /usr/bin/chromium.
 */
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { PNG } from "pngjs";
import { screenshot } from "../../../scripts/chromium-screenshot.mjs";
import { plot, plotSpec, scatter } from "./plot";
import { imageGrid } from "./image";
import { contourSpec } from "./contour";
import { layer } from "./compose";

const haveChromium = existsSync(process.env.CHROMIUM ?? "/usr/bin/chromium");
const run = haveChromium || process.env.CI === "true";

type RGB = readonly [number, number, number];
const hex = (h: string): RGB => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as unknown as RGB;

class Image {
  constructor(readonly png: PNG) {}
  static read(bytes: Buffer): Image {
    return new Image(PNG.sync.read(bytes));
  }
  at(x: number, y: number): RGB {
    const i = (y * this.png.width + x) * 4;
    return [this.png.data[i]!, this.png.data[i + 1]!, this.png.data[i + 2]!];
  }
  /** Whether pixel (x, y) is within `tol` (Euclidean, 0-255 per channel) of a colour. */
  near(x: number, y: number, c: RGB, tol = 60): boolean {
    const p = this.at(x, y);
    return Math.hypot(p[0] - c[0], p[1] - c[1], p[2] - c[2]) <= tol;
  }
  count(c: RGB, tol = 60): number {
    let n = 0;
    for (let y = 0; y < this.png.height; y++) for (let x = 0; x < this.png.width; x++) if (this.near(x, y, c, tol)) n++;
    return n;
  }
  /** The row holding most pixels of colour c, and that count. */
  busiestRow(c: RGB, tol = 60): { y: number; n: number } {
    let best = { y: -1, n: -1 };
    for (let y = 0; y < this.png.height; y++) {
      let n = 0;
      for (let x = 0; x < this.png.width; x++) if (this.near(x, y, c, tol)) n++;
      if (n > best.n) best = { y, n };
    }
    return best;
  }
  /** Runs of colour c along row y: [start, end) pairs. */
  runs(y: number, c: RGB, tol = 60): [number, number][] {
    const out: [number, number][] = [];
    let start = -1;
    for (let x = 0; x <= this.png.width; x++) {
      const on = x < this.png.width && this.near(x, y, c, tol);
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        out.push([start, x]);
        start = -1;
      }
    }
    return out;
  }
}

describe.skipIf(!run)("plots rendered in headless Chromium", () => {
  test("two series, a dashed reference line, a legend: every colour is visible", async () => {
    // Three series colours far from the black/grey of axes, text and grid.
    const x = Array.from({ length: 61 }, (_, i) => i / 20);
    const svg = await plot(x, [x.map((v) => Math.sin(2 * v) + 2), x.map((v) => 0.4 * v)], {
      fmts: ["-", "g-."],
      legend: ["sin", "line"],
      hlines: [{ y: 1.5, fmt: "r--" }],
      xlabel: "x",
      ylabel: "y",
      figsize: [5, 3.5],
    });
    const img = Image.read(await screenshot(svg, { width: 520, height: 360 }));
    expect([img.png.width, img.png.height]).toEqual([520, 360]);

    // Not blank: a white background with a moderate amount of ink.
    const white = img.count([255, 255, 255], 10);
    const total = img.png.width * img.png.height;
    expect(white / total).toBeGreaterThan(0.5);
    expect(white / total).toBeLessThan(0.97);
    // Nothing drawn outside the 480 x 336 figure.
    for (let x = 0; x < 520; x++) expect(img.near(x, 350, [255, 255, 255], 10)).toBe(true);

    // Each series' line: a 2 px line some 400 px long shows up in hundreds of pixels.
    expect(img.count(hex("#1f77b4"))).toBeGreaterThan(300);
    expect(img.count(hex("#008000"))).toBeGreaterThan(200);

    // The reference line is red, horizontal, across the plot, and dashed.
    const red = hex("#ff0000");
    const row = img.busiestRow(red);
    const runs = img.runs(row.y, red);
    const first = runs[0]![0];
    const last = runs[runs.length - 1]![1];
    expect(last - first).toBeGreaterThan(300); // spans the plot
    expect(runs.length).toBeGreaterThan(25); // dashes: 7.4 px on, 3.2 px off
    expect(row.n / (last - first)).toBeGreaterThan(0.5);
    expect(row.n / (last - first)).toBeLessThan(0.9);
  }, 90000);

  test("a scatter plot shows its markers", async () => {
    const n = 40;
    const xs = Array.from({ length: n }, (_, i) => i);
    const svg = await scatter(xs, xs.map((i) => (i * 7) % 13), { color: "m", s: 36 });
    const img = Image.read(await screenshot(svg, { width: 360, height: 260 }));
    // 40 filled 8 px discs: roughly 40 * 50 pixels of magenta.
    const magenta = img.count(hex("#bf00bf"));
    expect(magenta).toBeGreaterThan(n * 25);
    expect(magenta).toBeLessThan(n * 100);
  }, 90000);

  test("an image grid shows viridis pixels, sharp (not smoothed)", async () => {
    // Each 4 x 4 image: left half 0 (viridis' dark purple), right half 1 (its yellow).
    const img4 = Array.from({ length: 4 }, () => [0, 0, 1, 1]);
    const svg = await imageGrid([img4, img4], 1, 2, { titles: ["a", "b"], scale: 2 });
    const shot = Image.read(await screenshot(svg, { width: 400, height: 200 }));
    const purple = hex("#440154");
    const yellow = hex("#fde724");
    const row = shot.busiestRow(purple, 8);
    const dark = shot.runs(row.y, purple, 8);
    const light = shot.runs(row.y, yellow, 8);
    expect(dark).toHaveLength(2);
    expect(light).toHaveLength(2);
    // Pixelated: the purple half ends exactly where the yellow half starts, with no blend between.
    expect(light[0]![0] - dark[0]![1]).toBeLessThanOrEqual(1);
    expect(light[0]![1] - light[0]![0]).toBeGreaterThan(40);
  }, 90000);

  test("a trajectory over a contour: orange markers and blue isolines", async () => {
    const g = Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);
    const X1 = g.map((u) => g.map(() => u));
    const X2 = g.map(() => g.map((v) => v));
    const Z = g.map((u) => g.map((v) => u * u + 2 * v * v));
    const path = [[-1.8, -1.5], [-1.2, -0.6], [-0.7, -0.2], [-0.3, 0]];
    const svg = await layer([plotSpec(path.map((p) => p[0]!), path.map((p) => p[1]!), { fmts: ["-oC1"] }), contourSpec(X1, X2, Z, { colors: "#1f77b4" })]);
    const shot = Image.read(await screenshot(svg, { width: 360, height: 260 }));
    expect(shot.count(hex("#ff7f0e"))).toBeGreaterThan(150);
    expect(shot.count(hex("#1f77b4"))).toBeGreaterThan(600);
  }, 90000);
});
