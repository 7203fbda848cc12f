/**
 * The notes' uses of torch.optim: 3.3's concise linear regression (Linear(2, 1)
 * as raw w, b; MSELoss; SGD lr 0.03; batch 10; 3 epochs) recovers w ≈ [2, −3.4],
 * b ≈ 4.2; 4.5's weight decay by hand (λ/2·‖w‖² per sample in the loss) equals
 * `weightDecay: λ` on the same data loss; 11.6/11.10's scratch momentum and Adam
 * equal SGD(momentum) and Adam(eps 1e-6) up to rounding. Stream-independent: any
 * draws of the generator give the same conclusions.
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import * as optim from "./index";

/** d2l's synthetic_data: X ~ N(0, 1), y = Xw + b + N(0, 0.01). */
function syntheticData(w: number[], b: number, n: number): [torch.Tensor, torch.Tensor] {
  const X = torch.normal(0, 1, [n, w.length]);
  const y = X.matmul(torch.tensor(w, { dtype: torch.float32 })).add(b).add(torch.normal(0, 0.01, [n]));
  return [X, y.reshape([-1, 1])];
}

describe("d2l 3.3: concise linear regression", () => {
  it("SGD(lr 0.03), MSELoss, batch 10, 3 epochs recovers w ≈ [2, -3.4], b ≈ 4.2", () => {
    torch.manualSeed(1);
    const [X, y] = syntheticData([2, -3.4], 4.2, 1000);
    // nn.Linear(2, 1) written as its raw parameters, initialised as d2l does (normal_(0, 0.01), fill_(0))
    const weight = torch.normal(0, 0.01, [1, 2]).requiresGrad_(true);
    const bias = torch.zeros([1], { requiresGrad: true });
    const net = (x: torch.Tensor) => x.matmul(weight.t()).add(bias);
    const trainer = new optim.SGD([weight, bias], { lr: 0.03 });
    for (let epoch = 0; epoch < 3; epoch++) {
      const perm = torch.randperm(1000);
      for (let i = 0; i < 1000; i += 10) {
        const idx = perm.get(`${i}:${i + 10}`);
        const l = net(X.get(idx)).sub(y.get(idx)).pow(2).mean(); // nn.MSELoss()
        trainer.zeroGrad();
        l.backward();
        trainer.step();
      }
    }
    const w = weight.toTypedArray();
    expect(Math.abs(w[0] - 2)).toBeLessThan(0.01);
    expect(Math.abs(w[1] + 3.4)).toBeLessThan(0.01);
    expect(Math.abs(Number(bias.item()) - 4.2)).toBeLessThan(0.01);
    const loss = torch.noGrad(() => net(X).sub(y).pow(2).mean().item());
    expect(loss).toBeLessThan(3e-4);
  });
});

describe("d2l 4.5: weight decay", () => {
  it("λ/2·‖w‖² added per sample by hand equals SGD's weightDecay: λ on the same data loss (1e-6 absolute, float32)", () => {
    torch.manualSeed(2);
    const nTrain = 20, d = 200, bs = 5, lr = 0.003, lambd = 3;
    const X = torch.normal(0, 1, [nTrain, d]);
    const y = X.matmul(torch.ones([d, 1]).mul(0.01)).add(0.05).add(torch.normal(0, 0.01, [nTrain, 1]));
    const w0 = torch.normal(0, 1, [d, 1]);
    const squared = (yh: torch.Tensor, yy: torch.Tensor) => yh.sub(yy.reshape(yh.shape)).pow(2).div(2);
    const batches = Array.from({ length: nTrain / bs }, (_, i) => torch.arange(i * bs, (i + 1) * bs));

    // from scratch: l = loss + λ·l2_penalty(w); l.sum().backward(); sgd(params, lr, bs)
    const w1 = w0.clone().requiresGrad_(true), b1 = torch.zeros([1], { requiresGrad: true });
    // concise: the same data loss averaged; the penalty through the optimizer, on w only
    const w2 = w0.clone().requiresGrad_(true), b2 = torch.zeros([1], { requiresGrad: true });
    const trainer = new optim.SGD([{ params: [w2], weightDecay: lambd }, { params: [b2] }], { lr });
    for (let epoch = 0; epoch < 100; epoch++) {
      for (const idx of batches) {
        const Xb = X.get(idx), yb = y.get(idx);
        const l = squared(Xb.matmul(w1).add(b1), yb).add(w1.pow(2).sum().div(2).mul(lambd));
        l.sum().backward();
        torch.noGrad(() => {
          for (const p of [w1, b1]) {
            p.sub_(p.grad!.mul(lr).div(bs));
            p.grad!.zero_();
          }
        });
        trainer.zeroGrad();
        squared(Xb.matmul(w2).add(b2), yb).mean().backward();
        trainer.step();
      }
    }
    const a = w1.toTypedArray(), b = w2.toTypedArray();
    let worst = 0;
    // (absolute: λ shrinks w towards 0, where float32's rounding of two different sums is all that differs)
    for (let i = 0; i < d; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(Number(b1.item()) - Number(b2.item()))).toBeLessThanOrEqual(1e-6);
    // and the decay did its work: ‖w‖ fell far below the unregularised start
    expect(Number(torch.linalg.norm(w2).item())).toBeLessThan(0.5 * Number(torch.linalg.norm(w0).item()));
  });
});

describe("d2l 11.6 / 11.10: scratch momentum and Adam", () => {
  const f = (x: torch.Tensor) => x.get(0).pow(2).mul(0.1).add(x.get(1).pow(2).mul(2)); // 0.1·x1² + 2·x2²

  it("v = βv + g; x -= ηv equals SGD(momentum β)", () => {
    const x = torch.tensor([-5, -2], { dtype: torch.float32, requiresGrad: true });
    const opt = new optim.SGD([x], { lr: 0.6 * 0.1, momentum: 0.5 });
    let v = [0, 0];
    const xs = [-5, -2];
    for (let i = 0; i < 50; i++) {
      opt.zeroGrad();
      f(x).backward();
      opt.step();
      const g = [0.2 * xs[0], 4 * xs[1]];
      v = v.map((vi, k) => 0.5 * vi + g[k]);
      xs.forEach((_, k) => (xs[k] -= 0.06 * v[k]));
    }
    const got = x.toTypedArray();
    xs.forEach((want, k) => expect(Math.abs(got[k] - want)).toBeLessThan(1e-5));
  });

  it("d2l's Adam (eps 1e-6, bias-corrected v̂/(√ŝ + ε)) equals Adam(eps 1e-6)", () => {
    const x = torch.tensor([-5, -2], { dtype: torch.float64, requiresGrad: true });
    const opt = new optim.Adam([x], { lr: 0.1, eps: 1e-6 });
    const xs = [-5, -2], v = [0, 0], s = [0, 0];
    for (let t = 1; t <= 50; t++) {
      opt.zeroGrad();
      f(x).backward();
      opt.step();
      const g = [0.2 * xs[0], 4 * xs[1]];
      for (let k = 0; k < 2; k++) {
        v[k] = 0.9 * v[k] + 0.1 * g[k];
        s[k] = 0.999 * s[k] + 0.001 * g[k] * g[k];
        const vh = v[k] / (1 - 0.9 ** t), sh = s[k] / (1 - 0.999 ** t);
        xs[k] -= (0.1 * vh) / (Math.sqrt(sh) + 1e-6);
      }
    }
    const got = x.toTypedArray();
    xs.forEach((want, k) => expect(Math.abs(got[k] - want)).toBeLessThan(1e-5));
  });
});
