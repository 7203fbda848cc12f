// A short training run from installed tarballs (scripts/release-rehearsal.sh step 4), through the
// umbrella: d2l's concise linear regression (nn.Sequential(nn.Linear(2, 1)), nn.MSELoss,
// optim.SGD, a shuffled DataLoader over a TensorDataset), saved with torch.save and loaded into a
// clone; then a matmul large enough to be shared with the worker thread (spawned from dist/).
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const torch = require("torchts");
const { nn, optim } = torch;
const { DataLoader, TensorDataset } = torch.utils.data;

torch.manualSeed(0);
const trueW = torch.tensor([[2], [-3.4]]);
const X = torch.randn(1000, 2);
const y = X.matmul(trueW).add(4.2).add(torch.randn(1000, 1).mul(0.01));
const net = new nn.Sequential(new nn.Linear(2, 1));
const loss = new nn.MSELoss();
const trainer = new optim.SGD(net.parameters(), { lr: 0.03 });
const loader = new DataLoader(new TensorDataset(X, y), 10, { shuffle: true });
for (let epoch = 0; epoch < 3; epoch++) {
  for (const [Xb, yb] of loader) {
    trainer.zeroGrad();
    loss(net(Xb), yb).backward();
    trainer.step();
  }
}
const w = net[0].weight.detach(), b = net[0].bias.detach();
assert.ok(w.sub(trueW.T).abs().max().item() < 0.05, `w = ${w}`);
assert.ok(Math.abs(b.item() - 4.2) < 0.05, `b = ${b}`);

// save / load (PyTorch's .pt format) into a clone
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "torchts-rehearsal-")), "linreg.params");
torch.save(net.stateDict(), file);
const clone = new nn.Sequential(new nn.Linear(2, 1));
clone.loadStateDict(torch.load(file));
assert.deepStrictEqual(clone(X).tolist(), net(X).tolist());

// the WebAssembly kernels and the worker thread work from the tarball too
const { workerStats } = require("@torchts/tensor/internal");
const A = torch.randn(512, 512);
const want = A.double().matmul(A.double());
assert.ok(A.matmul(A).double().sub(want).abs().max().item() < 1e-3); // starts the worker
const t0 = Date.now();
(function shared() {
  if (!workerStats().workerReady && Date.now() - t0 < 30000) return setTimeout(shared, 20);
  assert.ok(workerStats().workerReady, "the worker thread did not start");
  const before = workerStats().sharedJobs;
  assert.ok(A.matmul(A).double().sub(want).abs().max().item() < 1e-3);
  assert.ok(workerStats().sharedJobs > before, "the 512x512 matmul was not shared with the worker");
  console.log("train: ok", String(w.flatten()), String(b), "saved and loaded", path.basename(file), "worker jobs", workerStats().sharedJobs);
})();
