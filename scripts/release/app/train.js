// A short training run from installed tarballs (scripts/release-rehearsal.sh step 4):
// linear regression on synthetic data (torch.optim.SGD), with a matmul large enough to start the worker thread.
const assert = require("node:assert");
const torch = require("torchts");

torch.manualSeed(0);
const trueW = torch.tensor([[2], [-3.4]]);
const X = torch.randn(1000, 2);
const y = X.matmul(trueW).add(4.2).add(torch.randn(1000, 1).mul(0.01));
const w = torch.zeros(2, 1, { requiresGrad: true });
const b = torch.zeros(1, { requiresGrad: true });
const trainer = new torch.optim.SGD([w, b], { lr: 0.03 });
for (let epoch = 0; epoch < 3; epoch++) {
  for (let i = 0; i < 1000; i += 10) {
    const Xb = X.get(torch.slice(i, i + 10));
    const yb = y.get(torch.slice(i, i + 10));
    trainer.zeroGrad();
    Xb.matmul(w).add(b).sub(yb).pow(2).mean().backward();
    trainer.step();
  }
}
assert.ok(w.sub(trueW).abs().max().item() < 0.05, `w = ${w}`);
assert.ok(Math.abs(b.item() - 4.2) < 0.05, `b = ${b}`);
// the WebAssembly kernels and the worker thread (spawned by path from dist/) work from the tarball too
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
  console.log("train: ok", String(w.detach().flatten()), String(b.detach()), "worker jobs", workerStats().sharedJobs);
})();
