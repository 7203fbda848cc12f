// d2l's softmax regression (3.7) and concise MLP (4.3) on Fashion-MNIST, in torchts and in PyTorch 1.13
// (bench/d2l_accuracy.py, a fresh process per run), with the same seeds and the book's recipe; run by hand:
//   pnpm build && node bench/d2l-accuracy.mjs [--seeds 0,1,2] [--models softmax,mlp] [--epochs 10]
//                                             [--json out.json] [--markdown BENCHMARKS.md] [--from-json out.json]
// For each model and seed, torchts trains first, then PyTorch right after, so both see the same machine
// load. Both run one thread. The recipe (see d2l_accuracy.py): Flatten + Linear(784, 10), or Flatten +
// Linear(784, 256) + ReLU + Linear(256, 10); Linear weights from N(0, 0.01²), biases left at nn.Linear's
// default; CrossEntropyLoss with reduction "none" and the mean backpropagated; SGD lr 0.1; batch 256,
// shuffled; 10 epochs; manualSeed(seed) once before the model is built. Timing: d2l's train_ch3 loop
// (data loading and the per-epoch test evaluation included; reading the files excluded).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const torch = require("../packages/torchts/dist/index.js");
const { nn, optim } = torch;
const { DataLoader, datasets, transforms } = torch.utils.data;

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const SEEDS = opt("seeds", "0,1,2").split(",").map(Number);
const MODELS = opt("models", "softmax,mlp").split(",");
const EPOCHS = Number(opt("epochs", 10));

torch.setNumThreads(1);
let trainIter, testIter;
function loadData() {
  const toTensor = new transforms.ToTensor();
  trainIter = new DataLoader(new datasets.FashionMNIST({ train: true, transform: toTensor }), 256, { shuffle: true });
  testIter = new DataLoader(new datasets.FashionMNIST({ train: false, transform: toTensor }), 256, { shuffle: false });
  // The datasets apply ToTensor to the whole set on their first batch; do that now, outside the timing
  // (PyTorch's side converts when it reads the files) and before any seed (an iteration draws from the generator).
  for (const ds of [trainIter.dataset, testIter.dataset]) for (const _ of new DataLoader(ds, 1)) break;
}

/** d2l.accuracy: the number of correct predictions. */
const accuracy = (yHat, y) => Number(yHat.argmax(1).eq(y).sum());

function evaluateAccuracy(net, dataIter) {
  net.eval();
  let right = 0, n = 0;
  torch.noGrad(() => {
    for (const [X, y] of dataIter) {
      right += accuracy(net(X), y);
      n += y.numel();
    }
  });
  return right / n;
}

function trainEpochCh3(net, loss, updater) {
  net.train();
  let total = 0, right = 0, n = 0;
  for (const [X, y] of trainIter) {
    const yHat = net(X);
    const l = loss(yHat, y);
    updater.zeroGrad();
    l.mean().backward();
    updater.step();
    total += Number(l.sum());
    right += accuracy(yHat, y);
    n += y.numel();
  }
  return [total / n, right / n];
}

function makeNet(model) {
  if (model === "softmax") return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));
  if (model === "mlp") return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
  throw new Error(`unknown model ${model}`);
}

function runTorchts(model, seed) {
  torch.manualSeed(seed);
  const net = makeNet(model);
  net.apply((m) => {
    if (m instanceof nn.Linear) nn.init.normal_(m.weight, { std: 0.01 });
  });
  const loss = new nn.CrossEntropyLoss({ reduction: "none" });
  const trainer = new optim.SGD(net.parameters(), { lr: 0.1 });
  const out = { side: "torchts", model, seed, train_loss: [], train_acc: [], test_acc: [] };
  const start = performance.now();
  for (let e = 0; e < EPOCHS; e++) {
    const [trainLoss, trainAcc] = trainEpochCh3(net, loss, trainer);
    out.train_loss.push(trainLoss);
    out.train_acc.push(trainAcc);
    out.test_acc.push(evaluateAccuracy(net, testIter));
  }
  out.seconds = (performance.now() - start) / 1000;
  return out;
}

function runPytorch(model, seed) {
  const r = spawnSync("/usr/bin/python3", [path.join(here, "d2l_accuracy.py"), "--seeds", String(seed), "--models", model, "--epochs", String(EPOCHS)], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`d2l_accuracy.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

// --from-json out.json: render the table of a saved run instead of training again
const fromJson = opt("from-json", null);
const saved = fromJson ? JSON.parse(readFileSync(fromJson, "utf8")) : null;
const runs = saved ? saved.runs : [];
if (!saved) {
  loadData();
  for (const model of MODELS) {
    for (const seed of SEEDS) {
      for (const run of [runTorchts, runPytorch]) {
        const r = run(model, seed);
        runs.push(r);
        console.log(`${r.side.padEnd(7)} ${model.padEnd(7)} seed ${seed}: test acc ${r.test_acc.at(-1).toFixed(4)}, train loss ${r.train_loss.at(-1).toFixed(4)}, ${r.seconds.toFixed(1)} s`);
      }
    }
  }
}
const machine = saved?.machine ?? `Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown"}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end`;

const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
const f4 = (x) => x.toFixed(4);
const epochs = runs[0].test_acc.length;
const lines = [
  `${machine}; torchts and PyTorch 1.13.1 each on 1 thread; ${epochs} epochs, batch 256, SGD lr 0.1; seeds ${SEEDS.join(", ")}. ` +
    "Test accuracy and train loss after the last epoch; Δ: the largest difference between the two sides over the epochs; s: the whole training loop.",
  "",
  "| model | seed | torchts test acc | PyTorch test acc | torchts train loss | PyTorch train loss | max Δ train loss | max Δ test acc | torchts s | PyTorch s |",
  "|---|---|---|---|---|---|---|---|---|---|",
];
const maxDiff = (a, b) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));
const verdicts = [];
for (const model of MODELS) {
  const ours = runs.filter((r) => r.model === model && r.side === "torchts");
  const theirs = runs.filter((r) => r.model === model && r.side === "pytorch");
  for (const seed of SEEDS) {
    const a = ours.find((r) => r.seed === seed), b = theirs.find((r) => r.seed === seed);
    lines.push(
      `| ${model} | ${seed} | ${f4(a.test_acc.at(-1))} | ${f4(b.test_acc.at(-1))} | ${f4(a.train_loss.at(-1))} | ${f4(b.train_loss.at(-1))} | ` +
        `${maxDiff(a.train_loss, b.train_loss).toExponential(1)} | ${maxDiff(a.test_acc, b.test_acc).toFixed(4)} | ${a.seconds.toFixed(1)} | ${b.seconds.toFixed(1)} |`,
    );
  }
  const ma = mean(ours.map((r) => r.test_acc.at(-1))), mb = mean(theirs.map((r) => r.test_acc.at(-1)));
  const gap = Math.abs(ma - mb) * 100;
  lines.push(`| ${model} | **mean** | **${f4(ma)}** | **${f4(mb)}** | ${f4(mean(ours.map((r) => r.train_loss.at(-1))))} | ${f4(mean(theirs.map((r) => r.train_loss.at(-1))))} | | | ${mean(ours.map((r) => r.seconds)).toFixed(1)} | ${mean(theirs.map((r) => r.seconds)).toFixed(1)} |`);
  verdicts.push(`${model}: mean test accuracy ${f4(ma)} against ${f4(mb)}, ${gap.toFixed(2)} points apart (target ≤ 1): ${gap <= 1 ? "PASS" : "FAIL"}`);
}
lines.push("", ...verdicts.map((v) => `- ${v}`));
const text = lines.join("\n");
console.log("\n" + text);

const json = opt("json", null);
if (json) writeFileSync(json, JSON.stringify({ machine, date: new Date().toISOString(), runs }, null, 1) + "\n");
const md = opt("markdown", null);
if (md) {
  const s = readFileSync(md, "utf8");
  const a = s.indexOf("<!-- bench:d2l-accuracy:begin -->"), b = s.indexOf("<!-- bench:d2l-accuracy:end -->");
  if (a < 0 || b < 0) throw new Error(`${md} has no bench:d2l-accuracy markers`);
  writeFileSync(md, s.slice(0, a) + `<!-- bench:d2l-accuracy:begin -->\nMeasured ${(saved?.date ?? new Date().toISOString()).slice(0, 16).replace("T", " ")} UTC.\n\n${text}\n` + s.slice(b));
}
