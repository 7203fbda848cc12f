/**
 * d2l's evaluation helpers: `accuracy`, `evaluate_accuracy`, `evaluate_loss` (book sections 3.6, 4.4).
 */
import * as torch from "torchts";
import { Tensor, RuntimeError, nn } from "torchts";
import { Accumulator } from "./accumulator";
import { type Loss, type Net, batchPair, callLoss, callNet, checkIterable, checkLoss, checkNet, checkTensor } from "./args";
import { checkArity } from "@torchts/tensor/errors";

/**
 * d2l's `accuracy(y_hat, y)`: the NUMBER of correct predictions (not a fraction). A 2-D `yHat`
 * with more than one column is reduced by argmax over dim 1 first; then `yHat` is cast to y's dtype
 * and compared with y (broadcasting as PyTorch does).
 * @example accuracy(torch.tensor([[0.1, 0.9], [0.8, 0.2]]), torch.tensor([1, 1])) // 1
 */
export function accuracy(yHat: Tensor, y: Tensor): number {
  checkArity("accuracy", arguments, 2);
  checkTensor("accuracy", "yHat", 0, yHat);
  checkTensor("accuracy", "y", 1, y);
  let pred = yHat;
  if (pred.ndim > 1 && pred.shape[1] > 1) pred = pred.argmax(1);
  const cmp = pred.to(y.dtype).eq(y);
  return Number(cmp.to(y.dtype).sum().item());
}

/** Runs over a data iterator, adding what `step` returns per batch; errors when it yields nothing. */
function sumOver(fn: string, dataIter: Iterable<unknown>, n: number, step: (X: Tensor, y: Tensor) => number[]): Accumulator {
  const metric = new Accumulator(n);
  let batches = 0;
  for (const batch of dataIter) {
    const [X, y] = batchPair(fn, "dataIter", batch);
    metric.add(...step(X, y));
    batches++;
  }
  // Python: ZeroDivisionError
  if (batches === 0 || metric.get(n - 1) === 0) throw new RuntimeError(`${fn}(): the data iterator gave no examples (division by zero)`);
  return metric;
}

/**
 * d2l's `evaluate_accuracy(net, data_iter)`: the fraction of correct predictions over an iterator,
 * under `noGrad`, with `net.eval()` first when net is an nn.Module (d2l does not switch it back).
 * @example evaluateAccuracy(net, testIter) // 0.8321
 */
export function evaluateAccuracy(net: Net, dataIter: Iterable<unknown>): number {
  checkArity("evaluateAccuracy", arguments, 2);
  const fn = "evaluateAccuracy";
  checkNet(fn, 0, net);
  checkIterable(fn, "dataIter", 1, dataIter);
  if (net instanceof nn.Module) net.eval();
  const metric = torch.noGrad(() => sumOver(fn, dataIter, 2, (X, y) => [accuracy(callNet(fn, net, X), y), y.numel()]));
  return metric.get(0) / metric.get(1);
}

/**
 * d2l's `evaluate_loss(net, data_iter, loss)`: the mean loss per element over an iterator; `loss`
 * must not reduce (`new nn.MSELoss({ reduction: "none" })`, or `squaredLoss`). Labels are reshaped
 * to the output's shape first. Runs under `noGrad` (d2l builds graphs it never uses; same values).
 * @example evaluateLoss(net, testIter, new nn.MSELoss({ reduction: "none" })) // 0.0102
 */
export function evaluateLoss(net: Net, dataIter: Iterable<unknown>, loss: Loss): number {
  checkArity("evaluateLoss", arguments, 3);
  const fn = "evaluateLoss";
  checkNet(fn, 0, net);
  checkIterable(fn, "dataIter", 1, dataIter);
  checkLoss(fn, 2, loss);
  const metric = torch.noGrad(() =>
    sumOver(fn, dataIter, 2, (X, y) => {
      const out = callNet(fn, net, X);
      const l = callLoss(fn, loss, out, y.reshape(out.shape));
      return [Number(l.sum().item()), l.numel()];
    }),
  );
  return metric.get(0) / metric.get(1);
}
