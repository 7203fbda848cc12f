/**
 * describe(): count, mean, std, min, percentiles and max of numeric data
 * (numpy's linear percentiles), or count, unique, top and freq of object data.
 * Works on columns and returns columns plus the row labels; Series.describe and
 * DataFrame.describe wrap them, so this module imports neither class.
 */
import { Column } from "./column";
import { type Scalar, isNumericDType } from "./dtype";
import { ValueError } from "./errors";
import { Index } from "./labels";
import type { Label } from "./series";
import { reduceColumn } from "./reduce";
import { pyFloatRepr } from "@torchts/tensor/py-format";

export interface DescribeOptions {
  /** Percentiles to report, each in [0, 1] (default [0.25, 0.5, 0.75]). */
  percentiles?: number[];
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
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new ValueError(`describe: percentiles should all be in the interval [0, 1], got ${p}`);
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

/** The statistics of a frame's columns (a DataFrame's describe): the described columns, their labels, the statistic names. */
export function describeColumns(cols: Column[], labels: Label[], options: DescribeOptions = {}): { cols: Column[]; labels: Label[]; index: Index } {
  const numeric = cols.map((_, j) => j).filter((j) => isDescribedNumeric(cols[j]));
  const ps = percentilesOf(options);
  if (numeric.length > 0) {
    let names: string[] = [];
    const out = numeric.map((j) => {
      const st = numericStats(cols[j], labels[j], ps);
      names = st.names;
      return new Column("float64", Float64Array.from(st.values));
    });
    return { cols: out, labels: numeric.map((j) => labels[j]), index: Index.from(names) };
  }
  if (cols.length === 0) throw new ValueError("describe: cannot describe a DataFrame without columns");
  return { cols: cols.map((c) => new Column("object", objectStats(c))), labels: labels.slice(), index: Index.from(OBJECT_ROWS) };
}
