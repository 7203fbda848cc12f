/**
 * @torchts/loaders — torch.utils.data, torchvision's MNIST/FashionMNIST and transforms.
 *
 * @example
 * import * as torch from "@torchts/tensor";
 * import { DataLoader, TensorDataset, datasets, transforms } from "@torchts/loaders";
 * const X = torch.randn(1000, 2), y = torch.randn(1000, 1);
 * for (const [Xb, yb] of new DataLoader(new TensorDataset(X, y), { batchSize: 10, shuffle: true })) { ... }
 * const train = new datasets.FashionMNIST({ root: "../data", train: true, transform: new transforms.ToTensor() });
 * const loader = new DataLoader(train, 256, { shuffle: true }); // batches [256, 1, 28, 28] float32, [256] int64
 */
export { Dataset, isDataset } from "./dataset-index";
export { TensorDataset, Subset, ConcatDataset } from "./dataset";
export { randomSplit, splitLengths } from "./random-split";
export { kFold } from "./k-fold";
export { defaultCollate, type Collated } from "./collate";
export { DataLoader, type DataLoaderOptions } from "./dataloader";
export { SequentialSampler, RandomSampler, SubsetRandomSampler, BatchSampler, type Sampler, type RandomSamplerOptions } from "./sampler";
export { KeyError } from "./errors";
export { readIdx, parseIdx } from "./idx";
export { getFashionMnistLabels } from "./mnist";
export * as datasets from "./datasets";
export * as transforms from "./transforms-public";
