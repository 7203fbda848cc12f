/**
 * torchvision's MNIST and FashionMNIST datasets, read from the original IDX files
 * (gzipped or not). Files are looked for in `root`, then in torchvision's layout
 * `root/<Name>/raw`, then (Fashion-MNIST) where Debian's `dataset-fashion-mnist`
 * puts them. Nothing is downloaded.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { IndexError, RuntimeError, Tensor, TypeError, argTypeError, checkOptions, int64, uint8 } from "@torchts/tensor";
import { checkIndex } from "./dataset-index";
import type { Dataset } from "./dataset-index";
import { gatherRows } from "./gather";
import { readIdx } from "./idx";
import { applyTransform, batchForm, checkTransform, type Transform } from "./transforms";
import { checkArity, guardArity } from "@torchts/tensor/errors";

export interface MNISTOptions<I = Tensor, L = number> {
  /** Directory holding the four IDX files (or `<root>/<Name>/raw/`). Also accepted positionally. */
  root?: string;
  /** The training set (60,000 images, default) or the test set (10,000). */
  train?: boolean;
  /** Applied to each image (a uint8 tensor `[28, 28]`), e.g. `new ToTensor()`. */
  transform?: Transform<Tensor, I> | null;
  /** Applied to each label (a number). */
  targetTransform?: Transform<number, L> | null;
  /** Accepted for torchvision's signature: files are never downloaded; a missing set raises with where to get it. */
  download?: boolean;
}

const FILES = {
  train: ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"],
  test: ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"],
};

function findFile(dirs: string[], base: string): string | undefined {
  for (const d of dirs) for (const name of [base, `${base}.gz`]) if (existsSync(join(d, name))) return join(d, name);
  return undefined;
}

/**
 * MNIST (handwritten digits): `get(i)` is `[image, label]`, the image a uint8 tensor `[28, 28]`
 * (or what `transform` makes of it), the label a number 0-9. `data` holds all images
 * (uint8 `[N, 28, 28]`), `targets` all labels (int64 `[N]`).
 * @example
 * const train = new MNIST("data", { train: true, transform: new ToTensor() });
 * train.get(0)[0].shape // [1, 28, 28]
 */
export class MNIST<I = Tensor, L = number> implements Dataset<[I, L]> {
  /** Where the IDX files are expected when `root` lacks them (null: nowhere else). */
  static systemRoot: string | null = null;
  static readonly classes: readonly string[] = ["0 - zero", "1 - one", "2 - two", "3 - three", "4 - four", "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine"];
  /** How to get the files, for the not-found message. */
  protected static howToGet = "download them from http://yann.lecun.com/exdb/mnist/ (or a mirror) into";

  readonly root: string;
  readonly train: boolean;
  readonly transform: Transform | null;
  readonly targetTransform: Transform | null;
  readonly data: Tensor;
  readonly targets: Tensor;
  /** The directory the files were read from. */
  readonly folder: string;
  private transformed: Tensor | null | undefined = undefined;

  constructor(root?: string | MNISTOptions<I, L>, options?: MNISTOptions<I, L>) {
    const cls = this.constructor as typeof MNIST;
    const fn = cls.name;
    checkArity(fn, arguments, 2);
    let opts = options;
    if (root !== null && typeof root === "object") {
      if (options !== undefined) throw argTypeError(fn, "root", 0, "str", root);
      opts = root;
      root = opts.root;
    } else if (opts && typeof opts === "object" && "root" in opts) {
      throw new TypeError(`${fn}(): root given both positionally and in the options`);
    }
    checkOptions(fn, opts, ["root", "train", "transform", "targetTransform", "download"]);
    if (root !== undefined && typeof root !== "string") throw argTypeError(fn, "root", 0, "str", root);
    const train = opts?.train ?? true;
    if (typeof train !== "boolean") throw argTypeError(fn, "train", undefined, "bool", train);
    const download = opts?.download ?? false;
    if (typeof download !== "boolean") throw argTypeError(fn, "download", undefined, "bool", download);
    checkTransform(fn, "transform", opts?.transform);
    checkTransform(fn, "target_transform", opts?.targetTransform);
    const dirs: string[] = [];
    if (root !== undefined) {
      if (existsSync(root) && !statSync(root).isDirectory()) throw new RuntimeError(`${fn}(): root '${root}' is a file, not a directory`);
      dirs.push(root, join(root, fn, "raw"));
    }
    if (cls.systemRoot !== null) dirs.push(cls.systemRoot);
    const [imgName, lblName] = train ? FILES.train : FILES.test;
    const imgPath = findFile(dirs, imgName);
    const lblPath = findFile(dirs, lblName);
    if (imgPath === undefined || lblPath === undefined) {
      const missing = [imgPath ? null : imgName, lblPath ? null : lblName].filter((v) => v).join(" and ");
      throw new RuntimeError(
        `${fn}(): dataset not found: no ${missing}[.gz] in ${dirs.map((d) => `'${d}'`).join(", ") || "(no root given)"}. ` +
          `To get the files, ${cls.howToGet} '${root ?? "<root>"}'${download ? " (torchts does not download: download=true cannot fetch them)" : ""}.`,
      );
    }
    const images = readIdx(imgPath);
    const labels = readIdx(lblPath);
    // torchvision's read_image_file / read_label_file assert uint8 and 3 / 1 dimensions
    if (images.ndim !== 3 || images.dtype !== uint8) {
      throw new RuntimeError(`${fn}(): '${imgPath}' should hold uint8 images [N, H, W] (magic 0x00000803), got ${images.dtype} [${images.shape.join(", ")}]`);
    }
    if (labels.ndim !== 1 || labels.dtype !== uint8) {
      throw new RuntimeError(`${fn}(): '${lblPath}' should hold uint8 labels [N] (magic 0x00000801), got ${labels.dtype} [${labels.shape.join(", ")}]`);
    }
    if (images.shape[0] !== labels.shape[0]) {
      throw new RuntimeError(`${fn}(): '${imgPath}' has ${images.shape[0]} images but '${lblPath}' has ${labels.shape[0]} labels`);
    }
    this.root = root ?? cls.systemRoot ?? "";
    this.folder = imgPath.slice(0, imgPath.length - imgPath.split("/").pop()!.length);
    this.train = train;
    this.transform = opts?.transform ?? null;
    this.targetTransform = opts?.targetTransform ?? null;
    this.data = images;
    this.targets = labels.to(int64); // torchvision's targets are int64
  }

  get length(): number {
    return this.data.shape[0];
  }

  /** torchvision's class names, in label order. */
  get classes(): readonly string[] {
    return (this.constructor as typeof MNIST).classes;
  }

  get(index: number): [I, L] {
    const i = checkIndex(`${this.constructor.name}.get()`, index, this.length);
    const img = this.data.get(i);
    const target = this.targets._values()[this.targets._offset + i];
    return [
      (this.transform ? applyTransform(this.transform, img) : img) as I,
      (this.targetTransform ? applyTransform(this.targetTransform, target) : target) as L,
    ];
  }

  /**
   * The collated batch `[images, labels]` straight from the whole set: the transform, when it has a
   * whole-stack form (ToTensor, Normalize, Compose of them), runs once over all images on first use.
   * Declines (undefined) with a per-image-only transform or a target transform.
   */
  getBatch(indices: ArrayLike<number>): [Tensor, Tensor] | undefined {
    if (indices === null || typeof indices !== "object" || typeof indices.length !== "number") {
      throw argTypeError(`${this.constructor.name}.getBatch`, "indices", 0, "a sequence of integers", indices);
    }
    if (this.targetTransform) return undefined;
    if (this.transformed === undefined) {
      const whole = this.transform ? batchForm(this.transform) : (x: Tensor) => x;
      this.transformed = whole ? whole(this.data) : null;
    }
    if (this.transformed === null) return undefined;
    const fn = this.constructor.name;
    return [gatherRows(fn, this.transformed, indices), gatherRows(fn, this.targets, indices)];
  }
}

/**
 * Fashion-MNIST (Zalando's clothing images, the d2l book's set): as MNIST, with files looked
 * for in `root` and then in `/usr/share/datasets/fashion-mnist/` (`apt-get install dataset-fashion-mnist`).
 * @example
 * const train = new FashionMNIST({ root: "../data", train: true, transform: new ToTensor() });
 * train.length // 60000
 */
export class FashionMNIST<I = Tensor, L = number> extends MNIST<I, L> {
  static override systemRoot: string | null = "/usr/share/datasets/fashion-mnist";
  static override readonly classes: readonly string[] = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
  protected static override howToGet =
    "install Debian's package (apt-get install dataset-fashion-mnist, into /usr/share/datasets/fashion-mnist/) or download the four .gz files from https://github.com/zalandoresearch/fashion-mnist into";
}

const TEXT_LABELS = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"];

/**
 * d2l's `get_fashion_mnist_labels`: the text label of each numeric label.
 * @example getFashionMnistLabels(torch.tensor([9, 0])) // ["ankle boot", "t-shirt"]
 */
export function getFashionMnistLabels(labels: Tensor | ArrayLike<number>): string[] {
  checkArity("getFashionMnistLabels", arguments, 1);
  if (!(labels instanceof Tensor) && (labels === null || typeof labels !== "object" || typeof labels.length !== "number")) {
    throw argTypeError("getFashionMnistLabels", "labels", 0, "Tensor or a sequence of numbers", labels);
  }
  const values = labels instanceof Tensor ? (labels.reshape(-1).tolist() as number[]) : Array.from(labels as ArrayLike<number>);
  return values.map((v) => {
    if (typeof v !== "number" && typeof v !== "boolean") throw argTypeError("getFashionMnistLabels", "labels", 0, "numbers", v);
    const i = Math.trunc(Number(v)); // Python's int(i), then a list index (negatives count from the end)
    if (!(i >= -10 && i < 10)) throw new IndexError(`getFashionMnistLabels(): list index out of range (label ${String(v)}, 10 labels)`);
    return TEXT_LABELS[i < 0 ? i + 10 : i];
  });
}

// Python raises on extra positional arguments; JavaScript would drop them.
guardArity(MNIST, { get: 1, getBatch: 1 });
