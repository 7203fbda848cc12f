import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { loadArray, loadDataFashionMnist, syntheticData, getFashionMnistLabels } from "./data";
import { golden } from "./golden.testing";

describe("syntheticData", () => {
  it("draws PyTorch's numbers for the same seed (d2l's order: X, then the noise)", () => {
    torch.manualSeed(golden.synthetic.seed);
    const [X, y] = syntheticData(torch.tensor([2, -3.4]), 4.2, 1000);
    expect(X.shape).toEqual([1000, 2]);
    expect(y.shape).toEqual([1000, 1]);
    expect(X.dtype).toBe(torch.float32);
    const Xh = X.get("0:3").tolist() as number[][];
    const yh = y.get("0:3").tolist() as number[][];
    Xh.flat().forEach((v, i) => expect(v).toBeCloseTo(golden.synthetic.X_head.flat()[i], 6));
    yh.flat().forEach((v, i) => expect(v).toBeCloseTo(golden.synthetic.y_head.flat()[i], 5));
    expect(Number(X.sum().item())).toBeCloseTo(golden.synthetic.X_sum, 3);
    expect(Number(y.sum().item())).toBeCloseTo(golden.synthetic.y_sum, 2);
  });

  it("has d2l's statistics: X ~ N(0, 1), residual y - (Xw + b) ~ N(0, 0.01²)", () => {
    torch.manualSeed(7);
    const w = torch.tensor([2, -3.4, 0.5]);
    const [X, y] = syntheticData(w, 4.2, 20000);
    expect(Math.abs(Number(X.mean().item()))).toBeLessThan(0.02);
    expect(Number(X.std().item())).toBeCloseTo(1, 1);
    const resid = y.reshape(-1).sub(torch.matmul(X, w).add(4.2));
    expect(Math.abs(Number(resid.mean().item()))).toBeLessThan(0.0005);
    expect(Number(resid.std().item())).toBeGreaterThan(0.0095);
    expect(Number(resid.std().item())).toBeLessThan(0.0105);
  });

  it("checks its arguments", () => {
    expect(() => syntheticData([2, -3.4] as never, 4.2, 10)).toThrow(/syntheticData\(\): argument 'w' \(position 0\) must be Tensor, not Array/);
    expect(() => syntheticData(torch.tensor([2]), "4" as never, 10)).toThrow(/argument 'b'/);
    expect(() => syntheticData(torch.tensor([2]), 4, 2.5)).toThrow(/argument 'numExamples' \(position 2\) must be an integer/);
    expect(() => syntheticData(torch.tensor([2]), 4, -1)).toThrow(torch.RuntimeError);
    expect(() => syntheticData(torch.tensor(2), 4, 3)).toThrow(/0-d/);
    expect(syntheticData(torch.tensor([1.5]), 0, 0)[0].shape).toEqual([0, 1]);
    expect(() => syntheticData(torch.tensor([1], { dtype: torch.float64 }), 0, 2)).toThrow(/dtype/); // PyTorch: X is float32
  });
});

describe("loadArray", () => {
  it("batches a TensorDataset and shuffles as PyTorch's DataLoader does", () => {
    torch.manualSeed(golden.load_array.seed);
    const it = loadArray([torch.arange(10).float().reshape(10, 1), torch.arange(10)], 3);
    expect(it.length).toBe(4);
    const epochs = [0, 1].map(() => Array.from(it, (b) => b[1].tolist()));
    expect(epochs).toEqual(golden.load_array.epochs);
    for (const [X, y] of it) expect(X.reshape(-1).tolist()).toEqual(y.tolist()); // rows stay paired
  });

  it("keeps the order when isTrain is false", () => {
    const it = loadArray([torch.arange(5)], 2, false);
    expect(Array.from(it, (b) => b[0].tolist())).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("checks its arguments", () => {
    const X = torch.zeros(4, 2);
    expect(() => loadArray(X as never, 2)).toThrow(/loadArray\(\): argument 'dataArrays' \(position 0\) must be an array of Tensors/);
    expect(() => loadArray([X, [1, 2] as never], 2)).toThrow(/dataArrays\[1\]/);
    expect(() => loadArray([X], 0)).toThrow(/batch_size should be a positive integer value/);
    expect(() => loadArray([X], "2" as never)).toThrow(/argument 'batchSize' \(position 1\) must be an integer, not string/);
    expect(() => loadArray([X], 2, 1 as never)).toThrow(/argument 'isTrain' \(position 2\) must be a boolean/);
    expect(() => loadArray([X, torch.zeros(3)], 2)).toThrow(/Size mismatch/);
  });
});

describe("loadDataFashionMnist", () => {
  const have = require("node:fs").existsSync("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
  it.skipIf(!have)("gives d2l's iterators: ToTensor images [b, 1, 28, 28] in [0, 1], int64 labels, train shuffled", () => {
    const [trainIter, testIter] = loadDataFashionMnist(256);
    expect(trainIter.length).toBe(235);
    expect(testIter.length).toBe(40);
    const [X, y] = testIter[Symbol.iterator]().next().value!;
    expect(X.shape).toEqual([256, 1, 28, 28]);
    expect(X.dtype).toBe(torch.float32);
    expect(y.dtype).toBe(torch.int64);
    expect(Number(X.max().item())).toBeLessThanOrEqual(1);
    expect(getFashionMnistLabels(y.get("0:2"))).toEqual(["ankle boot", "pullover"]); // the test set's first two
    const first = () => trainIter[Symbol.iterator]().next().value![1].get("0:20").tolist();
    expect(first()).not.toEqual(first());
  });

  it.skipIf(!have)("resizes with torchvision's Resize before ToTensor (d2l 3.5: resize=64)", () => {
    const [, testIter] = loadDataFashionMnist(32, { resize: 64 });
    const [X, y] = testIter[Symbol.iterator]().next().value!;
    expect(X.shape).toEqual([32, 1, 64, 64]);
    expect(X.dtype).toBe(torch.float32);
    expect(y.shape).toEqual([32]);
    const [, rect] = loadDataFashionMnist(4, { resize: [14, 20] });
    expect(rect[Symbol.iterator]().next().value![0].shape).toEqual([4, 1, 14, 20]);
  });

  it("checks its arguments", () => {
    expect(() => loadDataFashionMnist(256, { resize: "64" } as never)).toThrow(/argument 'resize'/);
    expect(() => loadDataFashionMnist(256, { resize: 0 })).toThrow(/size must be positive/);
    expect(() => loadDataFashionMnist(-1)).toThrow(/batch_size should be a positive integer/);
    expect(() => loadDataFashionMnist(256, { resise: 64 } as never)).toThrow(/unknown option 'resise'/);
    expect(() => loadDataFashionMnist(256, { root: 3 } as never)).toThrow(/argument 'root'/);
  });
});
