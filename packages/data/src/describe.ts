/**
 * describe(): count, mean, std, min, percentiles and max of numeric data
 * (numpy's linear percentiles), or count, unique, top and freq of object data.
 * Works on columns and returns columns plus the row labels; Series.describe and
 * DataFrame.describe wrap them, so this module imports neither class.
 */
import { Column } from "./column";
import { type DTypeName, type Scalar, isNumericDType, toDTypeName } from "./dtype";
import { DTypeError, ValueError } from "./errors";
import { argTypeError } from "@torchts/tensor";
import { Index } from "./labels";
import type { Label } from "./series";
import { reduceColumn } from "./reduce";
import { pyFloatRepr } from "@torchts/tensor/py-format";

/** A dtype selector of describe's include/exclude, as select_dtypes takes it: "number", "object", "bool" or a dtype name. */
export type DescribeKind = "number" | "object" | "bool" | DTypeName | "float" | "int" | "str";

export interface DescribeOptions {
  /** Percentiles to report, each in [0, 1] (default [0.25, 0.5, 0.75]). */
  percentiles?: number[];
  /**
   * Which columns to describe (DataFrame only): "all", or dtype selectors ("number", "object", "bool", a dtype).
   * Default: the numeric columns, or every column when there are none.
   * @example df.describe({ include: "all" }) // count, unique, top, freq, mean, std, min, 25%, 50%, 75%, max
   */
  include?: "all" | DescribeKind | readonly DescribeKind[];
  /** dtype selectors of columns to leave out (DataFrame only). */
  exclude?: DescribeKind | readonly DescribeKind[];
}

/** numpy.percentile(method="linear") of sorted values, with numpy's two-sided lerp. */
export function linearQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virt = q * (n - 1);
  const prev = Math.floor(virt);
  const next = Math.min(prev + 1, n - 1);
  const t = virt - prev;
  const a = sorted[prev], b = sorted[next];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** pandas' format_percentiles: "25%", "50%", "2.5%", with just enough decimals to tell them apart. */
function percentileLabel(p: number): string {
  const x = p * 100;
  if (Number.isInteger(x)) return `${x}%`;
  return `${pyFloatRepr(Number(x.toPrecision(15)))}%`;
}

function percentilesOf(options: DescribeOptions): number[] {
  const ps = options.percentiles ?? [0.25, 0.5, 0.75];
  if (!Array.isArray(ps)) throw argTypeError("describe", "percentiles", undefined, "an array of numbers in [0, 1]", ps);
  for (const p of ps) {
    if (typeof p !== "number") throw argTypeError("describe", "percentiles", undefined, "an array of numbers in [0, 1]", p);
    if (!(p >= 0 && p <= 1)) throw new ValueError(`describe(): percentiles should all be in the interval [0, 1]. Try [${pyFloatRepr(p / 100)}] instead.`);
  }
  const set = [...new Set([...ps, 0.5])].sort((a, b) => a - b);
  return set;
}

function numericStats(col: Column, label: Scalar, ps: number[]): { names: string[]; values: number[] } {
  const vals: number[] = [];
  for (let i = 0; i < col.length; i++) if (!col.isNA(i)) vals.push(Number(col.get(i)));
  const sorted = Float64Array.from(vals).sort();
  const r = (op: "count" | "mean" | "std" | "min" | "max"): number => Number(reduceColumn(col, op, {}, label, "describe"));
  return {
    names: ["count", "mean", "std", "min", ...ps.map(percentileLabel), "max"],
    values: [r("count"), r("mean"), r("std"), r("min"), ...ps.map((p) => linearQuantile(sorted, p)), r("max")],
  };
}

function objectStats(col: Column): Scalar[] {
  const counts = new Map<Scalar, number>();
  let count = 0;
  for (let i = 0; i < col.length; i++) {
    if (col.isNA(i)) continue;
    count++;
    const v = col.get(i);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let top: Scalar = NaN;
  let freq = 0;
  for (const [v, c] of counts) if (c > freq) [top, freq] = [v, c];
  return [count, counts.size, top, count === 0 ? NaN : freq];
}

const OBJECT_ROWS = ["count", "unique", "top", "freq"];

function isDescribedNumeric(col: Column): boolean {
  return isNumericDType(col.dtype) && col.dtype !== "bool";
}

/** The statistics of one column (a Series' describe), indexed by statistic name. */
export function describeColumn(col: Column, label: Label | null, options: DescribeOptions = {}): { col: Column; index: Index } {
  if (isDescribedNumeric(col)) {
    const { names, values } = numericStats(col, label, percentilesOf(options));
    return { col: new Column("float64", Float64Array.from(values)), index: Index.from(names) };
  }
  return { col: new Column("object", objectStats(col)), index: Index.from(OBJECT_ROWS) };
}

/** Whether select_dtypes' selector `kind` matches a column of `dtype`. */
function kindMatches(kind: unknown, dtype: DTypeName): boolean {
  if (kind === "number") return isNumericDType(dtype) && dtype !== "bool";
  if (kind === "bool") return dtype === "bool";
  if (typeof kind !== "string") throw new DTypeError(`describe(): data type '${String(kind)}' not understood`);
  return toDTypeName(kind as DTypeName, "describe()") === dtype;
}

function selectors(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** The columns describe looks at: pandas' default, "all", or select_dtypes(include, exclude). */
function describedPositions(cols: Column[], options: DescribeOptions): number[] {
  const all = cols.map((_, j) => j);
  const { include, exclude } = options;
  if (include === "all") {
    if (exclude !== undefined) throw new ValueError("describe(): exclude must be None when include is 'all'");
    return all;
  }
  if (include === undefined && exclude === undefined) {
    const numeric = all.filter((j) => isDescribedNumeric(cols[j]));
    return numeric.length > 0 ? numeric : all;
  }
  const inc = include === undefined ? null : selectors(include);
  const exc = exclude === undefined ? [] : selectors(exclude);
  const picked = all.filter((j) => (inc === null || inc.some((k) => kindMatches(k, cols[j].dtype))) && !exc.some((k) => kindMatches(k, cols[j].dtype)));
  if (picked.length === 0) throw new ValueError("describe(): No objects to concatenate (no column matches include/exclude)");
  return picked;
}

/**
 * The statistics of a frame's columns (a DataFrame's describe): the described columns, their labels, the statistic names.
 * Mixed kinds (include: "all") get the union of the statistic names, the shorter (object) set first, NaN where a
 * statistic does not apply, as pandas' reorder_columns does.
 */
export function describeColumns(cols: Column[], labels: Label[], options: DescribeOptions = {}): { cols: Column[]; labels: Label[]; index: Index } {
  if (cols.length === 0) throw new ValueError("describe(): cannot describe a DataFrame without columns");
  const picked = describedPositions(cols, options);
  const ps = percentilesOf(options);
  const parts = picked.map((j) => {
    if (!isDescribedNumeric(cols[j])) return { names: OBJECT_ROWS, values: objectStats(cols[j]) as Scalar[], numeric: false };
    const st = numericStats(cols[j], labels[j], ps);
    return { names: st.names, values: st.values as Scalar[], numeric: true };
  });
  const names: string[] = [];
  for (const p of parts.slice().sort((a, b) => a.names.length - b.names.length)) for (const n of p.names) if (!names.includes(n)) names.push(n);
  const out = parts.map((p) => {
    const values = names.map((n) => {
      const i = p.names.indexOf(n);
      return i < 0 ? NaN : p.values[i];
    });
    return p.numeric ? new Column("float64", Float64Array.from(values as number[])) : new Column("object", values);
  });
  return { cols: out, labels: picked.map((j) => labels[j]), index: Index.from(names) };
}
