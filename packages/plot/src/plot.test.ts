import { describe, expect, test } from "vitest";
import { plot, scatter } from "./plot";
import { PlotError } from "./errors";

/** The elements of one kind of vega mark (mark-line, mark-symbol, mark-rule) in an SVG. */
function marks(svg: string, kind: string): string[] {
  const groups = svg.match(new RegExp(`<g class="mark-${kind} role-mark[^]*?</g>`, "g")) ?? [];
  return groups.flatMap((g) => g.match(/<(path|line)[^>]*>/g) ?? []);
}

const x = Array.from({ length: 30 }, (_, i) => i / 10);
const f = (v: number) => 3 * v * v - 4 * v;

describe("plot", () => {
  test("d2l's tangent figure: two series, legend, axis titles, default size", async () => {
    const svg = await plot(x, [x.map(f), x.map((v) => 2 * v - 3)], { xlabel: "x", ylabel: "f(x)", legend: ["f(x)", "Tangent line (x=1)"] });
    expect(svg).toMatch(/^<svg[^>]* width="336" height="240"/);
    const lines = marks(svg, "line");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('stroke="#1f77b4"');
    expect(lines[1]).toContain('stroke="#bf00bf"');
    expect(lines[1]).toContain('stroke-dasharray="7.4,3.2"');
    // 30 points joined by one path each.
    expect(lines[0]!.match(/L/g)).toHaveLength(29);
    for (const text of [">x<", ">f(x)<", ">Tangent line (x=1)<"]) expect(svg).toContain(text);
  });

  test("tensors are read through tolist()", async () => {
    const t = (list: number[] | number[][]) => ({ tolist: () => list });
    const a = await plot(t(x), t([x.map(f)]));
    const b = await plot(x, [x.map(f)]);
    expect(a).toBe(b);
  });

  test("Y alone plots against 0, 1, 2, ...; output is deterministic", async () => {
    const a = await plot([3, 1, 2]);
    expect(a).toBe(await plot([0, 1, 2], [3, 1, 2]));
    expect(a).toBe(await plot([3, 1, 2], {}));
  });

  test("a dashed reference line spans the plot", async () => {
    const svg = await plot([0, 1, 2], [0.1, 0.2, 0.15], { hlines: [{ y: 1 / 6, fmt: "k--" }] });
    const rules = marks(svg, "rule");
    expect(rules).toHaveLength(1);
    expect(rules[0]).toContain('stroke="#000000"');
    expect(rules[0]).toContain('stroke-dasharray="7.4,3.2"');
  });

  test("markers and a log axis", async () => {
    const svg = await plot([1, 2, 3], [1, 100, 10000], { fmts: ["rs"], yscale: "log" });
    expect(marks(svg, "symbol")).toHaveLength(3);
    expect(marks(svg, "line")).toHaveLength(0);
    expect(svg).toContain(">10\u2074<");
  });

  test("marks are clipped to the axes when limits cut the data", async () => {
    const svg = await plot(x, x.map(f), { xlim: [0.5, 1.5] });
    expect(svg).toMatch(/mark-line role-mark[^>]*clip-path="url\(#p[0-9a-f]{8}-c\d+\)"/);
  });

  test("bad input rejects with a PlotError before rendering", async () => {
    await expect(plot([1, 2], [1, 2, 3])).rejects.toThrow(new PlotError("plot: series 0 has 2 x values but 3 y values"));
  });
});

describe("scatter", () => {
  test("one symbol per point in the given color", async () => {
    const svg = await scatter([1, 2, 3, 4], [4, 3, 2, 1], { color: "g", s: 20 });
    const symbols = marks(svg, "symbol");
    expect(symbols).toHaveLength(4);
    for (const s of symbols) expect(s).toContain('fill="#008000"');
  });
});
