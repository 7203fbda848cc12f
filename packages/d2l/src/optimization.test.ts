import { afterEach, describe, expect, it, vi } from "vitest";
import { TypeError as TorchTypeError, ValueError } from "@torchts/tensor";
import { train2d, type FGrad2d, type Trainer2d } from "./optimization";

// d2l 11.3's f(x) = x1² + 2·x2² and 11.6's f(x) = 0.1·x1² + 2·x2²
const fGrad2d: FGrad2d = (x1, x2) => [2 * x1, 4 * x2];
const gd2d: Trainer2d = (x1, x2, _s1, _s2, fGrad) => {
  const [g1, g2] = fGrad!(x1, x2);
  return [x1 - 0.1 * g1, x2 - 0.1 * g2, 0, 0];
};
const momentum2d: Trainer2d = (x1, x2, v1, v2) => {
  v1 = 0.5 * v1 + 0.2 * x1;
  v2 = 0.5 * v2 + 4 * x2;
  return [x1 - 0.4 * v1, x2 - 0.4 * v2, v1, v2];
};

describe("train2d", () => {
  afterEach(() => vi.restoreAllMocks());

  it("gradient descent with eta 0.1 scales x1 by 0.8 and x2 by 0.6 per step, and prints d2l's line", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const results = train2d(gd2d, 20, fGrad2d);
    expect(results).toHaveLength(21);
    expect(results[0]).toEqual([-5, -2]);
    expect(results[1][0]).toBeCloseTo(-4, 12);
    expect(results[1][1]).toBeCloseTo(-1.2, 12);
    expect(results[20][0]).toBeCloseTo(-5 * 0.8 ** 20, 12);
    expect(results[20][1]).toBeCloseTo(-2 * 0.6 ** 20, 12);
    // the book prints exactly this for 11.3's 2-D example
    expect(log).toHaveBeenCalledWith("epoch 20, x1: -0.057646, x2: -0.000073");
  });

  it("threads the state variables through (momentum, worked by hand for two steps)", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const results = train2d(momentum2d, 2);
    // step 1: v = (0.2·-5, 4·-2) = (-1, -8); x = (-5 + 0.4, -2 + 3.2)
    expect(results[1][0]).toBeCloseTo(-4.6, 12);
    expect(results[1][1]).toBeCloseTo(1.2, 12);
    // step 2: v = (-0.5 - 0.92, -4 + 4.8) = (-1.42, 0.8); x = (-4.6 + 0.568, 1.2 - 0.32)
    expect(results[2][0]).toBeCloseTo(-4.032, 12);
    expect(results[2][1]).toBeCloseTo(0.88, 12);
  });

  it("calls the trainer without fGrad when none is given, and with it otherwise", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const seen: number[] = [];
    train2d((x1, x2, s1, s2, ...rest) => {
      seen.push(rest.length);
      return [x1, x2, s1, s2];
    }, 3);
    train2d((x1, x2, s1, s2, ...rest) => {
      seen.push(rest.length);
      return [x1, x2, s1, s2];
    }, 1, fGrad2d);
    expect(seen).toEqual([0, 0, 0, 1]);
  });

  it("refuses a non-function trainer, a bad step count and a trainer returning the wrong shape", () => {
    expect(() => train2d("sgd" as unknown as Trainer2d)).toThrow(TorchTypeError);
    expect(() => train2d("sgd" as unknown as Trainer2d)).toThrow(/train2d\(\): argument 'trainer'/);
    expect(() => train2d(gd2d, 0, fGrad2d)).toThrow(/argument 'steps'.*positive integer/);
    expect(() => train2d(gd2d, 2.5, fGrad2d)).toThrow(/argument 'steps'/);
    expect(() => train2d(gd2d, 20, [1, 2] as unknown as FGrad2d)).toThrow(/argument 'fGrad'/);
    expect(() => train2d(((x1: number, x2: number) => [x1, x2]) as unknown as Trainer2d, 3)).toThrow(ValueError);
    expect(() => train2d(((x1: number, x2: number) => [x1, x2]) as unknown as Trainer2d, 3)).toThrow(/returned 2 values; expected 4/);
    expect(() => train2d((() => 7) as unknown as Trainer2d, 3)).toThrow(/returning four numbers/);
  });
});
