/**
 * Series.valueCounts as pandas 1.5: distinct values counted, most frequent
 * first, ties in order of first appearance; the result keeps the Series' name.
 * Works on the column; Series.valueCounts wraps the result, so this module
 * does not import Series.
 */
import { Column } from "./column";
import type { Scalar } from "./dtype";
import { Index } from "./labels";

export interface ValueCountsOptions {
  /** Fractions instead of counts (default false). */
  normalize?: boolean;
  /** Sort by count (default true). */
  sort?: boolean;
  /** Least frequent first (default false). */
  ascending?: boolean;
  /** Leave out missing values (default true). */
  dropna?: boolean;
}

/** The counts (or fractions) of the distinct values of `col`, indexed by value. */
export function valueCounts(col: Column, options: ValueCountsOptions = {}): { col: Column; index: Index } {
  const dropna = options.dropna ?? true;
  const counts = new Map<Scalar, number>();
  let naCount = 0;
  let naFirst = -1;
  for (let i = 0; i < col.length; i++) {
    if (col.isNA(i)) {
      if (naFirst < 0) naFirst = counts.size;
      naCount++;
      continue;
    }
    const v = col.get(i);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let entries: [Scalar, number][] = [...counts.entries()];
  if (!dropna && naCount > 0) entries.splice(naFirst, 0, [NaN, naCount]);
  if (options.sort ?? true) {
    const dir = options.ascending ? 1 : -1;
    entries = entries.map((e, k) => [e, k] as const).sort((a, b) => dir * (a[0][1] - b[0][1]) || a[1] - b[1]).map((x) => x[0]);
  }
  const total = entries.reduce((t, e) => t + e[1], 0);
  const values = entries.map((e) => (options.normalize ? e[1] / total : e[1]));
  const counted = options.normalize ? new Column("float64", Float64Array.from(values)) : new Column("int64", Float64Array.from(values));
  return { col: counted, index: Index.from(entries.map((e) => e[0])) };
}
