/**
 * d2l's from-scratch linear regression pieces: `linreg`, `squared_loss`, `sgd` (book section 3.2).
 */
import * as torch from "torchts";
import { Tensor, argTypeError } from "torchts";
import { checkBatchSize, checkNumber, checkTensor } from "./args";
import { checkArity } from "@torchts/tensor/errors";

/**
 * d2l's `linreg(X, w, b)`: the linear model `Xw + b`.
 * @example linreg(X, w, b) // X [n, 2], w [2, 1], b [1] -> [n, 1]
 */
export function linreg(X: Tensor, w: Tensor, b: Tensor | number): Tensor {
  checkArity("linreg", arguments, 3);
  checkTensor("linreg", "X", 0, X);
  checkTensor("linreg", "w", 1, w);
  if (typeof b !== "number" && !(b instanceof Tensor)) throw argTypeError("linreg", "b", 2, "a Tensor or a number", b);
  return torch.matmul(X, w).add(b);
}

/**
 * d2l's `squared_loss(y_hat, y)`: `(yHat - y.reshape(yHat.shape))² / 2`, elementwise (no mean:
 * the from-scratch loop sums it and `sgd` divides by the batch size).
 * @example squaredLoss(torch.tensor([[1], [2]]), torch.tensor([0, 0])) // [[0.5], [2]]
 */
export function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  checkArity("squaredLoss", arguments, 2);
  checkTensor("squaredLoss", "yHat", 0, yHat);
  checkTensor("squaredLoss", "y", 1, y);
  return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
}

/**
 * d2l's `sgd(params, lr, batch_size)`: under `noGrad`, `p -= lr * p.grad / batchSize`, then
 * `p.grad.zero_()`, for each parameter.
 * @example
 * squaredLoss(linreg(X, w, b), y).sum().backward();
 * sgd([w, b], 0.03, 10);
 */
export function sgd(params: Tensor[], lr: number, batchSize: number): void {
  checkArity("sgd", arguments, 3);
  const fn = "sgd";
  if (params === null || typeof params !== "object" || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== "function") {
    throw argTypeError(fn, "params", 0, "an array of Tensors", params);
  }
  const list = Array.from(params as Iterable<unknown>);
  list.forEach((p, i) => checkTensor(fn, `params[${i}]`, 0, p));
  checkNumber(fn, "lr", 1, lr);
  checkBatchSize(fn, 2, batchSize);
  (list as Tensor[]).forEach((p, i) => {
    // Python: lr * None -> TypeError; say which parameter and why
    if (!p.grad) throw new torch.TypeError(`${fn}(): params[${i}] has no gradient (its grad is None): call backward() on a loss that depends on it first`);
  });
  torch.noGrad(() => {
    for (const p of list as Tensor[]) {
      const g = p.grad as Tensor;
      p.sub_(g.mul(lr).div(batchSize));
      g.zero_();
    }
  });
}
