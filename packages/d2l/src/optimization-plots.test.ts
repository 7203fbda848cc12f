import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { afterEach, vi } from "vitest";
import { showTrace, showTrace2d, trace2dSvg, traceSvg } from "./optimization-plots";

describe("showTrace", () => {
  it("draws the curve over [-n, n) and the visited points", async () => {
    const svg = await traceSvg([10, 6, 3.6, 2.16], (x) => x.pow(2));
    expect(svg).toContain("<svg");
    expect(svg).toContain("f(x)");
    // the x axis reaches ±10 (n = max |x|), and the points are circles
    expect(svg).toMatch(/>[−-]10</);
    expect(svg).toMatch(/d="M4,0A4,4[^"]*" fill="#ff7f0e"/);
  });

  it("checks its arguments", async () => {
    await expect(traceSvg([], (x) => x)).rejects.toThrow(/showTrace\(\): argument 'results'/);
    await expect(traceSvg([1, NaN], (x) => x)).rejects.toThrow(/argument 'results'/);
    await expect(traceSvg([1, 2], "x^2" as never)).rejects.toThrow(/argument 'f'/);
    await expect(traceSvg([1, 2], (() => 3) as never)).rejects.toThrow(/returning a tensor/);
    expect(torch.tensor([1]).shape).toEqual([1]);
  });
});

describe("showTrace2d (trace2dSvg)", () => {
  afterEach(() => vi.restoreAllMocks());
  const f = (x1: torch.Tensor, x2: torch.Tensor) => x1.pow(2).add(x2.pow(2).mul(2));
  const results: [number, number][] = [[-5, -2], [-4, -1.2], [-3.2, -0.72]];

  it("draws f's contour lines in #1f77b4 and the trajectory '-o' in #ff7f0e", async () => {
    const svg = await trace2dSvg(f, results);
    expect(svg).toContain("<svg");
    expect(svg).toContain(">x1<");
    expect(svg).toContain(">x2<");
    expect(svg).toMatch(/stroke="#1f77b4"/);
    expect(svg).toMatch(/d="M4,0A4,4[^"]*" fill="#ff7f0e"/);
    // the axes span the meshgrid [-5.5, 1.0) x [-3.0, 1.0)
    expect(svg).toMatch(/>[−-]5</);
  });

  it("checks its arguments", async () => {
    await expect(trace2dSvg("f" as never, results)).rejects.toThrow(/showTrace2d\(\): argument 'f'/);
    await expect(trace2dSvg(f, [])).rejects.toThrow(/argument 'results'/);
    await expect(trace2dSvg(f, [[1, NaN]])).rejects.toThrow(/argument 'results'/);
    await expect(trace2dSvg(f, [[1, 2, 3]] as never)).rejects.toThrow(/argument 'results'/);
    await expect(trace2dSvg(() => torch.ones(2), results)).rejects.toThrow(/grid's shape/);
  });

  it("outside a notebook both print one line instead of drawing", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await showTrace2d(f, results);
    await showTrace([10, 6], (x) => x.pow(2));
    expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
      "showTrace2d: 3 points from (-5,-2) to (-3.2,-0.72) (no notebook display here)",
      "showTrace: 2 points from x = 10 to x = 6 (no notebook display here)",
    ]);
  });
});
