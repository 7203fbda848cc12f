/**
 * The float32 fills' fused multiply-adds round once, as PyTorch's AVX2 build does, where a double
 * multiply-add rounded to float32 would round twice and differ: seeded `normal_(mean, std)` and
 * `uniform_(from, to)` calls whose arguments put one result on such a case, recorded from PyTorch
 * 1.13.1 (fixtures/gen_fma_traps.py explains the construction). Sizes below `MIN` run the
 * TypeScript fills (normal-avx.ts, random-fill.ts), 600 the WebAssembly module (wasm/random.c).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { fma32 } from "./fma32";
import { exactFma32 } from "./fma32.testing";
import { MIN, wasmNormalBlocksF32 } from "./random-wasm";

interface Case {
  seed: number;
  size: number;
  at: number;
  twice: number;
  values: number[];
}
interface NormalCase extends Case {
  mean: number;
  std: number;
  n: number;
}
interface UniformCase extends Case {
  from: number;
  to: number;
  x: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/fma_traps.json"), "utf8")) as {
  normal_: NormalCase[];
  uniform_: UniformCase[];
};

const fr = Math.fround;
const values = (t: torch.Tensor) => Array.from(t.toTypedArray() as Float32Array);
const where = (c: Case) => `seed ${c.seed}, size ${c.size}, at ${c.at}`;

describe("float32 fused multiply-adds rounded once, against PyTorch", () => {
  it("the fixture holds both paths and cases the double rounding gets wrong", () => {
    const sizes = [...fixture.normal_, ...fixture.uniform_].map((c) => c.size);
    expect(Math.min(...sizes)).toBeLessThan(MIN);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(MIN);
    expect(wasmNormalBlocksF32(new Float32Array(16), 0, 1), "the WebAssembly module loads").toBe(true);
    for (const c of [...fixture.normal_, ...fixture.uniform_]) expect(c.values[c.at], where(c)).not.toBe(c.twice);
  });

  for (const c of fixture.normal_) {
    it(`normal_(${c.mean}, ${c.std}) of ${c.size} with seed ${c.seed}: PyTorch's bits, n·std + mean at ${c.at} rounded once`, () => {
      torch.manualSeed(c.seed);
      expect(values(torch.randn(c.size))[c.at], "randn gives the n the case was built on").toBe(c.n);
      expect(fr(c.n * c.std + c.mean), "rounded twice").toBe(c.twice);
      expect(exactFma32(c.n, c.std, c.mean), "rounded once (BigInt)").toBe(c.values[c.at]);
      expect(fma32(c.n, c.std, c.mean)).toBe(c.values[c.at]);
      torch.manualSeed(c.seed);
      expect(values(torch.empty([c.size]).normal_(c.mean, c.std)), where(c)).toEqual(c.values);
    });
  }

  for (const c of fixture.uniform_) {
    it(`uniform_(${c.from}, ${c.to}) of ${c.size} with seed ${c.seed}: PyTorch's bits, x·span + from at ${c.at} rounded once`, () => {
      torch.manualSeed(c.seed);
      expect(values(torch.rand(c.size))[c.at]).toBe(c.x);
      const span = fr(fr(c.to) - c.from);
      expect(fr(c.x * span + c.from), "rounded twice").toBe(c.twice);
      expect(exactFma32(c.x, span, c.from), "rounded once (BigInt)").toBe(c.values[c.at]);
      torch.manualSeed(c.seed);
      expect(values(torch.empty([c.size]).uniform_(c.from, c.to)), where(c)).toEqual(c.values);
    });
  }
});
