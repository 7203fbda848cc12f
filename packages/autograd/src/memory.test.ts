/**
 * Memory: 10,000 steps of d2l's linear regression from scratch (synthetic
 * 1000×2 data, batch 10: forward, squared loss, backward, SGD under noGrad,
 * zero grads) keep the heap flat. Runs in a child `node --expose-gc` against
 * the built dist, so the heap can be measured after forced collections.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = join(__dirname, "../dist/index.js");

/** The d2l 3.2 training loop; prints heapUsed (after gc) every 1000 steps, and the fit. */
function script(steps: number, keepGraphs: boolean): string {
  return `
const torch = require(${JSON.stringify(DIST)});
torch.manualSeed(0);
const trueW = torch.tensor([[2], [-3.4]]);
const X = torch.normal(0, 1, [1000, 2]);
const y = X.matmul(trueW).add(4.2).add(torch.normal(0, 0.01, [1000, 1]));
const w = torch.normal(0, 0.01, [2, 1]).requiresGrad_();
const b = torch.zeros(1, { requiresGrad: true });
const lr = 0.03, batch = 10, kept = [], heap = [];
let step = 0;
while (step < ${steps}) {
  const perm = torch.randperm(1000);
  for (let i = 0; i < 1000 && step < ${steps}; i += batch, step++) {
    const idx = perm.get(i + ":" + (i + batch));
    const l = X.get(idx).matmul(w).add(b).sub(y.get(idx).reshape(-1, 1)).pow(2).div(2);
    l.sum().backward(null, { retainGraph: ${keepGraphs} });
    if (${keepGraphs}) kept.push(l);
    torch.noGrad(() => {
      for (const p of [w, b]) {
        p.sub_(p.grad.mul(lr).div(batch));
        p.grad.zero_();
      }
    });
    if (step % 1000 === 999) { global.gc(); heap.push(process.memoryUsage().heapUsed); }
  }
}
const loss = torch.noGrad(() => X.matmul(w).add(b).sub(y).pow(2).div(2).mean().item());
console.log(JSON.stringify({ heap, w: w.tolist(), b: b.tolist(), loss, kept: kept.length }));
`;
}

function run(steps: number, keepGraphs: boolean): { heap: number[]; w: number[][]; b: number[]; loss: number } {
  const r = spawnSync(process.execPath, ["--expose-gc", "-e", script(steps, keepGraphs)], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

const MB = 1024 * 1024;

describe("memory of the d2l linear-regression loop", () => {
  it("runs against an up-to-date build", () => {
    expect(existsSync(DIST), "build first: pnpm turbo run build --filter @torchts/autograd").toBe(true);
    // tsc -b rewrites only the outputs whose sources changed: compare file by file
    const sources = readdirSync(__dirname).filter((f) => f.endsWith(".ts") && !f.includes(".test.") && !f.includes(".testing."));
    const stale = sources.filter((f) => {
      const out = join(__dirname, "../dist", f.replace(/\.ts$/, ".js"));
      return !existsSync(out) || statSync(join(__dirname, f)).mtimeMs > statSync(out).mtimeMs;
    });
    expect(stale, "dist is older than these sources: rebuild @torchts/autograd").toEqual([]);
  });

  it("keeps the heap flat over 10,000 steps, and fits the data", () => {
    const r = run(10_000, false);
    expect(r.heap.length).toBe(10);
    // after warm-up (JIT, feedback vectors), heapUsed after a full GC must not grow
    const base = r.heap[2];
    const growth = Math.max(...r.heap.slice(2)) - base;
    expect(growth, `heap after GC (MB): ${r.heap.map((h) => (h / MB).toFixed(2)).join(", ")}`).toBeLessThan(1 * MB);
    expect(r.w[0][0]).toBeCloseTo(2, 2);
    expect(r.w[1][0]).toBeCloseTo(-3.4, 2);
    expect(r.b[0]).toBeCloseTo(4.2, 2);
    expect(r.loss).toBeLessThan(1e-3);
  }, 300_000);

  it("the measure catches a leak: keeping every step's graph (retainGraph) grows the heap", () => {
    const r = run(2_000, true);
    // about 10 kB per kept step: ~10 MB per 1000 steps, against the 1 MB tolerance above
    expect(r.heap[1] - r.heap[0]).toBeGreaterThan(2 * MB);
  }, 300_000);
});
