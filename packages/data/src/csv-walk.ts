/**
 * Tokenizing with papaparse (a well-kept CSV library: quoted fields with
 * separators, doubled quotes and embedded newlines) fed chunk by chunk, plus
 * pandas' record rules on top: skiprows, skipped blank lines, the header row,
 * and line numbers for errors. The walk is deterministic, so a second pass
 * visits exactly the same data rows.
 */
import Papa from "papaparse";
import { ParserError } from "./errors";
import { type CsvSource, detectNewline, textChunks } from "./csv-source";

export interface WalkConfig {
  sep: string;
  quotechar: string;
  escapechar: string;
  /** Records to skip (by 0-based record number), or null. */
  skip: ((record: number) => boolean) | null;
  skipBlankLines: boolean;
  /** How many non-blank, non-skipped records precede the header (pandas' `header`), or null for no header. */
  header: number | null;
}

export interface Visitor {
  /** The header record's fields (not called when header is null). */
  header(fields: string[]): void;
  /** One data record; `row` counts data rows from 0; `line` gives its 1-based line number. Return false to stop. */
  row(fields: string[], line: () => number, row: number): boolean;
}

/** Occurrences of `nl` (a line feed, or a carriage return for "\r" files) in text[from, to). */
function countBreaks(text: string, from: number, to: number, nl: string): number {
  let n = 0;
  for (let i = text.indexOf(nl, from); i >= 0 && i < to; i = text.indexOf(nl, i + 1)) n++;
  return n;
}

function isBlank(fields: string[], first: string | undefined, quote: string): boolean {
  if (fields.length !== 1) return false;
  const f = fields[0];
  for (let i = 0; i < f.length; i++) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  // A quoted empty field ("") is a value, not a blank line.
  return first !== quote;
}

export function walkCsv(src: CsvSource, cfg: WalkConfig, visit: Visitor): void {
  let record = -1;
  let headerToGo = cfg.header;
  let row = 0;
  let stopped = false;
  // The chunk being parsed: `input` starts at absolute offset `base`, after `linesBefore` line breaks.
  let input = "";
  let base = 0;
  let linesBefore = 0;
  let prev = 0;
  let last = false;
  let parser: Papa.Parser | null = null;
  let nl = "\n";

  let start = 0; // of the current record, within `input`
  const line = (): number => linesBefore + countBreaks(input, 0, start, nl) + 1;
  const skip = cfg.skip;
  const step = (res: Papa.ParseResult<string[]>): void => {
    if (stopped) return;
    start = prev - base;
    prev = res.meta.cursor;
    record++;
    if (res.errors.length > 0) {
      const e = res.errors[0];
      throw new ParserError(`readCsv: Error tokenizing data: ${e.message} (${e.code}) in the record starting at line ${line()}`);
    }
    const fields = res.data[0];
    if (last && start >= input.length && fields.length === 1 && fields[0] === "") return; // after the final line break
    if (skip !== null && skip(record)) return;
    const blank = isBlank(fields, input[start], cfg.quotechar);
    if (headerToGo !== null) {
      if (blank) return;
      if (headerToGo-- > 0) return;
      headerToGo = null;
      visit.header(fields);
      return;
    }
    if (blank && cfg.skipBlankLines) return;
    // A kept blank line is a row of missing values; a line of spaces keeps its text, as in pandas.
    const empty = blank && fields[0] === "";
    if (!visit.row(empty ? [] : fields, line, row++)) {
      stopped = true;
      (parser as Papa.Parser).abort();
    }
  };

  let carry = "";
  for (const chunk of textChunks(src)) {
    input = carry + chunk.text;
    last = chunk.last;
    if (!parser) {
      const newline = detectNewline(input, cfg.quotechar);
      nl = newline === "\r" ? "\r" : "\n";
      parser = new Papa.Parser({
        delimiter: cfg.sep,
        newline: newline as "\n",
        quoteChar: cfg.quotechar,
        escapeChar: cfg.escapechar,
        step,
      });
    }
    // Until the last chunk, an incomplete final record stays unparsed and is carried over.
    const res = parser.parse(input, base, !last) as Papa.ParseResult<string[]>;
    if (stopped || last) return;
    const consumed = res.meta.cursor - base;
    linesBefore += countBreaks(input, 0, consumed, nl);
    carry = input.slice(consumed);
    base += consumed;
    prev = base;
  }
}
