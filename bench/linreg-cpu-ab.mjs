#!/usr/bin/env node
// The d2l linear-regression loop (training.mjs's row) on two builds in one process, A and B
// interleaved, timed in CPU time (process.cpuUsage): on a shared machine wall time counts the
// rounds where the process waited for a core; CPU time mostly does not. Issue 21 used it to see
// a few per cent through load averages of 5-10, where ab.mjs's wall-time ranges span 4-150 ms.
//
//   node bench/linreg-cpu-ab.mjs --base REV [--rounds 40]
//
// Prints per build the minimum and median ms per loop (3 epochs, 1000×2, batch 10), and B/A of
// the minima, of the medians, and the median of the per-round ratios.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CACHE, prepareBuild, resolveRev } from "./lib/build-cache.mjs";
import { loadTorchtsBuild } from "./lib/engines.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
if (opt("base") === undefined) throw new Error("linreg-cpu-ab: --base REV is required");
const rootA = prepareBuild(ROOT, resolveRev(ROOT, opt("base")), { cacheDir: DEFAULT_CACHE, log: console.log });
const ROUNDS = Number(opt("rounds", 40));

function loop(torch) {
  const N = 1000;
  torch.manualSeed(0);
  const X = torch.randn([N, 2]);
  const y = X.mv(torch.tensor([2, -3.4])).add(4.2).reshape(-1, 1);
  return () => {
    const w = torch.zeros([2, 1], { requiresGrad: true });
    const b = torch.zeros([1], { requiresGrad: true });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let i = 0; i < N; i += 10) {
        const Xb = X.narrow(0, i, 10), yb = y.narrow(0, i, 10);
        Xb.matmul(w).add(b).sub(yb).square().div(2).sum().backward();
        torch.noGrad(() => {
          w.sub_(w.grad.mul(0.03 / 10));
          b.sub_(b.grad.mul(0.03 / 10));
          w.grad.zero_();
          b.grad.zero_();
        });
      }
    }
  };
}

const runs = [rootA, ROOT].map((root) => loop(loadTorchtsBuild(root, null).pkg("autograd")));
for (let i = 0; i < 20; i++) for (const run of runs) run();
const t = [[], []];
for (let r = 0; r < ROUNDS; r++) {
  for (const w of r % 2 ? [1, 0] : [0, 1]) {
    const c0 = process.cpuUsage();
    for (let k = 0; k < 5; k++) runs[w]();
    const d = process.cpuUsage(c0);
    t[w].push((d.user + d.system) / 5000);
  }
}
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
const min = (x) => Math.min(...x);
const f = (x) => x.toFixed(2), g = (x) => x.toFixed(3);
console.log(`A ${opt("base")}: min ${f(min(t[0]))} ms, median ${f(med(t[0]))} ms; B this tree: min ${f(min(t[1]))} ms, median ${f(med(t[1]))} ms`);
console.log(`B/A: minima ${g(min(t[1]) / min(t[0]))}, medians ${g(med(t[1]) / med(t[0]))}, paired ${g(med(t[0].map((a, i) => t[1][i] / a)))}`);
