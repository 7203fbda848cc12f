/**
 * softplus and logsigmoid against PyTorch 1.13.1 (fixtures/activations.json,
 * from gen_activations.py): edge values (0, -0, the threshold and either side
 * of it, ±700, ±inf, nan) and random ones, float32 and float64, with PyTorch's
 * options. Gradients are checked in packages/autograd (activations-grad.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { fromBits } from "./float-bits.testing";

export interface ActivationCase {
  op: "softplus" | "logsigmoid";
  options: { beta?: number; threshold?: number };
  dtype: "float32" | "float64";
  x: string[];
  out: string[];
  w: string[];
  grad: string[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/activations.json"), "utf8")) as {
  cases: ActivationCase[];
  errors: { op: string; type: string; message: string }[];
};

/** float32: a few ulps (PyTorch's vectorised exp/log1p round differently); float64: 1e-14 relative. */
export function close(got: number, want: number, dtype: string): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want) || want === 0) return Object.is(got, want);
  const rtol = dtype === "float32" ? 4e-7 : 1e-14;
  return Math.abs(got - want) <= rtol * Math.abs(want) + (dtype === "float32" ? 1e-30 : 0);
}

const fns = {
  softplus: (x: torch.Tensor, o: ActivationCase["options"]) => torch.softplus(x, o),
  logsigmoid: (x: torch.Tensor) => torch.logsigmoid(x),
};

describe("activations against PyTorch", () => {
  for (const c of fixture.cases) {
    it(`${c.op}(${JSON.stringify(c.options)}) ${c.dtype}: values, shape and dtype`, () => {
      const dtype = torch[c.dtype];
      const x = torch.tensor(c.x.map(fromBits), { dtype });
      const y = fns[c.op](x, c.options);
      expect(y.dtype).toBe(dtype);
      expect(y.shape).toEqual(x.shape);
      const got = y.tolist() as number[];
      const bad = c.out.map(fromBits).flatMap((want, i) => (close(got[i], want, c.dtype) ? [] : [{ x: fromBits(c.x[i]), want, got: got[i] }]));
      expect(bad).toEqual([]);
    });
  }

  it("keeps a 2-D shape and works on non-contiguous views", () => {
    const x = torch.linspace(-30, 30, 12, { dtype: torch.float64 }).reshape(3, 4).t();
    expect(torch.softplus(x).shape).toEqual([4, 3]);
    expect(torch.softplus(x).sub(torch.softplus(x.contiguous())).abs().max().item()).toBe(0);
    expect(torch.logsigmoid(x).sub(torch.softplus(x.neg()).neg()).abs().max().item()).toBeLessThan(1e-8);
  });

  it("raises PyTorch's error for integer input, as a DTypeError naming the op", () => {
    for (const e of fixture.errors) {
      const call = () => (e.op === "softplus" ? torch.softplus(torch.tensor([1, 2])) : torch.logsigmoid(torch.tensor([1, 2])));
      expect(call).toThrow(torch.DTypeError);
      expect(call).toThrow(new RegExp(`^${e.op}: ${e.message.replace(/[()[\]"]/g, "\\$&")}`));
    }
  });
});
