/**
 * pandas' `to_csv`: floats as Python's repr ("3.0", "1e-05"), NaN as an empty
 * field, bools as True/False, minimal quoting as Python's csv module does it.
 * Writing to a path is atomic: the text goes to a temporary file in the same
 * directory, which is then renamed over the target, so a reader never sees a
 * half-written file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Column } from "./column";
import { FileError } from "./errors";
import { boolOption, charOption, stringOption } from "./args";
import type { DataFrame } from "./frame";
import { pyFloatRepr, pyStr } from "@torchts/tensor/py-format";

export interface ToCsvOptions {
  /** Field delimiter (default ","). */
  sep?: string;
  /** Text for missing values (default ""). */
  naRep?: string;
  /** Write the column labels (default true). */
  header?: boolean;
  /** Write the row labels as the first column (default true, as pandas). */
  index?: boolean;
  /** Line terminator (default "\n"). */
  lineterminator?: string;
}

/** Shortest decimal that reads back as the same float32, as numpy prints float32. */
function float32Repr(v: number): string {
  if (!Number.isFinite(v)) return pyFloatRepr(v);
  for (let p = 1; p <= 9; p++) {
    const x = Number(v.toPrecision(p));
    if (Math.fround(x) === v) return pyFloatRepr(x);
  }
  return pyFloatRepr(v);
}

function cellText(col: Column, i: number, naRep: string): string {
  if (col.isNA(i)) return naRep;
  const v = col.get(i);
  switch (col.dtype) {
    case "float64":
      return pyFloatRepr(v as number);
    case "float32":
      return float32Repr(v as number);
    case "int64":
    case "uint8":
      return pyStr(v as number, false);
    default:
      return pyStr(v as string | number | boolean, col.isFloatAt(i));
  }
}

export function csvText(df: DataFrame, options: ToCsvOptions = {}): string {
  const sep = options.sep ?? ",";
  const naRep = options.naRep ?? "";
  const eol = options.lineterminator ?? "\n";
  const withIndex = options.index ?? true;
  const quote = (s: string): string =>
    s.includes(sep) || s.includes('"') || s.includes("\n") || s.includes("\r") ? `"${s.replace(/"/g, '""')}"` : s;
  const line = (fields: string[]): string =>
    // Python's csv writer quotes a lone empty field so the row is not read as a blank line.
    fields.length === 1 && fields[0] === "" ? '""' : fields.map(quote).join(sep);
  const out: string[] = [];
  if (options.header ?? true) {
    const labels = df._labels.map((l) => String(l));
    out.push(line(withIndex ? [df.index.name ?? "", ...labels] : labels));
  }
  const idx = withIndex ? df.index.column : null;
  for (let i = 0; i < df.length; i++) {
    const fields = df._cols.map((c) => cellText(c, i, naRep));
    if (idx) fields.unshift(cellText(idx, i, naRep));
    out.push(line(fields));
  }
  return out.length ? out.join(eol) + eol : "";
}

/** Write `text` to `file` atomically: a temporary file beside it, then a rename. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    const err = e as NodeJS.ErrnoException;
    throw new FileError(`toCsv: cannot write '${file}': ${err.message}`, file, err.code, { cause: e });
  }
}

export function toCsv(df: DataFrame, file: string | undefined, options: ToCsvOptions = {}): string | void {
  // Python's csv writer: "delimiter" must be a 1-character string
  charOption("DataFrame.toCsv", "sep", options.sep);
  stringOption("DataFrame.toCsv", "naRep", options.naRep);
  stringOption("DataFrame.toCsv", "lineterminator", options.lineterminator);
  boolOption("DataFrame.toCsv", "header", options.header);
  boolOption("DataFrame.toCsv", "index", options.index);
  const text = csvText(df, options);
  if (file === undefined) return text;
  writeFileAtomic(file, text);
}
