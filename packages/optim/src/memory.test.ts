/**
 * Memory: 10,000 Adam steps over the MLP 784-256-10's 203,530 parameters grow
 * the heap (JS heap plus typed-array memory, after a forced GC) by at most 1 MB
 * after the first 100: a step allocates nothing that survives it. The gradients
 * are fixed tensors set before each step (the optimizer's step alone is measured;
 * the forward/backward loop's own flatness is autograd's memory test). Runs in a
 * child `node --expose-gc` against the built dist. Also: the arenas (WebAssembly memories) that
 * hold float32 state are released once their optimizers die: 100 optimizers of 1.6 MB of state
 * each, created and dropped, leave at most one arena open and at most two arena memories not yet
 * collected (WeakRefs to their buffers), where 100 kept ones hold 50 arenas and over 160 MB.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const OPTIM = join(__dirname, "../dist/index.js");
const AUTOGRAD = require.resolve("@torchts/autograd").replace(/src[/\\]index\.ts$/, "dist/index.js");

/** `leak`: keep a copy of one small state tensor per step (the control: the measure must see it). */
const script = (shapes: number[][], leak: boolean) => `
const torch = require(${JSON.stringify(AUTOGRAD)});
const optim = require(${JSON.stringify(OPTIM)});
const shapes = ${JSON.stringify(shapes)};
const kept = [];
const params = shapes.map((s) => torch.randn(s).mul(0.05).requiresGrad_());
const grads = shapes.map((s) => torch.randn(s).mul(0.01));
const opt = new optim.Adam(params, { lr: 1e-3 });
const used = () => { global.gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
const heap = [];
for (let step = 1; step <= 10000; step++) {
  params.forEach((p, i) => (p.grad = grads[i]));
  opt.step();
  opt.zeroGrad();
  if (${leak}) kept.push(opt.state.get(params[params.length - 1]).exp_avg.clone());
  if (step === 100 || step % 1000 === 0) heap.push(used());
}
console.log(JSON.stringify({ heap, finite: params.every((p) => p.toTypedArray().every(Number.isFinite)) }));
`;

const MB = 1024 * 1024;

function run(shapes: number[][], leak: boolean): { heap: number[]; finite: boolean; growth: number } {
  expect(existsSync(OPTIM), "build first: pnpm turbo run build --filter @torchts/optim").toBe(true);
  const r = spawnSync(process.execPath, ["--expose-gc", "-e", script(shapes, leak)], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { heap: number[]; finite: boolean };
  return { ...out, growth: Math.max(...out.heap) - out.heap[0] };
}

const arenaScript = (drop: boolean) => `
const torch = require(${JSON.stringify(AUTOGRAD)});
const optim = require(${JSON.stringify(OPTIM)});
const { _arenaStats } = require(${JSON.stringify(join(__dirname, "../dist/wasm-memory.js"))});
const kept = [];
const buffers = [];
const settle = async () => { for (let k = 0; k < 3; k++) { global.gc(); await new Promise((r) => setTimeout(r, 1)); } };
(async () => {
  const p = torch.randn([200, 1000]).requiresGrad_();
  p.grad = torch.randn([200, 1000]);
  for (let i = 0; i < 100; i++) {
    const opt = new optim.Adam([p]);
    opt.step();
    buffers.push(new WeakRef(opt.state.get(p).exp_avg._storage.data.buffer));
    if (!${drop}) kept.push(opt);
    global.gc();
    await new Promise((r) => setTimeout(r, 1));
  }
  await settle();
  const alive = new Set(buffers.map((b) => b.deref()).filter((b) => b !== undefined)).size;
  console.log(JSON.stringify({ ..._arenaStats(), alive }));
})();
`;

interface ArenaStats {
  arenas: number;
  bytes: number;
  residents: number;
  alive: number;
}

function arena(drop: boolean): ArenaStats {
  expect(existsSync(OPTIM), "build first: pnpm turbo run build --filter @torchts/optim").toBe(true);
  const r = spawnSync(process.execPath, ["--expose-gc", "-e", arenaScript(drop)], { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ArenaStats;
}

describe("the WebAssembly arenas of float32 optimizer state", () => {
  it("are released once their optimizers die: 100 dropped optimizers (1.6 MB of state each) leave at most one arena", () => {
    const s = arena(true);
    expect(s.arenas).toBeLessThanOrEqual(1);
    expect(s.bytes).toBeLessThan(8 * MB); // one arena: ARENA_MIN (4 MiB) and its staging slots
    expect(s.residents).toBeLessThanOrEqual(2);
    expect(s.alive, "arena memories the GC has not freed").toBeLessThanOrEqual(2);
  }, 600_000);

  it("the measure sees state that is kept: 100 live optimizers hold 50 arenas, over 160 MB", () => {
    const s = arena(false);
    expect(s.residents).toBe(200);
    expect(s.arenas).toBe(50);
    expect(s.bytes).toBeGreaterThan(160 * MB);
    expect(s.alive).toBe(50);
  }, 600_000);
});

describe("memory of 10,000 Adam steps", () => {
  it("grows the heap by at most 1 MB after the first 100 steps", () => {
    const { heap, finite, growth } = run([[256, 784], [256], [10, 256], [10]], false);
    expect(heap.length).toBe(11);
    expect(growth, `heap after GC (MB): ${heap.map((h) => (h / MB).toFixed(2)).join(", ")}`).toBeLessThanOrEqual(1 * MB);
    expect(finite).toBe(true);
  }, 600_000);

  it("the measure catches a leak: keeping one 10-element state copy per step grows it past 1 MB", () => {
    const { growth } = run([[20, 8], [20], [10, 20], [10]], true);
    expect(growth).toBeGreaterThan(1 * MB);
  }, 600_000);
});
