/** Reads loaders.json (from fixtures/gen_loaders.py) and compares its encoded batches with torchts values. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tensor } from "@torchts/tensor";
import { expect } from "vitest";

export type Enc = { dtype: string; shape: number[]; values: number[] } | { list: Enc[] } | { dict: Record<string, Enc> } | { str: string } | { num: number };

export const fixtures = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "loaders.json"), "utf8"));

/** Asserts that `v` equals the encoded PyTorch value exactly (dtype, shape and every value). */
export function expectEncoded(v: unknown, e: Enc, path = "batch"): void {
  if ("dtype" in e) {
    expect(v, path).toBeInstanceOf(Tensor);
    const t = v as Tensor;
    expect(t.dtype.name, `${path} dtype`).toBe(e.dtype);
    expect([...t.shape], `${path} shape`).toEqual(e.shape);
    const got = (t.reshape(-1).tolist() as (number | boolean)[]).map(Number);
    expect(got, `${path} values`).toEqual(e.values.map(Number));
  } else if ("list" in e) {
    expect(Array.isArray(v), `${path} is an array`).toBe(true);
    expect((v as unknown[]).length, `${path} length`).toBe(e.list.length);
    e.list.forEach((x, i) => expectEncoded((v as unknown[])[i], x, `${path}[${i}]`));
  } else if ("dict" in e) {
    expect(Object.keys(v as object), `${path} keys`).toEqual(Object.keys(e.dict));
    for (const [k, x] of Object.entries(e.dict)) expectEncoded((v as Record<string, unknown>)[k], x, `${path}.${k}`);
  } else if ("num" in e) {
    expect(v, path).toBe(e.num);
  } else {
    expect(v, path).toBe(e.str);
  }
}
