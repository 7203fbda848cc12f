/**
 * Seeded samples equal PyTorch's (fixtures/gen_samples.py, PyTorch 1.13.1):
 * Normal, Uniform, Bernoulli, Categorical, Multinomial and Exponential draw
 * through torchts' PyTorch-compatible generator in PyTorch's order, so the
 * same seed gives the same samples (integers and counts exactly, floats
 * within 1e-6 relative).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import * as dist from "./index";

interface Step {
  py: string;
  js: string;
  value: { dtype: string; shape: number[]; values: number[] };
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/samples.json"), "utf8")) as {
  cases: { name: string; seed: number; steps: Step[] }[];
};

describe("distributions sample PyTorch's values for the same seed", () => {
  for (const c of fixture.cases) {
    it(`seed ${c.seed}: ${c.name}`, () => {
      torch.manualSeed(c.seed);
      for (const { js, value } of c.steps) {
        const got = new Function("torch", "dist", `return ${js};`)(torch, dist) as torch.Tensor;
        expect(got.dtype.name, js).toBe(value.dtype);
        expect([...got.shape], js).toEqual(value.shape);
        const v = Array.from(got.detach().contiguous().toTypedArray() as ArrayLike<number>);
        v.forEach((a, i) => {
          const b = value.values[i];
          if (a !== b) expect(Math.abs(a - b) / Math.max(Math.abs(b), 1e-30), `${js} [${i}]: ${a} vs PyTorch's ${b}`).toBeLessThanOrEqual(1e-6);
        });
      }
    });
  }
});
