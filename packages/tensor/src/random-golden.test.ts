/**
 * PyTorch's streams (fixtures/gen_random.py, PyTorch 1.13.1): for each seed the
 * same calls give PyTorch's values — integers exactly, floats within 1e-6
 * relative (float32 uniforms and PyTorch's float32 Box-Muller block are
 * bit-exact; float64 normals may differ in the last place, from a different libm
 * `log`/`sin`/`cos`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { evaluate as evaluateFixture } from "./fixture-expr.testing";

interface Value {
  dtype: string;
  shape: number[];
  values: number[];
}
interface Step {
  py: string;
  js: string;
  value: Value;
}
interface Fixture {
  seeds: number[];
  cases: { name: string; seed: number; steps: Step[] }[];
  restore: { state: number[]; after: Value[]; js: string[] };
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/random.json"), "utf8")) as Fixture;

function evaluate(js: string, g: torch.Generator): torch.Tensor {
  return evaluateFixture(js, { torch, g }) as torch.Tensor;
}

/** Compare one result; returns the number of float values that are not bit-equal. */
function check(where: string, got: torch.Tensor, want: Value): number {
  expect(got.dtype.name, where).toBe(want.dtype);
  expect([...got.shape], where).toEqual(want.shape);
  const v = Array.from(got.contiguous().toTypedArray() as ArrayLike<number>);
  let inexact = 0;
  const isFloat = got.dtype.isFloatingPoint;
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    const b = want.values[i];
    if (a === b) continue;
    if (!isFloat) expect(a, `${where} [${i}]`).toBe(b);
    inexact++;
    const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
    expect(rel, `${where} [${i}]: ${a} vs PyTorch's ${b}`).toBeLessThanOrEqual(1e-6);
  }
  return inexact;
}

describe("the same seed and calls give PyTorch's numbers", () => {
  for (const c of fixture.cases) {
    it(`seed ${c.seed}: ${c.name}`, () => {
      torch.manualSeed(c.seed);
      const g = new torch.Generator().manualSeed(c.seed + 1);
      for (const step of c.steps) {
        const inexact = check(step.js, evaluate(step.js, g), step.value);
        // float32 draws are bit-exact: uniforms are integer arithmetic, the block Box-Muller is PyTorch's float code
        if (step.value.dtype === "float32" && !/normal\(|randn\(|normal_\(|randnLike|exponential_/.test(step.js)) expect(inexact, step.js).toBe(0);
        if (/randn\(|randnLike/.test(step.js) && step.value.dtype === "float32") expect(inexact, step.js).toBe(0);
      }
    });
  }

  it("a state saved by PyTorch's get_rng_state resumes PyTorch's stream here", () => {
    const { state, after, js } = fixture.restore;
    torch.setRngState(torch.tensor(state, { dtype: torch.uint8 }));
    js.forEach((expr, i) => check(expr, evaluate(expr, torch.defaultGenerator), after[i]));
  });
});
