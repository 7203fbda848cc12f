/**
 * `str(df)` and `str(series)` as pandas 1.5 prints them in a notebook
 * (display.max_rows 60, min_rows 10, max_columns 20, width 80): right-aligned
 * columns, a left-aligned index, head and tail with dots for long frames,
 * and blocks wrapped with a trailing backslash when wider than 80 characters.
 */
import { Column, type Selection } from "./column";
import { isNumericDType } from "./dtype";
import type { DataFrame } from "./frame";
import type { Index } from "./labels";
import type { Series } from "./series";
import { adjoin, formatCells, justify, makeFixedWidth } from "./format-cells";

const MAX_ROWS = 60;
const MIN_ROWS = 10;
const MAX_COLS = 20;
const LINE_WIDTH = 80;

function trimFront(strs: string[]): string[] {
  let out = strs;
  while (out.length > 0 && out.every((s) => s.startsWith(" "))) out = out.map((s) => s.slice(1));
  return out;
}

/** Row labels as pandas' Index.format prints them (no padding for object labels). */
export function formatIndexLabels(index: Index, sel?: Selection): string[] {
  const idx = sel ? index.select(sel) : index;
  if (idx.isRange() && idx.length > 0) {
    const w = Math.max(String(idx.get(0)).length, String(idx.get(idx.length - 1)).length);
    return idx.tolist().map((v) => justify(String(v), w, "left"));
  }
  if (idx.dtype === "object") return formatCells(idx.column, false);
  // pandas formats a float index with a leading space for the sign, "NaN" included
  // (" NaN"), then trims the common leading space: no space unless a label is negative.
  const cells = formatCells(idx.column, true).map((c) => (c === "NaN" ? " NaN" : c));
  return trimFront(makeFixedWidth(cells, "left"));
}

function headTail(n: number, limit: number): { sel: Selection; rowNum: number } | null {
  if (n <= limit) return null;
  const half = Math.floor(Math.min(MIN_ROWS, limit) / 2);
  const positions: number[] = [];
  for (let i = 0; i < half; i++) positions.push(i);
  for (let i = n - half; i < n; i++) positions.push(i);
  return { sel: { kind: "positions", positions }, rowNum: half };
}

function pprintLabel(v: unknown): string {
  return typeof v === "boolean" ? (v ? "True" : "False") : v === null ? "NaN" : String(v);
}

/** pandas' DataFrame.__repr__. */
export function formatFrame(df: DataFrame): string {
  const [nrows, ncols] = df.shape;
  if (nrows === 0 || ncols === 0) {
    const cols = df._labels.map(pprintLabel).join(", ");
    const idx = df.index.tolist().map(pprintLabel).join(", ");
    return `Empty DataFrame\nColumns: [${cols}]\nIndex: [${idx}]`;
  }
  const rowTr = headTail(nrows, MAX_ROWS);
  let colPos = df._labels.map((_, j) => j);
  let trColNum = -1;
  if (ncols > MAX_COLS) {
    trColNum = MAX_COLS / 2;
    colPos = [...colPos.slice(0, trColNum), ...colPos.slice(ncols - trColNum)];
  }
  const idxName = df.index.name;
  const nHeader = idxName !== null ? 2 : 1;
  const strcols: string[][] = [];
  for (const j of colPos) {
    const col: Column = rowTr ? df._cols[j].select(rowTr.sel) : df._cols[j];
    const header = (isNumericDType(col.dtype) ? " " : "") + pprintLabel(df._labels[j]);
    const cells = makeFixedWidth(makeFixedWidth(formatCells(col), "right"), "right", header.length);
    const width = Math.max(header.length, ...cells.map((s) => s.length));
    // With a named index, every column gets an empty second header line beside the name.
    const head = nHeader === 2 ? [justify(header, width, "right"), " ".repeat(width)] : [justify(header, width, "right")];
    strcols.push([...head, ...cells]);
  }
  const labels = formatIndexLabels(df.index, rowTr?.sel);
  const index = ["", ...makeFixedWidth(idxName !== null ? [idxName, ...labels] : labels, "left")];
  if (trColNum >= 0) strcols.splice(trColNum, 0, new Array(index.length).fill(" ..."));
  strcols.unshift(index);
  if (rowTr) {
    const r = rowTr.rowNum;
    strcols.forEach((col, ix) => {
      const isDotCol = trColNum >= 0 && ix === trColNum + 1;
      const cwidth = isDotCol ? 4 : col[r].length;
      const dots = cwidth > 3 || isDotCol ? "..." : "..";
      col.splice(r + nHeader, 0, justify(dots, cwidth, ix === 0 ? "left" : "right"));
    });
  }
  let text = joinMultiline(strcols, rowTr ? MIN_ROWS + 1 : nrows);
  if (rowTr || trColNum >= 0) text += `\n\n[${nrows} rows x ${ncols} columns]`;
  return text;
}

/** pandas' _join_multiline and _binify: wrap columns into blocks that fit LINE_WIDTH. */
function joinMultiline(strcolsIn: string[][], nrows: number): string {
  const strcols = strcolsIn.slice();
  const idx = strcols.shift() as string[];
  const lwidth = LINE_WIDTH - (Math.max(...idx.map((s) => s.length)) + 1);
  const widths = strcols.map((c) => (c.length ? Math.max(...c.map((s) => s.length)) : 0));
  const bins: number[] = [];
  let cur = 0;
  widths.forEach((w, i) => {
    cur += w + 1;
    const wrap = i === widths.length - 1 ? cur + 1 > lwidth && i > 0 : cur + 2 > lwidth && i > 0;
    if (wrap) {
      bins.push(i);
      cur = w + 1;
    }
  });
  bins.push(widths.length);
  const blocks: string[] = [];
  let start = 0;
  bins.forEach((end, i) => {
    const row = [idx, ...strcols.slice(start, end)];
    if (bins.length > 1) {
      if (end <= strcols.length && i < bins.length - 1) row.push([" \\", ...new Array(nrows - 1).fill("  ")]);
      else row.push(new Array(nrows).fill(" "));
    }
    blocks.push(adjoin(1, row));
    start = end;
  });
  return blocks.join("\n\n");
}

/** pandas' Series.__repr__. */
export function formatSeries(s: Series): string {
  const n = s.length;
  const parts: string[] = [];
  if (s.name !== null) parts.push(`Name: ${pprintLabel(s.name)}`);
  const tr = headTail(n, MAX_ROWS);
  if (tr) parts.push(`Length: ${n}`);
  parts.push(`dtype: ${s.dtype}`);
  const footer = parts.join(", ");
  if (n === 0) return `Series([], ${footer})`;
  const col = tr ? s._col.select(tr.sel) : s._col;
  const values = makeFixedWidth(formatCells(col), "right");
  const index = formatIndexLabels(s.index, tr?.sel);
  if (tr) {
    const width = values[tr.rowNum - 1].length;
    values.splice(tr.rowNum, 0, justify(width > 3 ? "..." : "..", width, "center"));
    index.splice(tr.rowNum, 0, "");
  }
  let result = adjoin(3, [index, values]);
  if (s.index.name !== null) result = s.index.name + "\n" + result;
  return result + "\n" + footer;
}
