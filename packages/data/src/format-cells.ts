/**
 * Cell formatting as pandas 1.5's `format_array` does it (display.precision 6,
 * max_colwidth 50): floats share one fixed-point format with trailing zeros
 * trimmed equally, switching to exponent form for tiny or huge values;
 * integers and strings get a leading space; missing values print as NaN.
 */
import type { Column } from "./column";
import { isFloatDType } from "./dtype";
import { pyExponential, pyFixed } from "@torchts/tensor/py-format";

const PRECISION = 6;
export const MAX_COLWIDTH = 50;

const NUMBER_WITH_DECIMAL = /^\s*[+-]?[0-9]+\.[0-9]*$/;

/** pandas' _trim_zeros_float: drop trailing zeros from all decimal numbers equally, keeping one. */
function trimZerosFloat(strs: string[]): string[] {
  let out = strs;
  const shouldTrim = (xs: string[]): boolean => {
    const nums = xs.filter((x) => NUMBER_WITH_DECIMAL.test(x));
    return nums.length > 0 && nums.every((x) => x.endsWith("0"));
  };
  while (shouldTrim(out)) out = out.map((x) => (NUMBER_WITH_DECIMAL.test(x) ? x.slice(0, -1) : x));
  return out.map((x) => (NUMBER_WITH_DECIMAL.test(x) && x.endsWith(".") ? x + "0" : x));
}

/** pandas' _trim_zeros_single_float. */
function trimZerosSingle(s: string): string {
  const t = s.replace(/0+$/, "");
  return t.endsWith(".") ? t + "0" : t;
}

/** The float column formatter (FloatArrayFormatter with fixed width). */
export function formatFloats(values: ArrayLike<number>, leadingSpace: boolean): string[] {
  const n = values.length;
  const fmt = (f: (v: number) => string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(values[i] !== values[i] ? "NaN" : f(values[i]));
    return trimZerosFloat(out);
  };
  let out = fmt((v) => pyFixed(v, PRECISION, leadingSpace));
  const maxLen = out.reduce((m, s) => Math.max(m, s.length), 0);
  let large = false, small = false;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > 1e6) large = true;
    if (a > 0 && a < 10 ** -PRECISION) small = true;
  }
  if (small || (maxLen > PRECISION + 6 && large)) out = fmt((v) => pyExponential(v, PRECISION, leadingSpace));
  return out;
}

function escapeChars(s: string): string {
  return s.replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Formatted cells of a column, before fixed-width padding. */
export function formatCells(col: Column, leadingSpace = true): string[] {
  const sp = leadingSpace ? " " : "";
  const n = col.length;
  if (isFloatDType(col.dtype)) return formatFloats(col.data as ArrayLike<number>, leadingSpace);
  const out: string[] = [];
  if (col.dtype === "int64" || col.dtype === "uint8") {
    const d = col.data as ArrayLike<number>;
    for (let i = 0; i < n; i++) out.push(d[i] < 0 ? String(d[i]) : sp + String(d[i]));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = col.get(i);
    if (v === null) out.push(sp + "None");
    else if (col.isNA(i)) out.push(sp + "NaN");
    else if (typeof v === "boolean") out.push(sp + (v ? "True" : "False"));
    else if (col.isFloatAt(i)) out.push(trimZerosSingle(pyFixed(v as number, PRECISION, leadingSpace)));
    else out.push(sp + escapeChars(String(v)));
  }
  return out;
}

/** Python's str.ljust / rjust / center. */
export function justify(s: string, width: number, mode: "left" | "right" | "center"): string {
  const pad = width - s.length;
  if (pad <= 0) return s;
  if (mode === "left") return s + " ".repeat(pad);
  if (mode === "right") return " ".repeat(pad) + s;
  const left = Math.floor(pad / 2) + (pad & width & 1);
  return " ".repeat(left) + s + " ".repeat(pad - left);
}

/** pandas' _make_fixed_width: pad to a common width, cutting cells wider than max_colwidth. */
export function makeFixedWidth(strs: string[], mode: "left" | "right", minimum = 0): string[] {
  if (strs.length === 0) return strs;
  let maxLen = Math.max(minimum, ...strs.map((s) => s.length));
  if (maxLen > MAX_COLWIDTH) maxLen = MAX_COLWIDTH;
  return strs.map((s) => justify(s.length > maxLen ? s.slice(0, maxLen - 3) + "..." : s, maxLen, mode));
}

/** pandas' adjoin: lay columns of lines side by side, each left-justified to its width plus `space`. */
export function adjoin(space: number, lists: string[][]): string {
  const lengths = lists.map((l, i) => Math.max(0, ...l.map((s) => s.length)) + (i < lists.length - 1 ? space : 0));
  const rows = Math.max(...lists.map((l) => l.length));
  const padded = lists.map((l, i) => {
    const out = l.map((s) => justify(s, lengths[i], "left"));
    while (out.length < rows) out.push(" ".repeat(lengths[i]));
    return out;
  });
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) lines.push(padded.map((p) => p[r]).join(""));
  return lines.join("\n");
}
