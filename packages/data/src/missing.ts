/**
 * Missing-value handling shared by Series and DataFrame: fillna and dropna.
 * Columns that cannot hold a missing value (int64, uint8, bool) are returned
 * unchanged by fillna, as in pandas.
 */
import { Column, castColumn } from "./column";
import { type Scalar, isFloatDType } from "./dtype";
import { ValueError } from "./errors";

/** A column with its missing values replaced by `value`; a float column filled with a non-number becomes object. */
export function fillColumn(col: Column, value: Scalar): Column {
  if (value === null || (typeof value === "number" && value !== value)) return col;
  const n = col.length;
  if (isFloatDType(col.dtype)) {
    if (col.countNA() === 0) return col;
    if (typeof value === "number") {
      const out = (col.data as Float64Array | Float32Array).slice();
      for (let i = 0; i < n; i++) if (out[i] !== out[i]) out[i] = value;
      return new Column(col.dtype, out);
    }
    return fillColumn(castColumn(col, "object"), value);
  }
  if (col.dtype === "object") {
    if (col.countNA() === 0) return col;
    const out = (col.data as Scalar[]).slice();
    const floats = col.floats ? col.floats.slice() : typeof value === "number" ? new Uint8Array(n) : null;
    for (let i = 0; i < n; i++) {
      if (!col.isNA(i)) continue;
      out[i] = value;
      if (floats) floats[i] = typeof value === "number" && !Number.isInteger(value) ? 1 : 0;
    }
    return new Column("object", out, floats);
  }
  return col;
}

export interface DropnaOptions {
  /** 0 / "index" drops rows (default), 1 / "columns" drops columns. */
  axis?: 0 | 1 | "index" | "columns";
  /** "any" (default) drops when any value is missing, "all" only when all are. */
  how?: "any" | "all";
  /** Keep only rows (columns) with at least this many non-missing values; overrides `how`. */
  thresh?: number;
  /** Only look at these column labels when dropping rows. */
  subset?: (string | number)[];
  inplace?: boolean;
}

/** Decide, for each of `n` lines with `nonNA[i]` present values out of `total`, whether it is kept. */
export function keepMask(nonNA: Int32Array, total: number, opts: DropnaOptions): Uint8Array {
  const how = opts.how ?? "any";
  if (how !== "any" && how !== "all") throw new ValueError(`dropna: invalid how '${how}', expected 'any' or 'all'`);
  const keep = new Uint8Array(nonNA.length);
  for (let i = 0; i < nonNA.length; i++) {
    if (opts.thresh !== undefined) keep[i] = nonNA[i] >= opts.thresh ? 1 : 0;
    else if (how === "any") keep[i] = nonNA[i] === total ? 1 : 0;
    else keep[i] = nonNA[i] > 0 || total === 0 ? 1 : 0;
  }
  return keep;
}
