/** loaders' fuzz targets: datasets, samplers, DataLoader, transforms, IDX readers, splits. */
import * as torch from "@torchts/autograd";
import * as loaders from "@torchts/loaders";
import { methodTargets, type Target } from "./engine";

const ds = () => new loaders.TensorDataset(torch.arange(12, { dtype: torch.float32 }).reshape(6, 2), torch.arange(6));
const T = loaders.transforms;
const img = () => torch.arange(16, { dtype: torch.float32 }).reshape(1, 4, 4).div(16);
const ctor = (name: string, C: new (...a: any[]) => unknown, args: () => unknown[], extra = 1): Target => ({ name: `loaders/new ${name}`, args, call: (a) => new C(...a), extra });
const fn = (name: string, f: (...a: any[]) => unknown, args: () => unknown[]): Target => ({ name: `loaders/${name}`, args, call: (a) => f(...a) });
const FMNIST = "/usr/share/datasets/fashion-mnist";
const iterate = (x: any) => { const out = []; for (const b of x) out.push(b); return out; };

export const LOADERS_TARGETS: Target[] = [
  ctor("TensorDataset", loaders.TensorDataset, () => [torch.ones(3, 2), torch.zeros(3)]),
  ctor("Subset", loaders.Subset, () => [ds(), [0, 2]]),
  ctor("ConcatDataset", loaders.ConcatDataset, () => [[ds(), ds()]]),
  ctor("DataLoader", loaders.DataLoader, () => [ds(), { batchSize: 4, shuffle: true }]),
  { name: "loaders/DataLoader iterate", args: () => [ds(), { batchSize: 4, shuffle: true }], call: (a) => iterate(new (loaders.DataLoader as any)(...a)) },
  { name: "loaders/DataLoader options", args: () => [{ batchSize: 4, shuffle: true, dropLast: false, collateFn: undefined }], call: ([o]) => iterate(new loaders.DataLoader(ds(), o as never)), extra: 0 },
  ctor("SequentialSampler", loaders.SequentialSampler, () => [ds()]),
  ctor("RandomSampler", loaders.RandomSampler, () => [ds(), { replacement: false }]),
  ctor("SubsetRandomSampler", loaders.SubsetRandomSampler, () => [[0, 1, 2]]),
  ctor("BatchSampler", loaders.BatchSampler, () => [new loaders.SequentialSampler(ds()), 2, false]),
  { name: "loaders/BatchSampler iterate", args: () => [new loaders.SequentialSampler(ds()), 2, false], call: (a) => iterate(new (loaders.BatchSampler as any)(...a)) },
  ctor("MNIST", loaders.datasets.MNIST, () => [FMNIST, { train: false }]),
  ctor("FashionMNIST", loaders.datasets.FashionMNIST, () => [FMNIST, { train: false }]),
  ctor("ToTensor", T.ToTensor, () => []),
  ctor("Normalize", T.Normalize, () => [[0.5], [0.5]]),
  ctor("Compose", T.Compose, () => [[new T.ToTensor()]]),
  ctor("Lambda", T.Lambda, () => [(x: unknown) => x]),
  ctor("Resize", T.Resize, () => [2]),
  { name: "loaders/Normalize()", args: () => [img()], call: (a) => (new T.Normalize([0.5], [0.5]) as any).forward(...a) },
  { name: "loaders/Resize()", args: () => [img()], call: (a) => (new T.Resize(2) as any).forward(...a) },
  { name: "loaders/ToTensor()", args: () => [torch.ones(2, 2, { dtype: torch.uint8 })], call: (a) => (new T.ToTensor() as any).forward(...a) },
  fn("randomSplit", loaders.randomSplit, () => [ds(), [4, 2]]),
  fn("splitLengths", loaders.splitLengths, () => [6, [0.5, 0.5]]),
  fn("kFold", loaders.kFold, () => [3, 0, torch.ones(6, 2), torch.zeros(6)]),
  fn("defaultCollate", loaders.defaultCollate, () => [[torch.ones(2), torch.zeros(2)]]),
  fn("getFashionMnistLabels", loaders.getFashionMnistLabels, () => [[0, 1]]),
  fn("parseIdx", loaders.parseIdx, () => [new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 9]), "x"]),
  fn("readIdx", loaders.readIdx, () => [`${FMNIST}/t10k-labels-idx1-ubyte.gz`]),
  ...methodTargets("loaders/TensorDataset", ds, { get: () => [0], getBatch: () => [[0, 1]] }),
  // DataLoader's own methods (epoch, fetch, fetchOne) are TypeScript-private: iteration is its API (above)
];
