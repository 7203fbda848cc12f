/**
 * The boundary of @torchts/data: every public function's accepted option keys,
 * declared once here (OPTION_KEYS), and the argument checks that give pandas'
 * messages. Each public function calls `options(fn, o)` first, so a misspelt
 * key (`readCsv(f, { index_col: 0 })`) is rejected with the key it resembles
 * instead of being ignored. The key lists are checked against the option
 * interfaces at compile time (`keysOf`): adding an option to an interface
 * without listing it here does not compile.
 */
import { TypeError, ValueError, argTypeError, checkOptions, describeValue } from "@torchts/tensor";
import type { ReadCsvOptions } from "./read-csv";
import type { FrameOptions } from "./frame-construct";
import type { SeriesOptions } from "./series";
import type { DropnaOptions } from "./missing";
import type { DescribeOptions } from "./describe";
import type { ToCsvOptions } from "./to-csv";
import type { ConcatOptions } from "./concat";
import type { GetDummiesOptions } from "./get-dummies";
import type { ToTensorOptions } from "./to-tensor";
import type { ValueCountsOptions } from "./value-counts";
import type { DropOptions, StatOptions } from "./frame";

/** Every key of T, listed: a missing or unknown key is a compile error. */
function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missingKeys: Exclude<keyof T, K[number]> }),
  ): readonly string[] => keys;
}

const STAT = keysOf<Omit<StatOptions, "ddof">>()(["skipna", "numericOnly", "axis"]);
const STAT_DDOF = keysOf<StatOptions>()(["skipna", "numericOnly", "axis", "ddof"]);

/** The option keys each public function accepts (pandas' keyword arguments, camelCase). */
export const OPTION_KEYS = {
  readCsv: keysOf<ReadCsvOptions>()([
    "sep", "delimiter", "header", "names", "indexCol", "usecols", "dtype", "naValues", "keepDefaultNa",
    "trueValues", "falseValues", "skipinitialspace", "skiprows", "nrows", "skipBlankLines", "quotechar", "escapechar", "encoding",
  ]),
  DataFrame: keysOf<FrameOptions>()(["columns", "index", "dtype"]),
  Series: keysOf<SeriesOptions>()(["name", "index", "dtype"]),
  "DataFrame.fillna": ["inplace"],
  "Series.fillna": ["inplace"],
  "DataFrame.dropna": keysOf<DropnaOptions>()(["axis", "how", "thresh", "subset", "inplace"]),
  "DataFrame.drop": keysOf<DropOptions>()(["labels", "axis", "index", "columns", "errors"]),
  "DataFrame.mean": STAT,
  "DataFrame.sum": STAT,
  "DataFrame.min": STAT,
  "DataFrame.max": STAT,
  "DataFrame.std": STAT_DDOF,
  "DataFrame.var": STAT_DDOF,
  "DataFrame.count": ["numericOnly", "axis"],
  "Series.mean": ["skipna"],
  "Series.sum": ["skipna"],
  "Series.min": ["skipna"],
  "Series.max": ["skipna"],
  "Series.std": ["skipna", "ddof"],
  "Series.var": ["skipna", "ddof"],
  "DataFrame.describe": keysOf<DescribeOptions>()(["percentiles", "include", "exclude"]),
  "Series.describe": ["percentiles"],
  "Series.valueCounts": keysOf<ValueCountsOptions>()(["normalize", "sort", "ascending", "dropna"]),
  "DataFrame.toCsv": keysOf<ToCsvOptions>()(["sep", "naRep", "header", "index", "lineterminator"]),
  concat: keysOf<ConcatOptions>()(["axis", "ignoreIndex"]),
  getDummies: keysOf<GetDummiesOptions>()(["dummyNa", "columns", "prefix", "prefixSep", "dtype", "dropFirst"]),
  toTensor: keysOf<ToTensorOptions>()(["dtype"]),
} as const;

export type DataFn = keyof typeof OPTION_KEYS;

/** Rejects an options argument that is not a plain object or holds a key `fn` does not accept. */
export function options<T extends object>(fn: DataFn, o: T | undefined): T {
  checkOptions(fn, o, OPTION_KEYS[fn]);
  return o ?? ({} as T);
}

/** Python's name for a JS value's type, as pandas' messages print it (`str`, `float`, `NoneType`, `list`). */
export function pyType(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (Array.isArray(v)) return "list";
  return describeValue(v);
}

/** pandas' validate_bool_kwarg: a boolean option given something else. */
export function boolOption(fn: string, name: string, v: unknown): boolean | undefined {
  if (v === undefined || typeof v === "boolean") return v;
  throw new ValueError(`${fn}(): For argument "${name}" expected type bool, received type ${pyType(v)}.`);
}

/** An optional integer option (`nrows`, `thresh`, `header`, ...), at least `min`. */
export function intOption(fn: string, name: string, v: unknown, min = -Infinity): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    const bound = min === -Infinity ? "" : ` >=${min}`;
    throw new ValueError(`${fn}(): '${name}' must be an integer${bound}, got ${typeof v === "string" ? `'${v}'` : String(v)}`);
  }
  return v;
}

/** A string option (`sep`, `naRep`, ...). */
export function stringOption(fn: string, name: string, v: unknown): string | undefined {
  if (v === undefined || typeof v === "string") return v;
  throw argTypeError(fn, name, undefined, "a string", v);
}

/** A one-character option (`quotechar`, `escapechar`), with Python's csv module's message. */
export function charOption(fn: string, name: string, v: unknown): string | undefined {
  if (v === undefined || (typeof v === "string" && v.length === 1)) return v;
  throw new TypeError(`${fn}(): "${name}" must be a 1-character string, got ${typeof v === "string" ? `'${v}'` : describeValue(v)}`);
}

/** An array option (`names`, `usecols`, `subset`, ...). */
export function arrayOption<T>(fn: string, name: string, v: T[] | readonly T[] | undefined): readonly T[] | undefined {
  if (v === undefined || Array.isArray(v)) return v;
  throw argTypeError(fn, name, undefined, "an array", v);
}

/** pandas' axis argument of a DataFrame: 0 / "index" or 1 / "columns". */
export function frameAxis(fn: string, v: unknown, allowColumns = true): 0 | 1 {
  if (v === undefined || v === 0 || v === "index" || v === "rows") return 0;
  if (allowColumns && (v === 1 || v === "columns")) return 1;
  if (v === 1 || v === "columns") throw new ValueError(`${fn}(): only axis 0 is supported, got ${String(v)}`);
  throw new ValueError(`${fn}(): No axis named ${typeof v === "string" ? v : String(v)} for object type DataFrame`);
}

/** A count such as head(n): an integer (negative counts from the end, as in pandas). */
export function countArg(fn: string, name: string, v: unknown, position: number): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  throw argTypeError(fn, name, position, "an integer", v);
}
