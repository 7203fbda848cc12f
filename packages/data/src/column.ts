/**
 * One column's storage: a dtype plus a typed array (numbers, bools) or a JS
 * array (object). Columns are never mutated after construction; every
 * operation returns a new Column, so frames can share them safely.
 */
import { type ColumnData, type DTypeName, type Scalar, isFloatDType } from "./dtype";
import { ValueError } from "./errors";

/** A row selection along an axis: a contiguous range or explicit positions. */
export type Selection =
  | { kind: "range"; start: number; step: number; length: number }
  | { kind: "positions"; positions: ArrayLike<number> };

export class Column {
  constructor(
    readonly dtype: DTypeName,
    readonly data: ColumnData,
    /**
     * Object columns only: 1 where a number is a Python float (it came from a
     * float column), so 181 prints and writes as "181.0" as pandas does.
     */
    readonly floats: Uint8Array | null = null,
  ) {}

  /** True if the value at i is a number to print as a float. */
  isFloatAt(i: number): boolean {
    const v = this.data[i];
    if (typeof v !== "number") return false;
    if (this.dtype !== "object") return this.dtype === "float64" || this.dtype === "float32";
    return !Number.isInteger(v) || Object.is(v, -0) || (this.floats !== null && this.floats[i] === 1);
  }

  get length(): number {
    return this.data.length;
  }

  /** The value at position i: NaN for a missing float; NaN or null (pandas' None) for a missing object; a boolean for bool. */
  get(i: number): Scalar {
    const v = this.data[i];
    if (this.dtype === "bool") return v === 1;
    return v as Scalar;
  }

  isNA(i: number): boolean {
    const v = this.data[i];
    if (isFloatDType(this.dtype)) return v !== v;
    if (this.dtype === "object") return v === null || v === undefined || (typeof v === "number" && v !== v);
    return false;
  }

  /** Number of missing values. */
  countNA(): number {
    if (!isFloatDType(this.dtype) && this.dtype !== "object") return 0;
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.isNA(i)) n++;
    return n;
  }

  /** 1 where the value is missing, 0 elsewhere. */
  naMask(): Uint8Array {
    const m = new Uint8Array(this.length);
    if (!isFloatDType(this.dtype) && this.dtype !== "object") return m;
    for (let i = 0; i < this.length; i++) m[i] = this.isNA(i) ? 1 : 0;
    return m;
  }

  toArray(): Scalar[] {
    const out = new Array<Scalar>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /** A new column holding the rows of `sel`, in order. */
  select(sel: Selection): Column {
    const floats = this.floats ? new Column("uint8", this.floats).select(sel).data as Uint8Array : null;
    if (sel.kind === "range" && sel.step === 1) {
      return new Column(this.dtype, this.data.slice(sel.start, sel.start + sel.length), floats);
    }
    const n = sel.kind === "range" ? sel.length : sel.positions.length;
    const out = emptyData(this.dtype, n);
    if (sel.kind === "range") {
      for (let i = 0, p = sel.start; i < n; i++, p += sel.step) out[i] = this.data[p];
    } else {
      const pos = sel.positions;
      for (let i = 0; i < n; i++) out[i] = this.data[pos[i]];
    }
    return new Column(this.dtype, out, floats);
  }

  take(positions: ArrayLike<number>): Column {
    return this.select({ kind: "positions", positions });
  }

  /** Column of `n` missing values of a dtype that can hold them (float64 for numbers, object otherwise). */
  static missing(dtype: DTypeName, n: number): Column {
    if (isFloatDType(dtype)) return new Column(dtype, emptyData(dtype, n).fill(NaN) as Float64Array);
    if (dtype === "object") return new Column("object", new Array<Scalar>(n).fill(NaN));
    return new Column("float64", new Float64Array(n).fill(NaN));
  }

  /**
   * Infer a column from JS values as pandas' constructor does: integers give
   * int64, numbers with NaN/null give float64, booleans give bool, anything
   * else (strings, mixed types, booleans with null) gives object.
   * A typed array keeps its type: Float64Array → float64, Float32Array → float32.
   */
  static from(values: ArrayLike<Scalar> | ColumnData, dtype?: DTypeName): Column {
    if (values instanceof Float64Array && (!dtype || dtype === "float64")) return new Column("float64", values.slice());
    if (values instanceof Float32Array && (!dtype || dtype === "float32")) return new Column("float32", values.slice());
    const arr = Array.from(values as ArrayLike<Scalar>);
    const inferred = inferDType(arr);
    const col = new Column(inferred, inferred === "object" ? arr.map(normNA) : toTyped(inferred, arr));
    return dtype && dtype !== inferred ? castColumn(col, dtype) : col;
  }
}

function normNA(v: Scalar | undefined): Scalar {
  return v === undefined ? null : v;
}

/** Allocate storage for n values of a dtype (zeros, or NaN for object). */
export function emptyData(dtype: DTypeName, n: number): ColumnData {
  switch (dtype) {
    case "float64":
    case "int64":
      return new Float64Array(n);
    case "float32":
      return new Float32Array(n);
    case "uint8":
    case "bool":
      return new Uint8Array(n);
    default:
      return new Array<Scalar>(n).fill(NaN);
  }
}

function inferDType(arr: Scalar[]): DTypeName {
  let nums = 0, ints = 0, bools = 0, nas = 0, others = 0;
  for (const v of arr) {
    if (v === null || v === undefined) nas++;
    else if (typeof v === "number") {
      if (v !== v) nas++;
      else {
        nums++;
        if (Number.isSafeInteger(v) && !Object.is(v, -0)) ints++;
      }
    } else if (typeof v === "boolean") bools++;
    else others++;
  }
  if (arr.length === 0) return "object";
  if (others > 0 || (bools > 0 && (nums > 0 || nas > 0))) return "object";
  if (bools > 0) return "bool";
  if (nums === 0) return nas > 0 ? "float64" : "object";
  return ints === nums && nas === 0 ? "int64" : "float64";
}

function toTyped(dtype: DTypeName, arr: Scalar[]): ColumnData {
  const out = emptyData(dtype, arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    out[i] = v === null || v === undefined ? NaN : typeof v === "boolean" ? (v ? 1 : 0) : (v as number);
  }
  return out;
}

const INT_MESSAGE = "Cannot convert non-finite values (NA or inf) to integer";

/** Python's float() of a string: surrounding whitespace, nan/inf words, underscores between digits. */
function pyFloat(s: string): number {
  const t = s.trim().replace(/(\d)_(?=\d)/g, "$1");
  if (/^[+-]?(nan)$/i.test(t)) return NaN;
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  throw new ValueError(`could not convert string to float: '${s}'`);
}

function toNumber(v: Scalar, target: DTypeName): number {
  if (v === null) return NaN;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (target === "int64" || target === "uint8") {
    if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new ValueError(`invalid literal for int() with base 10: '${v}'`);
    return Number(v.trim());
  }
  return pyFloat(v);
}

/**
 * Convert a column to another dtype, as `Series.astype` does. Missing or
 * infinite values cannot become integers (ValueError); floats truncate toward
 * zero; numbers become bool by being non-zero (NaN is true, as in numpy).
 */
export function castColumn(col: Column, dtype: DTypeName): Column {
  if (col.dtype === dtype) return col;
  const n = col.length;
  if (dtype === "object") {
    const out = new Array<Scalar>(n);
    for (let i = 0; i < n; i++) out[i] = col.get(i);
    const floats = col.dtype === "float64" || col.dtype === "float32" ? new Uint8Array(n).fill(1) : null;
    return new Column("object", out, floats);
  }
  const out = emptyData(dtype, n);
  for (let i = 0; i < n; i++) {
    const v = col.get(i);
    if (dtype === "bool") {
      out[i] = typeof v === "string" ? (v.length > 0 ? 1 : 0) : v === null ? 1 : v ? 1 : v !== v ? 1 : 0;
      continue;
    }
    const x = toNumber(v, dtype);
    if (dtype === "int64" || dtype === "uint8") {
      if (!Number.isFinite(x)) throw new ValueError(INT_MESSAGE);
      const t = Math.trunc(x);
      if (dtype === "uint8" && (t < 0 || t > 255)) {
        throw new ValueError(`astype: value ${x} at position ${i} is out of range for uint8 (0..255)`);
      }
      out[i] = t === 0 ? 0 : t;
    } else {
      out[i] = x;
    }
  }
  return new Column(dtype, out);
}
