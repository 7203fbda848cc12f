// Loading speed of @torchts/loaders beside PyTorch 1.13 on the same machine, run against the built dist:
//   pnpm turbo run build --filter @torchts/loaders && node bench/loaders/loading.mjs [--rounds 5] [--markdown BENCHMARKS.md]
// Each round runs the torchts cases, then PyTorch's (loading.py, a fresh process) right after, so both
// see the same machine load; the table shows medians over rounds (and the min). Issue 17's targets:
// - reading both Fashion-MNIST sets ≤ 1.3x zlib.gunzipSync of the same files;
// - ToTensor of the whole training set: one pass into one float32 tensor, beside PyTorch's x.float().div(255);
// - one shuffled epoch at batch 256 (TensorDataset, and FashionMNIST + ToTensor): ≥ 4x faster than PyTorch's
//   DataLoader(TensorDataset, shuffle=True, batch_size=256, num_workers=0), within 1.5x of its hand loop.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const torch = require("../../packages/tensor/dist/index.js");
const { DataLoader, TensorDataset, datasets, transforms } = require("../../packages/loaders/dist/index.js");
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const ROUNDS = Number(opt("rounds", 5));
const ROOT = "/usr/share/datasets/fashion-mnist";
const FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

const ms = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

function tsRound() {
  const r = {};
  // reading: the floor (read + gunzip of the four files) and the datasets, alternated twice, best of each
  const floor = [], read = [];
  for (let k = 0; k < 2; k++) {
    floor.push(ms(() => FILES.forEach((f) => gunzipSync(readFileSync(`${ROOT}/${f}`)))));
    read.push(ms(() => { new datasets.FashionMNIST({ train: true }); new datasets.FashionMNIST({ train: false }); }));
  }
  r["gunzipSync floor"] = Math.min(...floor);
  r["read both sets"] = Math.min(...read);
  const train = new datasets.FashionMNIST({ train: true });
  const tt = new transforms.ToTensor();
  tt.forwardBatch(train.data);
  r["toTensor"] = median([0, 1, 2].map(() => ms(() => tt.forwardBatch(train.data))));
  const X = tt.forwardBatch(train.data);
  const loader = new DataLoader(new TensorDataset(X, train.targets), 256, { shuffle: true, numWorkers: 0 });
  const epoch = (l) => () => { let n = 0; for (const [xb] of l) n += xb.shape[0]; if (n !== 60000) throw new Error("short epoch"); };
  epoch(loader)();
  r["epoch TensorDataset"] = median([0, 1, 2, 3, 4].map(() => ms(epoch(loader))));
  const fm = new datasets.FashionMNIST({ train: true, transform: new transforms.ToTensor() });
  const fmLoader = new DataLoader(fm, 256, { shuffle: true, numWorkers: 4 });
  r["first epoch FashionMNIST+ToTensor (incl. the whole-set ToTensor)"] = ms(epoch(fmLoader));
  r["epoch FashionMNIST+ToTensor"] = median([0, 1, 2, 3, 4].map(() => ms(epoch(fmLoader))));
  return r;
}

function pyRound() {
  const p = spawnSync("/usr/bin/python3", [path.join(here, "loading.py"), "5"], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  if (p.status !== 0) throw new Error(p.stderr);
  return JSON.parse(p.stdout.trim().split("\n").pop());
}

const rounds = { ts: [], py: [] };
for (let i = 0; i < ROUNDS; i++) {
  rounds.ts.push(tsRound());
  rounds.py.push(pyRound());
  process.stderr.write(`round ${i + 1}/${ROUNDS}\n`);
}
const stat = (list, key) => ({ med: median(list.map((r) => r[key])), min: Math.min(...list.map((r) => r[key])) });
const T = (k) => stat(rounds.ts, k), P = (k) => stat(rounds.py, k);
const f = (s) => `${s.med.toFixed(1)} (min ${s.min.toFixed(1)})`;
const cpu = os.cpus()[0]?.model ?? "unknown";
const load = os.loadavg()[0].toFixed(1);
const lines = [
  `Node ${process.version}, ${cpu}, ${os.cpus().length} cores, load average ${load} at the end; PyTorch 1.13.1 (1 thread); ${ROUNDS} interleaved rounds; ms, median (min) over rounds.`,
  "",
  "| case | torchts | PyTorch / floor | ratio (median) | target |",
  "|---|---|---|---|---|",
];
const row = (name, a, b, target, ok) => lines.push(`| ${name} | ${f(a)} | ${f(b)} | ${(a.med / b.med).toFixed(2)} | ${target}: ${ok ? "PASS" : "FAIL"} |`);
const rd = T("read both sets"), gz = T("gunzipSync floor");
row("read both Fashion-MNIST sets (uint8) vs zlib.gunzipSync of the 4 files", rd, gz, "≤ 1.3x", rd.med <= 1.3 * gz.med);
const tt = T("toTensor"), ptt = P("toTensor");
row("ToTensor, whole training set (one float32 tensor) vs x.float().div(255)", tt, ptt, "recorded", true);
const dl = P("epoch DataLoader"), hand = P("epoch hand loop");
for (const k of ["epoch TensorDataset", "epoch FashionMNIST+ToTensor"]) {
  const a = T(k);
  row(`${k}, batch 256, shuffled vs DataLoader(TensorDataset, shuffle=True)`, a, dl, "≥ 4x faster", dl.med / a.med >= 4);
  row(`${k}, batch 256, shuffled vs hand loop (randperm, X[idx])`, a, hand, "≤ 1.5x", a.med <= 1.5 * hand.med);
}
const first = T("first epoch FashionMNIST+ToTensor (incl. the whole-set ToTensor)");
lines.push(`| first epoch of FashionMNIST+ToTensor (includes the one whole-set ToTensor) | ${f(first)} | | | |`);
lines.push(`| PyTorch: reading both sets with gzip.decompress + frombuffer | | ${f(P("read (gzip.decompress + frombuffer)"))} | | |`);
const text = lines.join("\n");
console.log(text);
const md = opt("markdown", null);
if (md) {
  const s = readFileSync(md, "utf8");
  const a = s.indexOf("<!-- bench:loaders:begin -->"), b = s.indexOf("<!-- bench:loaders:end -->");
  if (a < 0 || b < 0) throw new Error(`${md} has no bench:loaders markers`);
  writeFileSync(md, s.slice(0, a) + `<!-- bench:loaders:begin -->\n${text}\n` + s.slice(b));
}
