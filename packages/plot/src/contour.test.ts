import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { contour, contourLines, contourSpec } from "./contour";
import { TypeError } from "@torchts/tensor/errors";

interface Case {
  name: string;
  levelsArg: number | null;
  x1: number[];
  x2: number[];
  levels: number[];
  colors: number[][];
  segments: { level: number; count: number; lines: number; points: [number, number][] }[];
  xlim: [number, number];
  ylim: [number, number];
}
// matplotlib 3.6's plt.contour on these grids, recorded by fixtures/gen_contour.py
const golden = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "contour.json"), "utf8")) as { contours: Case[] };

const FUNCS: Record<string, (a: number, b: number) => number> = {
  "x1^2+2x2^2": (a, b) => a ** 2 + 2 * b ** 2,
  "0.1x1^2+2x2^2": (a, b) => 0.1 * a ** 2 + 2 * b ** 2,
  "x1^2-x2^2": (a, b) => a ** 2 - b ** 2,
  "sin(x1)cos(x2)": (a, b) => Math.sin(a) * Math.cos(b),
};

/** torch.meshgrid(a, b, { indexing: "ij" }) and f over it, as nested arrays. */
function mesh(a: number[], b: number[], f: (a: number, b: number) => number) {
  return {
    X1: a.map((u) => b.map(() => u)),
    X2: a.map(() => b.map((v) => v)),
    Z: a.map((u) => b.map((v) => f(u, v))),
  };
}

function distanceToPolyline(p: [number, number], line: [number, number][]): number {
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const [ax, ay] = line[k]!;
    const [bx, by] = line[k + 1]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
    best = Math.min(best, Math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy)));
  }
  return best;
}

describe("contour lines equal matplotlib's", () => {
  for (const c of golden.contours) {
    test(`${c.name}, levels=${c.levelsArg ?? "default"}`, () => {
      const { X1, X2, Z } = mesh(c.x1, c.x2, FUNCS[c.name]!);
      const ours = contourLines(X1, X2, Z, c.levelsArg === null ? {} : { levels: c.levelsArg });
      expect(ours.map((l) => l.level)).toEqual(c.levels);
      ours.forEach((l, k) => {
        const want = c.segments[k]!;
        // as many separate isolines per level, each through matplotlib's vertices
        expect(l.lines.length, `level ${l.level}`).toBe(want.lines);
        for (const p of want.points) {
          const d = Math.min(...l.lines.map((line) => distanceToPolyline(p, line)));
          expect(d, `level ${l.level}: matplotlib's vertex ${p}`).toBeLessThan(1e-9);
        }
        // viridis over the levels, as matplotlib colours them
        const rgb = [1, 3, 5].map((i) => parseInt(l.color.slice(i, i + 2), 16) / 255);
        rgb.forEach((v, i) => expect(Math.abs(v - c.colors[k]![i]!)).toBeLessThanOrEqual(1 / 255 + 1e-9));
      });
    });
  }
});

describe("contour", () => {
  const c = golden.contours[0]!;
  const { X1, X2, Z } = mesh(c.x1, c.x2, FUNCS[c.name]!);

  test("the axes fit the grid tightly, as matplotlib's; one path per isoline; a single colour", async () => {
    const spec = contourSpec(X1, X2, Z, { colors: "#1f77b4" });
    const x = ((spec.layer as Record<string, any>[])[0]!.encoding as Record<string, any>).x;
    expect(x.scale.domain).toEqual(c.xlim);
    const svg = await contour(X1, X2, Z, { colors: "#1f77b4" });
    const paths = svg.match(/<path[^>]*stroke="#1f77b4"[^>]*>/g) ?? [];
    expect(paths).toHaveLength(c.segments.reduce((n, s) => n + s.lines, 0));
    expect(svg).not.toMatch(/stroke="#(?!1f77b4|000000|ffffff)[0-9a-f]{6}"[^>]*d="M/);
  });

  test("tensors (tolist) and explicit levels; a level outside the data draws nothing", () => {
    const t = (v: unknown) => ({ tolist: () => v });
    const lines = contourLines(t(X1), t(X2), t(Z), { levels: [1, 2, 1000] });
    // the ellipse at 2 leaves the grid twice (top and right), so it is cut into two arcs
    expect(lines.map((l) => l.lines.length)).toEqual([1, 2, 0]);
  });

  test("colors: one per level, a shorter list repeats; C0-C9 and one-letter colors", () => {
    const lines = contourLines(X1, X2, Z, { levels: [1, 2, 3], colors: ["k", "C1"] });
    expect(lines.map((l) => l.color)).toEqual(["#000000", "#ff7f0e", "#000000"]);
    expect(() => contourLines(X1, X2, Z, { colors: [] })).toThrow(/argument 'colors' must be a color string or a non-empty array/);
    expect(() => contourLines(X1, X2, Z, { colors: ["k", 3] as never })).toThrow(/argument 'colors\[1\]' must be a color string/);
  });

  test("a closed isoline ends where it starts: x² + y² = 1", () => {
    const g = Array.from({ length: 21 }, (_, i) => -2 + i * 0.2);
    const m = mesh(g, g, (a, b) => a * a + b * b);
    const [circle] = contourLines(m.X1, m.X2, m.Z, { levels: [1] });
    expect(circle!.lines).toHaveLength(1);
    const line = circle!.lines[0]!;
    expect(line[0]).toEqual(line[line.length - 1]);
    for (const [x, y] of line) expect(Math.hypot(x, y)).toBeCloseTo(1, 1);
  });

  test("1-D x along Z's columns and y along its rows, as matplotlib allows", () => {
    const xs = [0, 1, 2, 3];
    const ys = [0, 10, 20];
    const z = ys.map((v) => xs.map((u) => u + v / 10)); // (3, 4)
    const [l] = contourLines(xs, ys, z, { levels: [1.5] });
    // u + v/10 = 1.5: from (1.5, 0) to (0.5, 10)... down to (-0.5, 20) outside, so it leaves at x = 0, y = 15
    expect(l!.lines).toHaveLength(1);
    for (const [u, v] of l!.lines[0]!) expect(u + v / 10).toBeCloseTo(1.5, 12);
    expect(() => contourLines(xs, [[0]], z)).toThrow(/Number of dimensions of x \(1\) and y \(2\) do not match/);
    expect(() => contourLines([0, 1], ys, z)).toThrow(/Length of x \(2\) must match number of columns in z \(4\)/);
  });

  test("NaN cells are skipped", () => {
    const z = [[0, 1, 2], [0, NaN, 2], [0, 1, 2]];
    const xy = [[0, 1, 2], [0, 1, 2], [0, 1, 2]];
    const [l] = contourLines(xy, xy.map((r, i) => r.map(() => i)), z, { levels: [0.5] });
    expect(l!.lines.flat()).toHaveLength(0);
  });

  test("bad input", () => {
    expect(() => contourSpec(X1, X2, [[1, 2], [3, 4]])).toThrow(new TypeError(`contour(): Shapes of x (${c.x1.length}, ${c.x2.length}) and z (2, 2) do not match`));
    expect(() => contourSpec([[1]], [[1]], [[1]])).toThrow(/at least a \(2, 2\) shaped array/);
    expect(() => contourSpec(X1, X2, Z, { levels: [2, 1] })).toThrow(/Contour levels must be increasing/);
    expect(() => contourSpec(X1, X2, Z, { levels: -1 })).toThrow(/levels must be a non-negative integer/);
    expect(() => contourSpec(X1, X2, Z, { levels: 0 })).not.toThrow(); // matplotlib accepts 0 (MaxNLocator(1))
    expect(() => contourSpec(X1, X2, Z, { levels: ["1"] as never })).toThrow(/argument 'levels' must be an integer or an array/);
    expect(() => contourSpec(X1, X2, Z, { colors: "#12" })).toThrow(/Invalid RGBA argument: '#12'/);
    expect(() => contourSpec(X1, X2, Z, { colors: "blue" })).toThrow(/Invalid RGBA argument: 'blue'/);
    expect(() => contourSpec(X1, X2, Z, { color: "k" } as never)).toThrow(/unknown option 'color' \(did you mean 'colors'\?\)/);
    expect(() => contourSpec(X1, X2, Z, { figsize: [-1, 2] })).toThrow(/figure size must be positive finite/);
    expect(() => contourSpec(1 as never, X2, Z)).toThrow(/contour\(\): argument 'X' \(position 1\)/);
    expect(() => contourSpec(X1, X2, Z, { linewidths: 0 })).toThrow(/argument 'linewidths' must be a positive number/);
  });
});
