/**
 * The optimisation chapter's helpers, called with each of a set of bad values in each argument
 * slot: each fails with a TorchError naming what is wrong (or runs), never a raw JavaScript error.
 */
import { expect, it, vi } from "vitest";
import * as torch from "torchts";
import * as d2l from "./index";
import { type SweepCall, sweep } from "./boundary.testing";


it("bad values in every slot of the chapter-11 helpers raise TorchErrors, never raw JavaScript errors", async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  torch.manualSeed(0);
  const X = torch.randn(20, 2);
  const iter = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(X, X.sum(1)), { batchSize: 10 }) as unknown as d2l.Ch11Iter;
  const trainer: d2l.TrainerFn = (params) => params.forEach((p) => p.grad!.zero_());
  const f2 = (a: torch.Tensor, b: torch.Tensor) => a.add(b);
  const gd: d2l.Trainer2d = (x1, x2) => [x1 / 2, x2 / 2, 0, 0];
  const calls: SweepCall[] = [
    ["train2d trainer", (v) => d2l.train2d(v, 2)], ["train2d steps", (v) => d2l.train2d(gd, v)], ["train2d fGrad", (v) => d2l.train2d(gd, 2, v)],
    ["train2d trainer result", (v) => d2l.train2d(() => v, 2)],
    ["showTrace results", (v) => d2l.traceSvg(v, (x) => x)], ["showTrace f", (v) => d2l.traceSvg([1, 2], v)], ["showTrace f result", (v) => d2l.traceSvg([1, 2], () => v)],
    ["showTrace2d f", (v) => d2l.trace2dSvg(v, [[1, 2]])], ["showTrace2d results", (v) => d2l.trace2dSvg(f2, v)], ["showTrace2d point", (v) => d2l.trace2dSvg(f2, [v])],
    ["showTrace2d f result", (v) => d2l.trace2dSvg(() => v, [[1, 2]])],
    ["getDataCh11 batchSize", (v) => d2l.getDataCh11(v, 10)], ["getDataCh11 n", (v) => d2l.getDataCh11(10, v)], ["getDataCh11 options", (v) => d2l.getDataCh11(10, 10, v)],
    ["getDataCh11 dataDir", (v) => d2l.getDataCh11(10, 10, { dataDir: v })],
    ["trainCh11 trainerFn", (v) => d2l.trainCh11(v, null, { lr: 0.1 }, iter, 2, 1)], ["trainCh11 hyperparams", (v) => d2l.trainCh11(trainer, null, v, iter, 2, 1)],
    ["trainCh11 dataIter", (v) => d2l.trainCh11(trainer, null, {}, v, 2, 1)], ["trainCh11 featureDim", (v) => d2l.trainCh11(trainer, null, {}, iter, v, 1)],
    ["trainCh11 numEpochs", (v) => d2l.trainCh11(trainer, null, {}, iter, 2, v)],
    ["trainConciseCh11 trainerFn", (v) => d2l.trainConciseCh11(v, { lr: 0.1 }, iter, 1)], ["trainConciseCh11 hyperparams", (v) => d2l.trainConciseCh11(torch.optim.SGD, v, iter, 1)],
    ["trainConciseCh11 dataIter", (v) => d2l.trainConciseCh11(torch.optim.SGD, { lr: 0.1 }, v, 1)], ["trainConciseCh11 numEpochs", (v) => d2l.trainConciseCh11(torch.optim.SGD, { lr: 0.1 }, iter, v)],
  ];
  expect(await sweep(calls)).toEqual([]);
}, 120000);
