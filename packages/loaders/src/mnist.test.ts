import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as torch from "@torchts/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataLoader, datasets, getFashionMnistLabels, parseIdx, readIdx, transforms } from "./index";

/** An IDX file: magic 0x0000TTNN, big-endian dims, then the bytes. */
function idx(dims: number[], body: Uint8Array | number[], type = 0x08): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(body as Uint8Array)]);
}

let dir: string;
const N = 5;
const pixels = Uint8Array.from({ length: N * 4 * 3 }, (_, i) => (i * 37) % 256);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "loaders-mnist-"));
  // a tiny "MNIST": 5 images 4x3 (train, gzipped) and 2 (test, raw, in torchvision's layout)
  writeFileSync(join(dir, "train-images-idx3-ubyte.gz"), gzipSync(idx([N, 4, 3], pixels)));
  writeFileSync(join(dir, "train-labels-idx1-ubyte.gz"), gzipSync(idx([N], [3, 1, 4, 1, 5])));
  mkdirSync(join(dir, "MNIST", "raw"), { recursive: true });
  writeFileSync(join(dir, "MNIST", "raw", "t10k-images-idx3-ubyte"), idx([2, 4, 3], pixels.subarray(0, 24)));
  writeFileSync(join(dir, "MNIST", "raw", "t10k-labels-idx1-ubyte"), idx([2], [9, 2]));
});
afterAll(() => undefined);

describe("IDX", () => {
  it("reads uint8 files as uint8 tensors of the header's shape, gzipped or not", () => {
    const t = readIdx(join(dir, "train-images-idx3-ubyte.gz"));
    expect(t.dtype).toBe(torch.uint8);
    expect([...t.shape]).toEqual([N, 4, 3]);
    expect(t.reshape(-1).tolist()).toEqual([...pixels]);
  });
  it("reads the other element types big-endian", () => {
    const body = Buffer.alloc(8);
    body.writeInt32BE(-7, 0);
    body.writeInt32BE(300000, 4);
    expect(parseIdx(new Uint8Array(idx([2], body, 0x0c)), "x").tolist()).toEqual([-7, 300000]);
    const f = Buffer.alloc(8);
    f.writeFloatBE(1.5, 0);
    f.writeFloatBE(-2.25, 4);
    const t = parseIdx(new Uint8Array(idx([2], f, 0x0d)), "x");
    expect(t.dtype).toBe(torch.float32);
    expect(t.tolist()).toEqual([1.5, -2.25]);
  });
  it("rejects corrupt headers and wrong lengths, naming the file", () => {
    const bad = (bytes: Uint8Array | Buffer, re: RegExp) => expect(() => parseIdx(new Uint8Array(bytes), "f.idx")).toThrow(re);
    bad(Buffer.from([0, 0, 8]), /'f.idx' is too short/);
    bad(Buffer.from([1, 0, 8, 1, 0, 0, 0, 0]), /'f.idx' has a bad magic number 0x01000801/);
    bad(Buffer.from([0, 0, 0x42, 1, 0, 0, 0, 0]), /bad magic number/);
    bad(Buffer.from([0, 0, 8, 0]), /declares 0 dimensions/);
    bad(Buffer.from([0, 0, 8, 3, 0, 0]), /truncated inside its header/);
    bad(idx([3], [1, 2]), /has 10 bytes but its header \[3\] \(type torch.uint8\) needs 11: truncated/);
    bad(idx([1], [1, 2]), /trailing bytes/);
    bad(idx([70000, 28, 28], [1, 2, 3]), /truncated/); // a header that lies about the count
  });
  it("a gzip cut in half names the file", () => {
    const whole = readFileSync(join(dir, "train-images-idx3-ubyte.gz"));
    const p = join(dir, "cut.gz");
    writeFileSync(p, whole.subarray(0, whole.length >> 1));
    expect(() => readIdx(p)).toThrow(/cut.gz' is not a complete gzip stream/);
    expect(() => readIdx(join(dir, "nope"))).toThrow(/cannot read IDX file .*nope/);
  });
});

describe("MNIST / FashionMNIST", () => {
  it("reads root, or torchvision's root/<Name>/raw; items are [uint8 image, number]", () => {
    const train = new datasets.MNIST(dir);
    expect(train.length).toBe(N);
    const [img, label] = train.get(2);
    expect(img.dtype).toBe(torch.uint8);
    expect([...img.shape]).toEqual([4, 3]);
    expect(label).toBe(4);
    expect(train.targets.dtype).toBe(torch.int64);
    const test = new datasets.MNIST({ root: dir, train: false });
    expect(test.length).toBe(2);
    expect(test.get(1)[1]).toBe(2);
    expect(() => train.get(5)).toThrow(/index 5 is out of bounds for dimension 0 with size 5/);
  });
  it("transforms apply per item and, batched, over the whole set with the same values", () => {
    const tf = new transforms.Compose([new transforms.ToTensor(), new transforms.Normalize([0.5], [0.25])]);
    const ds = new datasets.MNIST(dir, { transform: tf, targetTransform: undefined });
    const items = [0, 1, 2, 3, 4].map((i) => ds.get(i)[0] as torch.Tensor);
    const [X, y] = [...new DataLoader(ds, 5)][0];
    expect([...X.shape]).toEqual([5, 1, 4, 3]);
    expect(X.tolist()).toEqual(torch.stack(items).tolist());
    expect(y.tolist()).toEqual([3, 1, 4, 1, 5]);
    // a per-image Lambda and a target transform go item by item, same result
    const ds2 = new datasets.MNIST(dir, { transform: new transforms.Compose([tf, new transforms.Lambda((x: torch.Tensor) => x.mul(2))]), targetTransform: (t: number) => t + 1 });
    const [X2, y2] = [...new DataLoader(ds2, 5)][0];
    expect(X2.tolist()).toEqual(X.mul(2).tolist());
    expect(y2.tolist()).toEqual([4, 2, 5, 2, 6]);
  });
  it("errors: missing directory, root that is a file, mismatched files, bad options", () => {
    expect(() => new datasets.MNIST(join(dir, "missing"))).toThrow(/MNIST\(\): dataset not found: no train-images-idx3-ubyte and train-labels-idx1-ubyte\[.gz\]/);
    expect(() => new datasets.MNIST(join(dir, "train-labels-idx1-ubyte.gz"))).toThrow(/is a file, not a directory/);
    const bad = mkdtempSync(join(tmpdir(), "loaders-bad-"));
    writeFileSync(join(bad, "train-images-idx3-ubyte"), idx([2, 4, 3], pixels.subarray(0, 24)));
    writeFileSync(join(bad, "train-labels-idx1-ubyte"), idx([3], [1, 2, 3]));
    expect(() => new datasets.MNIST(bad)).toThrow(/has 2 images but .* has 3 labels/);
    writeFileSync(join(bad, "train-labels-idx1-ubyte"), idx([2, 1], [1, 2]));
    expect(() => new datasets.MNIST(bad)).toThrow(/should hold uint8 labels \[N\]/);
    // torchvision asserts uint8 files: a float32 (0x0D) image file is refused, naming it
    writeFileSync(join(bad, "train-labels-idx1-ubyte"), idx([2], [1, 2]));
    writeFileSync(join(bad, "train-images-idx3-ubyte"), idx([2, 1, 1], Buffer.alloc(8), 0x0d));
    expect(() => new datasets.MNIST(bad)).toThrow(/train-images-idx3-ubyte' should hold uint8 images \[N, H, W\].*got torch.float32 \[2, 1, 1\]/);
    expect(() => new datasets.MNIST(dir, { tran: true } as never)).toThrow(/MNIST\(\): unknown option 'tran'/);
    expect(() => new datasets.MNIST(5 as never)).toThrow(/argument 'root' \(position 0\) must be str/);
    expect(() => new datasets.MNIST(dir, { transform: 3 } as never)).toThrow(/transform/);
  });
  it("FashionMNIST falls back to the system location, and says how to get the files when they are missing", () => {
    const saved = datasets.FashionMNIST.systemRoot;
    try {
      datasets.FashionMNIST.systemRoot = dir;
      expect(new datasets.FashionMNIST({ root: join(dir, "missing") }).length).toBe(N);
      datasets.FashionMNIST.systemRoot = join(dir, "nowhere");
      expect(() => new datasets.FashionMNIST({ root: join(dir, "missing"), download: true })).toThrow(/apt-get install dataset-fashion-mnist.*torchts does not download/);
    } finally {
      datasets.FashionMNIST.systemRoot = saved;
    }
    expect(new datasets.FashionMNIST(dir).classes[9]).toBe("Ankle boot");
  });
  it("getFashionMnistLabels", () => {
    expect(getFashionMnistLabels(torch.tensor([9, 0, 3]))).toEqual(["ankle boot", "t-shirt", "dress"]);
    expect(getFashionMnistLabels([1, -1])).toEqual(["trouser", "ankle boot"]);
    expect(() => getFashionMnistLabels([10])).toThrow(/list index out of range/);
    expect(() => getFashionMnistLabels(3 as never)).toThrow(/labels/);
  });
});
