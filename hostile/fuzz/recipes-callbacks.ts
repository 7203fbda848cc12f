/**
 * Hostile values coming back from user code: a dataset's items and length, a sampler's indices,
 * a collateFn's or a transform's result, a hook's return, an lr lambda's value, a closure's loss.
 */
import * as torch from "@torchts/autograd";
import * as d2l from "@torchts/d2l";
import * as loaders from "@torchts/loaders";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import type { Target } from "./engine";

const iterate = (x: Iterable<unknown>) => [...x];
const cb = (name: string, valid: () => unknown, call: (v: unknown) => unknown, accepts?: string[]): Target =>
  ({ name: `callbacks/${name}`, args: () => [valid()], call: ([v]) => call(v), extra: 0, accepts: accepts && { 0: accepts } });
const items = (v: unknown) => ({ length: 4, get: () => v });
const sgd = () => { const w = torch.ones(2, { requiresGrad: true }); w.sum().backward(); return new optim.SGD([w], { lr: 0.1 }); };
// values a collate or transform may legitimately pass through untouched (DataLoader yields what collateFn returns, as PyTorch)
const ANY = ["{bogus:1}", "Symbol", "1n"];

export const CALLBACK_TARGETS: Target[] = [
  // items { bogus: 1 } collate to { bogus: tensor([1, 1]) }, as PyTorch's default_collate of dicts
  cb("dataset item, batched", () => torch.ones(2), (v) => iterate(new loaders.DataLoader(items(v) as never, { batchSize: 2 })), ["{bogus:1}"]),
  cb("dataset item, unbatched", () => torch.ones(2), (v) => iterate(new loaders.DataLoader(items(v) as never, { batchSize: null })), ANY),
  cb("dataset length", () => 4, (v) => iterate(new loaders.DataLoader({ length: v, get: () => torch.ones(2) } as never, { batchSize: 2 }))),
  cb("dataset getBatch result", () => [torch.ones(2, 2)], (v) => iterate(new loaders.DataLoader({ length: 4, get: () => [torch.ones(2)], getBatch: () => v } as never, { batchSize: 2 })), ANY),
  cb("sampler index", () => 0, (v) => iterate(new loaders.DataLoader(new loaders.TensorDataset(torch.ones(4, 2)), { sampler: [v, 0] as never, batchSize: 2 }))),
  cb("batchSampler batch", () => [0, 1], (v) => iterate(new loaders.DataLoader(new loaders.TensorDataset(torch.ones(4, 2)), { batchSampler: [v] as never }))),
  cb("collateFn result", () => torch.ones(2), (v) => iterate(new loaders.DataLoader(new loaders.TensorDataset(torch.ones(4, 2)), { batchSize: 2, collateFn: () => v })), ANY),
  cb("transform result", () => torch.ones(1, 28, 28), (v) =>
    new loaders.datasets.FashionMNIST("/usr/share/datasets/fashion-mnist", { train: false, transform: () => v }).get(0), ANY),
  cb("Compose stage result", () => torch.ones(2), (v) => new loaders.transforms.Compose([() => v, new loaders.transforms.Normalize([0.5], [0.5])]).forward(torch.ones(1, 2, 2))),
  cb("forward pre-hook result", () => [torch.ones(1, 2)], (v) => { const m = new nn.Linear(2, 1); m.registerForwardPreHook(() => v as never); return m(torch.ones(1, 2)); }),
  cb("forward hook result", () => torch.ones(1), (v) => { const m = new nn.Linear(2, 1); m.registerForwardHook(() => v as never); return m(torch.ones(1, 2)); }, ANY), // a forward hook's return replaces the output, whatever it is (PyTorch's)
  cb("apply fn", () => (m: unknown) => m, (v) => new nn.Linear(2, 1).apply(v as never)),
  cb("lr lambda value", () => 0.5, (v) => { const o = sgd(); const s = new optim.lrScheduler.LambdaLR(o, () => v as number); o.step(); s.step(); return s.getLastLr(); }),
  cb("step closure loss", () => torch.tensor(1.0), (v) => sgd().step(() => v), ANY), // step returns the closure's value, as PyTorch
  cb("d2l net output", () => torch.ones(2, 2), (v) => d2l.evaluateAccuracy((() => v) as never, [[torch.ones(2, 2), torch.tensor([0, 1])]])),
  cb("d2l loss output", () => torch.ones(2), (v) => d2l.evaluateLoss(new nn.Linear(2, 2), [[torch.ones(2, 2), torch.tensor([0, 1])]], (() => v) as never)),
  cb("d2l updater", () => (bs: number) => bs, (v) => { const n = new nn.Linear(2, 2); return d2l.trainEpochCh3(n, [[torch.ones(2, 2), torch.tensor([0, 1])]], new nn.CrossEntropyLoss({ reduction: "none" }), v as never); }),
];
