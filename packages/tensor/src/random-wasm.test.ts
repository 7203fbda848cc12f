/**
 * The WebAssembly Box-Muller transform (wasm/random.c) against the TypeScript
 * reference (normal-avx.ts) on every float uniform: each of the 2^24 values
 * k·2^-24 goes through it once as u1 (the log side) and once as u2 (the sine and
 * cosine side), and every output must be bit-equal.
 */
import { describe, expect, it } from "vitest";
import { normalBlock16F32 } from "./normal-avx";
import { wasmNormalBlocksF32 } from "./random-wasm";
import { exactFma32, multipliers, oddPart } from "./fma32.testing";

const ALL = 1 << 24;
const BLOCKS = 1 << 15; // per chunk: 2^18 values in the u1 lanes, 512K floats

/** Blocks whose lanes 0-7 hold k·2^-24 for k from `start` (stepping by `step`) and lanes 8-15 the value 2^23 further on. */
function chunk(start: number, step: number, count: number): Float32Array {
  const d = new Float32Array(16 * count);
  for (let b = 0; b < count; b++) {
    for (let j = 0; j < 8; j++) {
      const k = (start + (8 * b + j) * step) % ALL;
      d[16 * b + j] = k * 2 ** -24;
      d[16 * b + 8 + j] = ((k + ALL / 2) % ALL) * 2 ** -24;
    }
  }
  return d;
}

/** Number of outputs where the WebAssembly transform and the reference differ in any bit. */
function mismatches(d: Float32Array, mean: number, std: number): number {
  const w = d.slice();
  expect(wasmNormalBlocksF32(w, mean, std)).toBe(true);
  for (let o = 0; o < d.length; o += 16) normalBlock16F32(d, o, mean, std);
  const a = new Uint32Array(w.buffer);
  const b = new Uint32Array(d.buffer);
  let bad = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) bad++;
  return bad;
}

describe("the WebAssembly Box-Muller transform", () => {
  it("gives the reference's bits for every float uniform as u1 and as u2", () => {
    let bad = 0;
    for (let start = 0; start < ALL; start += 8 * BLOCKS) bad += mismatches(chunk(start, 1, BLOCKS), 0, 1);
    expect(bad).toBe(0);
  }, 60_000);

  it("and with a mean and a standard deviation (the fused ·std + mean), on a spread of uniforms", () => {
    expect(mismatches(chunk(3, 61, BLOCKS), 0.25, 3)).toBe(0);
    expect(mismatches(chunk(5, 127, BLOCKS), -1.5, Math.fround(0.1))).toBe(0); // std and mean are floats, as fillNormal passes them
    // few bits: one sum in eight is a true tie (random.c's exactFrom keeps them off the slow path)
    expect(mismatches(chunk(7, 131, BLOCKS / 4), 2, 3)).toBe(0);
    expect(mismatches(chunk(9, 137, BLOCKS / 4), 1.5, 0.25)).toBe(0);
  });

  it("and where mean and std make n·std + mean a double-rounding trap for a lane", () => {
    // std puts n·std just off a halfway point of mean's float32 grid (multipliers: see fma32.testing)
    const means = [1.5, Math.fround(-0.3), 7.25, Math.fround(1e-3)];
    const found = traps(chunk(17, 4099, 512), (n) => {
      const { ea, ms } = multipliers(n);
      return ms.flatMap((m) => means.map((mean) => [mean, m * 2 ** (Math.floor(Math.log2(Math.abs(mean))) - 23 - 31 - ea)]));
    });
    expect(found, "the search must find traps").toBeGreaterThan(10);
  });

  it("and where the trap is in float32's subnormal range (the fast pass's watch is blind there)", () => {
    // small outputs n (u1 near 1: a small radius) with a subnormal std that puts n·std just off
    // 2⁻¹⁵⁰ modulo 2⁻¹⁴⁹ (j = −ea bits: n's lowest bit), a mean near 2⁻¹²⁷: the exact sum needs more
    // than 53 bits, its double lands on a float32 halfway point, and about half round wrong from there
    const means = [Math.fround((2 ** 22 + 3) * 2 ** -149), Math.fround((3 * 2 ** 21 + 1) * 2 ** -149)];
    const d = new Float32Array(16 * 200);
    for (let k = 1; k <= 200; k++) {
      for (let j = 0; j < 8; j++) {
        d[16 * (k - 1) + j] = k * 2 ** -24; // u1 = 1 − k·2⁻²⁴
        d[16 * (k - 1) + 8 + j] = ((k * 7919 + j * 1234567) % ALL) * 2 ** -24;
      }
    }
    const found = traps(d, (n) => {
      const j = -oddPart(n).ea;
      return j < 32 ? [] : multipliers(n, j, 2 ** 23).ms.flatMap((m) => means.map((mean) => [mean, m * 2 ** -149]));
    });
    expect(found, "the search must find traps").toBeGreaterThan(3);
  });
});

/**
 * For each output n of the blocks d (the transform with mean 0 and std 1) and each [mean, std]
 * that `choose` proposes for it: where rounding n·std + mean twice errs (a trap), the block through
 * the WebAssembly transform with that mean and std must give the single rounding there and the
 * reference's bits everywhere. Returns the number of traps met.
 */
function traps(d: Float32Array, choose: (n: number) => number[][]): number {
  const n = d.slice();
  for (let o = 0; o < n.length; o += 16) normalBlock16F32(n, o, 0, 1);
  let met = 0;
  for (let i = 0; i < n.length; i++) {
    if (n[i] === 0) continue;
    for (const [mean, std] of choose(n[i])) {
      const want = exactFma32(n[i], std, mean);
      if (Math.fround(n[i] * std + mean) === want) continue; // rounded twice, still right: no trap
      met++;
      const block = d.slice(i - (i % 16), i - (i % 16) + 16);
      const w = block.slice();
      expect(wasmNormalBlocksF32(w, mean, std)).toBe(true);
      expect(w[i % 16], `output ${i}, mean ${mean}, std ${std}`).toBe(want);
      expect(mismatches(block, mean, std)).toBe(0);
    }
  }
  return met;
}

