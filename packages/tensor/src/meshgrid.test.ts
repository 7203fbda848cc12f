/** torch.meshgrid and Tensor.type against PyTorch 1.13.1 (fixtures/gen_grids.py). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

type Enc = { shape: number[]; values: (number | boolean)[]; dtype: string; strides: number[] };
const G = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "grids.json"), "utf8")) as {
  inputs: Record<string, Enc>;
  cases: { inputs: string[]; indexing: "ij" | "xy" | null; outputs: Enc[] }[];
  types: Record<string, string>;
  casts: Record<string, Enc>;
  errors: Record<string, { type: string; message: string }>;
};
const dec = (e: Enc) => torch.tensor(e.values as number[], { dtype: torch.dtypes[e.dtype as torch.DTypeName] }).reshape(e.shape);
const same = (t: torch.Tensor, e: Enc) => {
  expect(t.shape.slice()).toEqual(e.shape);
  expect(t.dtype.name).toBe(e.dtype);
  expect(t.flatten().tolist()).toEqual(e.values);
};

describe("torch.meshgrid", () => {
  it.each(G.cases.map((c) => [c.inputs.join(","), c.indexing, c] as const))("%s, indexing %s: PyTorch's grids", (_n, indexing, c) => {
    const ins = c.inputs.map((n) => dec(G.inputs[n]));
    const out = indexing === null ? torch.meshgrid(...ins) : torch.meshgrid(...ins, { indexing });
    expect(out.length).toBe(c.outputs.length);
    out.forEach((o, i) => {
      same(o, c.outputs[i]);
      expect(o.stride(), "a view: the strides PyTorch gives").toEqual(c.outputs[i].strides);
    });
    // the list form gives the same
    expect(torch.meshgrid(ins, ...(indexing ? [{ indexing }] : [])).map((o) => o.tolist())).toEqual(out.map((o) => o.tolist()));
  });
  it("views of the inputs: gradients flow back (each input's grad counts its copies)", () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.float64 }), y = torch.tensor([4, 5], { dtype: torch.float64 });
    const [X, Y] = torch.meshgrid(x, y, { indexing: "xy" });
    expect(X.shape.slice()).toEqual([2, 3]);
    expect(Y.get(1, 0).item()).toBe(5);
  });
  it("errors as PyTorch's", () => {
    expect(() => torch.meshgrid(torch.ones(2, 2), torch.ones(2), { indexing: "ij" })).toThrow(/Expected 0D or 1D tensor in the tensor list/);
    expect(() => torch.meshgrid(torch.ones(2), torch.ones(2, { dtype: torch.int64 }), { indexing: "ij" })).toThrow(G.errors.dtypes.message);
    expect(() => torch.meshgrid(torch.ones(2), { indexing: "foo" as "ij" })).toThrow(G.errors.indexing.message);
    expect(() => torch.meshgrid(torch.ones(2), { index: "ij" } as never)).toThrow("unknown option 'index' (did you mean 'indexing'?)");
    expect(() => torch.meshgrid()).toThrow("non-empty");
    expect(() => torch.meshgrid(torch.ones(2), [1, 2] as never)).toThrow("meshgrid(): argument 'tensors' (position 1) must be Tensor, not Array");
  });
});

describe("Tensor.type", () => {
  it("names each dtype's legacy tensor type", () => {
    for (const [name, type] of Object.entries(G.types)) expect(torch.zeros(1, { dtype: torch.dtypes[name as torch.DTypeName] }).type()).toBe(type);
  });
  it("casts to a type name or a dtype", () => {
    for (const [name, want] of Object.entries(G.casts)) same(torch.tensor([1.5, -2.0]).type(name), want);
    same(torch.tensor([1.5, -2.0]).type(torch.int64), G.casts["torch.LongTensor"]);
    expect(() => torch.ones(2).type("torch.FooTensor")).toThrow(G.errors.type.message);
    expect(() => torch.ones(2).type(3 as never)).toThrow("type(): argument 'dtype' (position 0) must be torch.dtype or str, not number");
  });
});
