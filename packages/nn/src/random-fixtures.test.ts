/**
 * PyTorch 1.13.1's seeded numbers (fixtures/gen_nn_random.py → nn_random.json): for seeds 0 and
 * 42, Linear's default init, every nn.init function, dropout's mask and a Sequential with
 * Dropout in train mode must equal PyTorch's (float32 within 1e-6 relative, masks exactly).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

interface Full {
  shape: number[];
  data: number[];
}
interface Summary {
  shape: number[];
  every97: number[];
  sum: number;
  abs: number;
}
const fx = JSON.parse(readFileSync(join(__dirname, "../fixtures/nn_random.json"), "utf8")) as {
  linear: { seed: number; in: number; out: number; weight: Full | Summary; bias: Full | Summary }[];
  init: { seed: number; fn: string; options: Record<string, number | string>; value: Full }[];
  dropout: { seed: number; p: number; shape: number[]; mask: number[]; output: Full }[];
  sequential: { seed: number; X: Full; output: Full; params: Record<string, Summary> }[];
};

function close(a: number, e: number, rel = 1e-6, scale = 0): boolean {
  return Math.abs(a - e) <= rel * Math.max(Math.abs(e), scale) || a === e;
}
/**
 * Float32 values within 1e-6 relative. `scale` floors the relative error's denominator where
 * rounding cancels: truncNormal_'s add_(mean) after PyTorch's float erfinv (glibc erff, 1 ulp
 * from ours), and a matmul whose float32 sums PyTorch's BLAS adds in another order.
 */
function expectMatches(t: Tensor, e: Full | Summary, what: string, scale = 0): void {
  expect(t.dtype, what).toBe(torch.float32);
  expect(t.shape, what).toEqual(e.shape);
  const v = Array.from(t.contiguous().toTypedArray() as Float32Array);
  if ("data" in e) {
    const bad = v.findIndex((x, i) => !close(x, e.data[i], 1e-6, scale));
    expect(bad, `${what}: element ${bad} is ${v[bad]}, PyTorch ${e.data[bad]}`).toBe(-1);
    return;
  }
  const sample = v.filter((_, i) => i % 97 === 0);
  const bad = sample.findIndex((x, i) => !close(x, e.every97[i]));
  expect(bad, `${what}: element ${bad * 97} is ${sample[bad]}, PyTorch ${e.every97[bad]}`).toBe(-1);
  // sums in float64 of float32 values: equal values give equal sums up to rounding
  expect(close(v.reduce((s, x) => s + x, 0), e.sum, 1e-9) || Math.abs(v.reduce((s, x) => s + x, 0) - e.sum) < 1e-9, `${what}: sum`).toBe(true);
  expect(close(v.reduce((s, x) => s + Math.abs(x), 0), e.abs, 1e-9), `${what}: abs sum`).toBe(true);
}

const INIT: Record<string, (t: Tensor, o: Record<string, number | string>) => Tensor> = {
  uniform_: (t, o) => nn.init.uniform_(t, o.a as number | undefined, o.b as number | undefined),
  normal_: (t, o) => nn.init.normal_(t, o.mean as number | undefined, o.std as number | undefined),
  xavierUniform_: (t, o) => nn.init.xavierUniform_(t, o.gain as number | undefined),
  xavierNormal_: (t, o) => nn.init.xavierNormal_(t, o.gain as number | undefined),
  kaimingUniform_: (t, o) => nn.init.kaimingUniform_(t, o as nn.init.KaimingOptions),
  kaimingNormal_: (t, o) => nn.init.kaimingNormal_(t, o as nn.init.KaimingOptions),
  truncNormal_: (t, o) => nn.init.truncNormal_(t, o as { mean?: number; std?: number; a?: number; b?: number }),
  constant_: (t, o) => nn.init.constant_(t, o.val as number),
  zeros_: (t) => nn.init.zeros_(t),
  ones_: (t) => nn.init.ones_(t),
  eye_: (t) => nn.init.eye_(t),
};

describe("seeded nn matches PyTorch 1.13 (CPU mt19937)", () => {
  it.each(fx.linear.map((c) => [c.seed, c.in, c.out, c] as const))("seed %d: Linear(%d, %d) default init", (seed, i, o, c) => {
    torch.manualSeed(seed);
    const lin = new nn.Linear(i, o);
    expectMatches(lin.weight, c.weight, "weight");
    expectMatches(lin.bias!, c.bias, "bias");
  });

  it.each(fx.init.map((c) => [c.seed, c.fn, JSON.stringify(c.options), c] as const))("seed %d: nn.init.%s %s on [5, 7]", (seed, fn, _o, c) => {
    torch.manualSeed(seed);
    const t = INIT[fn](torch.empty(5, 7), c.options);
    expectMatches(t, c.value, fn, fn === "truncNormal_" ? Number(c.options.std ?? 1) : 0);
  });

  it.each(fx.dropout.map((c) => [c.seed, c.p, JSON.stringify(c.shape), c] as const))("seed %d: dropout p=%d on %s", (seed, p, _s, c) => {
    const n = c.shape.reduce((a, b) => a * b, 1);
    const x = torch.arange(1, 1 + n, { dtype: torch.float32 }).reshape(c.shape).div(7);
    torch.manualSeed(seed);
    const y = nn.functional.dropout(x, p, true);
    expect(Array.from(y.ne(0).to(torch.int64).contiguous().toTypedArray(), Number)).toEqual(c.mask);
    expectMatches(y, c.output, "output");
    // nn.Dropout draws the same mask
    torch.manualSeed(seed);
    expectMatches(new nn.Dropout(p)(x), c.output, "nn.Dropout");
  });

  it.each(fx.sequential.map((c) => [c.seed, c] as const))("seed %d: Sequential(Linear, ReLU, Dropout(0.5), Linear) in train mode", (seed, c) => {
    torch.manualSeed(seed);
    const net = new nn.Sequential(new nn.Linear(20, 64), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(64, 10));
    net.train();
    const X = torch.randn(3, 20);
    expectMatches(X, c.X, "X");
    for (const [k, v] of net.stateDict()) expectMatches(v, c.params[k], k);
    const out = net(X);
    expectMatches(out, c.output, "output", Math.max(...c.output.data.map(Math.abs)));
  });
});
