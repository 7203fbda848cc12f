/**
 * pandas' Series: one Column with row labels (an Index) and a name.
 * Every method returns a new Series unless it takes `{ inplace: true }`.
 * DataFrame sits above Series (it is made of them), so this module never
 * imports it: `toFrame()` is defined on Series.prototype by frame.ts.
 */
import { inspect } from "node:util";
import { Column, castColumn } from "./column";
import { type ColumnData, type DTypeLike, type DTypeName, type Scalar, toDTypeName } from "./dtype";
import { ValueError } from "./errors";
import { Index, RangeIndex } from "./labels";
import { fillColumn } from "./missing";
import { type ReduceOptions, reduceColumn } from "./reduce";
import { type Indexer, type Position, selectionFor } from "./indexer";
import { formatSeries } from "./format-text";
import { valueCounts, type ValueCountsOptions } from "./value-counts";
import { describeColumn, type DescribeOptions } from "./describe";
import { boolOption, countArg, intOption, options as checked, pyType } from "./args";
import { TypeError as PyTypeError, argTypeError, checkOptions } from "@torchts/tensor";
import { guardArity } from "@torchts/tensor/errors";

export type Label = string | number;

export interface SeriesOptions {
  name?: Label | null;
  index?: Index | ArrayLike<Scalar>;
  dtype?: DTypeLike;
}

export class Series {
  /** @internal */ _col: Column;
  /** @internal */ _index: Index;
  name: Label | null;

  /**
   * A Series from values, inferring the dtype as pandas does (integers → int64,
   * numbers with NaN/null → float64, strings → object).
   * @example new Series([1, 2, null], { name: "x" }) // float64: 1.0, 2.0, NaN
   */
  constructor(data?: ArrayLike<Scalar> | ColumnData | Series | null, opts?: SeriesOptions) {
    const options = checked("Series", opts);
    if (data === undefined || data === null) data = [];
    if (!(data instanceof Series) && !Array.isArray(data) && !(ArrayBuffer.isView(data) && !(data instanceof DataView))) {
      throw argTypeError("Series", "data", 1, "an array, a typed array or a Series", data);
    }
    const nm = options.name;
    if (nm !== undefined && nm !== null && typeof nm !== "string" && typeof nm !== "number") {
      throw argTypeError("Series", "name", undefined, "a label (string or number) or null", nm);
    }
    const dtype = options.dtype === undefined ? undefined : toDTypeName(options.dtype, "Series");
    if (data instanceof Series) {
      this._col = dtype ? castColumn(data._col, dtype) : data._col;
      this._index = data._index;
      this.name = options.name === undefined ? data.name : options.name;
    } else {
      this._col = Column.from(data, dtype);
      this._index = new RangeIndex(0, this._col.length);
      this.name = options.name ?? null;
    }
    if (options.index !== undefined) {
      if (!(options.index instanceof Index) && !Array.isArray(options.index) && !ArrayBuffer.isView(options.index)) {
        throw argTypeError("Series", "index", undefined, "an Index or an array of labels", options.index);
      }
      const idx = options.index instanceof Index ? options.index : Index.from(options.index);
      if (idx.length !== this._col.length) {
        throw new ValueError(`Series: length of values (${this._col.length}) does not match length of index (${idx.length})`);
      }
      this._index = idx;
    }
  }

  /** @internal build without copying or inference */
  static _of(col: Column, index: Index, name: Label | null): Series {
    const s = Object.create(Series.prototype) as Series;
    s._col = col;
    s._index = index;
    s.name = name;
    return s;
  }

  get dtype(): DTypeName {
    return this._col.dtype;
  }
  get index(): Index {
    return this._index;
  }
  get length(): number {
    return this._col.length;
  }
  get shape(): [number] {
    return [this._col.length];
  }
  /** The storage: a Float64Array/Float32Array/Uint8Array for numbers and bools, an array for object. Treat as read-only. */
  get values(): ColumnData {
    return this._col.data;
  }

  tolist(): Scalar[] {
    return this._col.toArray();
  }

  /** The value with row label `label` (pandas `s[label]` / `s.loc[label]`). */
  get(label: Scalar): Scalar {
    return this._col.get(this._index.position(label, "Series.get"));
  }

  /** Positional selection: an integer gives a value, a slice string ("1:3"), positions or a boolean mask give a Series. */
  iloc(pos: Position): Scalar;
  iloc(pos: Indexer): Series;
  iloc(pos: Position | Indexer): Scalar | Series {
    const sel = selectionFor(pos, this.length, "Series.iloc");
    if (sel.kind === "scalar") return this._col.get(sel.position);
    return Series._of(this._col.select(sel), this._index.select(sel), this.name);
  }

  head(n = 5): Series {
    return this.iloc(`:${countArg("Series.head", "n", n, 1)}`);
  }
  tail(n = 5): Series {
    countArg("Series.tail", "n", n, 1);
    return n === 0 ? this.iloc("0:0") : this.iloc(n > 0 ? `-${n}:` : `${-n}:`);
  }

  copy(): Series {
    return Series._of(this._col, this._index, this.name);
  }

  rename(name: Label | null): Series {
    if (name !== null && typeof name !== "string" && typeof name !== "number") throw argTypeError("Series.rename", "name", 0, "a label (string or number) or null", name);
    return Series._of(this._col, this._index, name);
  }

  isna(): Series {
    return Series._of(new Column("bool", this._col.naMask()), this._index, this.name);
  }

  notna(): Series {
    const m = this._col.naMask();
    for (let i = 0; i < m.length; i++) m[i] = 1 - m[i];
    return Series._of(new Column("bool", m), this._index, this.name);
  }

  /** Replace missing values with `value`. A float column filled with a string becomes object, as in pandas. */
  fillna(value: Scalar, options?: { inplace?: false }): Series;
  fillna(value: Scalar, options: { inplace: true }): void;
  fillna(value: Scalar, opts?: { inplace?: boolean }): Series | void {
    const options = checked("Series.fillna", opts);
    boolOption("Series.fillna", "inplace", options.inplace);
    if (value === undefined || value === null) throw new ValueError("Series.fillna(): Must specify a fill 'value' or 'method'.");
    if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") {
      throw new PyTypeError(`Series.fillna(): "value" parameter must be a scalar, but you passed a "${typeof value === "object" ? pyType(value) : typeof value}"`);
    }
    const col = fillColumn(this._col, value);
    if (options.inplace) {
      this._col = col;
      return;
    }
    return Series._of(col, this._index, this.name);
  }

  /** Drop missing values, keeping the labels of the rest. */
  dropna(options?: Record<string, never>): Series {
    checkOptions("Series.dropna", options, []);
    const keep: number[] = [];
    for (let i = 0; i < this.length; i++) if (!this._col.isNA(i)) keep.push(i);
    const sel = { kind: "positions" as const, positions: keep };
    return Series._of(this._col.select(sel), this._index.select(sel), this.name);
  }

  astype(dtype: DTypeLike): Series {
    return Series._of(castColumn(this._col, toDTypeName(dtype, "Series.astype")), this._index, this.name);
  }

  mean(options?: ReduceOptions): number {
    return reduceColumn(this._col, "mean", this._statOptions("Series.mean", options), this.name, "Series.mean") as number;
  }
  sum(options?: ReduceOptions): number {
    return reduceColumn(this._col, "sum", this._statOptions("Series.sum", options), this.name, "Series.sum") as number;
  }
  min(options?: ReduceOptions): Scalar {
    return reduceColumn(this._col, "min", this._statOptions("Series.min", options), this.name, "Series.min");
  }
  max(options?: ReduceOptions): Scalar {
    return reduceColumn(this._col, "max", this._statOptions("Series.max", options), this.name, "Series.max");
  }
  std(options?: ReduceOptions): number {
    return reduceColumn(this._col, "std", this._statOptions("Series.std", options), this.name, "Series.std") as number;
  }
  var(options?: ReduceOptions): number {
    return reduceColumn(this._col, "var", this._statOptions("Series.var", options), this.name, "Series.var") as number;
  }
  count(options?: Record<string, never>): number {
    checkOptions("Series.count", options, []);
    return reduceColumn(this._col, "count", {}, this.name, "Series.count") as number;
  }

  /** @internal the checked options of a reduction */
  _statOptions(fn: "Series.mean" | "Series.sum" | "Series.min" | "Series.max" | "Series.std" | "Series.var", options: ReduceOptions | undefined): ReduceOptions {
    const o = checked(fn, options);
    boolOption(fn, "skipna", o.skipna);
    intOption(fn, "ddof", o.ddof);
    return o;
  }

  /** Counts of each distinct value, most frequent first (pandas 1.5: the result is named after the Series). */
  valueCounts(options?: ValueCountsOptions): Series {
    const o = checked("Series.valueCounts", options);
    for (const k of ["normalize", "sort", "ascending", "dropna"] as const) boolOption("Series.valueCounts", k, o[k]);
    const counts = valueCounts(this._col, o);
    return Series._of(counts.col, counts.index, this.name);
  }

  /** Distinct values in order of appearance (missing values included once). */
  unique(): Scalar[] {
    const seen = new Set<Scalar>();
    let na = false;
    const out: Scalar[] = [];
    for (let i = 0; i < this.length; i++) {
      if (this._col.isNA(i)) {
        if (!na) out.push(this._col.get(i));
        na = true;
        continue;
      }
      const v = this._col.get(i);
      if (!seen.has(v)) {
        seen.add(v);
        out.push(v);
      }
    }
    return out;
  }

  describe(options?: Pick<DescribeOptions, "percentiles">): Series {
    const stats = describeColumn(this._col, this.name, checked("Series.describe", options));
    return Series._of(stats.col, stats.index, this.name);
  }

  /** pandas' `str(series)`: aligned index and values, then `Name: …, dtype: …`. */
  toString(): string {
    return formatSeries(this);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

// Python raises on extra positional arguments; JavaScript would drop them (`s.head(3, {})`).
guardArity(Series, { tolist: 0, get: 1, iloc: 1, head: 1, tail: 1, copy: 0, rename: 1, isna: 0, notna: 0, fillna: 2, dropna: 1, astype: 1, mean: 1, sum: 1,
  min: 1, max: 1, std: 1, var: 1, count: 1, valueCounts: 1, unique: 0, describe: 1, toString: 0 });
