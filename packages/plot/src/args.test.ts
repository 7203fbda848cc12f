/** The boundary checks of plot() and scatter(): option keys, and values as matplotlib checks them. */
import { TypeError, ValueError } from "@torchts/tensor/errors";
import { describe, expect, it } from "vitest";
import { OPTION_KEYS } from "./args";
import { PlotError, plotSpec, renderSvg, scatterSpec, show } from "./index";

const x = [0, 1, 2];
const y = [1, 3, 2];

describe("option keys", () => {
  it("a misspelt key names the key it resembles and every accepted key", async () => {
    expect(() => plotSpec(x, y, { xLabel: "x" } as never)).toThrowError(TypeError);
    expect(() => plotSpec(x, y, { xLabel: "x" } as never)).toThrowError(/plot\(\): unknown option 'xLabel' \(did you mean 'xlabel'\?\); plot\(\) accepts: xlabel, ylabel/);
    expect(() => plotSpec(y, { figSize: [3, 2] } as never)).toThrowError(/did you mean 'figsize'/);
    expect(() => scatterSpec(x, y, { colour: "r" } as never)).toThrowError(/scatter\(\): unknown option 'colour' \(did you mean 'color'\?\)/);
    expect(() => plotSpec(x, y, { hlines: [{ y: 1, fmat: "k--" }] } as never)).toThrowError(/unknown option 'fmat' \(did you mean 'fmt'\?\)/);
    await expect(renderSvg({}, { onwarning: () => {} } as never)).rejects.toThrowError(/did you mean 'onWarning'/);
    for (const [fn, keys] of Object.entries(OPTION_KEYS)) expect(new Set(keys).size, fn).toBe(keys.length);
  });
});

describe("values", () => {
  it("figsize must be two finite, non-negative numbers (matplotlib's ValueError)", () => {
    expect(() => plotSpec(x, y, { figsize: [-1, 0] })).toThrowError(PlotError);
    expect(() => plotSpec(x, y, { figsize: [-1, 0] })).toThrowError(ValueError);
    expect(() => plotSpec(x, y, { figsize: [-1, 0] })).toThrowError(/plot\(\): figure size must be positive finite not \[-1, 0\]/);
    expect(() => plotSpec(x, y, { figsize: [NaN, 2] })).toThrowError(/figure size must be positive finite/);
    expect(() => plotSpec(x, y, { figsize: [1, 2, 3] as never })).toThrowError(/figsize must hold two numbers, got 3/);
    expect(() => plotSpec(x, y, { figsize: 3 as never })).toThrowError(/argument 'figsize' must be an array of two numbers, not number/);
    expect(plotSpec(x, y, { figsize: [4, 3] }).width).toBe(384);
  });
  it("limits, scales, legend locations and labels", () => {
    expect(() => plotSpec(x, y, { xlim: [NaN, 1] })).toThrowError(/Axis limits cannot be NaN or Inf/);
    expect(() => plotSpec(x, y, { ylim: [0] as never })).toThrowError(/ylim must hold two numbers, got 1/);
    expect(() => plotSpec(x, y, { xscale: "bogus" as never })).toThrowError(/'bogus' is not a valid value for xscale; supported values are 'linear', 'log'/);
    expect(() => plotSpec(x, y, { legend: ["a"], legendLoc: "nowhere" as never })).toThrowError(/'nowhere' is not a valid value for legendLoc/);
    expect(() => plotSpec(x, y, { xlabel: 5 as never })).toThrowError(/argument 'xlabel' must be a string, not number/);
    expect(() => plotSpec(x, y, { legend: "a" as never })).toThrowError(/argument 'legend' must be an array of strings/);
    expect(() => plotSpec(x, y, { hlines: [{ y: "1" }] as never })).toThrowError(/argument 'hlines\[\].y' must be a number, not string/);
    expect(() => scatterSpec(x, y, { s: "a" as never })).toThrowError(/s must be a scalar/);
  });
  it("renderSvg and show check their arguments", async () => {
    await expect(renderSvg(undefined as never)).rejects.toThrowError(/renderSvg\(\): argument 'spec' \(position 1\)/);
    await expect(show(5 as never, { svg: () => {} })).rejects.toThrowError(/show\(\): argument 'svg' \(position 1\)/);
    await expect(show("<svg/>", {} as never)).rejects.toThrowError(/show\(\): argument 'display' \(position 2\)/);
  });
});
