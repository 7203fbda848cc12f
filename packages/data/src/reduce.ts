/**
 * Column reductions with pandas' nanops semantics: missing values are skipped
 * (skipna), sums and means follow numpy's summation order, and a column that
 * is not numeric raises a DTypeError naming it instead of concatenating
 * strings or returning NaN.
 */
import type { Column } from "./column";
import { type DTypeName, type Scalar, isFloatDType } from "./dtype";
import { DTypeError, reprLabel } from "./errors";
import { numpySum } from "./numpy-sum";

export type ReduceOp = "mean" | "sum" | "min" | "max" | "std" | "var" | "count";

export interface ReduceOptions {
  /** Skip missing values (default true). With false, any NaN makes the result NaN. */
  skipna?: boolean;
  /** Delta degrees of freedom for std/var (default 1). */
  ddof?: number;
}

/** The result dtype of reducing a column of `dtype` with `op`, as pandas reports it. */
export function reduceResultDType(op: ReduceOp, dtype: DTypeName): DTypeName {
  if (op === "count") return "int64";
  if (op === "mean" || op === "std" || op === "var") return "float64";
  if (op === "sum") return isFloatDType(dtype) ? dtype : dtype === "object" ? "object" : "int64";
  return dtype; // min, max keep the dtype
}

/** Float64 copy with missing values replaced by `fill`, plus the non-missing count. */
function filled(col: Column, fill: number): { values: Float64Array; count: number; anyNA: boolean } {
  const n = col.length;
  const values = new Float64Array(n);
  const d = col.data as ArrayLike<number>;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (v !== v) values[i] = fill;
    else {
      values[i] = v;
      count++;
    }
  }
  return { values, count, anyNA: count < n };
}

function notNumeric(op: ReduceOp, col: Column, label: Scalar, what: string): DTypeError {
  return new DTypeError(
    `${what}: cannot compute ${op} of column ${reprLabel(label)} with dtype ${col.dtype}; ` +
      `pass { numericOnly: true } to skip non-numeric columns or select numeric columns first`,
  );
}

/** Reduce one column. `label` and `what` only name the column and method in errors. */
export function reduceColumn(col: Column, op: ReduceOp, opts: ReduceOptions, label: Scalar, what: string): Scalar {
  const skipna = opts.skipna ?? true;
  if (op === "count") return col.length - col.countNA();
  if (col.dtype === "object") return reduceObject(col, op, skipna, label, what);
  const n = col.length;
  if (op === "min" || op === "max") {
    if (n === 0) return NaN;
    const d = col.data as ArrayLike<number>;
    let best = op === "min" ? Infinity : -Infinity;
    let seen = false;
    for (let i = 0; i < n; i++) {
      const v = d[i];
      if (v !== v) {
        if (!skipna) return NaN;
        continue;
      }
      seen = true;
      if (op === "min" ? v < best : v > best) best = v;
    }
    if (!seen) return NaN;
    return col.dtype === "bool" ? best === 1 : best;
  }
  const { values, count, anyNA } = filled(col, 0);
  if (!skipna && anyNA) return NaN;
  const sum = numpySum(values);
  if (op === "sum") return sum;
  if (op === "mean") return count === 0 ? NaN : sum / count;
  // var / std: numpy's two-pass algorithm over the zero-filled values, as pandas' nanvar.
  const ddof = opts.ddof ?? 1;
  const dof = count - ddof;
  if (count === 0 || dof <= 0) return NaN;
  const avg = sum / count;
  const sqr = new Float64Array(n);
  const d = col.data as ArrayLike<number>;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    sqr[i] = v !== v ? 0 : (avg - v) * (avg - v);
  }
  const variance = numpySum(sqr) / dof;
  return op === "var" ? variance : Math.sqrt(variance);
}

/** Python's string ordering compares code points; JS `<` compares UTF-16 units. */
export function comparePy(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function reduceObject(col: Column, op: ReduceOp, skipna: boolean, label: Scalar, what: string): Scalar {
  if (op !== "min" && op !== "max") throw notNumeric(op, col, label, what);
  let best: string | null = null;
  for (let i = 0; i < col.length; i++) {
    const v = col.get(i);
    if (col.isNA(i)) {
      if (!skipna) return NaN;
      continue;
    }
    if (typeof v !== "string") throw notNumeric(op, col, label, what);
    if (best === null || (op === "min" ? comparePy(v, best) < 0 : comparePy(v, best) > 0)) best = v;
  }
  return best === null ? NaN : best;
}
