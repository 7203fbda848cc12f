/**
 * trainCh11 and trainConciseCh11: d2l's optimisation-chapter trainers, a linear regression on the
 * chapter's table (getDataCh11) with a from-scratch optimiser or a torch.optim class, drawing the
 * loss curve with an Animator and printing `loss: 0.243, 0.012 sec/epoch`.
 */
import { argTypeError, checkOptions, isPlainObject } from "@torchts/tensor/errors";
import * as torch from "torchts";
import { Animator } from "./animator";
import { batchPair } from "./args";
import { evaluateLoss } from "./metrics";
import { linreg, squaredLoss } from "./scratch";
import { Timer } from "./timer";
import type { Ch11Iter } from "./optimization-data";

type Tensor = torch.Tensor;

/**
 * A from-scratch optimiser as d2l's chapter 11 writes them: updates `params` in place from their
 * `.grad`, keeping its own `states` (e.g. momentum's velocities), with `hyperparams` like `{ lr: 0.01 }`.
 * @example const sgd: TrainerFn = (params, states, hp) => torch.noGrad(() => { for (const p of params) { p.sub_(p.grad!.mul(hp.lr)); p.grad!.zero_(); } });
 */
export type TrainerFn<S = unknown> = (params: Tensor[], states: S, hyperparams: Record<string, number>) => void;

/** A torch.optim class, constructed as `new trainerFn(params, hyperparams)`. */
export type OptimizerClass<H> = new (params: Tensor[], hyperparams: H) => { zeroGrad(): void; step(): unknown };

function checkIter(fn: string, dataIter: unknown, position: number): Ch11Iter {
  if (!(dataIter instanceof torch.utils.data.DataLoader)) throw argTypeError(fn, "dataIter", position, "a DataLoader of [X, y] batches (getDataCh11)", dataIter);
  return dataIter as Ch11Iter;
}

function checkEpochs(fn: string, numEpochs: unknown, position: number): number {
  if (typeof numEpochs !== "number" || !Number.isInteger(numEpochs) || numEpochs < 1) throw argTypeError(fn, "numEpochs", position, "a positive integer", numEpochs);
  return numEpochs;
}

function checkHyperparams(fn: string, hyperparams: unknown, position: number): void {
  if (!isPlainObject(hyperparams)) throw argTypeError(fn, "hyperparams", position, "an object of hyperparameters like { lr: 0.01 }", hyperparams);
}

/**
 * Runs the shared loop: `step(X, y)` trains on one batch; every 200 examples the full-data loss
 * `evaluate()` is drawn at the epoch fraction. d2l draws when the example count `n` is a multiple
 * of 200; here it is drawn whenever `n` passes one, which is the same with airfoil's 1500 rows and
 * batches of 10 and still draws when the row count (442 here) is not a multiple of the batch size.
 */
async function loop(
  fn: string,
  dataIter: Ch11Iter,
  numEpochs: number,
  step: (X: Tensor, y: Tensor) => void,
  evaluate: () => number,
): Promise<{ timer: Timer; losses: number[] }> {
  const animator = new Animator({ xlabel: "epoch", ylabel: "loss", xlim: [0, numEpochs], ylim: [0.22, 0.5] });
  const numBatches = dataIter.length;
  const losses: number[] = [];
  let n = 0;
  let batches = 0;
  const timer = new Timer();
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    for (const batch of dataIter) {
      const [X, y] = batchPair(fn, "dataIter", batch);
      step(X, y);
      const before = n;
      n += X.shape[0];
      batches++;
      if (Math.floor(n / 200) > Math.floor(before / 200)) {
        timer.stop();
        const l = evaluate();
        losses.push(l);
        await animator.add(batches / numBatches, [l]);
        timer.start();
      }
    }
  }
  if (losses.length === 0) {
    // fewer than 200 examples in all: d2l would fail on an empty curve; draw the end point instead
    timer.stop();
    losses.push(evaluate());
    await animator.add(numEpochs, [losses[0]]);
  }
  return { timer, losses };
}

/**
 * d2l's `train_ch11`: linear regression from scratch (w ~ N(0, 0.01²) of shape `[featureDim, 1]`,
 * b = 0, squared loss averaged over the batch) trained by `trainerFn(params, states, hyperparams)`.
 * Prints `loss: 0.243, 0.012 sec/epoch` (d2l's figure: the mean time between two drawn points)
 * and resolves with `[cumulative times (s), losses]`, one entry per drawn point.
 * @example const [times, losses] = await trainCh11(sgd, null, { lr: 1 }, ...getDataCh11(442));
 */
export async function trainCh11<S>(
  trainerFn: TrainerFn<S>,
  states: S,
  hyperparams: Record<string, number>,
  dataIter: Ch11Iter,
  featureDim: number,
  numEpochs = 2,
): Promise<[number[], number[]]> {
  const fn = "trainCh11";
  if (typeof trainerFn !== "function") throw argTypeError(fn, "trainerFn", 1, "a function (params, states, hyperparams) => void", trainerFn);
  checkHyperparams(fn, hyperparams, 3);
  const iter = checkIter(fn, dataIter, 4);
  if (typeof featureDim !== "number" || !Number.isInteger(featureDim) || featureDim < 1) throw argTypeError(fn, "featureDim", 5, "a positive integer", featureDim);
  checkEpochs(fn, numEpochs, 6);
  const w = torch.normal(0.0, 0.01, [featureDim, 1]).requiresGrad_();
  const b = torch.zeros([1], { requiresGrad: true });
  const net = (X: Tensor) => linreg(X, w, b);
  const { timer, losses } = await loop(
    fn,
    iter,
    numEpochs,
    (X, y) => {
      const l = squaredLoss(net(X), y).mean();
      l.backward();
      trainerFn([w, b], states, hyperparams);
    },
    () => evaluateLoss(net, iter, squaredLoss),
  );
  console.log(`loss: ${losses[losses.length - 1].toFixed(3)}, ${timer.avg().toFixed(3)} sec/epoch`);
  return [timer.cumsum(), losses];
}

/**
 * d2l's `train_concise_ch11`: the same regression as `nn.Sequential(nn.Linear(featureDim, 1))`
 * (weight ~ N(0, 0.01²); d2l hard-codes airfoil's 5 features, here they come from the data),
 * trained by `new trainerFn(net.parameters(), hyperparams)` on `MSELoss`, drawn as half the MSE
 * (d2l's squared loss). Prints `loss: 0.243, 0.012 sec/epoch` (total time / epochs) and resolves
 * with `[cumulative times (s), losses]`.
 * @example await trainConciseCh11(torch.optim.SGD, { lr: 0.01 }, dataIter);
 */
export async function trainConciseCh11<H extends object>(
  trainerFn: OptimizerClass<H>,
  hyperparams: H,
  dataIter: Ch11Iter,
  numEpochs = 4,
): Promise<[number[], number[]]> {
  const fn = "trainConciseCh11";
  // an arrow function has no prototype: it cannot be constructed
  if (typeof trainerFn !== "function" || trainerFn.prototype === undefined) throw argTypeError(fn, "trainerFn", 1, "an optimizer class such as torch.optim.SGD", trainerFn);
  checkHyperparams(fn, hyperparams, 2);
  const iter = checkIter(fn, dataIter, 3);
  checkEpochs(fn, numEpochs, 4);
  const ds = iter.dataset;
  if (!(ds instanceof torch.utils.data.TensorDataset) || ds.tensors.length < 1 || ds.tensors[0].ndim !== 2) {
    throw argTypeError(fn, "dataIter", 3, "a DataLoader over a TensorDataset(X (n, featureDim), y) (getDataCh11)", ds);
  }
  const net = new torch.nn.Sequential(new torch.nn.Linear(ds.tensors[0].shape[1], 1));
  net.apply((m) => {
    if (m instanceof torch.nn.Linear) torch.nn.init.normal_(m.weight, { std: 0.01 });
  });
  const optimizer = new trainerFn([...net.parameters()], hyperparams);
  if (typeof optimizer?.zeroGrad !== "function" || typeof optimizer.step !== "function") {
    throw argTypeError(fn, "trainerFn", 1, "an optimizer class (its objects have zeroGrad() and step())", optimizer);
  }
  const loss = new torch.nn.MSELoss({ reduction: "none" });
  const { timer, losses } = await loop(
    fn,
    iter,
    numEpochs,
    (X, y) => {
      optimizer.zeroGrad();
      const out = net.forward(X);
      const l = loss.forward(out, y.reshape(out.shape));
      l.mean().backward();
      optimizer.step();
    },
    // MSELoss has no 1/2 factor: halve it to compare with trainCh11's squared loss, as d2l does
    () => evaluateLoss(net, iter, loss) / 2,
  );
  console.log(`loss: ${losses[losses.length - 1].toFixed(3)}, ${(timer.sum() / numEpochs).toFixed(3)} sec/epoch`);
  return [timer.cumsum(), losses];
}
