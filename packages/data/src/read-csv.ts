/**
 * readCsv: pandas' read_csv for the C engine's common options, with pandas'
 * type inference over every row and pandas' default NA strings.
 */
import type { DTypeLike } from "./dtype";
import { EmptyDataError, IndexError, LookupError, ParserError, ValueError, reprLabel } from "./errors";
import { TextDecoder } from "node:util";
import { argTypeError, describeValue } from "@torchts/tensor";
import { arrayOption, charOption, intOption, options as checkedOptions, stringOption } from "./args";
import { DataFrame } from "./frame";
import { checkDTypeOption, dtypeFor } from "./frame-construct";
import { Index, RangeIndex } from "./labels";
import type { Label } from "./series";
import { ColumnBuilder, ConversionFailure, type NaSpec } from "./csv-builder";
import { NOT_NUMBER, NumberParser } from "./csv-number";
import { walkCsv } from "./csv-walk";
import { type CsvSource, countLines } from "./csv-source";

/** pandas 1.5's default missing-value strings (`keep_default_na`). */
export const DEFAULT_NA_VALUES: readonly string[] = [
  "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null",
];

export interface ReadCsvOptions {
  /** Field separator, one character (default ","). */
  sep?: string;
  /** Alias of `sep`. */
  delimiter?: string;
  /** Row number of the header among non-blank rows (default 0), or null for none (columns 0..n−1). */
  header?: number | null;
  /** Column labels to use; the header row, if any, is then discarded. Implies header: null unless header is given. */
  names?: Label[];
  /** Column (position or label) to use as the row index. */
  indexCol?: number | string;
  /** Only these columns (labels or positions), kept in file order. */
  usecols?: Label[];
  /** dtype of all columns, or per column label: "float64", "float32", "int64", "uint8", "bool", "object"/"str". */
  dtype?: DTypeLike | Record<string, DTypeLike>;
  /** Extra missing-value strings, for all columns or per column label. */
  naValues?: (string | number)[] | Record<string, (string | number)[]>;
  /** Also treat pandas' default NA strings as missing (default true). */
  keepDefaultNa?: boolean;
  /** Strings read as true / false (added to True/TRUE/true and False/FALSE/false). */
  trueValues?: string[];
  falseValues?: string[];
  /** Skip spaces right after the separator (default false, so " NA" is the string " NA"). */
  skipinitialspace?: boolean;
  /** Skip the first n records, or the records at these 0-based positions, or those for which the function is true. */
  skiprows?: number | number[] | ((record: number) => boolean);
  /** Read at most this many data rows. */
  nrows?: number;
  /** Skip blank lines rather than reading them as missing values (default true). */
  skipBlankLines?: boolean;
  /** Quote character (default '"'); a doubled quote inside quotes is a literal quote. */
  quotechar?: string;
  /** Escape character inside quotes (default: the quote character, i.e. doubled quotes). */
  escapechar?: string;
  /** Text encoding of a file or bytes (default "utf-8"). */
  encoding?: string;
}

/** The source: CSV text (a string with a line break), a file path, or bytes. */
function sourceOf(source: string | Uint8Array | ArrayBuffer, encoding = "utf-8"): CsvSource {
  if (typeof source === "string") return /[\r\n]/.test(source) ? { kind: "text", text: source } : { kind: "file", path: source, encoding };
  return { kind: "bytes", bytes: source instanceof ArrayBuffer ? new Uint8Array(source) : source, encoding };
}

/** pandas' mangle_dupe_cols: a, a → a, a.1. */
function mangle(labels: string[]): string[] {
  const counts = new Map<string, number>();
  const taken = new Set(labels);
  return labels.map((l) => {
    const n = counts.get(l) ?? 0;
    counts.set(l, n + 1);
    if (n === 0) return l;
    let k = n;
    while (taken.has(`${l}.${k}`)) k++;
    const name = `${l}.${k}`;
    taken.add(name);
    return name;
  });
}

function naSpec(strings: Set<string>): NaSpec {
  const p = new NumberParser();
  const numbers = new Set<number>();
  let checkFirst = false;
  for (const s of strings) {
    const v = p.parse(s);
    if (p.kind !== NOT_NUMBER) {
      checkFirst = true;
      numbers.add(v);
    }
  }
  return { strings, numbers, checkFirst };
}

function unquoteInitial(s: string, q: string): string {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  if (i === 0) return s;
  const t = s.slice(i);
  if (t[0] !== q) return t;
  // papaparse leaves ` "x"` unparsed; after skipping the space pandas sees a quoted field.
  if (t.length >= 2 && t[t.length - 1] === q) return t.slice(1, -1).split(q + q).join(q);
  // The quoted field held a separator or line break, so papaparse has already split it: refuse rather than guess.
  throw new ParserError(`readCsv: a quoted field after spaces that contains the separator is not supported with skipinitialspace ('${s}')`);
}

/**
 * Read a CSV as pandas' read_csv does.
 * `source` is a file path, CSV text (any string containing a line break) or bytes.
 * @example readCsv("house_tiny.csv") // NumRooms float64, Alley object, Price int64
 * @example readCsv("a, b\n1, NA\n", { skipinitialspace: true }) // b is float64 NaN
 */
export function readCsv(source: string | Uint8Array | ArrayBuffer, opts?: ReadCsvOptions): DataFrame {
  const options = checkReadCsv(source, opts);
  const src = sourceOf(source, options.encoding);
  const sep = options.sep ?? options.delimiter ?? ",";
  if (sep.length !== 1) throw new ValueError(`readCsv: only single-character separators are supported, got '${sep}'`);
  const q = options.quotechar ?? '"';
  const skipInit = options.skipinitialspace ?? false;
  const header = options.header !== undefined ? options.header : options.names ? null : 0;
  const sr = options.skiprows;
  const skipSet = Array.isArray(sr) ? new Set(sr) : null;
  const skip = typeof sr === "function" ? sr : typeof sr === "number" ? (i: number) => i < sr : skipSet ? (i: number) => skipSet.has(i) : null;

  const base = new Set<string>(options.keepDefaultNa ?? true ? DEFAULT_NA_VALUES : []);
  const perColumn = options.naValues && !Array.isArray(options.naValues) ? options.naValues : null;
  if (Array.isArray(options.naValues)) for (const v of options.naValues) base.add(String(v));
  const baseSpec = naSpec(base);
  const specFor = (label: Label): NaSpec => {
    const extra = perColumn?.[String(label)];
    return extra ? naSpec(new Set([...base, ...extra.map(String)])) : baseSpec;
  };
  const trueValues = new Set(["True", "TRUE", "true", ...(options.trueValues ?? [])]);
  const falseValues = new Set(["False", "FALSE", "false", ...(options.falseValues ?? [])]);
  const capacity = Math.min(countLines(src), options.nrows ?? Infinity);

  let labels: string[] | null = null;
  let builders: ColumnBuilder[] = [];
  let fieldOf: number[] = [];
  let indexBuilder: ColumnBuilder | null = null;
  let indexField = -1;
  let indexName: string | null = null;
  let nfields = -1;
  let rows = 0;
  const clean = (s: string): string => (skipInit ? unquoteInitial(s, q) : s);

  const setup = (width: number): void => {
    const all: Label[] = options.names ? options.names.slice() : labels ?? Array.from({ length: width }, (_, i) => i);
    // pandas' implicit index: the first data row has one more field than there are labels.
    const offset = width === all.length + 1 && options.indexCol === undefined ? 1 : 0;
    if (offset === 1) indexField = 0;
    nfields = all.length + offset;
    let fields = all.map((_, j) => j + offset);
    if (options.indexCol !== undefined) {
      const ic = options.indexCol;
      const j = typeof ic === "number" ? ic : all.indexOf(ic);
      if (typeof ic === "number" && (j < 0 || j >= all.length)) {
        throw new IndexError(`readCsv(): indexCol ${ic} is out of range for ${all.length} columns (list index out of range)`);
      }
      if (j < 0) throw new ValueError(`readCsv(): Index ${reprLabel(ic)} invalid: indexCol is not a column`);
      indexField = j;
      indexName = String(all[j]);
      fields = fields.filter((f) => f !== j);
    }
    let used = fields;
    if (options.usecols) {
      const missing = options.usecols.filter((u) => (typeof u === "number" ? u < 0 || u >= all.length : !all.includes(u)));
      if (missing.length) {
        throw new ValueError(`readCsv: usecols do not match columns, columns expected but not found: [${missing.map(reprLabel).join(", ")}]`);
      }
      const want = new Set(options.usecols.map((u) => (typeof u === "number" ? u + offset : all.indexOf(u) + offset)));
      used = fields.filter((f) => want.has(f));
    }
    const label = (f: number): Label => all[f - offset];
    fieldOf = used;
    const d = options.dtype;
    builders = used.map((f) => new ColumnBuilder(label(f), specFor(label(f)), dtypeFor(d, label(f)) ?? null, capacity, trueValues, falseValues));
    if (indexField >= 0) {
      const il: Label = offset === 1 ? "" : label(indexField);
      indexBuilder = new ColumnBuilder(il, specFor(il), null, capacity, trueValues, falseValues);
    }
  };
  const maxRows = options.nrows ?? Infinity;
  const fail = (f: ConversionFailure, line: () => number): never => {
    throw new ValueError(`readCsv: ${f.message} (line ${line()})`);
  };
  walkCsv(
    src,
    { sep, quotechar: q, escapechar: options.escapechar ?? q, skip, skipBlankLines: options.skipBlankLines ?? true, header },
    {
      header(fields) {
        labels = mangle(fields.map((f) => clean(f)));
      },
      row(fields, line, row) {
        if (nfields < 0) setup(fields.length);
        if (row >= maxRows) return false; // nrows: 0 reads the columns only
        if (fields.length > nfields) {
          throw new ParserError(`readCsv: Error tokenizing data. Expected ${nfields} fields in line ${line()}, saw ${fields.length}`);
        }
        const n = fields.length;
        for (let b = 0; b < builders.length; b++) {
          const f = fieldOf[b];
          const r = f < n ? builders[b].push(skipInit ? clean(fields[f]) : fields[f], row) : builders[b].pushMissing(row);
          if (r !== null) fail(r, line);
        }
        if (indexBuilder) {
          const r = indexField < n ? indexBuilder.push(clean(fields[indexField]), row) : indexBuilder.pushMissing(row);
          if (r !== null) fail(r, line);
        }
        rows = row + 1;
        return rows < maxRows;
      },
    },
  );
  if (nfields < 0) {
    if (labels === null && !options.names) throw new EmptyDataError("readCsv: No columns to parse from file");
    setup(-1);
  }
  secondPass(src, rows, builders, fieldOf, { sep, q, skip, header, skipBlankLines: options.skipBlankLines ?? true, clean, escapechar: options.escapechar ?? q });
  const cols = builders.map((b) => b.build(rows));
  const allLabels = builders.map((b) => b.label);
  const index = indexBuilder ? new Index((indexBuilder as ColumnBuilder).build(rows), indexName) : new RangeIndex(0, rows);
  return DataFrame._of(cols, allLabels, index);
}

/** The boundary checks of readCsv, with read_csv's messages: the source, every option's key and type. */
function checkReadCsv(source: unknown, o: ReadCsvOptions | undefined): ReadCsvOptions {
  if (typeof source !== "string" && !(source instanceof Uint8Array) && !(source instanceof ArrayBuffer)) {
    throw new ValueError(
      `readCsv(): Invalid file path or buffer object type: ${describeValue(source)}; argument 'source' must be a file path, CSV text (a string with a line break) or bytes`,
    );
  }
  const options = checkedOptions("readCsv", o);
  intOption("readCsv", "nrows", options.nrows, 0);
  const h = options.header;
  if (h !== undefined && h !== null) {
    if (typeof h !== "number" || !Number.isInteger(h)) throw new ValueError(`readCsv(): header must be integer or list of integers, got ${describeValue(h)}`);
    if (h < 0) throw new ValueError("readCsv(): Passing negative integer to header is invalid. For no header, use header: null instead");
  }
  for (const k of ["sep", "delimiter", "encoding"] as const) stringOption("readCsv", k, options[k]);
  if (options.encoding !== undefined) {
    try {
      new TextDecoder(options.encoding);
    } catch {
      throw new LookupError(`readCsv(): unknown encoding: ${options.encoding}`);
    }
  }
  for (const k of ["quotechar", "escapechar"] as const) charOption("readCsv", k, options[k]);
  for (const k of ["keepDefaultNa", "skipinitialspace", "skipBlankLines"] as const) {
    if (options[k] !== undefined && typeof options[k] !== "boolean") throw argTypeError("readCsv", k, undefined, "a boolean", options[k]);
  }
  for (const k of ["names", "usecols", "trueValues", "falseValues"] as const) arrayOption("readCsv", k, options[k]);
  if (options.names && new Set(options.names).size !== options.names.length) throw new ValueError("readCsv(): Duplicate names are not allowed.");
  const ic = options.indexCol;
  if (ic !== undefined && typeof ic !== "string" && !(typeof ic === "number" && Number.isInteger(ic))) {
    throw argTypeError("readCsv", "indexCol", undefined, "a column position (integer) or label (string)", ic);
  }
  const sr = options.skiprows;
  if (sr !== undefined && typeof sr !== "function" && !Array.isArray(sr) && !(typeof sr === "number" && Number.isInteger(sr))) {
    throw argTypeError("readCsv", "skiprows", undefined, "an integer, an array of row numbers or a function", sr);
  }
  checkDTypeOption("readCsv", options.dtype);
  const na = options.naValues;
  if (na !== undefined && (na === null || typeof na !== "object")) throw argTypeError("readCsv", "naValues", undefined, "an array or an object of arrays", na);
  return options;
}

interface PassConfig {
  sep: string;
  q: string;
  escapechar: string;
  skip: ((i: number) => boolean) | null;
  header: number | null;
  skipBlankLines: boolean;
  clean: (s: string) => string;
}

/** Recover the original texts of rows parsed as numbers before their column turned out to be object. */
function secondPass(src: CsvSource, rows: number, builders: ColumnBuilder[], fieldOf: number[], c: PassConfig): void {
  builders.forEach((b) => b.finishNeedsAllTexts(rows));
  const need = builders.map((b) => b.needTextBefore);
  const until = Math.max(0, ...need);
  if (until === 0) return;
  walkCsv(src, { sep: c.sep, quotechar: c.q, escapechar: c.escapechar, skip: c.skip, skipBlankLines: c.skipBlankLines, header: c.header }, {
    header() {},
    row(fields, _line, row) {
      for (let b = 0; b < builders.length; b++) {
        if (row < need[b]) {
          const f = fieldOf[b];
          builders[b].fillText(f < fields.length ? c.clean(fields[f]) : undefined, row);
        }
      }
      return row + 1 < until;
    },
  });
}

