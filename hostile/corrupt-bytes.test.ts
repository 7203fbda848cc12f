/**
 * Corrupt files: every single-byte flip and every truncation of a torch.save archive, a
 * safetensors file and an IDX file. Loading must raise a TorchError or give back exactly what
 * was saved — never garbage values, never a raw JavaScript error.
 * Exception, argued: safetensors has no checksum, so a flip inside its data section or in a
 * key name loads (as Python's safetensors loads it: checked with safetensors 0.8.0 on bytes
 * 10, 64 and 120 of this very file). Those flips must still parse to the saved keys' dtypes
 * and shapes, or raise.
 */
import { expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import * as loaders from "@torchts/loaders";
import * as ser from "@torchts/serialization";
import { TorchError } from "@torchts/tensor";

type Verdict = "same" | "raised" | "other-valid" | "GARBAGE" | "RAW";

function sweep(bytes: Uint8Array, load: (b: Uint8Array) => unknown, same: (r: unknown) => boolean, valid?: (r: unknown) => boolean): Record<string, number> {
  const tally: Record<string, number> = {};
  const note = (what: string, v: Verdict) => (tally[`${what} ${v}`] = (tally[`${what} ${v}`] ?? 0) + 1);
  for (let i = 0; i < bytes.length; i++) {
    for (const mode of ["flip", "truncate"] as const) {
      const b = mode === "flip" ? bytes.slice() : bytes.slice(0, i);
      if (mode === "flip") b[i] ^= 0x5a;
      try {
        const r = load(b);
        note(mode, same(r) ? "same" : valid?.(r) ? "other-valid" : "GARBAGE");
      } catch (e) {
        note(mode, e instanceof TorchError && !/Cannot read|is not a function|undefined \(reading/.test((e as Error).message) ? "raised" : "RAW");
      }
    }
  }
  return tally;
}
const bad = (t: Record<string, number>) => Object.keys(t).filter((k) => /GARBAGE|RAW/.test(k));

torch.manualSeed(0);
const obj = { w: torch.randn(4, 3), b: torch.arange(5), step: 3, name: "x" };

it("torch.save archives: every flip and truncation raises or loads what was saved", () => {
  const same = (r: any) => r?.w instanceof torch.Tensor && r.w.equal(obj.w) && r.b.equal(obj.b) && r.step === 3 && r.name === "x";
  const t = sweep(ser.save(obj), (b) => ser.load(b), same);
  expect(bad(t), JSON.stringify(t)).toEqual([]);
  expect(t["truncate raised"]).toBeGreaterThan(0);
});

it("safetensors: every truncation raises; a flip raises or parses to the saved dtypes and shapes", () => {
  const tensors = { w: obj.w, b: obj.b };
  const same = (m: any) => m instanceof Map && m.size === 2 && m.get("w")?.equal(obj.w) && m.get("b")?.equal(obj.b);
  const valid = (m: any) =>
    m instanceof Map && m.size === 2 && [...m.values()].map((v: torch.Tensor) => `${v.dtype.name}[${v.shape.join(",")}]`).sort().join(" ") === "float32[4,3] int64[5]";
  const t = sweep(ser.safetensors.save(tensors), (b) => ser.safetensors.load(b), same, valid);
  expect(bad(t), JSON.stringify(t)).toEqual([]);
  expect(t["truncate other-valid"] ?? 0).toBe(0);
});

it("IDX files: every flip and truncation raises or parses to a tensor of the right byte count", () => {
  const header = [0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 4];
  const bytes = new Uint8Array([...header, ...Array.from({ length: 12 }, (_, i) => i * 7)]);
  const ok = loaders.parseIdx(bytes, "x");
  const same = (r: any) => r instanceof torch.Tensor && r.equal(ok);
  // a flip in the data is new data (IDX has no checksum); in the header it must raise or describe a tensor the bytes fill
  const valid = (r: any) => r instanceof torch.Tensor && r.numel() * r.dtype.itemsize <= bytes.length - 12;
  const t = sweep(bytes, (b) => loaders.parseIdx(b, "x"), same, valid);
  expect(bad(t), JSON.stringify(t)).toEqual([]);
});
