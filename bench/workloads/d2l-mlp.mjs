// Issue 20's speed target as run.mjs / ab.mjs rows: one end-to-end epoch of the d2l 4.1 concise MLP
// on Fashion-MNIST (DataLoader with shuffle included, batch 256, nn.Sequential, CrossEntropyLoss
// reduction "none", l.mean().backward(), SGD lr 0.1: bench/lib/d2l-mlp.mjs) and d2l's
// evaluate_accuracy over the 10,000 test images, beside PyTorch 1.13 running the same script
// (bench/lib/d2l_mlp.py). bench/mlp-epoch.mjs gives the same figures with the per-phase split.
// A build without the umbrella package `torchts` (an A/B base before it) skips these rows.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateAccuracy, makeMlp, trainEpoch } from "../lib/d2l-mlp.mjs";

const PY = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "lib", "d2l_mlp.py");
const PY_SETUP = [
  "import importlib.util",
  `spec = importlib.util.spec_from_file_location("d2l_mlp", ${JSON.stringify(PY)})`,
  "d2l_mlp = importlib.util.module_from_spec(spec)",
  "spec.loader.exec_module(d2l_mlp)",
  "m = d2l_mlp.make()",
  "",
].join("\n");

const cache = new Map();
/** One model per build (per pkg function), shared by the epoch and evaluation rows. */
function model(pkg) {
  if (!cache.has(pkg)) {
    let torch;
    try {
      torch = pkg("torchts");
    } catch {
      cache.set(pkg, null); // this build has no umbrella package
      return null;
    }
    cache.set(pkg, makeMlp({ torch, nn: torch.nn, optim: torch.optim, data: torch.utils.data }));
  }
  return cache.get(pkg);
}

export const workloads = [
  {
    id: "d2l MLP epoch, Fashion-MNIST, batch 256 (DataLoader, nn, SGD)",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts-wasm1", "ts"],
    targets: [
      { text: "≤ 2.5× PyTorch (issue 20)", check: (m, faster) => faster("pytorch") >= 1 / 2.5 },
      { text: "≤ 1.8× PyTorch (margin)", check: (m, faster) => faster("pytorch") >= 1 / 1.8 },
    ],
    torchts: ({ pkg }) => {
      const m = model(pkg);
      return m && (() => trainEpoch(m));
    },
    tfjs: null,
    pytorch: { setup: PY_SETUP, stmt: "d2l_mlp.train_epoch(m)" },
  },
  {
    id: "d2l evaluate_accuracy, Fashion-MNIST test set (10,000 images)",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts-wasm1", "ts"],
    torchts: ({ pkg }) => {
      const m = model(pkg);
      return m && (() => evaluateAccuracy(m));
    },
    tfjs: null,
    pytorch: { setup: PY_SETUP, stmt: "d2l_mlp.evaluate_accuracy(m)" },
  },
];
