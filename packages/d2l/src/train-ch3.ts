/**
 * d2l's chapter-3 trainer: `train_epoch_ch3` and `train_ch3` (book section 3.6), with the summary
 * line and examples/sec that d2l's later trainers print.
 */
import { argTypeError, nn, optim } from "torchts";
import { pyFixed } from "@torchts/tensor/py-format";
import { Accumulator } from "./accumulator";
import { Animator } from "./animator";
import { AssertionError } from "./errors";
import { accuracy, evaluateAccuracy } from "./metrics";
import { type Loss, type Net, batchPair, callLoss, callNet, checkCount, checkIterable, checkLoss, checkNet } from "./args";
import { Timer } from "./timer";
import { checkArity } from "@torchts/tensor/errors";

/** What updates the parameters: a torchts optimizer, or d2l's from-scratch `updater(batchSize)`. */
export type Updater = optim.Optimizer | ((batchSize: number) => void);

function checkUpdater(fn: string, position: number, v: unknown): Updater {
  if (!(v instanceof optim.Optimizer) && typeof v !== "function") {
    throw argTypeError(fn, "updater", position, "a torch.optim Optimizer or a function (batchSize) => void", v);
  }
  return v as Updater;
}

/** One epoch; returns the sums [loss, correct, examples]. */
function epoch(fn: string, net: Net, trainIter: Iterable<unknown>, loss: Loss, updater: Updater): [number, number, number] {
  if (net instanceof nn.Module) net.train();
  const metric = new Accumulator(3);
  for (const batch of trainIter) {
    const [X, y] = batchPair(fn, "trainIter", batch);
    const yHat = callNet(fn, net, X);
    const l = callLoss(fn, loss, yHat, y);
    if (updater instanceof optim.Optimizer) {
      updater.zeroGrad();
      l.mean().backward();
      updater.step();
    } else {
      l.sum().backward();
      updater(X.shape[0]);
    }
    metric.add(Number(l.sum().item()), accuracy(yHat, y), y.numel());
  }
  if (metric.get(2) === 0) throw new AssertionError(`${fn}(): the training iterator gave no examples (division by zero)`);
  return [metric.get(0), metric.get(1), metric.get(2)];
}

/**
 * d2l's `train_epoch_ch3(net, train_iter, loss, updater)`: one pass over the training data;
 * returns [mean loss per example, accuracy]. With an Optimizer it steps on `l.mean()`, with a
 * function on `l.sum()` and then calls `updater(batchSize)` (d2l's `sgd` divides by it).
 * As in the book, `loss` must not reduce: `new nn.CrossEntropyLoss({ reduction: "none" })`
 * (with the default mean the reported loss is divided by the batch size twice).
 * @example
 * const [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, new nn.CrossEntropyLoss({ reduction: "none" }), trainer);
 */
export function trainEpochCh3(net: Net, trainIter: Iterable<unknown>, loss: Loss, updater: Updater): [number, number] {
  checkArity("trainEpochCh3", arguments, 4);
  const fn = "trainEpochCh3";
  checkNet(fn, 0, net);
  checkIterable(fn, "trainIter", 1, trainIter);
  checkLoss(fn, 2, loss);
  checkUpdater(fn, 3, updater);
  const [l, correct, n] = epoch(fn, net, trainIter, loss, updater);
  return [l / n, correct / n];
}

/** What {@link trainCh3} returns: the last epoch's metrics and the training speed. */
export interface Ch3Result {
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
  /** training examples per second, timing the training passes only (not evaluation or drawing) */
  examplesPerSec: number;
}

/**
 * d2l's `train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)`: trains for numEpochs,
 * drawing train loss, train accuracy and test accuracy per epoch on an {@link Animator}, prints
 * `train loss 0.447, train acc 0.847, test acc 0.832` and `N examples/sec`, then makes d2l's
 * checks (train loss < 0.5, 0.7 < train acc <= 1, 0.7 < test acc <= 1): an AssertionError
 * with the values when one fails.
 * @example
 * const res = await trainCh3(net, trainIter, testIter, new nn.CrossEntropyLoss({ reduction: "none" }), 10, trainer);
 */
export async function trainCh3(net: Net, trainIter: Iterable<unknown>, testIter: Iterable<unknown>, loss: Loss, numEpochs: number, updater: Updater): Promise<Ch3Result> {
  checkArity("trainCh3", arguments, 6);
  const fn = "trainCh3";
  checkNet(fn, 0, net);
  checkIterable(fn, "trainIter", 1, trainIter);
  checkIterable(fn, "testIter", 2, testIter);
  checkLoss(fn, 3, loss);
  checkCount(fn, "numEpochs", 4, numEpochs);
  checkUpdater(fn, 5, updater);
  // d2l: range(0) leaves train_metrics unbound (UnboundLocalError); say so before drawing anything
  if (numEpochs === 0) throw new AssertionError(`${fn}(): numEpochs is 0: nothing to train, no metrics to check`);
  // d2l's xlim [1, numEpochs]; one epoch would make it empty (matplotlib widens it, with a warning)
  const xlim: [number, number] | null = numEpochs > 1 ? [1, numEpochs] : null;
  const animator = new Animator({ xlabel: "epoch", xlim, ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"] });
  const timer = new Timer();
  let trainLoss = NaN, trainAcc = NaN, testAcc = NaN, examples = 0;
  for (let e = 0; e < numEpochs; e++) {
    timer.start();
    const [l, correct, n] = epoch(fn, net, trainIter, loss, updater);
    timer.stop();
    [trainLoss, trainAcc, examples] = [l / n, correct / n, examples + n];
    testAcc = evaluateAccuracy(net, testIter);
    await animator.add(e + 1, [trainLoss, trainAcc, testAcc]);
  }
  const examplesPerSec = examples / timer.sum();
  console.log(`train loss ${pyFixed(trainLoss, 3)}, train acc ${pyFixed(trainAcc, 3)}, test acc ${pyFixed(testAcc, 3)}`);
  console.log(`${pyFixed(examplesPerSec, 1)} examples/sec`);
  const got = `(train loss ${trainLoss}, train acc ${trainAcc}, test acc ${testAcc})`;
  if (!(trainLoss < 0.5)) throw new AssertionError(`${fn}(): d2l's check failed: train loss ${trainLoss} is not < 0.5 ${got}`);
  if (!(trainAcc <= 1 && trainAcc > 0.7)) throw new AssertionError(`${fn}(): d2l's check failed: train acc ${trainAcc} is not in (0.7, 1] ${got}`);
  if (!(testAcc <= 1 && testAcc > 0.7)) throw new AssertionError(`${fn}(): d2l's check failed: test acc ${testAcc} is not in (0.7, 1] ${got}`);
  return { trainLoss, trainAcc, testAcc, examplesPerSec };
}
