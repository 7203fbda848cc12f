/**
 * torch.take / torch.put / Tensor.put_ against PyTorch 1.13.1 (fixtures/gen_take_put.py):
 * values, the gradients of `out.sum()` with their grad_fn, and the errors PyTorch raises,
 * with its message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

interface Enc {
  dtype: string;
  shape: number[];
  values: (number | boolean)[];
}
interface Case {
  name: string;
  py: string;
  js: string;
  inputs: Record<string, Enc>;
  out?: Enc;
  grad_fn?: string;
  grads?: Record<string, Enc>;
  error?: { type: string; message: string };
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/take_put.json"), "utf8")) as { torch: string; cases: Case[] };

const dtypeOf = (name: string) => torch.dtypes[name as keyof typeof torch.dtypes];
const make = (e: Enc, requiresGrad = false): torch.Tensor => {
  const t = torch.tensor(e.values as number[], { dtype: dtypeOf(e.dtype) }).reshape(e.shape);
  return requiresGrad ? t.requiresGrad_() : t;
};
const expectTensor = (t: torch.Tensor, e: Enc) => {
  expect(t.dtype.name).toBe(e.dtype);
  expect([...t.shape]).toEqual(e.shape);
  expect(Array.from(t.detach().toTypedArray(), Number)).toEqual(e.values.map(Number));
};

function run(c: Case, grad: boolean): { out: torch.Tensor; leaves: Record<string, torch.Tensor> } {
  const names = Object.keys(c.inputs);
  const leaves: Record<string, torch.Tensor> = {};
  for (const n of names) leaves[n] = make(c.inputs[n], grad && c.inputs[n].dtype.startsWith("float"));
  const body = /\breturn\b/.test(c.js) ? c.js : `return (${c.js});`;
  const out = new Function("torch", ...names, body)(torch, ...names.map((n) => leaves[n])) as torch.Tensor;
  return { out, leaves };
}

describe(`take / put match PyTorch ${fixture.torch}`, () => {
  it("has values, gradients and errors to compare", () => {
    expect(fixture.cases.filter((c) => c.error).length).toBeGreaterThanOrEqual(8);
    expect(fixture.cases.filter((c) => c.grads).length).toBeGreaterThanOrEqual(8);
  });
  for (const c of fixture.cases) {
    it(`${c.name} :: ${c.js}`, () => {
      if (c.error) {
        const err = (() => {
          try {
            run(c, false);
          } catch (e) {
            return e as Error;
          }
          throw new Error(`PyTorch raises ${c.error!.type}: ${c.error!.message}, torchts returned`);
        })();
        expect(err).toBeInstanceOf(c.error.type === "IndexError" ? torch.IndexError : torch.RuntimeError);
        expect(err.message).toContain(c.error.message);
        return;
      }
      expectTensor(run(c, false).out, c.out!);
      if (c.grads) {
        const { out, leaves } = run(c, true);
        expect(String(out.gradFn)).toBe(`<${c.grad_fn}>`);
        out.sum().backward();
        for (const [k, g] of Object.entries(c.grads)) expectTensor(leaves[k].grad!, g);
      }
    });
  }
});

describe("take / put arguments", () => {
  const x = torch.arange(6, { dtype: torch.float64 });
  it("a non-tensor index or source is a TypeError naming the function and the argument", () => {
    expect(() => torch.take(x, [0, 1] as never)).toThrow(/take\(\): argument 'index' \(position 2\) must be Tensor, not Array/);
    expect(() => torch.take(undefined as never, torch.tensor([0]))).toThrow(/take\(\): argument 'input' \(position 1\) must be Tensor, not undefined/);
    expect(() => x.put(torch.tensor([0]), 1 as never)).toThrow(/put\(\): argument 'source' \(position 2\) must be Tensor, not number/);
  });
  it("put_ on a leaf that requires grad raises as every in-place op does", () => {
    const w = torch.zeros(3, { dtype: torch.float64, requiresGrad: true });
    expect(() => w.put_(torch.tensor([0]), torch.ones(1, { dtype: torch.float64 }))).toThrow(/leaf Variable that requires grad/);
  });
  it("put_ records PutBackward0 on the target, and gradcheck passes for take and put", () => {
    const a = torch.rand([2, 3], { dtype: torch.float64, requiresGrad: true });
    const s = torch.rand([2], { dtype: torch.float64, requiresGrad: true });
    const y = a.mul(1);
    y.put_(torch.tensor([0, 4]), s);
    expect(String(y.gradFn)).toBe("<PutBackward0>");
    const i = torch.tensor([[5, 0], [-2, 5]]);
    expect(torch.gradcheck((t: torch.Tensor) => torch.take(t, i), [a])).toBe(true);
    expect(torch.gradcheck((t: torch.Tensor, u: torch.Tensor) => torch.put(t, torch.tensor([1, 1]), u, { accumulate: true }), [a, s])).toBe(true);
  });
});
