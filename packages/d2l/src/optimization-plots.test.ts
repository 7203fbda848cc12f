import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { traceSvg } from "./optimization-plots";

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
