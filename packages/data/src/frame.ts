/**
 * pandas' DataFrame: labelled columns of equal length sharing one row Index.
 * Columns are stored column-wise in typed arrays (never as row objects), are
 * immutable, and may be shared between frames; every method returns a new
 * frame unless it takes `{ inplace: true }` or is `setColumn` (pandas' `df[c] = v`).
 */
import { inspect } from "node:util";
import { Column, castColumn } from "./column";
import { type DTypeLike, type Scalar, commonDType, isNumericDType, toDTypeName } from "./dtype";
import { KeyError, ValueError, reprLabel } from "./errors";
import { Index, RangeIndex } from "./labels";
import { Series, type Label } from "./series";
import { type ColumnInput, type FrameData, type FrameOptions, buildParts, positionsOf } from "./frame-construct";
import { type Indexer, type Position, selectionFor } from "./indexer";
import type { Selection } from "./column";
import { type DropnaOptions, fillColumn, keepMask } from "./missing";
import { type ReduceOp, type ReduceOptions, reduceColumn, reduceResultDType } from "./reduce";
import { formatFrame } from "./format-text";
import { frameToHTML } from "./format-html";
import { type ToCsvOptions, toCsv } from "./to-csv";
import { type DescribeOptions, describeColumns } from "./describe";
import { boolOption, countArg, frameAxis, intOption, arrayOption, options as checked, pyType } from "./args";
import { TypeError as PyTypeError, argTypeError, isPlainObject } from "@torchts/tensor";
import { guardArity } from "@torchts/tensor/errors";

export interface StatOptions extends ReduceOptions {
  /** Only reduce numeric (and bool) columns, skipping object columns (default false: they raise). */
  numericOnly?: boolean;
  /** Only axis 0 (one result per column) is supported. */
  axis?: 0 | "index";
}

export type FillValue = Scalar | Series | Record<string, Scalar> | Map<Label, Scalar>;

/** Options of {@link DataFrame.drop}: pandas' keyword arguments. */
export interface DropOptions {
  /** Labels to drop along `axis` (pandas' first positional argument). */
  labels?: Label | Label[];
  /** 0 / "index" (default) drops rows by index label, 1 / "columns" drops columns. */
  axis?: 0 | 1 | "index" | "columns";
  /** Row labels to drop (instead of labels + axis 0). */
  index?: Label | Label[];
  /** Column labels to drop (instead of labels + axis 1). */
  columns?: Label | Label[];
  /** "raise" (default): a missing label is a KeyError; "ignore": missing labels are skipped. */
  errors?: "raise" | "ignore";
}

/** pandas' fillna value check: a value must be given, and a list is not one. */
export function checkFillValue(fn: string, value: unknown, what: string): void {
  if (value === undefined || value === null) throw new ValueError(`${fn}(): Must specify a fill 'value' or 'method'.`);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new PyTypeError(`${fn}(): "value" parameter must be ${what}, but you passed a "${pyType(value)}"`);
  }
  if (typeof value === "symbol" || typeof value === "bigint" || typeof value === "function") {
    throw new PyTypeError(`${fn}(): "value" parameter must be ${what}, but you passed a "${typeof value}"`);
  }
}

export class DataFrame {
  /** @internal */ _cols: Column[];
  /** @internal */ _labels: Label[];
  /** @internal */ _index: Index;

  /**
   * A frame from columns (an object or Map of arrays / typed arrays / Series),
   * from records (row objects) or from rows (arrays, named by `columns`).
   * @example new DataFrame({ a: [1, 2], b: ["x", null] }) // a: int64, b: object
   * @example new DataFrame([{ a: 1 }, { a: 2, b: 0.5 }]) // b: float64 [NaN, 0.5]
   */
  constructor(data?: FrameData, options?: FrameOptions) {
    const opts = checked("DataFrame", options);
    if (data !== undefined && data !== null && (typeof data !== "object" || ArrayBuffer.isView(data))) {
      throw new ValueError(`DataFrame(): DataFrame constructor not properly called! argument 'data' must be columns (an object or Map), records or rows, not ${pyType(data)}`);
    }
    arrayOption("DataFrame", "columns", opts.columns);
    const p = buildParts(data ?? undefined, opts);
    this._cols = p.cols;
    this._labels = p.labels;
    this._index = p.index;
  }

  /** @internal build without copying or inference */
  static _of(cols: Column[], labels: Label[], index: Index): DataFrame {
    const f = Object.create(DataFrame.prototype) as DataFrame;
    f._cols = cols;
    f._labels = labels;
    f._index = index;
    return f;
  }

  /** A frame from records (row objects), e.g. `[{ a: 1, b: "x" }, …]`. */
  static fromRecords(records: readonly Record<string, Scalar>[], options: FrameOptions = {}): DataFrame {
    return new DataFrame(records, options);
  }

  /** A frame from columns, e.g. `{ a: [1, 2], b: new Float64Array([0.5, 1]) }`. */
  static fromColumns(columns: Record<string, ColumnInput> | Map<Label, ColumnInput>, options: FrameOptions = {}): DataFrame {
    return new DataFrame(columns, options);
  }

  /** [rows, columns] */
  get shape(): [number, number] {
    return [this._index.length, this._cols.length];
  }
  /** Number of rows (pandas' `len(df)`). */
  get length(): number {
    return this._index.length;
  }
  get columns(): Index {
    return Index.from(this._labels);
  }
  get index(): Index {
    return this._index;
  }
  /** The dtype of each column, as a Series indexed by column label. */
  get dtypes(): Series {
    return Series._of(new Column("object", this._cols.map((c) => c.dtype)), this.columns, null);
  }
  /** The cells as rows of JS values (pandas' `df.values`), built on demand. */
  get values(): Scalar[][] {
    const out: Scalar[][] = [];
    for (let i = 0; i < this.length; i++) out.push(this._cols.map((c) => c.get(i)));
    return out;
  }

  /** @internal */
  _position(label: Label, what: string): number {
    const j = this._labels.indexOf(label);
    if (j < 0) throw new KeyError(`${what}: column ${reprLabel(label)} not in columns [${this._labels.map(reprLabel).join(", ")}]`);
    return j;
  }

  /** Column `label` as a Series (pandas `df[label]`), or several columns as a frame (`df[[a, b]]`). */
  get(label: Label): Series;
  get(labels: Label[]): DataFrame;
  get(label: Label | Label[]): Series | DataFrame {
    if (Array.isArray(label)) {
      const pos = positionsOf(this._labels, label, "DataFrame.get");
      return DataFrame._of(pos.map((j) => this._cols[j]), label.slice(), this._index);
    }
    const j = this._position(label, "DataFrame.get");
    return Series._of(this._cols[j], this._index, label);
  }

  /** @internal a column aligned to this frame's rows */
  _columnFrom(value: ColumnInput, label: Label): Column {
    const n = this.length;
    if (value instanceof Series) {
      if (value.index.equals(this._index)) return value._col;
      const out: Scalar[] = [];
      for (let i = 0; i < n; i++) {
        const p = value.index.indexOf(this._index.get(i));
        out.push(p < 0 ? null : value._col.get(p));
      }
      return Column.from(out);
    }
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const len = (value as ArrayLike<Scalar>).length;
      if (len !== n) throw new ValueError(`setColumn: length of values (${len}) does not match length of index (${n}) for column ${reprLabel(label)}`);
      return Column.from(value as ArrayLike<Scalar>);
    }
    if (isPlainObject(value)) {
      // pandas: a dict is a Series keyed by row label, aligned on the index (absent labels: NaN)
      const rec = value as Record<string, Scalar>;
      return Column.from(Array.from({ length: n }, (_, i) => { const k = String(this._index.get(i)); return Object.hasOwn(rec, k) ? rec[k] : null; }));
    }
    if (value !== null && typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") {
      throw argTypeError("DataFrame.setColumn", "value", 1, "a scalar, an array, a dict or a Series", value);
    }
    return Column.from(new Array<Scalar>(n).fill(value as Scalar));
  }

  /** Set or add a column in place, like pandas' `df[label] = value`. A Series is aligned on the row labels. */
  setColumn(label: Label, value: ColumnInput): void {
    if (typeof label !== "string" && typeof label !== "number") throw argTypeError("DataFrame.setColumn", "label", 0, "a column label (string or number)", label);
    const col = this._columnFrom(value, label);
    const j = this._labels.indexOf(label);
    if (j >= 0) this._cols[j] = col;
    else {
      this._cols.push(col);
      this._labels.push(label);
    }
  }

  /** A new frame with columns added or replaced (pandas' `assign`). */
  assign(columns: Record<string, ColumnInput>): DataFrame {
    if (!isPlainObject(columns)) throw argTypeError("DataFrame.assign", "columns", 1, "an object of columns", columns);
    const out = this.copy();
    for (const [k, v] of Object.entries(columns)) out.setColumn(k, v);
    return out;
  }

  /**
   * A new frame without the given rows or columns, as pandas' `drop`: `labels`
   * with `axis` (0, rows, by default), or `{ index }` / `{ columns }`.
   * @example df.drop({ columns: ["Alley"] }) // df.drop(columns=["Alley"])
   * @example df.drop("Alley", { axis: 1 })    // df.drop("Alley", axis=1)
   * @example df.drop([0, 2])                  // rows labelled 0 and 2
   */
  drop(labels: Label | Label[], options?: DropOptions): DataFrame;
  drop(options: DropOptions): DataFrame;
  drop(labels: Label | Label[] | DropOptions, options?: DropOptions): DataFrame {
    const byOptions = isPlainObject(labels) && options === undefined;
    const o = checked("DataFrame.drop", byOptions ? (labels as DropOptions) : options);
    const given = byOptions ? o.labels : (labels as Label | Label[]);
    if (given !== undefined && (o.index !== undefined || o.columns !== undefined)) {
      throw new ValueError("DataFrame.drop(): Cannot specify both 'labels' and 'index'/'columns'");
    }
    if (o.errors !== undefined && o.errors !== "raise" && o.errors !== "ignore") {
      throw new ValueError(`DataFrame.drop(): errors must be 'raise' or 'ignore', got ${String(o.errors)}`);
    }
    const axis = frameAxis("DataFrame.drop", o.axis);
    const rows = given !== undefined && axis === 0 ? given : o.index;
    const cols = given !== undefined && axis === 1 ? given : o.columns;
    if (rows === undefined && cols === undefined) {
      throw new ValueError("DataFrame.drop(): Need to specify at least one of 'labels', 'index' or 'columns'");
    }
    const list = (v: Label | Label[] | undefined): Label[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const strict = o.errors !== "ignore";
    const dropCols = list(cols);
    const missingCols = dropCols.filter((l) => !this._labels.includes(l));
    if (strict && missingCols.length) throw new KeyError(`DataFrame.drop(): [${missingCols.map(reprLabel).join(", ")}] not found in axis (columns)`);
    const dropRows = list(rows);
    const idx = this._index.tolist();
    const missingRows = dropRows.filter((l) => !idx.includes(l));
    if (strict && missingRows.length) throw new KeyError(`DataFrame.drop(): [${missingRows.map(reprLabel).join(", ")}] not found in axis (index)`);
    const keep = this._labels.map((_, j) => j).filter((j) => !dropCols.includes(this._labels[j]));
    const out = DataFrame._of(keep.map((j) => this._cols[j]), keep.map((j) => this._labels[j]), this._index);
    if (dropRows.length === 0) return out;
    const positions: number[] = [];
    idx.forEach((l, i) => !dropRows.includes(l as Label) && positions.push(i));
    return out._selectRows({ kind: "positions", positions });
  }

  /** A shallow copy: new column list, shared immutable column storage. */
  copy(): DataFrame {
    return DataFrame._of(this._cols.slice(), this._labels.slice(), this._index);
  }

  head(n = 5): DataFrame {
    return this.iloc(`:${countArg("DataFrame.head", "n", n, 1)}`);
  }
  tail(n = 5): DataFrame {
    countArg("DataFrame.tail", "n", n, 1);
    return n === 0 ? this.iloc("0:0") : this.iloc(n > 0 ? `-${n}:` : `${-n}:`);
  }

  /** @internal */
  _selectRows(sel: Selection): DataFrame {
    return DataFrame._of(this._cols.map((c) => c.select(sel)), this._labels, this._index.select(sel));
  }

  /**
   * Select by position, as pandas' `df.iloc[rows, cols]`. Each axis takes an
   * integer, a slice string (":", "0:2", "::-1", "-1"), positions or a boolean
   * mask. Integer rows give a Series per row; an integer column gives a Series.
   * @example data.iloc(":", "0:2") // data.iloc[:, 0:2]
   * @example data.iloc(":", 2)     // data.iloc[:, 2] → Series
   */
  iloc(rows: Position, cols: Position): Scalar;
  iloc(rows: Position, cols?: Indexer): Series;
  iloc(rows: Indexer, cols: Position): Series;
  iloc(rows: Indexer, cols?: Indexer): DataFrame;
  iloc(rows: Position | Indexer, cols: Position | Indexer = ":"): Scalar | Series | DataFrame {
    const r = selectionFor(rows, this.length, "DataFrame.iloc (rows)");
    const c = selectionFor(cols, this._cols.length, "DataFrame.iloc (columns)");
    const colPos: number[] = [];
    if (c.kind === "scalar") colPos.push(c.position);
    else if (c.kind === "range") for (let i = 0, p = c.start; i < c.length; i++, p += c.step) colPos.push(p);
    else for (let i = 0; i < c.positions.length; i++) colPos.push(c.positions[i]);
    if (r.kind === "scalar") {
      const row = r.position;
      if (c.kind === "scalar") return this._cols[c.position].get(row);
      const cols0 = colPos.map((j) => this._cols[j]);
      const dtype = commonDType(cols0.map((col) => col.dtype));
      const vals = cols0.map((col) => col.get(row));
      const floats = Uint8Array.from(cols0, (col) => (col.isFloatAt(row) ? 1 : 0));
      const col = dtype === "object" ? new Column("object", vals, floats) : castColumn(Column.from(vals), dtype);
      return Series._of(col, Index.from(colPos.map((j) => this._labels[j])), this._index.get(row) as Label);
    }
    if (c.kind === "scalar") {
      return Series._of(this._cols[c.position].select(r), this._index.select(r), this._labels[c.position]);
    }
    return DataFrame._of(colPos.map((j) => this._cols[j].select(r)), colPos.map((j) => this._labels[j]), this._index.select(r));
  }

  isna(): DataFrame {
    return DataFrame._of(this._cols.map((c) => new Column("bool", c.naMask())), this._labels.slice(), this._index);
  }

  notna(): DataFrame {
    return DataFrame._of(
      this._cols.map((c) => new Column("bool", c.naMask().map((v) => 1 - v))),
      this._labels.slice(),
      this._index,
    );
  }

  /**
   * Fill missing values with a scalar, or per column from a Series indexed by
   * column label (e.g. `df.mean({ numericOnly: true })`) or an object.
   * @example inputs.fillna(inputs.mean({ numericOnly: true }))
   */
  fillna(value: FillValue, options?: { inplace?: false }): DataFrame;
  fillna(value: FillValue, options: { inplace: true }): void;
  fillna(value: FillValue, opts?: { inplace?: boolean }): DataFrame | void {
    const options = checked("DataFrame.fillna", opts);
    boolOption("DataFrame.fillna", "inplace", options.inplace);
    checkFillValue("DataFrame.fillna", value, "a scalar, dict or Series");
    const lookup = (label: Label): Scalar => {
      if (value instanceof Series) {
        const p = value.index.indexOf(label);
        return p < 0 ? null : value._col.get(p);
      }
      if (value instanceof Map) return value.get(label) ?? null;
      if (value !== null && typeof value === "object") return (value as Record<string, Scalar>)[String(label)] ?? null;
      return value;
    };
    const cols = this._cols.map((c, j) => fillColumn(c, lookup(this._labels[j])));
    if (options.inplace) {
      this._cols = cols;
      return;
    }
    return DataFrame._of(cols, this._labels.slice(), this._index);
  }

  /** Drop rows (or columns with `axis: 1`) holding missing values. */
  dropna(options?: DropnaOptions & { inplace?: false }): DataFrame;
  dropna(options: DropnaOptions & { inplace: true }): void;
  dropna(opts?: DropnaOptions): DataFrame | void {
    const options = checked("DataFrame.dropna", opts);
    const axis = frameAxis("DataFrame.dropna", options.axis);
    intOption("DataFrame.dropna", "thresh", options.thresh);
    arrayOption("DataFrame.dropna", "subset", options.subset);
    boolOption("DataFrame.dropna", "inplace", options.inplace);
    let out: DataFrame;
    if (axis === 0) {
      const cols = options.subset ? positionsOf(this._labels, options.subset, "dropna").map((j) => this._cols[j]) : this._cols;
      const counts = new Int32Array(this.length);
      for (const c of cols) for (let i = 0; i < this.length; i++) if (!c.isNA(i)) counts[i]++;
      const keep = keepMask(counts, cols.length, options);
      const positions: number[] = [];
      keep.forEach((k, i) => k && positions.push(i));
      out = this._selectRows({ kind: "positions", positions });
    } else {
      const counts = Int32Array.from(this._cols, (c) => c.length - c.countNA());
      const keep = keepMask(counts, this.length, options);
      const js = this._cols.map((_, j) => j).filter((j) => keep[j]);
      out = DataFrame._of(js.map((j) => this._cols[j]), js.map((j) => this._labels[j]), this._index);
    }
    if (options.inplace) {
      this._cols = out._cols;
      this._labels = out._labels;
      this._index = out._index;
      return;
    }
    return out;
  }

  /** @internal one reduction per column, as a Series indexed by column label */
  _reduce(op: ReduceOp, opts: StatOptions | undefined): Series {
    const fn = `DataFrame.${op}` as const;
    const options = checked(fn, opts);
    frameAxis(fn, options.axis, false);
    boolOption(fn, "skipna", options.skipna);
    boolOption(fn, "numericOnly", options.numericOnly);
    intOption(fn, "ddof", options.ddof);
    const js = this._cols.map((_, j) => j).filter((j) => !options.numericOnly || isNumericDType(this._cols[j].dtype));
    const vals = js.map((j) => reduceColumn(this._cols[j], op, options, this._labels[j], `DataFrame.${op}`));
    const dtype = commonDType(js.map((j) => reduceResultDType(op, this._cols[j].dtype)));
    const col = dtype === "object" ? new Column("object", vals) : castColumn(Column.from(vals), dtype);
    return Series._of(col, Index.from(js.map((j) => this._labels[j])), null);
  }

  /** Column means (skipping NaN). Object columns raise unless `numericOnly: true`. */
  mean(options?: StatOptions): Series {
    return this._reduce("mean", options);
  }
  sum(options?: StatOptions): Series {
    return this._reduce("sum", options);
  }
  min(options?: StatOptions): Series {
    return this._reduce("min", options);
  }
  max(options?: StatOptions): Series {
    return this._reduce("max", options);
  }
  /** Sample standard deviation (ddof 1 by default). */
  std(options?: StatOptions): Series {
    return this._reduce("std", options);
  }
  var(options?: StatOptions): Series {
    return this._reduce("var", options);
  }
  /** Non-missing values per column. */
  count(options?: StatOptions): Series {
    return this._reduce("count", options);
  }

  /** Convert all columns, or those named in a mapping, to a dtype. */
  astype(dtype: DTypeLike | Record<string, DTypeLike>): DataFrame {
    const isMap = typeof dtype === "object" && dtype !== null && typeof (dtype as { name?: unknown }).name !== "string";
    if (isMap) {
      for (const k of Object.keys(dtype)) {
        if (!this._labels.some((l) => String(l) === k)) {
          throw new KeyError(`astype: only a column name can be used for the key in a dtype mappings argument; ${reprLabel(k)} not found in columns`);
        }
      }
    }
    const cols = this._cols.map((c, j) => {
      const d = isMap ? (dtype as Record<string, DTypeLike>)[String(this._labels[j])] : (dtype as DTypeLike);
      return d === undefined ? c : castColumn(c, toDTypeName(d, "astype"));
    });
    return DataFrame._of(cols, this._labels.slice(), this._index);
  }

  /** Summary statistics of the numeric columns (or of the object columns if there are none). */
  describe(options?: DescribeOptions): DataFrame {
    const stats = describeColumns(this._cols, this._labels, checked("DataFrame.describe", options));
    return DataFrame._of(stats.cols, stats.labels, stats.index);
  }

  /** Rows as objects keyed by column label (pandas' `to_dict("records")`). */
  toRecords(): Record<string, Scalar>[] {
    const out: Record<string, Scalar>[] = [];
    for (let i = 0; i < this.length; i++) {
      const r: Record<string, Scalar> = {};
      this._cols.forEach((c, j) => (r[String(this._labels[j])] = c.get(i)));
      out.push(r);
    }
    return out;
  }

  /** Write CSV text as pandas' `to_csv`: to `path` atomically (temp file, then rename), or return it without a path. */
  toCsv(path: string, options?: ToCsvOptions): void;
  toCsv(path?: undefined, options?: ToCsvOptions): string;
  toCsv(path?: string, options?: ToCsvOptions): string | void {
    if (path !== undefined && typeof path !== "string") throw argTypeError("DataFrame.toCsv", "path", 1, "a file path (string) or undefined", path);
    return toCsv(this, path, checked("DataFrame.toCsv", options));
  }

  /** pandas' `str(df)`: aligned columns, NaN, the index; long frames show head and tail. */
  toString(): string {
    return formatFrame(this);
  }

  /** pandas' notebook HTML table (`df._repr_html_()`), for `display.html`. */
  toHTML(): string {
    return frameToHTML(this);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

// Series.toFrame builds a DataFrame, so it is defined here, above both classes:
// series.ts then needs no import of frame.ts (no import cycle). The package's
// index loads this module, and package.json lists it under "sideEffects".
declare module "./series" {
  interface Series {
    /** A one-column DataFrame, the column labelled by the Series' name (0 if it has none). */
    toFrame(): DataFrame;
  }
}

Object.defineProperty(Series.prototype, "toFrame", {
  value: function toFrame(this: Series): DataFrame {
    return DataFrame._of([this._col], [this.name ?? 0], this._index);
  },
  writable: true,
  configurable: true,
});

/** A frame with a fresh 0..n−1 RangeIndex. */
export function resetIndex(df: DataFrame): DataFrame {
  return DataFrame._of(df._cols, df._labels, new RangeIndex(0, df.length));
}

// Python raises on extra positional arguments; JavaScript would drop them (`df.head(3, {})`).
guardArity(DataFrame, { get: 1, setColumn: 2, assign: 1, drop: 2, copy: 0, head: 1, tail: 1, iloc: 2, isna: 0, notna: 0, fillna: 2, dropna: 1, mean: 1, sum: 1,
  min: 1, max: 1, std: 1, var: 1, count: 1, astype: 1, describe: 1, toRecords: 0, toCsv: 2, toString: 0, toHTML: 0 });
guardArity(Series, { toFrame: 0 });
