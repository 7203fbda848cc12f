/**
 * The WebAssembly Box-Muller transform (wasm/random.c) against the TypeScript
 * reference (normal-avx.ts) on every float uniform: each of the 2^24 values
 * k·2^-24 goes through it once as u1 (the log side) and once as u2 (the sine and
 * cosine side), and every output must be bit-equal.
 */
import { describe, expect, it } from "vitest";
import { normalBlock16F32 } from "./normal-avx";
import { wasmNormalBlocksF32 } from "./random-wasm";

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
});
