/**
 * The optimizers' arenas never grow: when state does not fit, a new arena (a new WebAssembly
 * memory and instance) holds it. No view handed out is ever detached, so `x.data` aliases and
 * `toTypedArray()` views of a state buffer keep reading its live values (PyTorch's sharing), one
 * parameter's state shares an arena, and updates are exact whichever arenas the state is in.
 * (Arenas released once their optimizers die: memory.test.ts, which has a GC to force.)
 */
import * as torch from "@torchts/autograd";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdamScalars, adamF32 } from "./adam-kernels";
import { Arena } from "./arena";
import { ARENA_MIN, _arenaStats, arenaOf, residentOffset, residentZeros } from "./wasm-memory";
import { optimKernels } from "./wasm-module";
import { sgdF32 } from "./sgd";
import * as optim from "./index";

const data = (t: torch.Tensor) => t._storage.data as Float32Array;
const st = (opt: optim.Optimizer, p: torch.Tensor, k: string) => opt.state.get(p)![k] as torch.Tensor;
/** A float32 parameter of `n` elements with a fixed gradient. */
function param(seed: number, n: number): torch.Tensor {
  torch.manualSeed(seed);
  const p = torch.randn([n]).mul(0.1).requiresGrad_();
  p.grad = torch.randn([n]).mul(0.01);
  return p;
}
/** Larger than any arena's room after a few small buffers: its state takes a new arena. */
const BIG = ARENA_MIN / 4 + 50_000;

const wasm = optimKernels() !== "js";
/**
 * Every memory grown while these tests run, by its buffer before the grow. (Not only ours:
 * @torchts/tensor's random-wasm.ts grows its own module's memory for a large randn.)
 */
const grown: ArrayBuffer[] = [];
interface Growable {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}
const memoryProto = (globalThis as unknown as { WebAssembly: { Memory: { prototype: Growable } } }).WebAssembly.Memory.prototype;
const realGrow = memoryProto.grow;
const arenaBuffer = (b: ArrayBuffer) => arenaOf({ buffer: b } as Float32Array) !== undefined;
/** Every typed array handed out by these tests, with its byteLength then. */
const handed: [Float32Array, number][] = [];
const keep = (a: Float32Array) => (handed.push([a, a.byteLength]), a);

describe.runIf(wasm)("the optimizers' arenas", () => {
  beforeAll(() => {
    memoryProto.grow = function (this: Growable, delta: number) {
      grown.push(this.buffer);
      return realGrow.call(this, delta);
    };
  });
  afterAll(() => {
    memoryProto.grow = realGrow;
  });

  it("an alias (.data) and a toTypedArray view read the live values after another optimizer needed a new arena", () => {
    const p = torch.zeros([1000]).requiresGrad_();
    p.grad = torch.ones([1000]);
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    opt.step();
    const buf = st(opt, p, "momentum_buffer");
    const alias = buf.data;
    const view = keep(buf.toTypedArray() as Float32Array);
    const part = keep(buf.narrow(0, 10, 100).toTypedArray() as Float32Array); // a subarray: another object
    const before = _arenaStats().ids;
    const q = torch.zeros([3_000_000]).requiresGrad_();
    q.grad = torch.ones([3_000_000]);
    const adam = new optim.Adam([q]);
    adam.step(); // 24 MB of state: fits no open arena
    expect(_arenaStats().ids.filter((id) => !before.includes(id)).length).toBe(1);
    expect(arenaOf(data(st(adam, q, "exp_avg")))).not.toBe(arenaOf(data(buf)));
    opt.step();
    const b = Math.fround(Math.fround(0.9 * 1) + 1); // 1.9 in float32, as PyTorch's
    expect(alias.get(0).item()).toBe(b);
    expect(view.length).toBe(1000);
    expect(view[0]).toBe(b);
    expect(part[0]).toBe(b);
  });

  it("a parameter's state buffers share one arena; two parameters' states in two arenas both update exactly", () => {
    const [a, b] = [param(1, BIG), param(2, BIG)];
    const opt = new optim.Adam([a, b], { lr: 1e-2, amsgrad: true });
    opt.step();
    const arenas = [a, b].map((p) => ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"].map((k) => arenaOf(data(st(opt, p, k)))));
    for (const [m, v, vm] of arenas) expect(m !== undefined && m === v && v === vm).toBe(true);
    expect(arenas[0][0]).not.toBe(arenas[1][0]);
    // the JS loop over copies, from the state after step 1
    const ref = [a, b].map((p) => ({
      P: data(p).slice(), G: data(p.grad!), M: data(st(opt, p, "exp_avg")).slice(),
      V: data(st(opt, p, "exp_avg_sq")).slice(), VM: data(st(opt, p, "max_exp_avg_sq")).slice(),
    }));
    // and a's exp_avg_sq swapped with b's: each update then stages a buffer of the other arena
    const va = st(opt, a, "exp_avg_sq"), vb = st(opt, b, "exp_avg_sq");
    opt.state.get(a)!.exp_avg_sq = vb, opt.state.get(b)!.exp_avg_sq = va;
    [ref[0].V, ref[1].V] = [ref[1].V, ref[0].V];
    for (let t = 2; t <= 4; t++) {
      opt.step();
      const s: AdamScalars = {
        beta1: 0.9, beta2: 0.999, weightDecay: 0, decay: 1, decoupled: false, eps: 1e-8, maximize: false,
        bc2Sqrt: Math.sqrt(1 - 0.999 ** t), negStepSize: -(1e-2 / (1 - 0.9 ** t)),
      };
      for (const r of ref) adamF32(r.P, 0, r.G, 0, r.M, r.V, r.VM, BIG, s);
    }
    [a, b].forEach((p, i) => {
      expect(Buffer.compare(Buffer.from(data(p).buffer, data(p).byteOffset, 4 * BIG), Buffer.from(ref[i].P.buffer))).toBe(0);
      expect(Array.from(data(st(opt, p, "exp_avg_sq")).subarray(0, 50))).toEqual(Array.from(ref[i].V.subarray(0, 50)));
      expect(data(st(opt, p, "max_exp_avg_sq"))[BIG - 1]).toBe(ref[i].VM[BIG - 1]);
    });
    for (const p of [a, b]) for (const k of ["exp_avg", "exp_avg_sq"]) keep(data(st(opt, p, k)));
  });

  it("loadStateDict adopts each parameter's state into an arena (a new one when none has room) and continues exactly", () => {
    const shapes = [BIG, 3000];
    const a = shapes.map((n, i) => param(10 + i, n)), b = shapes.map((n, i) => param(10 + i, n));
    const optA = new optim.Adam(a, { lr: 1e-3 });
    const sgdA = new optim.SGD(a, { lr: 0.1, momentum: 0.9 });
    optA.step(), sgdA.step();
    const optB = new optim.Adam(b, { lr: 1e-3 });
    const sgdB = new optim.SGD(b, { lr: 0.1, momentum: 0.9 });
    const before = _arenaStats().ids;
    b.forEach((p, i) => data(p).set(data(a[i])));
    optB.loadStateDict(optA.stateDict());
    sgdB.loadStateDict(sgdA.stateDict());
    expect(_arenaStats().ids.filter((id) => !before.includes(id)).length).toBeGreaterThanOrEqual(1);
    const m = data(st(optB, b[0], "exp_avg")), v = data(st(optB, b[0], "exp_avg_sq"));
    expect(residentOffset(m)).toBeGreaterThanOrEqual(0);
    expect(arenaOf(m)).toBe(arenaOf(v));
    expect(arenaOf(m)).not.toBe(arenaOf(data(st(optA, a[0], "exp_avg"))));
    expect(residentOffset(data(st(sgdB, b[1], "momentum_buffer")))).toBeGreaterThanOrEqual(0);
    for (let s = 0; s < 3; s++) optA.step(), sgdA.step(), optB.step(), sgdB.step();
    a.forEach((p, i) => expect(Buffer.compare(Buffer.from(data(b[i]).buffer, data(b[i]).byteOffset, 4 * shapes[i]),
      Buffer.from(data(p).buffer, data(p).byteOffset, 4 * shapes[i]))).toBe(0));
    keep(m);
  });

  it("new state that fits takes the room left in an open arena; a region is never handed out twice", () => {
    const [x] = residentZeros([1000])!;
    const [y, z] = residentZeros([1000], 2)!;
    expect(arenaOf(data(y))).toBe(arenaOf(data(z)));
    const offs = [x, y, z].map((t) => [arenaOf(data(t))!.id, residentOffset(data(t))].join(":"));
    expect(new Set(offs).size).toBe(3);
    expect(Array.from(data(z).subarray(0, 4))).toEqual([0, 0, 0, 0]);
    // SGD's step sees the same buffer through the kernels: the update is the JS loop's
    const w = param(20, 1000);
    const opt = new optim.SGD([w], { lr: 0.05, momentum: 0.9 });
    opt.step();
    const P = data(w).slice(), B = data(st(opt, w, "momentum_buffer")).slice();
    opt.step();
    sgdF32(P, 0, data(w.grad!), 0, B, 1000, 0.05, 0, 0.9, 0, false, false, false);
    expect(Array.from(data(w))).toEqual(Array.from(P));
  });

  it("an arena beyond the module's 2 GiB is refused (its state then stays in ordinary tensors)", () => {
    expect(Arena.create(2 ** 31)).toBeNull();
    expect(Arena.create(ARENA_MIN)).not.toBeNull();
  });

  it("(after the tests above) no memory ever grew, and no typed array handed out was detached", () => {
    expect(_arenaStats().arenas).toBeGreaterThanOrEqual(4);
    expect(grown.filter(arenaBuffer)).toEqual([]);
    expect(handed.length).toBeGreaterThan(5);
    for (const [a, bytes] of handed) expect(a.byteLength).toBe(bytes);
  });

});
