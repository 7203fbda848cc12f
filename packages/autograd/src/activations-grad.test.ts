/**
 * Gradients of tensor's composite activations (softplus, logsigmoid): against
 * PyTorch 1.13.1's (packages/tensor/fixtures/activations.json, including the
 * threshold, ±inf and 0, where a naive composite gives inf·0 = nan or abs's 0
 * slope), and float64 gradcheck at first and second order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./index";

interface Case { op: "softplus" | "logsigmoid"; options: { beta?: number; threshold?: number }; dtype: "float32" | "float64"; x: string[]; w: string[]; grad: string[] }
const fixture = JSON.parse(readFileSync(join(__dirname, "../../tensor/fixtures/activations.json"), "utf8")) as { cases: Case[] };

const view = new DataView(new ArrayBuffer(8));
/** fixtures store doubles as big-endian IEEE bits */
const fromBits = (hex: string): number => (view.setBigUint64(0, BigInt("0x" + hex)), view.getFloat64(0));

function close(got: number, want: number, dtype: string): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want) || want === 0) return got === want;
  const rtol = dtype === "float32" ? 1e-6 : 1e-13;
  return Math.abs(got - want) <= rtol * Math.abs(want) + 1e-30;
}

const apply = (op: Case["op"], x: Tensor, options: Case["options"]) => (op === "softplus" ? torch.softplus(x, options) : torch.logsigmoid(x));

describe("activation gradients against PyTorch", () => {
  for (const c of fixture.cases) {
    it(`${c.op}(${JSON.stringify(c.options)}) ${c.dtype}`, () => {
      const dtype = torch[c.dtype];
      const x = torch.tensor(c.x.map(fromBits), { dtype, requiresGrad: true });
      const w = torch.tensor(c.w.map(fromBits), { dtype });
      apply(c.op, x, c.options).mul(w).sum().backward();
      const got = x.grad!.tolist() as number[];
      const bad = c.grad.map(fromBits).flatMap((want, i) => (close(got[i], want, c.dtype) ? [] : [{ x: fromBits(c.x[i]), want, got: got[i] }]));
      expect(bad).toEqual([]);
    });
  }
});

describe("activation gradcheck, first and second order", () => {
  // away from the kinks of the composite (the threshold), where finite differences straddle two branches
  const x = () => torch.tensor([[-30, -4.5, -0.7, 0.3], [1.2, 6, 9.5, 25]], { dtype: torch.float64, requiresGrad: true });
  const fns: [string, (t: Tensor) => Tensor][] = [
    ["softplus", (t) => torch.softplus(t)],
    ["softplus beta 2 threshold 10", (t) => torch.softplus(t, { beta: 2, threshold: 10 })],
    ["softplus beta 0.5", (t) => torch.softplus(t, { beta: 0.5 })],
    ["logsigmoid", (t) => torch.logsigmoid(t)],
  ];
  for (const [name, fn] of fns) {
    it(`${name}: first order`, () => {
      expect(torch.gradcheck(fn, [x()])).toBe(true);
      expect(torch.gradcheck(fn, [x().detach().t().requiresGrad_()])).toBe(true);
    });
    it(`${name}: second order`, () => {
      const gradient = (t: Tensor) =>
        torch.enableGrad(() => {
          const [g] = torch.grad(fn(t), [t], { gradOutputs: torch.linspace(0.5, 1.5, 8, { dtype: torch.float64 }).reshape(2, 4), createGraph: true });
          return g!;
        });
      expect(torch.gradcheck(gradient, [x()])).toBe(true);
    });
  }

  it("logsigmoid's slope at 0 is ½ (sigmoid(−0)), not abs's 0", () => {
    const z = torch.zeros(1, { dtype: torch.float64, requiresGrad: true });
    torch.logsigmoid(z).sum().backward();
    expect(z.grad!.item()).toBe(0.5);
  });
});
