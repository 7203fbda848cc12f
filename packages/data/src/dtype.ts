/**
 * Column dtypes, named as pandas prints them. Numeric columns live in typed
 * arrays; `object` columns hold JS values with `null` for a missing value.
 *
 * | dtype   | storage      | missing value          |
 * |---------|--------------|------------------------|
 * | float64 | Float64Array | NaN                    |
 * | float32 | Float32Array | NaN                    |
 * | int64   | Float64Array | none (exact to 2^53−1) |
 * | uint8   | Uint8Array   | none                   |
 * | bool    | Uint8Array   | none                   |
 * | object  | Scalar[]     | null                   |
 */
import { DTypeError } from "./errors";

export type DTypeName = "float64" | "float32" | "int64" | "uint8" | "bool" | "object";

/** A single cell value. `null` is a missing value in an object column. */
export type Scalar = number | string | boolean | null;

/** What `astype` and the `dtype` options accept: a dtype name, a pandas alias, or a @torchts/tensor dtype. */
export type DTypeLike = DTypeName | "float" | "int" | "str" | "string" | "double" | "long" | { name: string };

export type ColumnData = Float64Array | Float32Array | Uint8Array | Scalar[];

const ALIASES: Record<string, DTypeName> = {
  float64: "float64",
  float: "float64",
  double: "float64",
  float32: "float32",
  int64: "int64",
  int: "int64",
  long: "int64",
  uint8: "uint8",
  bool: "bool",
  boolean: "bool",
  object: "object",
  str: "object",
  string: "object",
};

/** Resolve a dtype name, alias or tensor dtype to a column dtype. */
export function toDTypeName(d: DTypeLike, what = "dtype"): DTypeName {
  const key = typeof d === "string" ? d : d && typeof d === "object" ? d.name : String(d);
  const name = ALIASES[key];
  if (!name) throw new DTypeError(`${what}: data type '${key}' not understood; expected one of ${Object.keys(ALIASES).join(", ")}`);
  return name;
}

export function isNumericDType(d: DTypeName): boolean {
  return d !== "object";
}

export function isFloatDType(d: DTypeName): boolean {
  return d === "float64" || d === "float32";
}

/** Integer-like dtypes that can never hold a missing value. */
export function isIntegerDType(d: DTypeName): boolean {
  return d === "int64" || d === "uint8";
}

/**
 * numpy's result type for stacking columns of these dtypes (as `df.values` does):
 * bool < uint8 < int64 < float32 < float64; any object gives object; bool mixed
 * with numbers gives object, as pandas' `interleaved_dtype` does.
 */
export function commonDType(dtypes: DTypeName[]): DTypeName {
  if (dtypes.length === 0) return "object";
  const set = new Set(dtypes);
  if (set.size === 1) return dtypes[0];
  if (set.has("object")) return "object";
  if (set.has("bool")) return "object";
  if (set.has("float64")) return "float64";
  if (set.has("float32")) return set.has("int64") ? "float64" : "float32";
  if (set.has("int64")) return "int64";
  return "uint8";
}

/** numpy's result type for array conversion (`df.values` → tensor), where bool does promote numerically. */
export function numericResultType(dtypes: DTypeName[]): DTypeName {
  const set = new Set(dtypes);
  if (set.size === 0) return "float64";
  if (set.has("object")) return "object";
  if (set.has("float64")) return "float64";
  if (set.has("float32")) return set.has("int64") ? "float64" : "float32";
  if (set.has("int64")) return "int64";
  if (set.has("uint8")) return "uint8";
  return "bool";
}
