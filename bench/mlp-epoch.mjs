#!/usr/bin/env node
// Issue 20's speed target, side by side in one run: an end-to-end epoch of the d2l 4.1 concise
// MLP on Fashion-MNIST (60,000 images, batch 256, DataLoader with shuffle, nn.Sequential,
// CrossEntropyLoss(reduction "none"), l.mean().backward(), SGD lr 0.1, d2l's Accumulator) in
// torchts (the umbrella `torchts`, as a notebook imports it) and in PyTorch 1.13 on one thread
// (bench/lib/d2l_mlp.py, a persistent child process), plus d2l's evaluate_accuracy over the
// 10,000 test images; with the time of each phase of the epoch (bench/lib/d2l-mlp.mjs).
//
//   pnpm turbo run build && node bench/mlp-epoch.mjs [--rounds 7] [--engines ts,pytorch] [--threads 1|2]
//                                                    [--markdown BENCHMARKS.md [--section NAME]] [--json out.json]
// --threads: torch.setNumThreads for torchts (default: the package's default, 2).
//
// Startup (module load, reading the data) and the first epoch are reported apart: the first
// epoch runs the whole-set ToTensor and V8's / WebAssembly's warm-up. Then every round runs one
// epoch and one evaluation per engine, the order alternating by round; the table gives medians
// over the rounds and the ratio torchts / PyTorch as the median of the per-round ratios (both
// epochs of a round ran back to back, so they saw the same machine).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { PHASES, evaluateAccuracy, makeMlp, trainEpoch } from "./lib/d2l-mlp.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const ROUNDS = Number(opt("rounds", 7));
const engines = opt("engines", "ts,pytorch").split(",");
const threads = opt("threads");
const PYTHON = process.env.TORCHTS_BENCH_PYTHON ?? "/usr/bin/python3";
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const now = () => performance.now();

/** The PyTorch side: bench/lib/d2l_mlp.py serving one request per line. */
async function startPytorch() {
  const t0 = now();
  const child = spawn(PYTHON, [path.join(here, "lib", "d2l_mlp.py")], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, OMP_NUM_THREADS: "1", OMP_WAIT_POLICY: "PASSIVE" },
  });
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on("line", (l) => pending.shift()?.(JSON.parse(l)));
  child.on("exit", (code) => {
    for (const p of pending.splice(0)) p({ error: `${PYTHON} exited (${code})` });
  });
  const next = () => new Promise((resolve) => pending.push(resolve));
  const hello = await next();
  if (!hello.ready) throw new Error(`PyTorch side did not start: ${JSON.stringify(hello)}`);
  const call = async (op) => {
    const p = next();
    child.stdin.write(JSON.stringify({ op }) + "\n");
    const r = await p;
    if (r.error) throw new Error(`PyTorch ${op}: ${r.error}`);
    return r;
  };
  return { hello, startMs: now() - t0, call, close: () => child.stdin.end() };
}

/** The torchts side, in this process. */
function startTorchts() {
  const t0 = now();
  const torch = require(path.join(here, "..", "packages", "torchts", "dist", "index.js"));
  const requireMs = now() - t0;
  if (threads !== undefined) torch.setNumThreads(Number(threads));
  const parts = { torch, nn: torch.nn, optim: torch.optim, data: torch.utils.data };
  let m = null;
  return {
    requireMs,
    torch,
    setup() {
      m = makeMlp(parts);
    },
    epoch() {
      const phases = Object.fromEntries(PHASES.map((k) => [k, 0]));
      const t = now();
      const [loss, acc] = trainEpoch(m, phases);
      return { ms: now() - t, loss, acc, phases };
    },
    evaluate() {
      const t = now();
      const acc = evaluateAccuracy(m);
      return { ms: now() - t, acc };
    },
  };
}

const loadBefore = os.loadavg()[0];
const t00 = now();
const res = { ts: { epochs: [], evals: [] }, pytorch: { epochs: [], evals: [] } };
const sides = {};
if (engines.includes("ts")) {
  const ts = startTorchts();
  const t = now();
  ts.setup();
  res.ts.startup = { "module load": ts.requireMs, "read the data + build": now() - t };
  sides.ts = { epoch: async () => ts.epoch(), evaluate: async () => ts.evaluate() };
}
let py = null;
if (engines.includes("pytorch")) {
  py = await startPytorch();
  const s = await py.call("setup");
  res.pytorch.startup = { "module load": py.hello.import_ms, "read the data + build": s.ms };
  res.pytorch.version = py.hello.version;
  sides.pytorch = { epoch: () => py.call("epoch"), evaluate: () => py.call("eval") };
}
const keys = Object.keys(sides);
// the first epoch and evaluation, apart
for (const k of keys) {
  res[k].first = await sides[k].epoch();
  res[k].firstEval = await sides[k].evaluate();
}
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? [...keys].reverse() : keys;
  for (const k of order) {
    res[k].epochs.push(await sides[k].epoch());
    res[k].evals.push(await sides[k].evaluate());
  }
  process.stderr.write(`round ${r + 1}/${ROUNDS}\r`);
}
py?.close();
const loadAfter = os.loadavg()[0];

// ---- report
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mm = (xs) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const lines = [];
const cmd = `node bench/mlp-epoch.mjs${args.length ? " " + args.join(" ") : ""}`;
lines.push(
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`${cmd}\`: node ${process.version}, ${os.cpus().length} cores (${cpu}); ` +
    `${res.pytorch.version ? `PyTorch ${res.pytorch.version} via ${PYTHON}, torch.set_num_threads(1); ` : ""}` +
    `torchts on ${threads ?? 2} thread${threads === "1" ? "" : "s"}; ${ROUNDS} rounds after a first epoch, medians (min–max) over rounds, ms; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after; ${((now() - t00) / 1000).toFixed(0)} s in all.`,
  "",
);
const has = (k) => res[k].epochs.length > 0;
const ratio = (get) => {
  if (!has("ts") || !has("pytorch")) return "–";
  return `${median(res.ts.epochs.map((_, i) => get("ts", i) / get("pytorch", i))).toFixed(2)}×`;
};
const head = ["", ...keys.map((k) => (k === "ts" ? "torchts" : "PyTorch (1 thread)")), ...(keys.length === 2 ? ["torchts / PyTorch"] : [])];
const rows = [];
const row = (name, get, r) => rows.push([name, ...keys.map((k) => mm(res[k].epochs.map((_, i) => get(k, i)))), ...(keys.length === 2 ? [r ?? ratio(get)] : [])]);
row("**epoch** (60,000 images, 235 batches)", (k, i) => res[k].epochs[i].ms);
for (const p of PHASES) row(`- ${p}`, (k, i) => res[k].epochs[i].phases[p]);
row("evaluate_accuracy (10,000 test images)", (k, i) => res[k].evals[i].ms);
const md = (cells) => `| ${cells.join(" | ")} |`;
lines.push(md(head), md(head.map((_, i) => (i ? "---:" : "---"))), ...rows.map(md), "");
const firstCells = (k) => {
  const s = res[k].startup;
  const ph = res[k].first.phases;
  const top = Object.entries(ph).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, v]) => `${p} ${f(v)}`).join(", ");
  return `module load ${f(s["module load"])}, data read ${f(s["read the data + build"])}, first epoch ${f(res[k].first.ms)} (${top}), first evaluation ${f(res[k].firstEval.ms)}`;
};
for (const k of keys) lines.push(`- startup, ${k === "ts" ? "torchts" : "PyTorch"}: ${firstCells(k)}`);
for (const k of keys) {
  const e = res[k].epochs.at(-1);
  lines.push(`- last epoch, ${k === "ts" ? "torchts" : "PyTorch"}: train loss ${e.loss.toFixed(3)}, train acc ${e.acc.toFixed(3)}, test acc ${res[k].evals.at(-1).acc.toFixed(3)}`);
}
const text = lines.join("\n");
console.log(text);
const mdFile = opt("markdown");
if (mdFile) {
  const s = fs.readFileSync(mdFile, "utf8");
  const tag = `bench:${opt("section", "mlp-epoch")}`;
  const a = s.indexOf(`<!-- ${tag}:begin -->`), b = s.indexOf(`<!-- ${tag}:end -->`);
  if (a < 0 || b < 0) throw new Error(`${mdFile} has no ${tag} markers`);
  fs.writeFileSync(mdFile, `${s.slice(0, a)}<!-- ${tag}:begin -->\n${text}\n${s.slice(b)}`);
}
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ node: process.version, cpu, rounds: ROUNDS, res }, null, 1));
process.exit(0);
