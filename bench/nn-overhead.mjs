// What going through @torchts/nn costs (issue 15): the MLP 784-256-10 step (batch 256) written with
// raw tensor ops (as bench/workloads/training.mjs) and with nn.Sequential + nn.CrossEntropyLoss + the same
// hand SGD, timed as interleaved pairs in one process, so a loaded machine slows both alike; prints the
// medians and the median per-pair ratio. Needs a build: pnpm turbo run build --filter @torchts/nn
//   node bench/nn-overhead.mjs
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const torch = require("../packages/autograd/dist/index.js");
const nn = require("../packages/nn/dist/index.js");
const B = 256, D = 784, H = 256, K = 10, LR = 0.1;
torch.manualSeed(0);
const X = torch.rand(B, D), y = torch.randint(0, K, [B]);
const W1 = torch.rand(D, H).mul(0.1).sub(0.05).requiresGrad_(), b1 = torch.zeros([H], { requiresGrad: true });
const W2 = torch.rand(H, K).mul(0.2).sub(0.1).requiresGrad_(), b2 = torch.zeros([K], { requiresGrad: true });
const raw = [W1, b1, W2, b2];
const rawStep = () => {
  const h = X.matmul(W1).add(b1).relu();
  const loss = h.matmul(W2).add(b2).logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
  loss.backward();
  torch.noGrad(() => { for (const q of raw) { q.sub_(q.grad.mul(LR)); q.grad.zero_(); } });
};
const net = new nn.Sequential(new nn.Linear(D, H), new nn.ReLU(), new nn.Linear(H, K));
const ce = new nn.CrossEntropyLoss();
const params = net.parameters();
const nnStep = () => {
  ce(net(X), y).backward();
  torch.noGrad(() => { for (const q of params) { q.sub_(q.grad.mul(LR)); q.grad.zero_(); } });
};
for (let i = 0; i < 20; i++) { rawStep(); nnStep(); }
const tr = [], tn = [];
for (let i = 0; i < 300; i++) {
  let t = performance.now(); rawStep(); tr.push(performance.now() - t);
  t = performance.now(); nnStep(); tn.push(performance.now() - t);
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const ratios = tr.map((r, i) => tn[i] / r);
console.log(`raw ${med(tr).toFixed(2)} ms, nn ${med(tn).toFixed(2)} ms, median per-pair ratio nn/raw ${med(ratios).toFixed(3)}`);
