/**
 * Optimizer state living in the WebAssembly memory behaves as PyTorch's state: the tensor in
 * `optimizer.state` is the live buffer (a reference taken earlier sees every step), stateDict()
 * shares it, loadStateDict() copies into an arena and continues exactly; without WebAssembly the
 * state lives in ordinary tensors and the JS loops give the same bits. Arenas themselves
 * (several of them, never growing) are arena.test.ts's.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { sgdF32 } from "./sgd";
import * as optim from "./index";
import { residentOffset } from "./wasm-memory";

const fr = Math.fround;
const data = (t: torch.Tensor) => t._storage.data as Float32Array;

function params(seed: number, shapes: number[][]): torch.Tensor[] {
  torch.manualSeed(seed);
  return shapes.map((s) => {
    const p = torch.randn(s).mul(0.1).requiresGrad_();
    p.grad = torch.randn(s).mul(0.01);
    return p;
  });
}

describe("resident optimizer state", () => {
  it("SGD's momentum_buffer lives in the memory and is the live buffer, equal to the JS loop's", () => {
    const [w] = params(1, [[300, 7]]);
    const P = data(w).slice(), G = data(w.grad!).slice(), B = new Float32Array(P.length);
    const opt = new optim.SGD([w], { lr: 0.05, momentum: 0.9 });
    opt.step();
    const buf = opt.state.get(w)!.momentum_buffer as torch.Tensor;
    expect(residentOffset(data(buf))).toBeGreaterThanOrEqual(0);
    expect([...buf.shape]).toEqual([300, 7]);
    const shared = opt.stateDict().state as Map<number, Record<string, torch.Tensor>>;
    sgdF32(P, 0, G, 0, B, P.length, 0.05, 0, 0.9, 0, false, false, true);
    for (let s = 0; s < 4; s++) {
      opt.step();
      sgdF32(P, 0, G, 0, B, P.length, 0.05, 0, 0.9, 0, false, false, false);
    }
    expect(Array.from(data(w))).toEqual(Array.from(P));
    expect(Array.from(buf.toTypedArray())).toEqual(Array.from(B)); // the reference taken after step 1
    expect(shared.get(0)!.momentum_buffer).toBe(buf); // stateDict() shares, as PyTorch's does
    expect(buf.sum().item()).toBeCloseTo(B.reduce((a, b) => a + b, 0), 3);
  });

  it("Adam's exp_avg, exp_avg_sq and max_exp_avg_sq live there; small and float64 state does not", () => {
    const [w, b] = params(2, [[64, 40], [10]]);
    const w64 = torch.randn([500], { dtype: torch.float64 }).requiresGrad_();
    w64.grad = torch.randn([500], { dtype: torch.float64 });
    const opt = new optim.Adam([w, b, w64], { amsgrad: true });
    opt.step();
    for (const k of ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"]) {
      expect(residentOffset(data(opt.state.get(w)![k] as torch.Tensor)), k).toBeGreaterThanOrEqual(0);
      expect(residentOffset(data(opt.state.get(b)![k] as torch.Tensor)), k).toBe(-1);
      expect(residentOffset(data(opt.state.get(w64)![k] as torch.Tensor)), k).toBe(-1);
    }
    expect(residentOffset(data(opt.state.get(w)!.step as torch.Tensor))).toBe(-1);
  });

  it("loadStateDict moves the loaded copies into the memory and continues exactly", () => {
    const shapes = [[200, 30], [30]];
    const a = params(3, shapes), b = params(3, shapes);
    const optA = new optim.SGD(a, { lr: 0.1, momentum: 0.9, nesterov: true });
    for (let s = 0; s < 3; s++) optA.step();
    const saved = optA.stateDict();
    const optB = new optim.SGD(b, { lr: 0.1, momentum: 0.9, nesterov: true });
    b.forEach((p, i) => data(p).set(data(a[i])));
    optB.loadStateDict(saved);
    const loaded = optB.state.get(b[0])!.momentum_buffer as torch.Tensor;
    expect(residentOffset(data(loaded))).toBeGreaterThanOrEqual(0);
    expect(loaded).not.toBe(optA.state.get(a[0])!.momentum_buffer); // a copy, as PyTorch's load
    for (let s = 0; s < 3; s++) optA.step(), optB.step();
    a.forEach((p, i) => expect(Array.from(data(b[i]))).toEqual(Array.from(data(p))));
  });

  it("a user's own state tensor (not in the memory) is updated in place through the staging copies", () => {
    const [w] = params(4, [[100, 50]]);
    const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.5 });
    opt.step();
    const mine = torch.fromTypedArray(new Float32Array(5000).fill(1), [100, 50]);
    opt.state.get(w)!.momentum_buffer = mine;
    const g = data(w.grad!);
    opt.step();
    expect(data(mine)[7]).toBe(fr(g[7] + fr(1 * 0.5)));
    expect(residentOffset(data(mine))).toBe(-1);
  });
});

describe("without WebAssembly (deleted before torchts loads)", () => {
  const OPTIM = join(__dirname, "../dist/index.js");
  const MEMORY = join(__dirname, "../dist/wasm-memory.js");
  const AUTOGRAD = require.resolve("@torchts/autograd").replace(/src[/\\]index\.ts$/, "dist/index.js");
  const script = (wasm: boolean) => `
    if (!${wasm}) delete globalThis.WebAssembly;
    const torch = require(${JSON.stringify(AUTOGRAD)}), optim = require(${JSON.stringify(OPTIM)});
    const { residentOffset } = require(${JSON.stringify(MEMORY)});
    torch.manualSeed(7);
    const ps = [[40, 75], [3000]].map((s) => { const p = torch.randn(s).requiresGrad_(); p.grad = torch.randn(s).mul(0.1); return p; });
    const sgd = new optim.SGD([ps[0]], { lr: 0.05, momentum: 0.9, nesterov: true });
    const adam = new optim.Adam([ps[1]], { lr: 1e-2, amsgrad: true, weightDecay: 0.1 });
    for (let s = 0; s < 3; s++) sgd.step(), adam.step();
    const states = [sgd.state.get(ps[0]).momentum_buffer, adam.state.get(ps[1]).exp_avg, adam.state.get(ps[1]).max_exp_avg_sq];
    console.log(JSON.stringify({
      kind: optim.optimKernels(), resident: states.map((t) => residentOffset(t._storage.data) >= 0),
      values: [...ps, ...states].map((t) => Array.from(t.toTypedArray())),
    }));`;
  const run = (wasm: boolean) => {
    expect(existsSync(OPTIM), "build first: pnpm turbo run build --filter @torchts/optim").toBe(true);
    const r = spawnSync(process.execPath, ["-e", script(wasm)], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as { kind: string; resident: boolean[]; values: number[][] };
  };

  it("runs the JS loops with state in ordinary tensors, giving the bits the WebAssembly kernels give", () => {
    const js = run(false), wasm = run(true);
    expect(js.kind).toBe("js");
    expect(js.resident).toEqual([false, false, false]);
    expect(wasm.kind).not.toBe("js");
    expect(wasm.resident).toEqual([true, true, true]);
    expect(js.values).toEqual(wasm.values);
  });
});
