/**
 * Files written by PyTorch 1.13.1 (fixtures/gen_fixtures.py) load with equal values,
 * dtypes, shapes, strides and offsets, and shared storages share memory again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { Tensor } from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { load, save } from "./index";

const FX = join(__dirname, "..", "fixtures");
type Desc = { dtype: string; shape: number[]; stride: number[]; offset: number; values?: (number | string)[]; head?: number[]; sum?: number };
type Node = { tensor?: Desc; dict?: [string, Node][]; ordered?: boolean; list?: Node[]; value?: unknown };
const expected = JSON.parse(readFileSync(join(FX, "expected.json"), "utf8")) as Record<string, Node & Record<string, unknown>>;
const num = (v: number | string): number => (typeof v === "number" ? v : v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v));

function check(got: unknown, want: Node, where: string): void {
  if (want.tensor) {
    const d = want.tensor;
    expect(got, where).toBeInstanceOf(Tensor);
    const t = got as Tensor;
    expect(t.dtype.name, where).toBe(d.dtype);
    expect([...t.shape], where).toEqual(d.shape);
    expect(t.stride(), where).toEqual(d.stride);
    expect(t.storageOffset(), where).toBe(d.offset);
    // float16/bfloat16 hold words: compare their float32 values
    const half = d.dtype === "float16" || d.dtype === "bfloat16";
    const flat = Array.from((half ? t.float() : t.contiguous()).toTypedArray() as ArrayLike<number>);
    if (d.values) expect(flat, where).toEqual(d.values.map(num));
    if (d.head) {
      expect(flat.slice(0, 8), where).toEqual(d.head);
      expect(flat.reduce((a, b) => a + b, 0), where).toBeCloseTo(d.sum!, 3);
    }
  } else if (want.dict) {
    if (want.ordered) expect(got, where).toBeInstanceOf(Map);
    const entries = got instanceof Map ? [...got.entries()] : Object.entries(got as object);
    expect(entries.map(([k]) => k), where).toEqual(want.dict.map(([k]) => k));
    want.dict.forEach(([k, v], i) => check(entries[i][1], v, `${where}.${k}`));
  } else if (want.list) {
    expect(Array.isArray(got), where).toBe(true);
    want.list.forEach((v, i) => check((got as unknown[])[i], v, `${where}[${i}]`));
  } else expect(got, where).toEqual(want.value);
}

describe("PyTorch 1.13.1 fixtures", () => {
  for (const name of Object.keys(expected)) {
    it(`${name} loads with equal values, dtypes, shapes, strides and offsets`, () => {
      check(load(join(FX, name)), expected[name], name);
    });
  }

  it("6.4: x-file is tensor([0, 1, 2, 3]); mydict is a plain object; the state dict an ordered Map", () => {
    expect((load(join(FX, "x-file")) as Tensor).toString()).toBe("tensor([0, 1, 2, 3])");
    const d = load(join(FX, "mydict"));
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    const sd = load(join(FX, "mlp.params")) as Map<string, Tensor>;
    expect([...sd.keys()]).toEqual(["hidden.weight", "hidden.bias", "output.weight", "output.bias"]);
  });

  it("6.4: the loaded MLP parameters give PyTorch's net(X) (raw tensor ops)", () => {
    const e = expected["mlp.params"] as unknown as { X: number[]; Y: number[] };
    const sd = load(join(FX, "mlp.params")) as Map<string, Tensor>;
    const X = torch.tensor(e.X, { dtype: torch.float32 }).reshape(2, 20);
    const h = torch.relu(X.matmul(sd.get("hidden.weight")!.t()).add(sd.get("hidden.bias")!));
    const Y = h.matmul(sd.get("output.weight")!.t()).add(sd.get("output.bias")!);
    const got = Array.from(Y.toTypedArray() as Float32Array);
    got.forEach((v, i) => expect(v).toBeCloseTo(e.Y[i], 5));
  });

  it("views and tied tensors share one storage again, as in PyTorch", () => {
    const d = load(join(FX, "shared.pt")) as Record<string, Tensor>;
    d.base.fill_(1);
    expect(Array.from(d.tail.contiguous().toTypedArray())).toEqual(new Array(10).fill(1));
    expect(Array.from(d.strided.contiguous().toTypedArray())).toEqual(new Array(4).fill(1));
    expect(Array.from(d.t.contiguous().toTypedArray())).toEqual(new Array(12).fill(1));
    expect(d.w_again).toBe(d.w); // one object in the pickle's memo, as in Python
    d.w.fill_(2);
    expect(d.w_again.sum().item()).toBe(24);
    expect(d.scalar.dim()).toBe(0);
    expect(d.scalar.item()).toBe(3.5);
    expect([...d.empty.shape]).toEqual([0, 3]);
  });

  it("float16 and bfloat16 records load as those dtypes, word for word, and save back byte-exact", () => {
    const d = load(join(FX, "dtypes.pt")) as Record<string, Tensor>;
    const e = expected["dtypes.pt"] as unknown as Record<string, (number | string)[]>;
    for (const k of ["float16", "bfloat16"]) {
      expect(d[k].dtype.name).toBe(k);
      expect(Array.from(d[k].toTypedArray())).toEqual(e[`words_${k}`]);
      expect(Array.from(d[k].float().toTypedArray())).toEqual(e[`widened_${k}`].map(num));
      const back = load(save({ t: d[k] })) as Record<string, Tensor>;
      expect(back.t.dtype).toBe(d[k].dtype);
      expect(Array.from(back.t.toTypedArray())).toEqual(e[`words_${k}`]);
    }
    expect(String(d.float16)).toBe("tensor([ 1.0000e+00, -5.0000e-01,  6.5504e+04,  5.9605e-08,         inf],\n       dtype=torch.float16)");
  });

  it("a model trained in PyTorch (4.1 MLP, Fashion-MNIST slice) gives PyTorch's predictions", () => {
    const sd = load(join(FX, "fashion_mlp.pt")) as Map<string, Tensor>;
    expect([...sd.keys()]).toEqual(["1.weight", "1.bias", "3.weight", "3.bias"]);
    const images = load(join(FX, "fashion_test.pt")) as Tensor;
    expect(images.dtype).toBe(torch.uint8);
    const want = JSON.parse(readFileSync(join(FX, "fashion.json"), "utf8")) as { logits: number[]; predictions: number[]; accuracy: number };
    expect(want.accuracy).toBeGreaterThan(0.6);
    const X = images.reshape(-1, 784).to(torch.float32).div(255);
    const h = torch.relu(X.matmul(sd.get("1.weight")!.t()).add(sd.get("1.bias")!));
    const logits = h.matmul(sd.get("3.weight")!.t()).add(sd.get("3.bias")!);
    expect(Array.from(logits.argmax(1).toTypedArray())).toEqual(want.predictions);
    const got = logits.toTypedArray();
    want.logits.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-4));
  });
});
