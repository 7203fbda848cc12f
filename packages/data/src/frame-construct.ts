/**
 * Building a DataFrame's columns from JS data: records (row objects), rows
 * (arrays) or columns (an object or Map of arrays, typed arrays or Series).
 * Rows are read once into per-column storage and never kept.
 */
import { Column, castColumn } from "./column";
import { type ColumnData, type DTypeLike, type DTypeName, type Scalar, toDTypeName } from "./dtype";
import { KeyError, ValueError, reprLabel } from "./errors";
import { Index, RangeIndex } from "./labels";
import { Series, type Label } from "./series";
import { argTypeError } from "@torchts/tensor";

/** One column's data: values, a typed array, a Series, or a scalar to repeat. */
export type ColumnInput = ArrayLike<Scalar> | ColumnData | Series | Scalar;

export type FrameData =
  | Record<string, ColumnInput>
  | Map<Label, ColumnInput>
  | readonly Record<string, Scalar>[]
  | readonly (readonly Scalar[])[];

export interface FrameOptions {
  /** Column labels: selects and orders columns of an object/records, or names the columns of rows. */
  columns?: Label[];
  /** Row labels (default 0..n−1). */
  index?: Index | ArrayLike<Scalar>;
  /** One dtype for all columns, or per column label. */
  dtype?: DTypeLike | Record<string, DTypeLike>;
}

export interface Parts {
  cols: Column[];
  labels: Label[];
  index: Index;
}

function isDTypeMap(d: FrameOptions["dtype"]): d is Record<string, DTypeLike> {
  return typeof d === "object" && d !== null && !("name" in d && typeof (d as { name: unknown }).name === "string");
}

export function dtypeFor(d: FrameOptions["dtype"], label: Label): DTypeName | undefined {
  if (d === undefined) return undefined;
  if (isDTypeMap(d)) {
    const v = d[String(label)];
    return v === undefined ? undefined : toDTypeName(v, `dtype for column ${reprLabel(label)}`);
  }
  return toDTypeName(d);
}

/** The `dtype` option: a dtype name or torch dtype, or an object of them keyed by column label. */
export function checkDTypeOption(fn: string, d: unknown): void {
  if (d === undefined || typeof d === "string") return;
  if (d !== null && typeof d === "object" && !Array.isArray(d)) return;
  throw argTypeError(fn, "dtype", undefined, "a dtype name, a torch dtype or an object of them by column", d);
}

/** The `index` option: an Index or an array of labels. */
export function checkIndexOption(fn: string, index: unknown): void {
  if (index !== undefined && !(index instanceof Index) && !Array.isArray(index) && !(ArrayBuffer.isView(index) && !(index instanceof DataView))) {
    throw argTypeError(fn, "index", undefined, "an Index or an array of labels", index);
  }
}

function makeIndex(index: FrameOptions["index"], n: number): Index {
  if (index === undefined) return new RangeIndex(0, n);
  const idx = index instanceof Index ? index : Index.from(index);
  if (idx.length !== n) throw new ValueError(`DataFrame: length of index (${idx.length}) does not match number of rows (${n})`);
  return idx;
}

function isArrayLikeData(v: unknown): v is ArrayLike<Scalar> | ColumnData {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function fromColumnMap(entries: [Label, ColumnInput][], opts: FrameOptions): Parts {
  let n = -1;
  let seriesIndex: Index | undefined;
  for (const [label, v] of entries) {
    const len = v instanceof Series ? v.length : isArrayLikeData(v) ? v.length : -1;
    if (len < 0) continue;
    if (n >= 0 && len !== n) {
      throw new ValueError(`DataFrame: all arrays must be of the same length; column ${reprLabel(label)} has ${len} values, expected ${n}`);
    }
    n = len;
    if (v instanceof Series && !seriesIndex) seriesIndex = v.index;
  }
  if (n < 0 && entries.length > 0 && opts.index === undefined) {
    throw new ValueError("DataFrame(): If using all scalar values, you must pass an index");
  }
  if (n < 0) n = opts.index === undefined ? 0 : (opts.index as ArrayLike<Scalar>).length;
  const index = opts.index === undefined && seriesIndex ? seriesIndex : makeIndex(opts.index, n);
  const cols: Column[] = [];
  const labels: Label[] = [];
  for (const [label, v] of entries) {
    const dtype = dtypeFor(opts.dtype, label);
    let col: Column;
    if (v instanceof Series) col = dtype ? castColumn(v._col, dtype) : v._col;
    else if (isArrayLikeData(v)) col = Column.from(v, dtype);
    else col = Column.from(new Array<Scalar>(n).fill(v as Scalar), dtype);
    cols.push(col);
    labels.push(label);
  }
  return { cols, labels, index };
}

function select(parts: Parts, columns: Label[] | undefined): Parts {
  if (!columns) return parts;
  const cols = columns.map((c) => {
    const i = parts.labels.indexOf(c);
    return i >= 0 ? parts.cols[i] : Column.missing("object", parts.index.length);
  });
  return { cols, labels: columns.slice(), index: parts.index };
}

/** Columns, labels and index for `new DataFrame(data, options)`. */
export function buildParts(data: FrameData | undefined, opts: FrameOptions): Parts {
  checkIndexOption("DataFrame", opts.index);
  checkDTypeOption("DataFrame", opts.dtype);
  if (data === undefined) return fromColumnMap([], opts);
  if (data instanceof Map) return select(fromColumnMap([...data.entries()], opts), opts.columns);
  if (!Array.isArray(data)) return select(fromColumnMap(Object.entries(data as Record<string, ColumnInput>), opts), opts.columns);
  const rows = data as unknown[];
  if (rows.length > 0 && rows.every((r) => Array.isArray(r))) return fromRows(rows as Scalar[][], opts);
  return fromRecords(rows as Record<string, Scalar>[], opts);
}

function fromRows(rows: Scalar[][], opts: FrameOptions): Parts {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const labels = opts.columns ?? Array.from({ length: width }, (_, i) => i);
  if (labels.length !== width) {
    throw new ValueError(`DataFrame: ${labels.length} columns passed, passed data had ${width} columns`);
  }
  const entries: [Label, ColumnInput][] = labels.map((label, j) => [label, rows.map((r) => (j < r.length ? r[j] : null))]);
  return fromColumnMap(entries, { ...opts, columns: undefined });
}

function fromRecords(records: Record<string, Scalar>[], opts: FrameOptions): Parts {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (r === null || typeof r !== "object") throw new ValueError("DataFrame: records must be objects");
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const labels = opts.columns ?? keys;
  const entries: [Label, ColumnInput][] = labels.map((label) => [label, records.map((r) => (r[String(label)] === undefined ? NaN : r[String(label)]))]);
  return fromColumnMap(entries, { ...opts, columns: undefined });
}

/** Positions of `labels` among `all`, or a KeyError naming the missing ones (pandas' message). */
export function positionsOf(all: Label[], labels: Label[], what: string): number[] {
  const missing = labels.filter((l) => !all.includes(l));
  if (missing.length > 0) {
    throw new KeyError(`${what}: ${missing.length === 1 ? "column" : "columns"} [${missing.map(reprLabel).join(", ")}] not in columns [${all.map(reprLabel).join(", ")}]`);
  }
  return labels.map((l) => all.indexOf(l));
}
