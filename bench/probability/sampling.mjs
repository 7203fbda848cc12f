// Sampling speed of @torchts/probability, run against the built dist:
//   pnpm turbo run build --filter @torchts/probability && node bench/probability/sampling.mjs [--json]
// Each case runs a few warm-up rounds, then reports the median (and min/max) of timed rounds.
// Targets (issue 6): 10^6 float32 Normal samples ≤ 15 ns/sample;
// Multinomial(1000, p).sample([10000]) with k = 6 ≤ 50 ms.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const torch = require("../../packages/autograd/dist/index.js");
const { Normal, Multinomial, Categorical, Poisson, Binomial, Gamma, Uniform, Exponential } = require("../../packages/probability/dist/index.js");

const WARMUP = 5;
const ROUNDS = 21;

// Wall time is what the targets mean; CPU time (this process, all threads) is also reported because on a
// shared 2-core machine other work inflates wall-clock medians.
function measure(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: wall[ROUNDS >> 1], min: wall[0], max: wall[ROUNDS - 1], cpuMedian: cpu[ROUNDS >> 1] };
}

torch.manualSeed(0);
const p6 = torch.tensor([0.1, 0.2, 0.15, 0.25, 0.05, 0.25]);
const cases = [
  { name: "Normal(0, 1).sample([1e6]) float32", n: 1e6, target: { perSampleNs: 15 }, fn: () => new Normal(0, 1).sample([1e6]) },
  {
    name: "Normal(loc[1000], scale[1000]).sample([1000]) float32",
    n: 1e6,
    fn: () => new Normal(torch.zeros([1000]), torch.ones([1000])).sample([1000]),
  },
  { name: "Normal(0, 1).rsample([1e6]) float64", n: 1e6, fn: () => new Normal(torch.tensor(0, { dtype: torch.float64 }), 1).rsample([1e6]) },
  { name: "Multinomial(1000, p6).sample([10000])", n: 1e4, target: { totalMs: 50 }, fn: () => new Multinomial(1000, p6).sample([10000]) },
  { name: "Multinomial(10, p6).sample([500])", n: 500, fn: () => new Multinomial(10, p6).sample([500]) },
  { name: "Categorical(p6).sample([1e6])", n: 1e6, fn: () => new Categorical(p6).sample([1e6]) },
  { name: "Uniform(0, 1).sample([1e6])", n: 1e6, fn: () => new Uniform(0, 1).sample([1e6]) },
  { name: "Exponential(1).sample([1e6])", n: 1e6, fn: () => new Exponential(1).sample([1e6]) },
  { name: "Poisson(3.5).sample([1e6]) (inversion)", n: 1e6, fn: () => new Poisson(3.5).sample([1e6]) },
  { name: "Poisson(200).sample([1e6]) (PTRS)", n: 1e6, fn: () => new Poisson(200).sample([1e6]) },
  { name: "Binomial(1000, 0.3).sample([1e6]) (BTRS)", n: 1e6, fn: () => new Binomial(1000, torch.tensor(0.3)).sample([1e6]) },
  { name: "Gamma(2.5, 1).sample([1e6])", n: 1e6, fn: () => new Gamma(2.5, 1).sample([1e6]) },
];

const results = [];
for (const c of cases) {
  const m = measure(c.fn);
  const perSampleNs = (m.median * 1e6) / c.n;
  let verdict = "";
  if (c.target?.perSampleNs !== undefined) verdict = perSampleNs <= c.target.perSampleNs ? `PASS (≤ ${c.target.perSampleNs} ns)` : `FAIL (> ${c.target.perSampleNs} ns)`;
  if (c.target?.totalMs !== undefined) verdict = m.median <= c.target.totalMs ? `PASS (≤ ${c.target.totalMs} ms)` : `FAIL (> ${c.target.totalMs} ms)`;
  results.push({ name: c.name, medianMs: m.median, minMs: m.min, maxMs: m.max, cpuMedianMs: m.cpuMedian, perSampleNs, verdict });
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ node: process.version, rounds: ROUNDS, results }, null, 1));
} else {
  console.log(`@torchts/probability sampling — node ${process.version}, median of ${ROUNDS} rounds after ${WARMUP} warm-ups`);
  console.log(`${"case".padEnd(56)} ${"wall median".padStart(11)}  (min–max)          ${"cpu median".padStart(10)}  ns/sample (wall)`);
  for (const r of results) {
    const range = `(${r.minMs.toFixed(2)}–${r.maxMs.toFixed(2)})`.padEnd(18);
    console.log(
      `${r.name.padEnd(56)} ${r.medianMs.toFixed(2).padStart(8)} ms  ${range} ${r.cpuMedianMs.toFixed(2).padStart(7)} ms  ${r.perSampleNs.toFixed(1).padStart(7)}  ${r.verdict}`,
    );
  }
}
if (results.some((r) => r.verdict.startsWith("FAIL"))) process.exitCode = 1;
