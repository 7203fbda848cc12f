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
import { DType, float32, float64 } from "./dtype";

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
    if (dtype === float64) suffixes.push(`dtype=${dtype}`);
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

function nonFinite(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** Python's `"{:.pf}".format(x)`: exact decimal value of the double, ties to even. */
export function pyFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    // toFixed switches to exponent form here; such doubles are integers.
    s = BigInt(a).toString() + (p > 0 ? "." + "0".repeat(p) : "");
  } else {
    s = a.toFixed(p);
    // JS breaks exact ties away from zero, Python to even. a·10^p ends in exactly .5
    // iff a = m·2^-(p+1) with m odd.
    if (oddMantissaExponent(a) === -(p + 1)) s = roundTieDown(s, s.length - 1);
  }
  return neg ? "-" + s : s;
}

/** Python's `"{:.pe}".format(x)`: e.g. `1.2346e+05`, ties to even, at least two exponent digits. */
export function pyExponential(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toExponential(p);
  const ePos = s.indexOf("e");
  const exp10 = Number(s.slice(ePos + 1));
  if (a !== 0 && isExponentialTie(a, p - exp10)) s = roundTieDown(s, ePos - 1);
  const digits = Math.abs(exp10).toString().padStart(2, "0");
  return (neg ? "-" : "") + s.slice(0, ePos) + (exp10 < 0 ? "e-" : "e+") + digits;
}

/** a·10^q = k + 1/2 exactly, for a = m·2^e (m odd). */
function isExponentialTie(a: number, q: number): boolean {
  const e = oddMantissaExponent(a);
  if (e + q !== -1) return false;
  if (q >= 0) return true;
  const five = 5 ** -q; // m must also be a multiple of 5^-q
  return five <= 2 ** 53 && oddMantissa(a) % five === 0;
}

/** JS rounded a tie up; if that made the digit at `pos` odd, the even neighbour is one below. */
function roundTieDown(s: string, pos: number): string {
  const d = s.charCodeAt(pos) - 48;
  if (d % 2 === 0) return s;
  return s.slice(0, pos) + String(d - 1) + s.slice(pos + 1);
}

const view = new DataView(new ArrayBuffer(8));

/** Decomposes a finite positive double as m·2^e with m odd; returns [m, e]. */
function decompose(a: number): [number, number] {
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 2 ** 32 + lo;
  let e = -1074;
  if (biased !== 0) {
    m += 2 ** 52;
    e = biased - 1075;
  }
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  return [m, e];
}

function oddMantissaExponent(a: number): number {
  return a === 0 ? 0 : decompose(a)[1];
}

function oddMantissa(a: number): number {
  return decompose(a)[0];
}
