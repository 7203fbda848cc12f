/**
 * pandas' get_dummies: each encoded column becomes one indicator column per
 * distinct value, named `${prefix}${prefixSep}${value}`, values sorted,
 * `${prefix}${prefixSep}nan` last with `dummyNa`. Columns not encoded come
 * first, unchanged. Indicators are uint8 by default, as in pandas 1.5.
 */
import { Column, emptyData } from "./column";
import { type DTypeLike, type Scalar, toDTypeName } from "./dtype";
import { ValueError, reprLabel } from "./errors";
import { DataFrame } from "./frame";
import { positionsOf } from "./frame-construct";
import { Series, type Label } from "./series";
import { pyStr } from "@torchts/tensor/py-format";
import { comparePy } from "./reduce";
import { argTypeError } from "@torchts/tensor";
import { arrayOption, boolOption, options as checked, stringOption } from "./args";

export interface GetDummiesOptions {
  /** Add a `_nan` column for missing values (default false). */
  dummyNa?: boolean;
  /** Columns to encode (default: all object columns). */
  columns?: Label[];
  /** Prefix for all, per encoded column (array), or by column label (object). Default: the column label. */
  prefix?: string | string[] | Record<string, string>;
  /** Separator between prefix and value (default "_"). */
  prefixSep?: string;
  /** Indicator dtype (default "uint8"; pandas 2 uses "bool"). */
  dtype?: DTypeLike;
  /** Drop the first category's column (default false). */
  dropFirst?: boolean;
}

/** Sort distinct values as pandas' factorize(sort=True): numbers (and bools) before strings. */
function sortCategories(values: Scalar[]): Scalar[] {
  const rank = (v: Scalar): number => (typeof v === "string" ? 1 : 0);
  return values.slice().sort((a, b) => {
    const ra = rank(a), rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 1) return comparePy(a as string, b as string);
    return Number(a) - Number(b);
  });
}

function dummiesOf(col: Column, prefix: string | null, sep: string, opts: GetDummiesOptions): { labels: Label[]; cols: Column[] } {
  const dtype = toDTypeName(opts.dtype ?? "uint8", "getDummies");
  if (dtype === "object") throw new ValueError("getDummies: dtype=object is not supported for indicator columns");
  const seen = new Set<Scalar>();
  for (let i = 0; i < col.length; i++) if (!col.isNA(i)) seen.add(col.get(i));
  let cats = sortCategories([...seen]);
  if (opts.dropFirst) cats = cats.slice(1);
  const codes = new Map<Scalar, number>(cats.map((c, k) => [c, k]));
  const asFloat = col.dtype === "float64" || col.dtype === "float32";
  const name = (v: string): string => (prefix === null ? v : `${prefix}${sep}${v}`);
  const labels: Label[] = cats.map((c) => name(pyStr(c as string | number | boolean, asFloat ? true : undefined)));
  const datas = cats.map(() => emptyData(dtype, col.length));
  const naData = opts.dummyNa ? emptyData(dtype, col.length) : null;
  for (let i = 0; i < col.length; i++) {
    if (col.isNA(i)) {
      if (naData) naData[i] = 1;
      continue;
    }
    const k = codes.get(col.get(i));
    if (k !== undefined) datas[k][i] = 1;
  }
  const cols = datas.map((d) => new Column(dtype, d));
  if (naData) {
    // A Series without prefix names its missing-value column NaN, as pandas does.
    labels.push(prefix === null ? NaN : name("nan"));
    cols.push(new Column(dtype, naData));
  }
  return { labels, cols };
}

function prefixFor(opts: GetDummiesOptions, label: Label, k: number, n: number): string {
  const p = opts.prefix;
  if (p === undefined) return String(label);
  if (typeof p === "string") return p;
  if (Array.isArray(p)) {
    if (p.length !== n) throw new ValueError(`getDummies: length of 'prefix' (${p.length}) did not match the number of columns to encode (${n})`);
    return p[k];
  }
  const v = (p as Record<string, string>)[String(label)];
  if (v === undefined) throw new ValueError(`getDummies: no prefix given for column ${reprLabel(label)}`);
  return v;
}

/**
 * Indicator columns for categorical data.
 * @example getDummies(inputs, { dummyNa: true }) // NumRooms, Alley_Pave, Alley_nan
 */
export function getDummies(data: DataFrame | Series, opts?: GetDummiesOptions): DataFrame {
  if (!(data instanceof DataFrame) && !(data instanceof Series)) throw argTypeError("getDummies", "data", 1, "DataFrame or Series", data);
  const options = checked("getDummies", opts);
  boolOption("getDummies", "dummyNa", options.dummyNa);
  boolOption("getDummies", "dropFirst", options.dropFirst);
  arrayOption("getDummies", "columns", options.columns);
  stringOption("getDummies", "prefixSep", options.prefixSep);
  const p = options.prefix;
  if (p !== undefined && typeof p !== "string" && !Array.isArray(p) && (p === null || typeof p !== "object")) {
    throw argTypeError("getDummies", "prefix", undefined, "a string, an array of strings or an object of strings", p);
  }
  const sep = options.prefixSep ?? "_";
  if (data instanceof Series) {
    const prefix = typeof options.prefix === "string" ? options.prefix : null;
    const d = dummiesOf(data._col, prefix, sep, options);
    return DataFrame._of(d.cols, d.labels, data.index);
  }
  const encode = options.columns
    ? positionsOf(data._labels, options.columns, "getDummies")
    : data._cols.map((_, j) => j).filter((j) => data._cols[j].dtype === "object");
  const cols: Column[] = [];
  const labels: Label[] = [];
  data._cols.forEach((c, j) => {
    if (!encode.includes(j)) {
      cols.push(c);
      labels.push(data._labels[j]);
    }
  });
  encode.forEach((j, k) => {
    const d = dummiesOf(data._cols[j], prefixFor(options, data._labels[j], k, encode.length), sep, options);
    cols.push(...d.cols);
    labels.push(...d.labels);
  });
  return DataFrame._of(cols, labels, data.index);
}
