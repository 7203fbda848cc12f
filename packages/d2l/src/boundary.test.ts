/**
 * Every public d2l helper, called with each of a set of bad values in each argument slot: it
 * fails with a TorchError naming what is wrong, never a raw JavaScript error.
 */
import { expect, it, vi } from "vitest";
import * as torch from "torchts";
import * as d2l from "./index";
import { type SweepCall, sweep } from "./boundary.testing";


it("bad values in every slot raise TorchErrors, never raw JavaScript errors", async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const X = torch.randn(4, 2), y = torch.tensor([0, 1, 0, 1]);
  const lin = () => new torch.nn.Linear(2, 2);
  const loss = new torch.nn.CrossEntropyLoss({ reduction: "none" });
  const batches = [[X, y]];
  const sgd = () => { const n = lin(); return [n, new torch.optim.SGD(n.parameters(), { lr: 0.1 })] as const; };
  const display = { svg: () => undefined };
  // each entry: a name and the call with the bad value in one slot
  const calls: SweepCall[] = [
    ["syntheticData w", (v) => d2l.syntheticData(v, 1, 3)], ["syntheticData b", (v) => d2l.syntheticData(torch.ones(2), v, 3)],
    ["syntheticData n", (v) => d2l.syntheticData(torch.ones(2), 1, v)],
    ["loadArray arrays", (v) => d2l.loadArray(v, 2)], ["loadArray arrays[0]", (v) => d2l.loadArray([v], 2)],
    ["loadArray batchSize", (v) => d2l.loadArray([X], v)], ["loadArray isTrain", (v) => d2l.loadArray([X], 2, v)],
    ["loadDataFashionMnist batchSize", (v) => d2l.loadDataFashionMnist(v)], ["loadDataFashionMnist options", (v) => d2l.loadDataFashionMnist(2, v)],
    ["loadDataFashionMnist resize", (v) => d2l.loadDataFashionMnist(2, { resize: v })], ["loadDataFashionMnist root", (v) => d2l.loadDataFashionMnist(2, { root: v })],
    ["getFashionMnistLabels", (v) => d2l.getFashionMnistLabels(v)],
    ["linreg X", (v) => d2l.linreg(v, torch.ones(2, 1), 0)], ["linreg w", (v) => d2l.linreg(X, v, 0)], ["linreg b", (v) => d2l.linreg(X, torch.ones(2, 1), v)],
    ["squaredLoss yHat", (v) => d2l.squaredLoss(v, X)], ["squaredLoss y", (v) => d2l.squaredLoss(X, v)],
    ["sgd params", (v) => d2l.sgd(v, 0.1, 1)], ["sgd params[0]", (v) => d2l.sgd([v], 0.1, 1)], ["sgd lr", (v) => d2l.sgd([], v, 1)], ["sgd batchSize", (v) => d2l.sgd([], 0.1, v)],
    ["Accumulator n", (v) => new d2l.Accumulator(v)], ["Accumulator.add", (v) => new d2l.Accumulator(1).add(v)], ["Accumulator.get", (v) => new d2l.Accumulator(1).get(v)],
    ["accuracy yHat", (v) => d2l.accuracy(v, y)], ["accuracy y", (v) => d2l.accuracy(X, v)],
    ["evaluateAccuracy net", (v) => d2l.evaluateAccuracy(v, batches)], ["evaluateAccuracy dataIter", (v) => d2l.evaluateAccuracy(lin(), v)],
    ["evaluateAccuracy batch", (v) => d2l.evaluateAccuracy(lin(), [v])], ["evaluateAccuracy net output", (v) => d2l.evaluateAccuracy(() => v, batches)],
    ["evaluateLoss loss", (v) => d2l.evaluateLoss(lin(), batches, v)], ["evaluateLoss loss output", (v) => d2l.evaluateLoss(lin(), batches, () => v)],
    ["trainEpochCh3 net", (v) => d2l.trainEpochCh3(v, batches, loss, sgd()[1])], ["trainEpochCh3 trainIter", (v) => d2l.trainEpochCh3(lin(), v, loss, sgd()[1])],
    ["trainEpochCh3 loss", (v) => { const [n, o] = sgd(); return d2l.trainEpochCh3(n, batches, v, o); }],
    ["trainEpochCh3 updater", (v) => d2l.trainEpochCh3(lin(), batches, loss, v)],
    ["trainCh3 testIter", (v) => { const [n, o] = sgd(); return d2l.trainCh3(n, batches, v, loss, 1, o); }],
    ["trainCh3 numEpochs", (v) => { const [n, o] = sgd(); return d2l.trainCh3(n, batches, batches, loss, v, o); }],
    ["Animator options", (v) => new d2l.Animator(v)],
    ...(["xlabel", "ylabel", "legend", "xlim", "ylim", "xscale", "yscale", "fmts", "nrows", "ncols", "figsize", "display"] as const).map(
      (k): SweepCall => [`Animator ${k}`, (v) => new d2l.Animator({ [k]: v, display: k === "display" ? v : null })],
    ),
    ["Animator.add x", (v) => new d2l.Animator({ display }).add(v, 1)], ["Animator.add y", (v) => new d2l.Animator({ display }).add(1, v)],
    ["showImages imgs", (v) => d2l.showImages(v, 1, 1, { display })], ["showImages numRows", (v) => d2l.showImages(torch.rand(1, 2, 2), v, 1, { display })],
    ["showImages options", (v) => d2l.showImages(torch.rand(1, 2, 2), 1, 1, v)], ["showImages titles", (v) => d2l.showImages(torch.rand(1, 2, 2), 1, 1, { titles: v, display })],
    ["showImages scale", (v) => d2l.showImages(torch.rand(1, 2, 2), 1, 1, { scale: v, display })], ["showImages cmap", (v) => d2l.showImages(torch.rand(1, 2, 2), 1, 1, { cmap: v, display })],
    ["predictCh3 testIter", (v) => d2l.predictCh3(lin(), v, 1, { display })], ["predictCh3 n", (v) => d2l.predictCh3(lin(), batches, v, { display })],
    ["predictCh3 options", (v) => d2l.predictCh3(lin(), batches, 1, v)],
  ];
  expect(await sweep(calls)).toEqual([]);
}, 120000);
