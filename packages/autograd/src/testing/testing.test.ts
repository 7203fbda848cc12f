/**
 * The ./testing subpath as nn will use it: on an op
 * defined outside tensor (a defineOp), at first and second order, and failing on a wrong rule.
 */
import { describe, expect, it } from "vitest";
import * as torch from "../index";
import { type OpInfo, checkGradients, decodeTensor, mismatch, opTable, unarySamples } from "./index";

const Cube = torch.defineOp({
  name: "Cube",
  forward(ctx, x: torch.Tensor) {
    ctx.saveForBackward(x);
    return x.pow(3);
  },
  backward(ctx, g: torch.Tensor) {
    const [x] = ctx.savedTensors;
    return [g.mul(x.square()).mul(3)];
  },
});
const WrongCube = torch.defineOp({
  name: "WrongCube",
  forward: (_ctx, x: torch.Tensor) => x.pow(3),
  backward: (_ctx, g: torch.Tensor) => [g.mul(3)],
});

describe("@torchts/autograd/testing", () => {
  it("publishes the op table of every tensor op", () => {
    expect(opTable.length).toBeGreaterThan(50);
    expect(opTable.map((o) => o.name)).toContain("erf");
  });
  it("checks a custom op's gradients at first and second order on every sample", () => {
    const op: OpInfo = { name: "cube", fn: (x) => Cube.apply(x), samples: unarySamples() };
    op.samples.forEach((_, k) => checkGradients(op, k));
    checkGradients(op, 0, 2);
  });
  it("fails on a wrong derivative, naming the element", () => {
    const op: OpInfo = { name: "wrongCube", fn: (x) => WrongCube.apply(x), samples: unarySamples() };
    expect(() => checkGradients(op, 0)).toThrow(/numerical .* analytical/);
  });
  it("reads golden tensors with non-finite values and names the first mismatch", () => {
    const want = { shape: [3], data: [1, "nan", "-inf"] as (number | "nan" | "-inf")[] };
    const t = decodeTensor(want);
    expect(mismatch("t", t, want)).toBeNull();
    expect(mismatch("t", t.add(torch.tensor([0, 0, 1], { dtype: torch.float64 })), { shape: [3], data: [1, "nan", 0] })).toBe(
      "t: element 2 is -Infinity, PyTorch gives 0",
    );
    expect(mismatch("t", t, { shape: [1, 3], data: want.data })).toMatch(/shape \[3\], PyTorch gives \[1, 3\]/);
  });
});
