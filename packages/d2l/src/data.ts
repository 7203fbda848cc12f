/**
 * d2l's data helpers: `synthetic_data`, `load_array`, `load_data_fashion_mnist` and
 * `get_fashion_mnist_labels` (chapter 3 of the book).
 */
import * as torch from "torchts";
import { Tensor, checkOptions, argTypeError } from "torchts";
import { checkBatchSize, checkCount, checkTensor } from "./args";
import { checkArity } from "@torchts/tensor/errors";

const { DataLoader, TensorDataset, datasets, transforms } = torch.utils.data;

/** d2l's `get_fashion_mnist_labels`: `getFashionMnistLabels(torch.tensor([9, 0]))` → `["ankle boot", "t-shirt"]`. */
export const getFashionMnistLabels = torch.utils.data.getFashionMnistLabels;

/**
 * d2l's `synthetic_data(w, b, num_examples)`: features `X ~ N(0, 1)` of shape `[n, w.shape[0]]` and
 * labels `y = Xw + b + ε`, `ε ~ N(0, 0.01²)`, shaped `[n, 1]`. Draws from the global generator in
 * d2l's order (X, then ε), so `torch.manualSeed(s)` gives PyTorch's numbers.
 * @example
 * const [features, labels] = syntheticData(torch.tensor([2, -3.4]), 4.2, 1000);
 * features.shape // [1000, 2]; labels.shape // [1000, 1]
 */
export function syntheticData(w: Tensor, b: number | Tensor, numExamples: number): [Tensor, Tensor] {
  checkArity("syntheticData", arguments, 3);
  const fn = "syntheticData";
  checkTensor(fn, "w", 0, w);
  if (typeof b !== "number" && !(b instanceof Tensor)) throw argTypeError(fn, "b", 1, "a number or a Tensor", b);
  if (w.ndim === 0) throw new torch.TypeError(`${fn}(): len() of a 0-d tensor: w must have at least one dimension`);
  const n = checkCount(fn, "numExamples", 2, numExamples);
  const X = torch.normal(0, 1, [n, w.shape[0]]);
  const y = torch.matmul(X, w).add(b);
  y.add_(torch.normal(0, 0.01, y.shape));
  return [X, y.reshape(-1, 1)];
}

/**
 * d2l's `load_array(data_arrays, batch_size, is_train=True)`: a DataLoader over
 * `TensorDataset(...arrays)`, shuffled when `isTrain`.
 * @example
 * const dataIter = loadArray([features, labels], 10);
 * for (const [X, y] of dataIter) { X.shape; y.shape } // [10, 2], [10, 1]
 */
export function loadArray(arrays: Tensor[], batchSize: number, isTrain = true): torch.utils.data.DataLoader<Tensor[]> {
  checkArity("loadArray", arguments, 3);
  const fn = "loadArray";
  if (!Array.isArray(arrays)) throw argTypeError(fn, "dataArrays", 0, "an array of Tensors ([features, labels])", arrays);
  arrays.forEach((t, i) => checkTensor(fn, `dataArrays[${i}]`, 0, t));
  checkBatchSize(fn, 1, batchSize);
  if (typeof isTrain !== "boolean") throw argTypeError(fn, "isTrain", 2, "a boolean", isTrain);
  return new DataLoader(new TensorDataset(...arrays), batchSize, { shuffle: isTrain });
}

/** Options of {@link loadDataFashionMnist}. */
export interface LoadFashionMnistOptions {
  /**
   * d2l's `resize`: images resized (torchvision's Resize, Pillow's bilinear) before ToTensor; a
   * number for square images (`64` gives [1, 64, 64]), or [h, w]
   */
  resize?: number | readonly [number, number] | null;
  /** where to look for the IDX files first (d2l: "../data"); then /usr/share/datasets/fashion-mnist/ */
  root?: string;
}

/** A Fashion-MNIST batch iterator: `[X [b, 1, 28, 28] float32 in [0, 1], y [b] int64]` (other sizes with `resize`). */
export type FashionMnistIter = torch.utils.data.DataLoader<[Tensor, number], [Tensor, Tensor]>;

/**
 * d2l's `load_data_fashion_mnist(batch_size)`: the training and test iterators, images through
 * `ToTensor` (float32 `[1, 28, 28]`, bytes / 255), after `Resize(resize)` when given (d2l 3.5's
 * `load_data_fashion_mnist(32, resize=64)`), the training set shuffled. Files come from
 * `root` (d2l's "../data") or Debian's `dataset-fashion-mnist`; nothing is downloaded.
 * @example
 * const [trainIter, testIter] = loadDataFashionMnist(256);
 * trainIter.length // 235 batches
 */
export function loadDataFashionMnist(batchSize: number, options: LoadFashionMnistOptions = {}): [FashionMnistIter, FashionMnistIter] {
  checkArity("loadDataFashionMnist", arguments, 2);
  const fn = "loadDataFashionMnist";
  checkBatchSize(fn, 0, batchSize);
  checkOptions(fn, options, ["resize", "root"]);
  const root = options.root ?? "../data";
  if (typeof root !== "string") throw argTypeError(fn, "root", undefined, "a string", root);
  const resize = options.resize ?? null;
  if (resize !== null && typeof resize !== "number" && !Array.isArray(resize)) throw argTypeError(fn, "resize", undefined, "an integer, [h, w] or null", resize);
  // Resize checks the values; it goes first, on the uint8 image, as torchvision's transforms.insert(0, Resize)
  const transform = resize === null ? new transforms.ToTensor() : new transforms.Compose([new transforms.Resize(resize), new transforms.ToTensor()]);
  const train = new datasets.FashionMNIST<Tensor, number>({ root, train: true, transform });
  const test = new datasets.FashionMNIST<Tensor, number>({ root, train: false, transform });
  return [
    new DataLoader(train, batchSize, { shuffle: true, numWorkers: 4 }) as FashionMnistIter,
    new DataLoader(test, batchSize, { shuffle: false, numWorkers: 4 }) as FashionMnistIter,
  ];
}
