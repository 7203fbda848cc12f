/**
 * The WebAssembly float32 SGD and Adam updates are bit-identical to the JS loops,
 * for every option combination, over sizes with and without a SIMD tail, and
 * with parameters at a storage offset.
 */
import { describe, expect, it } from "vitest";
import { type AdamScalars, adamF32 } from "./adam-kernels";
import { sgdF32 } from "./sgd";
import { adamWasm, sgdWasm } from "./wasm-kernels";

function rand(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}
const same = (a: Float32Array, b: Float32Array) => expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);

describe.each([4096, 10003])("n = %i", (n) => {
  const off = 3;
  const combos = [
    { m: 0, wd: 0, d: 0, nesterov: false, maximize: false, first: false },
    { m: 0.9, wd: 0, d: 0, nesterov: false, maximize: false, first: true },
    { m: 0.9, wd: 0, d: 0, nesterov: false, maximize: false, first: false },
    { m: 0.9, wd: 1e-2, d: 0.3, nesterov: false, maximize: true, first: false },
    { m: 0.9, wd: 1e-2, d: 0, nesterov: true, maximize: false, first: false },
  ];
  it.each(combos)("SGD %o", (c) => {
    const P0 = rand(n + off, 1), G = rand(n, 2, 0.1), B0 = rand(n, 3, 0.1);
    const [P1, P2, B1, B2] = [P0.slice(), P0.slice(), B0.slice(), B0.slice()];
    for (let step = 0; step < 3; step++) {
      sgdF32(P1, off, G, 0, c.m ? B1 : null, n, 0.1, c.wd, c.m, c.d, c.nesterov, c.maximize, c.first && step === 0);
      expect(sgdWasm(P2, off, G, 0, c.m ? B2 : null, n, 0.1, c.wd, c.m, c.d, c.nesterov, c.maximize, c.first && step === 0)).toBe(true);
    }
    same(P1, P2);
    same(B1, B2);
  });

  const adams: Partial<AdamScalars & { ams: boolean }>[] = [
    {}, { ams: true }, { weightDecay: 0.1 }, { decoupled: true, decay: 1 - 1e-3 * 0.01 }, { maximize: true, ams: true, weightDecay: 0.05 },
  ];
  it.each(adams)("Adam %o", (o) => {
    const P0 = rand(n + off, 4), G = rand(n, 5, 0.1);
    const M0 = rand(n, 6, 0.01), V0 = rand(n, 7, 0.001).map(Math.abs), VM0 = rand(n, 8, 0.001).map(Math.abs);
    const [P1, P2, M1, M2, V1, V2, VM1, VM2] = [P0, P0, M0, M0, V0, V0, VM0, VM0].map((a) => a.slice());
    for (let t = 1; t <= 3; t++) {
      const s: AdamScalars = {
        beta1: 0.9, beta2: 0.999, weightDecay: 0, decay: 1, decoupled: false, eps: 1e-8, maximize: false,
        bc2Sqrt: Math.sqrt(1 - 0.999 ** t), negStepSize: -(1e-3 / (1 - 0.9 ** t)), ...o,
      };
      adamF32(P1, off, G, 0, M1, V1, o.ams ? VM1 : null, n, s);
      expect(adamWasm(P2, off, G, 0, M2, V2, o.ams ? VM2 : null, n, s)).toBe(true);
    }
    [[P1, P2], [M1, M2], [V1, V2], [VM1, VM2]].forEach(([a, b]) => same(a, b));
  });
});
