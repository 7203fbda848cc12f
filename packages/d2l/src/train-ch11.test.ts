import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "torchts";
import { trainCh11, trainConciseCh11, type TrainerFn } from "./train-ch11";
import type { Ch11Iter } from "./optimization-data";

/** A small standardised regression table: 400 rows, 3 features, y = Xw + noise. */
function table(batchSize: number): Ch11Iter {
  torch.manualSeed(1);
  const X = torch.randn(400, 3);
  const y = X.matmul(torch.tensor([0.5, -0.3, 0.2])).add(torch.randn(400).mul(0.5));
  const ys = y.sub(y.mean()).div(y.std());
  return new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(X, ys), { batchSize, shuffle: true }) as unknown as Ch11Iter;
}

const sgd: TrainerFn = (params, _states, hp) => {
  torch.noGrad(() => {
    for (const p of params) {
      p.sub_(p.grad!.mul(hp.lr));
      p.grad!.zero_();
    }
  });
};

describe("trainCh11 / trainConciseCh11", () => {
  afterEach(() => vi.restoreAllMocks());

  it("trainCh11: the loss decreases, one point per 200 examples, and d2l's summary line", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const [times, losses] = await trainCh11(sgd, null, { lr: 0.05 }, table(10), 3, 2);
    expect(losses).toHaveLength(4); // 800 examples: drawn at 200, 400, 600, 800
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    // half the MSE of an almost-fit: y's variance is 1, the noise explains about 1/3 of it
    expect(losses[0]).toBeLessThan(0.5);
    expect(losses[3]).toBeGreaterThan(0.05);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
    const lines = log.mock.calls.map((c) => String(c[0]));
    expect(lines[lines.length - 1]).toMatch(/^loss: \d\.\d{3}, \d\.\d{3} sec\/epoch$/);
    expect(lines[lines.length - 1]).toContain(`loss: ${losses[3].toFixed(3)}`);
  });

  it("trainCh11 threads the states to the trainer (momentum from scratch)", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const states = [torch.zeros([3, 1]), torch.zeros(1)];
    const seen: unknown[] = [];
    const momentum: TrainerFn<torch.Tensor[]> = (params, vs, hp) => {
      seen.push(vs);
      torch.noGrad(() => {
        params.forEach((p, i) => {
          vs[i].mul_(hp.momentum).add_(p.grad!);
          p.sub_(vs[i].mul(hp.lr));
          p.grad!.zero_();
        });
      });
    };
    const [, losses] = await trainCh11(momentum, states, { lr: 0.01, momentum: 0.9 }, table(10), 3, 1);
    expect(seen.every((s) => s === states)).toBe(true);
    expect(states[0].abs().sum().item()).toBeGreaterThan(0);
    // from w ≈ 0 the loss is half of y's variance, about 0.5; 200 examples of momentum get far below
    expect(Math.max(...losses)).toBeLessThan(0.3);
  });

  it("trainConciseCh11 trains nn.Linear with a torch.optim class; the loss decreases", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const [, losses] = await trainConciseCh11(torch.optim.SGD, { lr: 0.05 }, table(10), 2);
    expect(losses).toHaveLength(4);
    expect(losses[3]).toBeLessThan(losses[0]);
    expect(String(log.mock.calls[log.mock.calls.length - 1][0])).toMatch(/^loss: \d\.\d{3}, \d\.\d{3} sec\/epoch$/);
    const [, adam] = await trainConciseCh11(torch.optim.Adam, { lr: 0.01 }, table(10), 2);
    expect(adam[3]).toBeLessThan(adam[0]);
  });

  it("draws the end point when fewer than 200 examples pass (d2l would fail on an empty curve)", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    torch.manualSeed(0);
    const X = torch.randn(50, 2);
    const it50 = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(X, X.sum(1)), { batchSize: 50 }) as unknown as Ch11Iter;
    const [times, losses] = await trainCh11(sgd, null, { lr: 0.1 }, it50, 2, 1);
    expect(losses).toHaveLength(1);
    expect(times).toHaveLength(1);
  });

  it("checks its arguments", async () => {
    const data = table(10);
    await expect(trainCh11("sgd" as never, null, { lr: 1 }, data, 3)).rejects.toThrow(/trainCh11\(\): argument 'trainerFn'/);
    await expect(trainCh11(sgd, null, 0.1 as never, data, 3)).rejects.toThrow(/argument 'hyperparams'/);
    await expect(trainCh11(sgd, null, { lr: 1 }, [[1, 2]] as never, 3)).rejects.toThrow(/argument 'dataIter'/);
    await expect(trainCh11(sgd, null, { lr: 1 }, data, 0)).rejects.toThrow(/argument 'featureDim'/);
    await expect(trainCh11(sgd, null, { lr: 1 }, data, 3, 1.5)).rejects.toThrow(/argument 'numEpochs'/);
    await expect(trainConciseCh11("SGD" as never, { lr: 1 }, data)).rejects.toThrow(/trainConciseCh11\(\): argument 'trainerFn'/);
    await expect(trainConciseCh11(torch.optim.SGD, { lr: 1 }, data, -1)).rejects.toThrow(/argument 'numEpochs'/);
    await expect(trainConciseCh11((() => 1) as never, { lr: 1 }, data)).rejects.toThrow(/argument 'trainerFn'.*optimizer class/);
    class NotAnOptimizer {}
    await expect(trainConciseCh11(NotAnOptimizer as never, { lr: 1 }, data)).rejects.toThrow(/zeroGrad\(\) and step\(\)/);
  });
});
