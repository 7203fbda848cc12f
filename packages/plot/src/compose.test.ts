import { describe, expect, test } from "vitest";
import { layer, layerSpec, panels, panelsSpec } from "./compose";
import { contourSpec } from "./contour";
import { plotSpec, scatterSpec } from "./plot";
import { imshowSpec } from "./image";
import { PlotError } from "./errors";

const a = Array.from({ length: 65 }, (_, i) => -5.5 + i * 0.1);
const b = Array.from({ length: 40 }, (_, j) => -3 + j * 0.1);
const X1 = a.map((u) => b.map(() => u));
const X2 = a.map(() => b.map((v) => v));
const Z = a.map((u) => b.map((v) => u * u + 2 * v * v));
// d2l 11.3: gradient descent on x1² + 2 x2² from (-5, -2), eta = 0.1
const trace: [number, number][] = [[-5, -2]];
for (let k = 0; k < 20; k++) {
  const [x1, x2] = trace[trace.length - 1]!;
  trace.push([x1 - 0.2 * x1, x2 - 0.4 * x2]);
}
const traceSpec = () => plotSpec(trace.map((p) => p[0]), trace.map((p) => p[1]), { fmts: ["-oC1"] });

/** Every x (or y) scale domain in a spec tree. */
function domains(node: unknown, ch: "x" | "y", out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => domains(n, ch, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "encoding" && (v as any)[ch]?.scale?.domain) out.push((v as any)[ch].scale.domain);
      else domains(v, ch, out);
    }
  }
  return out;
}

describe("layer", () => {
  test("d2l's show_trace_2d: the trajectory ('-o', #ff7f0e) over the contour, on one pair of tight axes", async () => {
    const spec = layerSpec([traceSpec(), contourSpec(X1, X2, Z, { colors: "#1f77b4" })], { xlabel: "x1", ylabel: "x2" });
    const xs = domains(spec, "x");
    expect(xs.length).toBeGreaterThanOrEqual(2);
    // matplotlib's axes after plt.plot + plt.contour: exactly the grid (contour autoscales tightly)
    for (const d of xs) expect(d).toEqual([-5.5, a[64]]);
    for (const d of domains(spec, "y")) expect(d).toEqual([-3, b[39]]);
    const svg = await layer([traceSpec(), contourSpec(X1, X2, Z, { colors: "#1f77b4" })], { xlabel: "x1", ylabel: "x2" });
    expect(svg.match(/<path[^>]*stroke="#ff7f0e"/g)!.length).toBeGreaterThanOrEqual(21); // the line and 21 markers
    expect(svg.match(/<path[^>]*stroke="#1f77b4"/g)!.length).toBe(7); // one path per isoline
    expect(svg).toContain(">x1<");
    expect(svg).toContain(">x2<");
    expect(svg).not.toContain("role-axis-grid"); // plt.contour draws no grid
  });

  test("without a contour the union of the data gets matplotlib's 5% margins; xlim wins; legends stay", async () => {
    const spec = layerSpec([plotSpec([0, 1], [0, 1], { legend: ["a"] }), scatterSpec([2, 3], [5, 6])]);
    const [lo, hi] = domains(spec, "x")[0] as number[];
    expect(lo).toBeCloseTo(-0.15, 12);
    expect(hi).toBeCloseTo(3.15, 12);
    expect(domains(layerSpec([plotSpec([0, 1], [0, 1]), plotSpec([0, 5], [0, 1])], { xlim: [0, 2] }), "x")[0]).toEqual([0, 2]);
    const svg = await layer([plotSpec([0, 1], [0, 1], { legend: ["a"] }), plotSpec([0, 1], [1, 0], { fmts: ["r--"], legend: ["b"] })]);
    expect(svg).toContain(">a<");
    expect(svg).toContain(">b<");
  });

  test("log axes carry through; layers disagreeing on the scale are an error", async () => {
    const svg = await layer([plotSpec([1, 2, 3], [1, 10, 100], { yscale: "log" }), plotSpec([1, 3], [5, 50], { yscale: "log", fmts: ["r:"] })]);
    expect(svg).toContain(">10\u00b9<");
    expect(() => layerSpec([plotSpec([1, 2], [1, 10], { yscale: "log" }), plotSpec([1, 2], [1, 2])])).toThrow(new PlotError("layer(): the layers disagree on the y scale (log, linear)"));
  });

  test("a heat map under a contour: imshow's extent sets the limits", async () => {
    const g = Array.from({ length: 21 }, (_, i) => -2 + i * 0.2);
    const Zs = g.map((v) => g.map((u) => u * u - v * v)); // row i at y = g[i]
    const heat = imshowSpec(Zs, { extent: [-2, 2, -2, 2], origin: "lower" });
    const xs = g.map(() => g);
    const ys = g.map((v) => g.map(() => v));
    const spec = layerSpec([contourSpec(xs, ys, Zs, { colors: "k" }), heat]);
    for (const d of domains(spec, "y")) expect(d).toEqual([-2, 2]);
    expect(JSON.stringify((spec.layer as unknown[])[0])).toContain('"type":"image"'); // drawn first, below the lines
    const svg = await layer([contourSpec(xs, ys, Zs, { colors: "k" }), heat]);
    expect(svg).toMatch(/<image[^>]*xlink:href="data:image\/png/);
    expect(svg.indexOf("<image")).toBeLessThan(svg.indexOf("mark-line"));
  });

  test("bad input", () => {
    expect(() => layerSpec(plotSpec([1, 2]) as never)).toThrow(/layer\(\): argument 'specs' \(position 1\) must be an array of specs/);
    expect(() => layerSpec([])).toThrow(/specs must not be empty/);
    expect(() => layerSpec([{ mark: "point" }])).toThrow(/argument 'specs\[0\]' must be a spec from plotSpec/);
    expect(() => layerSpec([traceSpec()], { xlable: "x" } as never)).toThrow(/unknown option 'xlable' \(did you mean 'xlabel'\?\)/);
    expect(() => layerSpec([traceSpec()], { xlim: [0, NaN] })).toThrow(/Axis limits cannot be NaN or Inf/);
  });
});

describe("panels", () => {
  const x = Array.from({ length: 50 }, (_, i) => -2 + (i * 4) / 49);
  const three = () => [plotSpec(x, x.map((v) => 0.5 * v * v)), plotSpec(x, x.map((v) => Math.cos(Math.PI * v))), plotSpec(x, x.map((v) => Math.exp(0.5 * v)), { yscale: "log" })];

  test("d2l 11.2: three functions side by side, each with its own axes", async () => {
    const svg = await panels(three(), { ncols: 3, figsize: [9, 3] });
    expect(svg.match(/class="mark-line role-mark/g)).toHaveLength(3);
    expect(svg.match(/role-axis-domain/g)).toHaveLength(6);
    const w = Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
    expect(w).toBeGreaterThan(800);
    expect(w).toBeLessThan(950);
  });

  test("rows of ncols; a panel may be a layer or an image; a title over all", () => {
    const spec = panelsSpec([...three(), layerSpec([traceSpec(), contourSpec(X1, X2, Z)]), imshowSpec([[0, 1], [1, 0]])], { ncols: 2, title: "five" });
    expect(spec.columns).toBe(2);
    expect(spec.concat as unknown[]).toHaveLength(5);
    expect(spec.title).toBe("five");
  });

  test("xlim and legends inside a panel", async () => {
    const svg = await panels([plotSpec([0, 1, 2], [0, 1, 4], { xlim: [0, 1], legend: ["sq"] }), plotSpec([0, 1], [1, 0])]);
    expect(svg).toContain(">sq<");
    expect(domains(panelsSpec([plotSpec([0, 1, 2], [0, 1, 4], { xlim: [0, 1] })]), "x")[0]).toEqual([0, 1]);
  });

  test("bad input", () => {
    expect(() => panelsSpec(three(), { ncols: 0 })).toThrow(new PlotError("panels(): Number of columns must be a positive integer, not 0"));
    expect(() => panelsSpec(three(), { ncol: 3 } as never)).toThrow(/unknown option 'ncol' \(did you mean 'ncols'\?\)/);
    expect(() => panelsSpec(["<svg/>"] as never)).toThrow(/argument 'specs\[0\]' must be a Vega-Lite spec/);
    expect(() => panelsSpec(three(), { figsize: [0, -1] })).toThrow(/figure size must be positive finite/);
  });
});
