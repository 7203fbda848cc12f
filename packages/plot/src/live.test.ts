import { describe, expect, it } from "vitest";
import { LivePlot } from "./live";
import { plot, type PlotOptions } from "./plot";

/** Draws growing series point by point through one LivePlot and checks each SVG against plot()'s. */
async function grow(options: PlotOptions, X: number[][], Y: number[][]): Promise<LivePlot> {
  const fig = new LivePlot(options);
  const xs: number[][] = X.map(() => []);
  const ys: number[][] = Y.map(() => []);
  for (let i = 0; i < X[0]!.length; i++) {
    X.forEach((x, k) => {
      xs[k]!.push(x[i]!);
      ys[k]!.push(Y[k]![i]!);
    });
    expect(await fig.draw(xs, ys)).toBe(await plot(xs, ys, options));
  }
  fig.finalize();
  return fig;
}

const epochs = Array.from({ length: 8 }, (_, i) => i + 1);
const curves = [epochs.map((e) => 1 / e), epochs.map((e) => 0.5 + 0.04 * e), epochs.map((e) => 0.45 + 0.045 * e)];

describe("LivePlot", () => {
  it("gives plot()'s SVG at every step, compiling once when limits are fixed", async () => {
    const fig = await grow({ xlabel: "epoch", xlim: [1, 8], ylim: [0, 1.1], legend: ["train loss", "train acc", "test acc"], legendLoc: "top-right" }, [epochs, epochs, epochs], curves);
    expect(fig.builds).toBe(1);
  });

  it("follows automatic limits, fmts, best legend corners", async () => {
    const fig = await grow({ legend: ["a", "b"], fmts: ["b-o", "r:"] }, [epochs, epochs], [curves[0]!, curves[1]!]);
    expect(fig.builds).toBeGreaterThan(1); // the automatic limits move with the data
  });

  it("log scales, NaN and missing points", async () => {
    const y = epochs.map((e) => (e === 3 ? NaN : e === 5 ? 0 : 10 ** e));
    await grow({ yscale: "log", xlim: [1, 8], ylim: [1, 1e9], legend: ["train", "test"] }, [epochs, epochs], [y, y.map((v) => v * 2)]);
  });

  it("series appearing later, a different data shape and a new legend", async () => {
    const fig = new LivePlot({ fmts: ["-", "m--", "g-."], xlim: [0, 4], ylim: [0, 4] });
    for (const [X, Y] of [
      [[[1]], [[1]]],
      [[[1, 2], [2]], [[1, 2], [3]]],
      [[[1, 2, 3], [2, 3], [0.5]], [[1, 2, 3], [3, 1], [0.5]]],
      [[[3]], [[2]]],
    ] as [number[][], number[][]][]) {
      expect(await fig.draw(X, Y)).toBe(await plot(X, Y, { fmts: ["-", "m--", "g-."], xlim: [0, 4], ylim: [0, 4] }));
    }
    fig.finalize();
  });

  it("reports plot()'s errors", async () => {
    const fig = new LivePlot({ legend: ["a", "b"] });
    await expect(fig.draw([[1, 2]], [[1, 2]])).rejects.toThrow(/^LivePlot.draw\(\): legend has 2 labels for 1 series/);
    expect(() => new LivePlot({ xlimit: [0, 1] } as PlotOptions)).toThrow(/LivePlot.*xlimit/);
    expect(() => new LivePlot({ xscale: "symlog" } as never)).toThrow(/^LivePlot\(\): 'symlog' is not a valid value for xscale/);
    await expect(fig.draw("x" as never)).rejects.toThrow(/LivePlot/);
  });
});
