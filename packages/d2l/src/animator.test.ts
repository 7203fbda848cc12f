import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "torchts";
import { DEFAULT_FMTS, plot } from "@torchts/plot";
import { Animator } from "./animator";

afterEach(() => vi.restoreAllMocks());

/** A display like tslab's newDisplay(): each svg() replaces the previous output. */
function fakeDisplay() {
  const shown: string[] = [];
  return { shown, svg: (s: string) => void shown.push(s) };
}


/** Each drawn series of an SVG: its colour and number of points (vega draws a line as one path). */
function series(svg: string): { color: string; points: number }[] {
  const re = /aria-roledescription="line mark container">(?:<g[^>]*>)*<path d="(M[^"]*)" stroke="([^"]+)"/g;
  return Array.from(svg.matchAll(re), (m) => ({ color: m[2], points: m[1].split(/[ML]/).length - 1 }));
}

describe("Animator", () => {
  it("redraws one display per add(), with every series and point so far", async () => {
    const display = fakeDisplay();
    const legend = ["train loss", "train acc", "test acc"];
    const animator = new Animator({ xlabel: "epoch", xlim: [1, 3], ylim: [0.3, 0.9], legend, display });
    const data = [[0.9, 0.6, 0.61], [0.6, 0.75, 0.74], [0.5, 0.81, 0.8]];
    for (let e = 0; e < 3; e++) await animator.add(e + 1, data[e]);
    expect(display.shown.length).toBe(3);
    expect(animator.draws).toBe(3);
    expect(animator.X).toEqual([[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
    expect(animator.Y).toEqual([[0.9, 0.6, 0.5], [0.6, 0.75, 0.81], [0.61, 0.74, 0.8]]);
    const last = display.shown[2];
    expect(last.startsWith("<svg")).toBe(true);
    for (const label of [...legend, "epoch"]) expect(last).toContain(label);
    expect(last).toBe(await animator.svg());
    // d2l's fmts "-", "m--", "g-.": three lines of three points in C0, magenta, green
    expect(series(last)).toEqual([{ color: "#1f77b4", points: 3 }, { color: "#bf00bf", points: 3 }, { color: "#008000", points: 3 }]);
    expect(series(display.shown[0]).map((s) => s.points)).toEqual([1, 1, 1]);
    // the first draw had one point per series, the last three: the figure grew
    expect(last.length).toBeGreaterThan(display.shown[0].length);
  });

  it("every add() draws the whole figure: each SVG equals a fresh plot() of the points so far", async () => {
    const display = fakeDisplay();
    const legend = ["train loss", "train acc", "test acc"];
    const animator = new Animator({ xlabel: "epoch", ylim: [0, 1.2], legend, display });
    const X: number[][] = [[], [], []];
    const Y: number[][] = [[], [], []];
    for (let e = 1; e <= 6; e++) {
      const ys = [1 / e, 0.5 + e / 20, e === 3 ? NaN : 0.45 + e / 20];
      await animator.add(e, ys);
      ys.forEach((v, k) => (X[k]!.push(e), Y[k]!.push(v)));
      expect(display.shown.at(-1)).toBe(await plot(X, Y, { xlabel: "epoch", ylim: [0, 1.2], legend, fmts: DEFAULT_FMTS, figsize: [3.5, 2.5] }));
    }
    expect(display.shown.length).toBe(6);
  });

  it("draws in order even when add() is not awaited", async () => {
    const display = fakeDisplay();
    const animator = new Animator({ legend: ["a"], display });
    const pending = [1, 2, 3, 4].map((k) => animator.add(k, k * k));
    await Promise.all(pending);
    expect(display.shown.length).toBe(4);
    expect(display.shown[3]).toBe(await animator.svg());
  });

  it("skips null values per series, as d2l skips None; takes one-element tensors", async () => {
    const display = fakeDisplay();
    const animator = new Animator({ display });
    await animator.add(1, [0.5, null]);
    await animator.add([2, 2], [torch.tensor(0.4), torch.tensor([0.3])]);
    expect(animator.X).toEqual([[1, 2], [2]]);
    expect(animator.Y![1][0]).toBeCloseTo(0.3, 6);
  });

  it("draws values outside ylim (a first-epoch loss of 1.5) and zeros on a log axis, as matplotlib does", async () => {
    const display = fakeDisplay();
    const a = new Animator({ xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"], display });
    await a.add(1, [1.5, 0.2, 0.25]);
    await a.add(2, [0.95, 0.5, 0.6]);
    const b = new Animator({ yscale: "log", legend: ["train", "test"], display });
    await b.add(1, [1e-3, 0]);
    expect(display.shown.length).toBe(3);
  });

  it("prints one line per add() when there is no display (plain Node)", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const animator = new Animator({ xlabel: "epoch", legend: ["train loss", "test acc"], display: null });
    await animator.add(1, [0.51234, 0.8]);
    await animator.add(2, [null, 0.0000123]);
    expect(log.mock.calls.map((c) => c[0])).toEqual(["epoch 1: train loss 0.5123, test acc 0.8", "epoch 2: test acc 1.23e-05"]);
    expect(animator.draws).toBe(0);
    expect(await animator.svg()).toContain("test acc"); // the figure is still there on request
  });

  it("finds no tslab kernel under vitest, so defaults to text lines", () => {
    expect(new Animator().display).toBeNull();
  });

  it("checks its arguments", async () => {
    expect(() => new Animator({ xlable: "epoch" } as never)).toThrow(/Animator\(\): unknown option 'xlable' \(did you mean 'xlabel'\?\)/);
    expect(() => new Animator({ xscale: "logit" as never })).toThrow(/Animator\(\): "logit" is not a valid value for xscale|'logit' is not a valid value/);
    expect(() => new Animator({ fmts: ["q"] })).toThrow(/Animator\(\)/);
    expect(() => new Animator({ fmts: "r-" as never })).toThrow(/argument 'fmts'/);
    expect(() => new Animator({ nrows: 0 })).toThrow(/positive integers/);
    expect(() => new Animator({ display: {} as never })).toThrow(/argument 'display'/);
    expect(() => new Animator({ xlim: [0, NaN] })).toThrow(/Animator\(\)/);
    const animator = new Animator({ display: fakeDisplay() });
    await animator.add(1, [1, 2]);
    expect(() => animator.add(2, [1, 2, 3])).toThrow(/draws 2 series \(fixed by the first add\(\)\), got 3/);
    expect(() => animator.add([1, 2, 3], [1, 2])).toThrow(/3 x values for 2 y values/);
    expect(() => animator.add(2, ["1", 2] as never)).toThrow(/Animator.add\(\): argument 'y\[0\]' must be a number/);
    expect(() => animator.add(2, [torch.ones(2), 2])).toThrow(/one-element Tensor/);
  });
});
