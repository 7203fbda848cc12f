import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "torchts";
import { trainCh3, trainEpochCh3 } from "./train-ch3";
import { evaluateAccuracy } from "./metrics";
import { loadArray } from "./data";
import { sgd } from "./scratch";
import { AssertionError } from "./errors";
import { golden } from "./golden.testing";

const { nn, optim } = torch;

/** gen_d2l.py's small 3-class problem: 4 features, labels from a fixed linear rule; train 240, test 60. */
function classification(seed: number) {
  torch.manualSeed(seed);
  const X = torch.randn(300, 4);
  const W = torch.tensor([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0], [-1.0, 0.5, 1.0], [0.3, -0.2, 0.1]]);
  const y = torch.matmul(X, W).argmax(1);
  return { Xtr: X.get("0:240"), ytr: y.get("0:240"), Xte: X.get("240:"), yte: y.get("240:") };
}

function concise(seed: number) {
  const { Xtr, ytr, Xte, yte } = classification(seed);
  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(4, 3));
  const lin = net.get(1) as torch.nn.Linear;
  nn.init.normal_(lin.weight, { std: 0.01 });
  nn.init.zeros_(lin.bias!);
  const trainer = new optim.SGD(net.parameters(), { lr: 0.1 });
  return { net, lin, trainer, trainIter: loadArray([Xtr, ytr], 16), testIter: loadArray([Xte, yte], 16, false) };
}

function scratch(seed: number) {
  const { Xtr, ytr, Xte, yte } = classification(seed);
  const W = torch.normal(0, 0.01, [4, 3]).requiresGrad_();
  const b = torch.zeros(3, { requiresGrad: true });
  const softmax = (X: torch.Tensor) => {
    const e = X.exp();
    return e.div(e.sum(1, { keepdim: true }));
  };
  const net = (X: torch.Tensor) => softmax(torch.matmul(X.reshape(-1, W.shape[0]), W).add(b));
  const crossEntropy = (yHat: torch.Tensor, y: torch.Tensor) => yHat.get(torch.arange(yHat.shape[0]), y).log().neg();
  const updater = (batchSize: number) => sgd([W, b], 0.1, batchSize);
  return { W, net, crossEntropy, updater, trainIter: loadArray([Xtr, ytr], 16), testIter: loadArray([Xte, yte], 16, false) };
}

const close = (got: number[][], want: number[][], digits: number) => got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], digits));

afterEach(() => vi.restoreAllMocks());

describe("trainEpochCh3", () => {
  it("with a torch.optim optimizer: PyTorch's losses and accuracies, epoch by epoch (d2l 3.7)", () => {
    const g = golden.ch3_concise;
    const { net, lin, trainer, trainIter, testIter } = concise(g.seed);
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });
    const epochs = [0, 1, 2, 3].map(() => [...trainEpochCh3(net, trainIter, loss, trainer), evaluateAccuracy(net, testIter)]);
    close(epochs, g.epochs, 5);
    close(lin.weight.tolist() as number[][], g.weight, 5);
  });

  it("with d2l's updater function (from-scratch softmax regression, d2l 3.6)", () => {
    const g = golden.ch3_scratch;
    const { W, net, crossEntropy, updater, trainIter, testIter } = scratch(g.seed);
    const epochs = [0, 1, 2, 3].map(() => [...trainEpochCh3(net, trainIter, crossEntropy, updater), evaluateAccuracy(net, testIter)]);
    close(epochs, g.epochs, 5);
    close(W.tolist() as number[][], g.W, 5);
  });

  it("puts a Module in training mode", () => {
    const { net, trainer, trainIter } = concise(0);
    net.eval();
    trainEpochCh3(net, trainIter, new nn.CrossEntropyLoss({ reduction: "none" }), trainer);
    expect(net.training).toBe(true);
  });

  it("checks its arguments", () => {
    const { net, trainer, trainIter } = concise(0);
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });
    expect(() => trainEpochCh3(net, trainIter, loss, 0.1 as never)).toThrow(/trainEpochCh3\(\): argument 'updater' \(position 3\) must be a torch.optim Optimizer or a function/);
    expect(() => trainEpochCh3(net, trainIter, "ce" as never, trainer)).toThrow(/argument 'loss' \(position 2\)/);
    expect(() => trainEpochCh3(net, null as never, loss, trainer)).toThrow(/argument 'trainIter' \(position 1\)/);
    expect(() => trainEpochCh3({} as never, trainIter, loss, trainer)).toThrow(/argument 'net' \(position 0\)/);
    expect(() => trainEpochCh3(net, [], loss, trainer)).toThrow(/gave no examples/);
  });
});

describe("trainCh3", () => {
  it("trains, draws one point per epoch, prints d2l's summary line and returns the metrics", async () => {
    const g = golden.ch3_concise;
    const { net, trainer, trainIter, testIter } = concise(g.seed);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const res = await trainCh3(net, trainIter, testIter, new nn.CrossEntropyLoss({ reduction: "none" }), 4, trainer);
    const [tl, ta, te] = g.epochs[3];
    expect(res.trainLoss).toBeCloseTo(tl, 5);
    expect(res.trainAcc).toBeCloseTo(ta, 5);
    expect(res.testAcc).toBeCloseTo(te, 5);
    expect(res.examplesPerSec).toBeGreaterThan(0);
    const lines = log.mock.calls.map((c) => String(c[0]));
    // plain Node: the Animator prints one line per epoch, then the summary
    expect(lines.slice(0, 4).map((l) => l.split(":")[0])).toEqual(["epoch 1", "epoch 2", "epoch 3", "epoch 4"]);
    expect(lines[4]).toBe(`train loss ${tl.toFixed(3)}, train acc ${ta.toFixed(3)}, test acc ${te.toFixed(3)}`);
    expect(lines[5]).toMatch(/^\d+\.\d examples\/sec$/);
    expect(lines.length).toBe(6);
  });

  it("raises d2l's asserts as AssertionErrors with the values", async () => {
    const { W, net, crossEntropy, updater, trainIter, testIter } = scratch(0);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    // one epoch: train loss 0.9 > 0.5
    await expect(trainCh3(net, trainIter, testIter, crossEntropy, 1, updater)).rejects.toThrow(AssertionError);
    await expect(trainCh3(net, trainIter, testIter, crossEntropy, 1, updater)).rejects.toThrow(/d2l's check failed: train loss 0\.\d+ is not < 0.5/);
    expect(W.grad).not.toBeNull(); // it did train
  });

  it("checks its arguments", async () => {
    const { net, trainer, trainIter, testIter } = concise(0);
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });
    await expect(trainCh3(net, trainIter, testIter, loss, 2.5, trainer)).rejects.toThrow(/trainCh3\(\): argument 'numEpochs' \(position 4\) must be an integer/);
    await expect(trainCh3(net, trainIter, testIter, loss, 0, trainer)).rejects.toThrow(/numEpochs is 0/);
    await expect(trainCh3(net, trainIter, 3 as never, loss, 1, trainer)).rejects.toThrow(/argument 'testIter' \(position 2\)/);
    await expect(trainCh3(net, trainIter, testIter, loss, 1, {} as never)).rejects.toThrow(/argument 'updater' \(position 5\)/);
  });
});
