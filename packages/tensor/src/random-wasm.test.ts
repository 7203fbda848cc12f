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
  });

  it("and where n·std + mean is a double-rounding trap in float32's subnormal range (the fast pass's watch is blind there)", () => {
    // small outputs n (u1 near 1: a small radius) with a subnormal std that puts n·std just off
    // 2⁻¹⁵⁰ modulo 2⁻¹⁴⁹ (j = −ea bits: n's lowest bit), a mean near 2⁻¹²⁷: the exact sum needs more
    // than 53 bits, its double lands on a float32 halfway point, and about half round wrong from there
    const means = [Math.fround((2 ** 22 + 3) * 2 ** -149), Math.fround((3 * 2 ** 21 + 1) * 2 ** -149)];
    let traps = 0;
    for (let k = 1; k < 200; k++) {
      const d = new Float32Array(16);
      for (let j = 0; j < 8; j++) {
        d[j] = k * 2 ** -24; // u1 = 1 − k·2⁻²⁴
        d[8 + j] = ((k * 7919 + j * 1234567) % ALL) * 2 ** -24;
      }
      const n = d.slice();
      normalBlock16F32(n, 0, 0, 1);
      for (let lane = 0; lane < 16; lane++) {
        const j = -oddPart(n[lane]).ea;
        if (j < 32) continue;
        for (const m of multipliers(n[lane], j, 2 ** 23).ms) {
          for (const mean of means) {
            const std = m * 2 ** -149;
            const want = exactFma32(n[lane], std, mean);
            if (Math.fround(n[lane] * std + mean) === want) continue; // not a trap: rounded twice, still right
            traps++;
            const w = d.slice();
            expect(wasmNormalBlocksF32(w, mean, std)).toBe(true);
            expect(w[lane], `k ${k}, lane ${lane}`).toBe(want);
            expect(mismatches(d.slice(), mean, std)).toBe(0);
          }
        }
      }
    }
    expect(traps, "the search must find traps").toBeGreaterThan(3);
  });
});
