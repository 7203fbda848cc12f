/**
 * The WebAssembly float32 SGD and Adam updates are bit-identical to the JS loops, for every
 * option combination, over sizes with and without a SIMD tail and across chunks, with parameters
 * at a storage offset and state both resident in an arena and staged. Both builds are checked
 * (each where this Node has it, and relaxed SIMD in a child Node), and both round the
 * multiply-add exactly once (data built to catch a double rounding).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AdamScalars, adamF32 } from "./adam-kernels";
import { exactFma32, nearHalfway, trapScalar } from "../../tensor/src/fma32.testing";
import { sgdF32 } from "./sgd";
import { fmaCpu } from "./fma-cpu.testing";
import { adamWasm, sgdWasm } from "./wasm-kernels";
import { residentOffset, residentZeros } from "./wasm-memory";
import { _useKernels, optimKernels } from "./wasm-module";

function rand(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}
const same = (a: Float32Array, b: Float32Array) => expect(Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength))).toBe(0);

/** Copies of these arrays living in one arena (as one parameter's state buffers do). */
function resident(...arrays: Float32Array[]): Float32Array[] {
  expect(arrays.every((a) => a.length === arrays[0].length)).toBe(true);
  const ts = residentZeros([arrays[0].length], arrays.length)!;
  return ts.map((t, i) => {
    const d = t._storage.data as Float32Array;
    d.set(arrays[i]);
    expect(residentOffset(d)).toBeGreaterThanOrEqual(0);
    return d;
  });
}

const initial = optimKernels();
const kinds = (["simd128", "relaxed-simd"] as const).filter((k) => {
  const ok = _useKernels(k);
  _useKernels(initial);
  return ok;
});

describe.each(kinds)("%s", (kind) => {
  const use = () => expect(_useKernels(kind)).toBe(true);
  const restore = () => _useKernels(initial);
  describe.each([
    [4096, false], [10003, false], [40001, false], [10003, true], [40001, true],
  ])("n = %i, resident state %s", (n, res) => {
    const off = 3;
    const state = (...a: Float32Array[]) => (res ? resident(...a) : a);
    const combos = [
      { m: 0, wd: 0, d: 0, nesterov: false, maximize: false, first: false },
      { m: 0.9, wd: 0, d: 0, nesterov: false, maximize: false, first: true },
      { m: 0.9, wd: 0, d: 0, nesterov: false, maximize: false, first: false },
      { m: 0.9, wd: 1e-2, d: 0.3, nesterov: false, maximize: true, first: false },
      { m: 0.9, wd: 1e-2, d: 0, nesterov: true, maximize: false, first: false },
    ];
    it.each(combos)("SGD %o", (c) => {
      use();
      const P0 = rand(n + off, 1), G = rand(n, 2, 0.1), B0 = rand(n, 3, 0.1);
      const [P1, P2, B1] = [P0.slice(), P0.slice(), B0.slice()];
      const [B2] = state(B0.slice());
      for (let step = 0; step < 3; step++) {
        sgdF32(P1, off, G, 0, c.m ? B1 : null, n, 0.1, c.wd, c.m, c.d, c.nesterov, c.maximize, c.first && step === 0);
        expect(sgdWasm(P2, off, G, 0, c.m ? B2 : null, n, 0.1, c.wd, c.m, c.d, c.nesterov, c.maximize, c.first && step === 0)).toBe(true);
      }
      restore();
      same(P1, P2);
      same(B1, B2);
    });

    const adams: Partial<AdamScalars & { ams: boolean }>[] = [
      {}, { ams: true }, { weightDecay: 0.1 }, { decoupled: true, decay: 1 - 1e-3 * 0.01 }, { maximize: true, ams: true, weightDecay: 0.05 },
    ];
    it.each(adams)("Adam %o", (o) => {
      use();
      const P0 = rand(n + off, 4), G = rand(n, 5, 0.1);
      const M0 = rand(n, 6, 0.01), V0 = rand(n, 7, 0.001).map(Math.abs), VM0 = rand(n, 8, 0.001).map(Math.abs);
      const [P1, P2, M1, V1, VM1] = [P0, P0, M0, V0, VM0].map((a) => a.slice());
      const [M2, V2, VM2] = state(M0.slice(), V0.slice(), VM0.slice());
      for (let t = 1; t <= 3; t++) {
        const s: AdamScalars = {
          beta1: 0.9, beta2: 0.999, weightDecay: 0, decay: 1, decoupled: false, eps: 1e-8, maximize: false,
          bc2Sqrt: Math.sqrt(1 - 0.999 ** t), negStepSize: -(1e-3 / (1 - 0.9 ** t)), ...o,
        };
        adamF32(P1, off, G, 0, M1, V1, o.ams ? VM1 : null, n, s);
        expect(adamWasm(P2, off, G, 0, M2, V2, o.ams ? VM2 : null, n, s)).toBe(true);
      }
      restore();
      [[P1, P2], [M1, M2], [V1, V2], [VM1, VM2]].forEach(([a, b]) => same(a, b));
    });
  });

  it("rounds θ − lr·b once, as ATen's fused multiply-add does (data near float32 halfway points)", () => {
    use();
    const n = 20003, lr = -trapScalar(-0.0123);
    const { p, b } = nearHalfway(n, -lr, 5);
    const want = p.map((v, i) => exactFma32(b[i], Math.fround(-lr), v));
    const unfused = p.filter((v, i) => Math.fround(b[i] * Math.fround(-lr) + v) !== want[i]).length;
    expect(unfused, "the data must catch a double-rounded emulation").toBeGreaterThan(20);
    // momentum 0.9 over a zero buffer: b = g exactly, then θ + (−lr)·b
    const P = p.slice(), [B] = resident(new Float32Array(n)), PJ = p.slice(), BJ = new Float32Array(n);
    expect(sgdWasm(P, 0, b, 0, B, n, lr, 0, 0.9, 0, false, false, false)).toBe(true);
    sgdF32(PJ, 0, b, 0, BJ, n, lr, 0, 0.9, 0, false, false, false);
    restore();
    same(P, Float32Array.from(want));
    same(PJ, Float32Array.from(want));
  });

  it("keeps a result just below the float32 overflow threshold finite, as a fused multiply-add does", () => {
    use();
    const n = 13, FLT_MAX = Math.fround(3.4028234663852886e38);
    const a = (1 + 2 ** -23) * 2 ** 52, b = (1 - 2 ** -23) * 2 ** 51; // a·b + FLT_MAX rounds to the threshold in double
    const P = new Float32Array(n).fill(FLT_MAX), [B] = resident(new Float32Array(n));
    expect(sgdWasm(P, 0, new Float32Array(n).fill(b), 0, B, n, -a, 0, 0.9, 0, false, false, false)).toBe(true);
    restore();
    expect(Array.from(P)).toEqual(new Array(n).fill(FLT_MAX));
  });
});

describe("relaxed SIMD in a fresh Node, without flags (Node 20: relaxed-simd.ts)", () => {
  const OPTIM = join(__dirname, "../dist/wasm-memory.js");
  const MODULE = join(__dirname, "../dist/wasm-module.js");
  const KERNELS = join(__dirname, "../dist/wasm-kernels.js");

  it.runIf(fmaCpu)("is chosen where relaxed_madd fuses, and its updates equal the exact ones", () => {
    expect(existsSync(KERNELS), "build first: pnpm turbo run build --filter @torchts/optim").toBe(true);
    const n = 20003, lr = -trapScalar(-0.0123);
    const { p, b } = nearHalfway(n, -lr, 9);
    const script = `
      const mem = require(${JSON.stringify(OPTIM)}), k = require(${JSON.stringify(KERNELS)}), mod = require(${JSON.stringify(MODULE)});
      const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
      const p = Float32Array.from(input.p), b = Float32Array.from(input.b);
      const B = mem.residentZeros([p.length])[0]._storage.data;
      k.sgdWasm(p, 0, b, 0, B, p.length, input.lr, 0, 0.9, 0, false, false, false);
      console.log(JSON.stringify({ kind: mod.optimKernels(), p: Array.from(p) }));`;
    const r = spawnSync(process.execPath, ["-e", script], {
      input: JSON.stringify({ p: Array.from(p), b: Array.from(b), lr }), encoding: "utf8", maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr ?? r.error}`);
    const out = JSON.parse(r.stdout) as { kind: string; p: number[] };
    expect(out.kind).toBe("relaxed-simd");
    same(Float32Array.from(out.p), p.map((v, i) => exactFma32(b[i], Math.fround(-lr), v)));
  });
});
