/** safetensors: round trips, the file Python's safetensors wrote, and the header checks. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { Tensor, TorchError } from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { SafetensorError, loadFile, safetensors, saveFile } from "./index";

const vals = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray() as ArrayLike<number>);
const enc = (header: string, data = 0): Uint8Array => {
  const h = new TextEncoder().encode(header);
  const b = new Uint8Array(8 + h.length + data);
  new DataView(b.buffer).setUint32(0, h.length, true);
  b.set(h, 8);
  return b;
};

describe("safetensors", () => {
  it("round-trips every dtype, views as their own elements, with metadata", () => {
    const base = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3);
    const obj = { t: base.t(), i: torch.tensor([2 ** 53 - 1, -5], { dtype: torch.int64 }), b: torch.tensor([true, false]), u: torch.tensor([255], { dtype: torch.uint8 }), s: torch.tensor(1.5, { dtype: torch.float64 }), e: torch.zeros(0, 2) };
    const dir = mkdtempSync(join(tmpdir(), "torchts-st-"));
    saveFile(obj, join(dir, "a.safetensors"), { format: "pt" });
    const r = loadFile(join(dir, "a.safetensors"));
    for (const [k, t] of Object.entries(obj)) {
      expect(r.get(k)!.dtype, k).toBe(t.dtype);
      expect([...r.get(k)!.shape], k).toEqual([...t.shape]);
      expect(vals(r.get(k)!), k).toEqual(vals(t));
    }
    expect(safetensors.metadataOf(readFileSync(join(dir, "a.safetensors")))).toEqual({ format: "pt" });
  });

  it("writes the Rust writer's layout: __metadata__ first, dtypes in descending order, header padded to 8", () => {
    const b = safetensors.save({ flag: torch.tensor([true]), z_int: torch.arange(3), w: torch.ones(1) }, { format: "pt" });
    const n = new DataView(b.buffer).getUint32(0, true);
    expect((8 + n) % 8).toBe(0);
    const h = JSON.parse(new TextDecoder().decode(b.subarray(8, 8 + n)));
    expect(Object.keys(h)).toEqual(["__metadata__", "z_int", "w", "flag"]);
    expect(h.z_int).toEqual({ dtype: "I64", shape: [3], data_offsets: [0, 24] });
  });

  it("reads the file Python's safetensors 0.8 wrote (F16/BF16 as float16/bfloat16)", () => {
    const r = loadFile(join(__dirname, "..", "fixtures", "safetensors_py.safetensors"));
    expect(vals(r.get("w")!)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(vals(r.get("i")!)).toEqual([1, -2, 2 ** 40]);
    expect(r.get("h")!.dtype).toBe(torch.float16);
    expect(r.get("bf")!.dtype).toBe(torch.bfloat16);
    expect(vals(r.get("h")!.float())).toEqual([0.5, -2]);
    expect(vals(r.get("bf")!.float())).toEqual([1.5]);
    expect(Array.from(r.get("h")!.toTypedArray())).toEqual([0x3800, 0xc000]);
    expect(Array.from(r.get("bf")!.toTypedArray())).toEqual([0x3fc0]);
    expect(r.get("flag")!.dtype).toBe(torch.bool);
  });

  it("rejects gaps, trailing bytes, unknown dtypes, wrong sizes and bad JSON, as Python's safetensors does", () => {
    const cases: [Uint8Array, RegExp][] = [
      [enc('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 8), /invalid offset for tensor "a".*gap/],
      [enc('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 8), /incomplete metadata, file not fully covered/],
      [enc('{"a":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}', 4), /unknown dtype "F33"/],
      [enc('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 4), /invalid shape, data type, or offset for tensor "a"/],
      [enc('{"a":', 0), /invalid JSON in header/],
      [enc('{"__metadata__":{"n":1}}', 0), /__metadata__ must map strings to strings/],
      [enc('{"a":{"dtype":"U16","shape":[1],"data_offsets":[0,2]}}', 2), /torchts cannot represent/],
      [new Uint8Array([1, 2, 3]), /header too small/],
    ];
    for (const [b, re] of cases) {
      expect(() => safetensors.load(b), String(re)).toThrow(SafetensorError);
      expect(() => safetensors.load(b), String(re)).toThrow(re);
    }
  });

  it("argument errors are TorchErrors naming the argument", () => {
    expect(() => saveFile({ a: 1 } as never, "/tmp/x.safetensors")).toThrow(/Key `a` is invalid/);
    expect(() => saveFile([] as never, "/tmp/x.safetensors")).toThrow(TorchError);
    expect(() => safetensors.load("x" as never)).toThrow(/data/);
    expect(() => loadFile(3 as never)).toThrow(/filename/);
  });
});
