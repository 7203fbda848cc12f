import { afterEach, expect, test, vi } from "vitest";
import { renderSvg, uniquifyIds } from "./render";
import { PlotError } from "./errors";

const points = {
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
  mark: "point",
  encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
};
// vega-lite warns: "zero" does not work with a log scale.
const warns = { ...points, encoding: { ...points.encoding, x: { field: "a", type: "quantitative", scale: { type: "log", zero: true } } } };

afterEach(() => vi.restoreAllMocks());

test("renders any Vega-Lite spec to SVG, headlessly", async () => {
  const svg = await renderSvg({ ...points, width: 200, height: 100 });
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg).toMatch(/class="mark-symbol role-mark/);
  expect(svg.match(/<path[^>]*role="graphics-symbol"[^>]*aria-roledescription="point"/g) ?? svg.match(/mark-symbol/g)).not.toBeNull();
});

test("warnings are errors by default, and nothing is printed (tslab shows stderr as a failure)", async () => {
  const warn = vi.spyOn(console, "warn");
  const error = vi.spyOn(console, "error");
  await expect(renderSvg(warns)).rejects.toThrow(PlotError);
  await expect(renderSvg(warns)).rejects.toThrow(/renderSvg: .*zero.*log scale/);
  const seen: string[] = [];
  const svg = await renderSvg(warns, { onWarning: (m) => seen.push(m) });
  expect(svg.startsWith("<svg")).toBe(true);
  expect(seen.length).toBeGreaterThan(0);
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();
});

test("a spec vega-lite cannot compile is a PlotError", async () => {
  await expect(renderSvg({ data: { values: [] }, mark: "no-such-mark" })).rejects.toThrow(PlotError);
});

test("ids get a content-derived prefix and every reference follows", () => {
  const a = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>';
  const b = a.replace("<rect/>", "<rect width=\"2\"/>");
  const ua = uniquifyIds(a);
  const ub = uniquifyIds(b);
  const idA = /id="([^"]+)"/.exec(ua)![1]!;
  expect(idA).toMatch(/^p[0-9a-f]{8}-c1$/);
  expect(ua).toContain(`url(#${idA})`);
  expect(ua).toContain(`href="#${idA}"`);
  expect(/id="([^"]+)"/.exec(ub)![1]).not.toBe(idA);
  expect(uniquifyIds(a)).toBe(ua);
  // vega's per-process numbering does not leak into the output.
  expect(uniquifyIds(a.replaceAll("clip1", "clip9"))).toBe(ua);
  expect(uniquifyIds("<svg><g/></svg>")).toBe("<svg><g/></svg>");
});
