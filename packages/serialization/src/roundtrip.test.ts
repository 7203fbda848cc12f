/** torchts → torchts: what save writes, load reads back; the layout PyTorch expects; atomic saves. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { Tensor, TorchError } from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { FileError, PicklingError, archiveName, load, save } from "./index";
import { ZipReader, bytesSource } from "./zip-read";
import { crc32Js } from "./crc32";
import * as zlib from "node:zlib";

const dir = mkdtempSync(join(tmpdir(), "torchts-serial-"));
const vals = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray() as ArrayLike<number>);

describe("save → load", () => {
  it("every dtype round-trips, int64 exactly to ±(2^53 − 1)", () => {
    const d = {
      f32: torch.tensor([1.5, -0.25, Infinity, NaN], { dtype: torch.float32 }),
      f64: torch.tensor([1e-300, -0.0, 0.1], { dtype: torch.float64 }),
      i64: torch.tensor([0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), -123456789012], { dtype: torch.int64 }),
      i32: torch.tensor([2 ** 31 - 1, -(2 ** 31)], { dtype: torch.int32 }),
      i16: torch.tensor([-32768, 7], { dtype: torch.int16 }),
      i8: torch.tensor([-128, 127], { dtype: torch.int8 }),
      u8: torch.tensor([0, 255], { dtype: torch.uint8 }),
      b: torch.tensor([true, false, true]),
    };
    const r = load(save(d)) as Record<string, Tensor>;
    for (const [k, t] of Object.entries(d)) {
      expect(r[k].dtype, k).toBe(t.dtype);
      expect(vals(r[k]), k).toEqual(vals(t));
    }
    expect(Object.is(vals(r.f64)[1], -0)).toBe(true);
  });

  it("views keep their geometry and share one storage; 0-d and empty tensors survive", () => {
    const base = torch.arange(12, { dtype: torch.float32 });
    const obj = [base, base.reshape(3, 4).t(), base.reshape(3, 4).select(1, 2), torch.tensor(2.5), torch.zeros(0, 4)];
    const [b, t, s, scalar, empty] = load(save(obj)) as Tensor[];
    expect(t.stride()).toEqual([1, 4]);
    expect(s.storageOffset()).toBe(2);
    b.fill_(7);
    expect(vals(t)).toEqual(new Array(12).fill(7));
    expect(vals(s)).toEqual([7, 7, 7]);
    expect(scalar.dim()).toBe(0);
    expect(scalar.item()).toBe(2.5);
    expect([...empty.shape]).toEqual([0, 4]);
  });

  it("Maps load as Maps (OrderedDict), dicts as plain objects unless their keys would reorder", () => {
    const r = load(save({ sd: new Map([["b", torch.ones(1)], ["a", torch.ones(1)]]), d: { z: 1, a: "s" } })) as Record<string, unknown>;
    expect(r.sd).toBeInstanceOf(Map);
    expect([...(r.sd as Map<string, unknown>).keys()]).toEqual(["b", "a"]);
    expect(r.d).toEqual({ z: 1, a: "s" });
    const m = load(save(new Map<unknown, unknown>([[10, "ten"], [2, "two"]]))) as Map<unknown, unknown>;
    expect([...m.keys()]).toEqual([10, 2]);
  });

  it("numbers, bigints, strings, booleans, null, nesting, shared and cyclic references", () => {
    const shared = { k: [1, 2] };
    const cyc: unknown[] = [1];
    cyc.push(cyc);
    const obj = { a: [shared, shared], n: [0, 255, 256, 65536, -1, -(2 ** 31), 2 ** 31, 2 ** 53 - 1, 0.5, -0, NaN, Infinity], big: 2n ** 70n, s: "ünïcode ✓", t: true, f: false, z: null, cyc };
    const r = load(save(obj)) as typeof obj;
    expect(r.a[0]).toBe(r.a[1]);
    expect(r.n).toEqual(obj.n);
    expect(Object.is(r.n[9], -0)).toBe(true);
    expect(r.big).toBe(2n ** 70n);
    expect([r.s, r.t, r.f, r.z]).toEqual([obj.s, true, false, null]);
    expect((r.cyc as unknown[])[1]).toBe(r.cyc);
  });

  it("refuses what PyTorch's weights-only loader could not read back, naming where it is", () => {
    for (const [bad, word] of [[() => 1, "function"], [Symbol("s"), "symbol"], [undefined, "undefined"], [new Date(0), "Date"], [new Set([1]), "Set"]] as const) {
      expect(() => save({ x: [bad] }), word).toThrow(PicklingError);
      expect(() => save({ x: [bad] }), word).toThrow(/\["x"\]\[0\]/);
    }
  });
});

describe("the file PyTorch expects", () => {
  it("archive prefix, record names and order, 64-byte aligned data, version 3", () => {
    const p = join(dir, "mlp.params");
    save(new Map([["w", torch.ones(2, 2)], ["b", torch.zeros(2)]]), p);
    const z = new ZipReader(bytesSource(readFileSync(p)));
    expect(z.entries.map((e) => e.name)).toEqual(["mlp/data.pkl", "mlp/byteorder", "mlp/data/0", "mlp/data/1", "mlp/version", "mlp/.data/serialization_id"]);
    const b = readFileSync(p);
    for (const e of z.entries) {
      const start = e.headerOffset + 30 + b.readUInt16LE(e.headerOffset + 26) + b.readUInt16LE(e.headerOffset + 28);
      expect(start % 64, e.name).toBe(0);
    }
    expect(new TextDecoder().decode(z.read("mlp/version"))).toBe("3\n");
    expect(["x-file", "a.b.c.pt", "lin.pt"].map(archiveName)).toEqual(["x-file", "a.b.c", "lin"]);
  });

  it("the same object saves to the same bytes", () => {
    const o = { x: torch.arange(5) };
    expect(Buffer.from(save(o)).equals(Buffer.from(save(o)))).toBe(true);
  });

  it("CRC-32: the JavaScript fallback agrees with zlib's", () => {
    const b = new Uint8Array(10007).map((_, i) => (i * 7919) % 251);
    expect(crc32Js(b)).toBe(zlib.crc32(b));
    expect(crc32Js(b.subarray(3), crc32Js(b.subarray(0, 3)))).toBe(zlib.crc32(b));
  });

  it("a flipped data byte is caught by the CRC check (PyTorch 1.13 loads garbage)", () => {
    const b = save(torch.ones(16));
    const z = new ZipReader(bytesSource(b));
    const e = z.entries.find((x) => x.name === "archive/data/0")!;
    const start = e.headerOffset + 30 + Buffer.from(b).readUInt16LE(e.headerOffset + 26) + Buffer.from(b).readUInt16LE(e.headerOffset + 28);
    b[start + 5] ^= 0x40;
    expect(() => load(b)).toThrow(/CRC-32 mismatch in record archive\/data\/0/);
  });
});

describe("atomic saves", () => {
  it("a failed save leaves the old file intact and no temporary file behind", () => {
    const p = join(dir, "keep.pt");
    save({ x: torch.ones(3) }, p);
    const before = readFileSync(p);
    expect(() => save({ x: torch.zeros(3), bad: () => 0 }, p)).toThrow(PicklingError);
    expect(readFileSync(p).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a missing directory is an error naming the path; a directory target too", () => {
    const p = join(dir, "no", "such", "dir", "x.pt");
    expect(() => save(torch.ones(1), p)).toThrow(FileError);
    expect(() => save(torch.ones(1), p)).toThrow(join(dir, "no", "such", "dir"));
    expect(() => save(torch.ones(1), dir)).toThrow(/Is a directory/);
    expect(existsSync(p)).toBe(false);
  });

  it("load of a missing file names it", () => {
    expect(() => load(join(dir, "missing.pt"))).toThrow(/No such file or directory: '.*missing\.pt'/);
  });

  it("load(bytes) copies: the loaded tensor does not alias the caller's bytes", () => {
    const b = save(torch.ones(4));
    const t = load(b) as Tensor;
    t.fill_(5);
    expect(vals(load(b) as Tensor)).toEqual([1, 1, 1, 1]);
    writeFileSync(join(dir, "ones.pt"), b);
    expect(vals(load(join(dir, "ones.pt")) as Tensor)).toEqual([1, 1, 1, 1]);
  });

  it("every error is a TorchError", () => {
    expect(() => load(new Uint8Array([1, 2, 3]))).toThrow(TorchError);
    expect(() => load(new Uint8Array())).toThrow(TorchError);
    expect(() => load(42 as unknown as string)).toThrow(TorchError);
  });
});
