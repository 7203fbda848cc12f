// The d2l 4.1 concise MLP on Fashion-MNIST in torchts, as a notebook writes it: the umbrella's
// nn.Sequential(Flatten, Linear(784, 256), ReLU, Linear(256, 10)) with normal(0, 0.01) weights,
// CrossEntropyLoss({ reduction: "none" }), optim.SGD(lr 0.1), and d2l's trainEpochCh3 /
// evaluateAccuracy loops (l.mean().backward(), the Accumulator of loss, accuracy and count).
// The PyTorch twin is bench/lib/d2l_mlp.py; bench/mlp-epoch.mjs runs both side by side and
// bench/workloads/d2l-mlp.mjs puts the epoch into run.mjs / ab.mjs.
//
// With `phases` (an object of ms counters) every batch adds its time per phase:
//   loader   the DataLoader producing the batch (sampler, gather, collate; iter() included)
//   forward  net(X)
//   loss     loss(yHat, y)
//   backward zero_grad, l.mean(), backward()
//   step     trainer.step()
//   metrics  float(l.sum()), accuracy(yHat, y), y.numel() into the Accumulator
export const PHASES = ["loader", "forward", "loss", "backward", "step", "metrics"];

/** d2l's accuracy(y_hat, y): the number of correct predictions, as a JS number. */
export function accuracy(yHat, y) {
  let p = yHat;
  if (p.shape.length > 1 && p.shape[1] > 1) p = p.argmax(1);
  const cmp = p.to(y.dtype).eq(y);
  return Number(cmp.to(y.dtype).sum());
}

/**
 * Builds the model, loss, optimizer and both loaders. `parts` = { torch, nn, optim, data }
 * (data: torch.utils.data, i.e. @torchts/loaders). The datasets are read here; the
 * whole-set ToTensor runs on the first batch, as a notebook's first epoch sees it.
 */
export function makeMlp({ torch, nn, optim, data }, { seed = 0, batchSize = 256 } = {}) {
  torch.manualSeed(seed);
  const { datasets, transforms, DataLoader } = data;
  const train = new datasets.FashionMNIST({ train: true, transform: new transforms.ToTensor() });
  const test = new datasets.FashionMNIST({ train: false, transform: new transforms.ToTensor() });
  const trainIter = new DataLoader(train, { batchSize, shuffle: true });
  const testIter = new DataLoader(test, { batchSize, shuffle: false });
  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
  net.apply((m) => {
    if (m instanceof nn.Linear) nn.init.normal_(m.weight, { std: 0.01 });
  });
  const loss = new nn.CrossEntropyLoss({ reduction: "none" });
  const trainer = new optim.SGD(net.parameters(), { lr: 0.1 });
  return { torch, net, loss, trainer, trainIter, testIter };
}

const now = () => performance.now();

/** d2l's train_epoch_ch3 with an nn.Module and a torch.optim optimizer; returns [train loss, train acc]. */
export function trainEpoch({ net, loss, trainer, trainIter }, phases = null) {
  net.train();
  const metric = [0, 0, 0];
  const ph = phases ?? {};
  let t = now();
  const it = trainIter[Symbol.iterator]();
  for (;;) {
    const next = it.next();
    let t1 = now();
    ph.loader = (ph.loader ?? 0) + (t1 - t);
    if (next.done) break;
    const [X, y] = next.value;
    const yHat = net(X);
    let t2 = now();
    ph.forward = (ph.forward ?? 0) + (t2 - t1);
    const l = loss(yHat, y);
    t1 = now();
    ph.loss = (ph.loss ?? 0) + (t1 - t2);
    trainer.zeroGrad();
    l.mean().backward();
    t2 = now();
    ph.backward = (ph.backward ?? 0) + (t2 - t1);
    trainer.step();
    t1 = now();
    ph.step = (ph.step ?? 0) + (t1 - t2);
    metric[0] += Number(l.sum());
    metric[1] += accuracy(yHat, y);
    metric[2] += y.numel();
    t = now();
    ph.metrics = (ph.metrics ?? 0) + (t - t1);
  }
  return [metric[0] / metric[2], metric[1] / metric[2]];
}

/** d2l's evaluate_accuracy over the test loader, under noGrad, in eval mode. */
export function evaluateAccuracy({ torch, net, testIter }) {
  net.eval();
  const metric = [0, 0];
  torch.noGrad(() => {
    for (const [X, y] of testIter) {
      metric[0] += accuracy(net(X), y);
      metric[1] += y.numel();
    }
  });
  return metric[0] / metric[1];
}
