/**
 * K-fold cross-validation splits (d2l 4.3's `get_k_fold_data`): fold i of k
 * is the validation part, the other folds, in order, the training part.
 */
import { Tensor, ValueError, argTypeError, cat } from "@torchts/tensor";
import { Subset } from "./dataset";
import { datasetLength, isDataset, type Dataset } from "./dataset-index";
import { checkArity } from "@torchts/tensor/errors";

function checkK(k: unknown, i: unknown): [number, number] {
  if (typeof k !== "number" || !Number.isInteger(k)) throw argTypeError("kFold", "k", 0, "int", k);
  if (k <= 1) throw new ValueError(`kFold(): k must be greater than 1, got ${k}`);
  if (typeof i !== "number" || !Number.isInteger(i)) throw argTypeError("kFold", "i", 1, "int", i);
  if (i < 0 || i >= k) throw new ValueError(`kFold(): fold i must be in [0, ${k}), got ${i}`);
  return [k, i];
}

/**
 * The i-th of k folds. Each fold has `floor(n / k)` rows; the `n % k` rows left
 * over at the end are in no fold (as in d2l).
 * - tensors: `kFold(k, i, X, y)` returns `[XTrain, yTrain, XValid, yValid]` (d2l's order);
 * - a dataset: `kFold(k, i, ds)` returns `[train, valid]` as `Subset`s.
 * @example
 * const [XTrain, yTrain, XValid, yValid] = kFold(5, 0, X, y); // X: [100, 3] → XTrain [80, 3], XValid [20, 3]
 */
export function kFold(k: number, i: number, X: Tensor, y: Tensor): [Tensor, Tensor, Tensor, Tensor];
export function kFold<T>(k: number, i: number, dataset: Dataset<T>): [Subset<T>, Subset<T>];
export function kFold(k: number, i: number, X: unknown, y?: unknown): unknown[] {
  checkArity("kFold", arguments, 4);
  checkK(k, i);
  if (X instanceof Tensor) {
    if (!(y instanceof Tensor)) throw argTypeError("kFold", "y", 3, "Tensor", y);
    if (X.ndim === 0 || y.ndim === 0 || X.shape[0] !== y.shape[0]) {
      throw new ValueError(`kFold(): X and y need the same first dimension, got shapes [${X.shape.join(",")}] and [${y.shape.join(",")}]`);
    }
    const fold = Math.floor(X.shape[0] / k);
    if (fold === 0) throw new ValueError(`kFold(): ${X.shape[0]} rows cannot make ${k} non-empty folds`);
    const part = (t: Tensor, j: number) => t.narrow(0, j * fold, fold);
    const others = Array.from({ length: k }, (_, j) => j).filter((j) => j !== i);
    const train = (t: Tensor) => cat(others.map((j) => part(t, j)), 0);
    return [train(X), train(y), part(X, i), part(y, i)];
  }
  if (isDataset(X)) {
    if (y !== undefined) throw argTypeError("kFold", "y", 3, "undefined with a dataset", y);
    const n = datasetLength("kFold", X, 2);
    const fold = Math.floor(n / k);
    if (fold === 0) throw new ValueError(`kFold(): ${n} items cannot make ${k} non-empty folds`);
    const train: number[] = [];
    const valid: number[] = [];
    for (let j = 0; j < k * fold; j++) (Math.floor(j / fold) === i ? valid : train).push(j);
    return [new Subset(X as Dataset, train), new Subset(X as Dataset, valid)];
  }
  throw argTypeError("kFold", "X", 2, "Tensor or Dataset", X);
}
