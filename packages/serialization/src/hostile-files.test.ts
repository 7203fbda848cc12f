/**
 * Hostile files (fixtures/hostile, written by gen_fixtures.py) are rejected with clear
 * errors and nothing in them runs; random byte flips of valid files either load or throw
 * a TorchError: never a crash, a hang or an unrelated JavaScript error.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { TorchError } from "@torchts/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SafetensorError, UnpicklingError, load, loadFile, safetensors, save } from "./index";

const H = join(__dirname, "..", "fixtures", "hostile");
const PWNED = "/tmp/torchts-pwned";

describe("hostile files", () => {
  it("a pickle calling os.system: rejected, naming the global, nothing executed", () => {
    rmSync(PWNED, { force: true });
    expect(() => load(join(H, "os_system.pt"))).toThrow(UnpicklingError);
    expect(() => load(join(H, "os_system.pt"))).toThrow(/GLOBAL posix\.system|GLOBAL os\.system/);
    expect(existsSync(PWNED)).toBe(false);
  });
  it("a pickle referencing builtins.eval: rejected, naming it", () => {
    expect(() => load(join(H, "builtins_eval.pt"))).toThrow(/GLOBAL __builtin__\.eval was not an allowed global/) // protocol 2 spells builtins "__builtin__";
    expect(existsSync(PWNED)).toBe(false);
  });
  it("a storage whose size lies (PyTorch 1.13 reads past the 16-byte record: garbage such as -2.98e22 and NaN)", () => {
    expect(() => load(join(H, "lying_storage.pt"))).toThrow(/storage data\/0 holds 16 bytes, but the file says it has 1000 elements/);
  });
  it("a zip truncated at 50 %", () => {
    expect(() => load(join(H, "truncated.pt"))).toThrow(/failed finding central directory/);
  });
  it("a safetensors header claiming 10^15 bytes", () => {
    expect(() => loadFile(join(H, "huge_header.safetensors"))).toThrow(/header too large/);
  });
  it("a safetensors tensor claiming 10^15 bytes in a small file", () => {
    expect(() => loadFile(join(H, "huge_tensor.safetensors"))).toThrow(SafetensorError);
  });
  it("overlapping safetensors offsets", () => {
    expect(() => loadFile(join(H, "overlap.safetensors"))).toThrow(/invalid offset for tensor "b".*overlap/);
  });
  it("the legacy (pre-1.6) format is named", () => {
    const legacy = Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
    expect(() => load(legacy)).toThrow(/legacy \(pre-1.6\) format/);
  });
});

function fuzz(name: string, valid: Uint8Array, read: (b: Uint8Array) => unknown): void {
  it(`${name}: flipped bytes load or throw a TorchError`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const b = valid.slice();
        for (const [at, x] of flips) b[at] ^= x;
        try {
          read(b);
        } catch (e) {
          if (!(e instanceof TorchError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });
}

describe("fuzz", () => {
  const pt = save({ sd: new Map([["w", torch.ones(3, 2)], ["i", torch.arange(3)]]), lr: 0.5, tags: ["a", null, true] });
  fuzz(".pt written by torchts", pt, load);
  fuzz(".pt written by PyTorch", new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "shared.pt"))), load);
  fuzz("safetensors", safetensors.save({ a: torch.ones(2), b: torch.arange(3) }, { format: "pt" }), safetensors.load);
  it("pickle bytes flipped inside an otherwise valid zip (CRCs recomputed) load or throw a TorchError", async () => {
    const { unpickle } = await import("./pickle-read");
    const { ZipReader, bytesSource } = await import("./zip-read");
    const pkl = new ZipReader(bytesSource(pt)).read("archive/data.pkl").slice();
    const hooks = { allowGlobal: () => true, call: () => null, build: () => undefined, persistentLoad: () => null };
    fc.assert(
      fc.property(fc.nat(pkl.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = pkl.slice();
        b[at] ^= x;
        try {
          unpickle(b, hooks);
        } catch (e) {
          if (!(e instanceof TorchError)) throw e;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
