import { describe, expect, test } from "vitest";
import { plotSpec, scatterSpec } from "./plot";
import { PlotError } from "./errors";

const layers = (spec: any) => spec.layer as any[];
const rowsOf = (spec: any) => spec.data.values as { s: string; g: string; i: number; x: number; y: number }[];

describe("plotSpec", () => {
  test("one line layer per series with d2l's default formats, one shared color legend", () => {
    const spec = plotSpec([0, 1, 2], [[0, 1, 4], [0, 2, 4], [1, 1, 1], [2, 2, 2]], { legend: ["a", "b", "c", "d"] }) as any;
    const ls = layers(spec);
    expect(ls.map((l) => l.mark.type)).toEqual(["line", "line", "line", "line"]);
    expect(ls.map((l) => l.mark.strokeDash.map((d: number) => +d.toFixed(2)))).toEqual([[1, 0], [7.4, 3.2], [12.8, 3.2, 2, 3.2], [2, 3.3]]);
    expect(ls[0].encoding.color.scale.range).toEqual(["#1f77b4", "#bf00bf", "#008000", "#ff0000"]);
    expect(ls[0].encoding.color.legend.values).toEqual(["0", "1", "2", "3"]);
    // Every layer carries the same color definition, so Vega-Lite merges them into one legend.
    for (const l of ls) expect(l.encoding.color).toEqual(ls[0].encoding.color);
  });

  test("figsize is in inches at 96 px; the default is d2l's 3.5 x 2.5", () => {
    expect(plotSpec([1, 2]) as any).toMatchObject({ width: 336, height: 240 });
    expect(plotSpec([1, 2], { figsize: [6, 4.5] }) as any).toMatchObject({ width: 576, height: 432 });
  });

  test("colorless formats take matplotlib's cycle in order; a single fmt applies to all", () => {
    const spec = plotSpec([[1, 2], [2, 3], [3, 4]], { fmts: "-" }) as any;
    expect(layers(spec)[0].encoding.color.scale.range).toEqual(["#1f77b4", "#ff7f0e", "#2ca02c"]);
    const mixed = plotSpec([[1, 2], [2, 3], [3, 4]], { fmts: ["-", "r-", "--"] }) as any;
    expect(layers(mixed)[0].encoding.color.scale.range).toEqual(["#1f77b4", "#ff0000", "#ff7f0e"]);
  });

  test("series past the given fmts are solid lines", () => {
    const spec = plotSpec([[1, 2], [2, 3], [3, 4]], { fmts: ["r:"] }) as any;
    expect(layers(spec).map((l) => l.mark.strokeDash.length)).toEqual([2, 2, 2]);
    expect(layers(spec)[1].mark.strokeDash).toEqual([1, 0]);
  });

  test("markers: a point layer; with a line style, a line layer too", () => {
    const spec = plotSpec([[1, 2], [2, 3]], { fmts: ["o", "rs-"] }) as any;
    expect(layers(spec).map((l) => l.mark.type)).toEqual(["point", "line", "point"]);
    expect(layers(spec)[0].transform).toEqual([{ filter: { field: "s", equal: "0" } }]);
    expect(layers(spec)[2].mark).toMatchObject({ stroke: "#ff0000", filled: true, fillOpacity: 1 });
  });

  test("no legend option, no legend; a short legend leaves the rest out", () => {
    expect(layers(plotSpec([[1, 2], [2, 3]]))[0].encoding.color.legend).toBeNull();
    expect(layers(plotSpec([[1, 2], [2, 3]], { legend: ["first"] }))[0].encoding.color.legend.values).toEqual(["0"]);
    expect(() => plotSpec([1, 2], { legend: ["a", "b"] })).toThrow(new PlotError("plot: legend has 2 labels for 1 series"));
  });

  test("labels, limits, scales and title reach the axes", () => {
    const spec = plotSpec([1, 2, 3], [10, 100, 1000], { xlabel: "x", ylabel: "f(x)", xlim: [3, 0], yscale: "log", title: "t" }) as any;
    const l = layers(spec)[0];
    expect(spec.title).toBe("t");
    expect(l.encoding.x.axis.title).toBe("x");
    expect(l.encoding.y.axis.title).toBe("f(x)");
    expect(l.encoding.x.scale).toEqual({ type: "linear", domain: [0, 3], reverse: true, nice: false, zero: false });
    expect(l.encoding.y.scale.type).toBe("log");
    expect(l.encoding.y.axis.values).toEqual([10, 100, 1000]);
    expect(l.encoding.y.axis.labelExpr).toBe('{"10":"10\u00b9","100":"10\u00b2","1000":"10\u00b3"}[datum.value]');
    expect(l.mark.clip).toBe(true);
  });

  test("points that cannot be drawn break the line instead of joining across", () => {
    const spec = plotSpec([0, 1, 2, 3, 4], [1, NaN, 2, 3, Infinity]) as any;
    expect(rowsOf(spec).map((r) => [r.x, r.g])).toEqual([[0, "0:0"], [2, "0:1"], [3, "0:1"]]);
    const log = plotSpec([0, 1, 2, 3], [1, -1, 0, 5], { yscale: "log" }) as any;
    expect(rowsOf(log).map((r) => [r.x, r.g])).toEqual([[0, "0:0"], [3, "0:2"]]);
  });

  test("lines join points in the given order, not sorted by x", () => {
    const spec = plotSpec([3, 1, 2], [0, 1, 2]) as any;
    expect(layers(spec)[0].encoding.order).toEqual({ field: "i", type: "quantitative" });
    expect(rowsOf(spec).map((r) => r.i)).toEqual([0, 1, 2]);
  });

  test("reference lines are rules with their own color and dash, inside the domain", () => {
    const spec = plotSpec([0, 1], [0.1, 0.2], { hlines: [{ y: 1 / 6 }], vlines: [{ x: 2, fmt: "r:" }] }) as any;
    const rules = layers(spec).filter((l) => l.mark.type === "rule");
    expect(rules).toHaveLength(2);
    expect(rules[0].mark.color).toBe("#000000");
    expect(rules[0].mark.strokeDash.map((d: number) => +d.toFixed(2))).toEqual([7.4, 3.2]);
    expect(rules[0].encoding.y.datum).toBeCloseTo(1 / 6);
    expect(rules[1]).toMatchObject({ mark: { color: "#ff0000" }, encoding: { x: { datum: 2 } } });
    expect(layers(spec)[0].encoding.x.scale.domain[1]).toBeGreaterThan(2);
    expect(() => plotSpec([1], { hlines: [{ y: NaN }] })).toThrow(/plot: a hline needs a finite y/);
    expect(() => plotSpec([1], { hlines: [{ y: 0, fmt: "o" }] })).toThrow(/needs a line style/);
  });
});

describe("scatterSpec", () => {
  test("one point layer; s is matplotlib's area in pt^2", () => {
    const spec = scatterSpec([1, 2, 3], [3, 1, 2], { s: 9, color: "r", label: "pts" }) as any;
    expect(layers(spec)).toHaveLength(1);
    expect(layers(spec)[0].mark).toMatchObject({ type: "point", size: 16, stroke: "#ff0000" });
    expect(layers(spec)[0].encoding.color.legend.values).toEqual(["0"]);
  });
  test("bad input is rejected", () => {
    // flattened as matplotlib's scatter (np.ravel): a column of n values is n points
    expect(scatterSpec([[1], [2]], [[3], [4]])).toEqual(scatterSpec([1, 2], [3, 4]));
    expect(() => scatterSpec([[1, 2]], [[1], [2], [3]])).toThrow(new PlotError("scatter: x and y must be the same size (2 and 3 values)"));
    expect(() => scatterSpec([1], [1], { s: -1 })).toThrow(/scatter: s must be a non-negative number/);
    expect(() => scatterSpec([1], [1], { marker: "-" })).toThrow(/scatter: marker must be one matplotlib marker character/);
    expect(() => scatterSpec([1], [1], { color: "o" })).toThrow(/scatter: color must be/);
  });
});
