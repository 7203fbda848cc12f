/** PlotError is a TorchError, loaded from the light `@torchts/tensor/errors` subpath. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TorchError } from "@torchts/tensor/errors";
import { describe, expect, it } from "vitest";
import { PlotError, plotSpec } from "./index";

describe("PlotError", () => {
  it("has its name and extends TorchError", () => {
    const e = new PlotError("plot: boom");
    expect(e.name).toBe("PlotError");
    expect(e).toBeInstanceOf(TorchError);
    expect(e).toBeInstanceOf(Error);
    expect(String(e)).toBe("PlotError: plot: boom");
  });

  it("is what bad input raises", () => {
    let err: unknown;
    try {
      plotSpec(3 as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlotError);
    expect(err).toBeInstanceOf(TorchError);
  });

  it("tensor's errors module imports nothing, so plot loads no kernels", () => {
    const src = readFileSync(join(__dirname, "../../tensor/src/errors.ts"), "utf8");
    expect(src).not.toMatch(/^\s*import\s/m);
    expect(src).not.toMatch(/require\(/);
  });
});
