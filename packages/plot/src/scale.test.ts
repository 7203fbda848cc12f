import { expect, test } from "vitest";
import fc from "fast-check";
import { axisDomain, drawable } from "./scale";
import { PlotError } from "./errors";

test("data range plus 5% margins, like matplotlib", () => {
  expect(axisDomain([0, 10], "linear", undefined, "xlim")).toEqual({ domain: [-0.5, 10.5], reverse: false });
  const log = axisDomain([1, 100, -5, 0], "log", undefined, "ylim");
  expect(log.domain[0]).toBeCloseTo(10 ** -0.1);
  expect(log.domain[1]).toBeCloseTo(10 ** 2.1);
});

test("limits win; a reversed limit flips the axis", () => {
  expect(axisDomain([0, 10], "linear", [2, 3], "xlim")).toEqual({ domain: [2, 3], reverse: false });
  expect(axisDomain([0, 10], "linear", [3, 2], "xlim")).toEqual({ domain: [2, 3], reverse: true });
});

test("degenerate data still gives a non-empty domain", () => {
  expect(axisDomain([], "linear", undefined, "x")).toEqual({ domain: [0, 1], reverse: false });
  expect(axisDomain([NaN, Infinity], "log", undefined, "x")).toEqual({ domain: [1, 10], reverse: false });
  expect(axisDomain([0, 0], "linear", undefined, "x").domain).toEqual([-0.05, 0.05]);
  expect(axisDomain([4], "linear", undefined, "x").domain).toEqual([3.8, 4.2]);
});

test("bad limits are rejected", () => {
  expect(() => axisDomain([1], "linear", [1, 1], "plot: xlim")).toThrow(new PlotError("plot: xlim must be two different finite numbers; got [1, 1]"));
  expect(() => axisDomain([1], "log", [0, 1], "plot: ylim")).toThrow(new PlotError("plot: ylim must be positive on a log scale; got [0, 1]"));
  expect(() => axisDomain([1], "linear", [NaN, 1], "plot: xlim")).toThrow(PlotError);
});

test("the domain contains every drawable value", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.constantFrom("linear" as const, "log" as const), (vs, scale) => {
      const { domain } = axisDomain(vs, scale, undefined, "x");
      expect(domain[0]).toBeLessThan(domain[1]);
      for (const v of vs) if (drawable(v, scale)) expect(v >= domain[0] && v <= domain[1]).toBe(true);
    }),
  );
});
