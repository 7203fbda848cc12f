/**
 * describe(): count, mean, std, min, percentiles and max of numeric data
 * (numpy's linear percentiles), or count, unique, top and freq of object data.
 */
import { Column } from "./column";
import { type Scalar, isNumericDType } from "./dtype";
import { ValueError } from "./errors";
import { DataFrame } from "./frame";
import { Index } from "./labels";
import { Series, type Label } from "./series";
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

export function describeSeries(s: Series, options: DescribeOptions = {}): Series {
  if (isDescribedNumeric(s._col)) {
    const { names, values } = numericStats(s._col, s.name, percentilesOf(options));
    return Series._of(new Column("float64", Float64Array.from(values)), Index.from(names), s.name);
  }
  return Series._of(new Column("object", objectStats(s._col)), Index.from(OBJECT_ROWS), s.name);
}

export function describeFrame(df: DataFrame, options: DescribeOptions = {}): DataFrame {
  const numeric = df._cols.map((_, j) => j).filter((j) => isDescribedNumeric(df._cols[j]));
  const ps = percentilesOf(options);
  if (numeric.length > 0) {
    let names: string[] = [];
    const cols = numeric.map((j) => {
      const st = numericStats(df._cols[j], df._labels[j], ps);
      names = st.names;
      return new Column("float64", Float64Array.from(st.values));
    });
    return DataFrame._of(cols, numeric.map((j) => df._labels[j]), Index.from(names));
  }
  if (df._cols.length === 0) throw new ValueError("describe: cannot describe a DataFrame without columns");
  const cols = df._cols.map((c) => new Column("object", objectStats(c)));
  return DataFrame._of(cols, df._labels.slice() as Label[], Index.from(OBJECT_ROWS));
}
