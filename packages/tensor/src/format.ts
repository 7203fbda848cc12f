/**
 * Tensor printing, character for character as PyTorch 1.13 prints (`repr(t)`).
 *
 * The rules follow torch/_tensor_str.py's documented behaviour:
 * - one element formatter per tensor, chosen from the (shown) finite nonzero
 *   values: integer-valued floats print as `1.`, others with `precision`
 *   decimals, and scientific notation when max/min > 1000, max > 1e8 or, for
 *   non-integers, min < 1e-4. Every element is right-aligned to the widest;
 * - tensors with more than `threshold` elements are summarised: each dimension
 *   longer than 2 * edgeitems shows its first and last `edgeitems` entries;
 * - rows wrap at `linewidth`, nested rows are indented under `tensor(`, and
 *   3-D and higher blocks are separated by blank lines;
 * - suffixes (`size=`, `dtype=`, autograd fields) follow the data and move to
 *   a new line when they would pass `linewidth`.
 */
import { DType, bool, float32, int64 } from "./dtype";
import { pyExponential, pyFixed } from "./py-format";

/** torch.set_printoptions. */
export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** undefined: chosen per tensor; true / false forces it (finite nonzero values only). */
  sciMode?: boolean;
}

export const defaultPrintOptions: Readonly<PrintOptions> = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: undefined,
};

/**
 * `repr(t)` of a tensor given its row-major elements.
 * `extras` are trailing fields such as `requires_grad=True` or `grad_fn=<MulBackward0>`.
 *
 * @example formatTensor([1, 2.5], [2], float64) // "tensor([1.0000, 2.5000], dtype=torch.float64)"
 */
export function formatTensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  extras: readonly string[] = [],
  options: Partial<PrintOptions> = {},
): string {
  const opts: PrintOptions = { ...defaultPrintOptions, ...options };
  const prefix = "tensor(";
  const indent = prefix.length;
  const numel = shape.reduce((a, b) => a * b, 1);
  const suffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    // PyTorch spells out what an empty tensor cannot show: its shape (unless 1-D) and any non-default dtype.
    if (shape.length !== 1) suffixes.push(`size=(${shape.join(", ")})`);
    if (dtype !== float32) suffixes.push(`dtype=${dtype}`);
    body = "[]";
  } else {
    // PyTorch leaves out the dtypes a literal would get: the default float, int64 and bool
    if (dtype !== float32 && dtype !== int64 && dtype !== bool) suffixes.push(`dtype=${dtype}`);
    body = tensorBody(values, shape, dtype, indent, opts);
  }
  return addSuffixes(prefix + body, [...suffixes, ...extras], indent, opts.linewidth);
}

/** The bracketed data part of the repr (`[[1., 2.], ...]`), for a tensor with numel > 0. */
export function tensorBody(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  indent: number,
  opts: PrintOptions = defaultPrintOptions,
): string {
  const numel = shape.reduce((a, b) => a * b, 1);
  const summarize = numel > opts.threshold;
  const fmt = new ElementFormatter(shownValues(values, shape, summarize, opts.edgeitems), dtype, opts);
  if (shape.length === 0) return fmt.format(values[0]);
  const strides = rowMajorStrides(shape);

  const render = (offset: number, d: number, ind: number): string => {
    const n = shape[d];
    const idx = shownIndices(n, summarize, opts.edgeitems);
    if (d === shape.length - 1) {
      const items = idx.map((i) => (i < 0 ? " ..." : fmt.format(values[offset + i])));
      const perLine = Math.max(1, Math.floor((opts.linewidth - ind) / (fmt.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
      return "[" + lines.join(",\n" + " ".repeat(ind + 1)) + "]";
    }
    const slices = idx.map((i) => (i < 0 ? "..." : render(offset + i * strides[d], d + 1, ind + 1)));
    const sep = "," + "\n".repeat(shape.length - d - 1) + " ".repeat(ind + 1);
    return "[" + slices.join(sep) + "]";
  };
  return render(0, 0, indent);
}

/**
 * Indices shown along a dimension of size n; -1 marks the `...` gap.
 * @example shownIndices(10, true, 3) // [0, 1, 2, -1, 7, 8, 9]
 */
export function shownIndices(n: number, summarize: boolean, edgeitems: number): number[] {
  const out: number[] = [];
  if (summarize && n > 2 * edgeitems) {
    for (let i = 0; i < edgeitems; i++) out.push(i);
    out.push(-1);
    for (let i = n - edgeitems; i < n; i++) out.push(i);
  } else {
    for (let i = 0; i < n; i++) out.push(i);
  }
  return out;
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/** The elements that get printed; the formatter sees only these, as in PyTorch. */
function shownValues(
  values: ArrayLike<number>,
  shape: readonly number[],
  summarize: boolean,
  edgeitems: number,
): ArrayLike<number> {
  if (!summarize) return values;
  const strides = rowMajorStrides(shape);
  const out: number[] = [];
  const walk = (offset: number, d: number): void => {
    if (d === shape.length) {
      out.push(values[offset]);
      return;
    }
    for (const i of shownIndices(shape[d], true, edgeitems)) if (i >= 0) walk(offset + i * strides[d], d + 1);
  };
  walk(0, 0);
  return out;
}

/** Appends `, suffix` fields, wrapping onto a new line indented by `indent` past `linewidth`. */
function addSuffixes(str: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  const parts = [str];
  // PyTorch's own measure of the last line (one more than its length when it has no newline).
  let lastLineLen = str.length - str.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  return parts.join("") + ")";
}

/** Chooses one element format for a whole tensor and pads every element to a common width. */
export class ElementFormatter {
  width = 1;
  intMode = true;
  sciMode = false;
  private readonly floating: boolean;
  private readonly isBool: boolean;

  constructor(
    shown: ArrayLike<number>,
    dtype: DType,
    private readonly opts: PrintOptions = defaultPrintOptions,
  ) {
    this.floating = dtype.isFloatingPoint;
    this.isBool = dtype.name === "bool";
    if (!this.floating) {
      for (let i = 0; i < shown.length; i++) this.width = Math.max(this.width, this.plain(shown[i]).length);
      return;
    }
    let min = Infinity;
    let max = 0;
    let count = 0;
    for (let i = 0; i < shown.length; i++) {
      const v = shown[i];
      if (v === 0 || !Number.isFinite(v)) continue;
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) this.intMode = false;
      count++;
    }
    if (count === 0) return; // only zeros / nan / inf: PyTorch keeps the integer mode and ignores sciMode
    const p = opts.precision;
    if (this.intMode) {
      this.sciMode = max / min > 1000 || max > 1e8;
    } else {
      this.sciMode = max / min > 1000 || max > 1e8 || min < 1e-4;
    }
    for (let i = 0; i < shown.length; i++) {
      const v = shown[i];
      if (v === 0 || !Number.isFinite(v)) continue;
      const len = this.sciMode
        ? pyExponential(v, p).length
        : this.intMode
          ? pyFixed(v, 0).length + 1
          : pyFixed(v, p).length;
      if (len > this.width) this.width = len;
    }
    if (opts.sciMode !== undefined) this.sciMode = opts.sciMode;
  }

  /** One element, left-padded to the common width. */
  format(v: number): string {
    let s: string;
    if (!this.floating) s = this.plain(v);
    else if (this.sciMode) s = pyExponential(v, this.opts.precision);
    else if (this.intMode) s = Number.isFinite(v) ? pyFixed(v, 0) + "." : pyFixed(v, 0);
    else s = pyFixed(v, this.opts.precision);
    return s.length >= this.width ? s : " ".repeat(this.width - s.length) + s;
  }

  private plain(v: number): string {
    if (this.isBool) return v ? "True" : "False";
    return Object.is(v, -0) ? "0" : String(v);
  }
}
