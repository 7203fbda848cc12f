/**
 * pandas 1.5's notebook HTML (`df._repr_html_()`): the same cell formatting
 * as `toString`, escaped, with head/tail rows and "..." cells for long or
 * wide frames and a "N rows × M columns" note when truncated.
 */
import type { DataFrame } from "./frame";
import { formatCells } from "./format-cells";
import { formatIndexLabels } from "./format-text";

const STYLE = `<style scoped>
    .dataframe tbody tr th:only-of-type {
        vertical-align: middle;
    }

    .dataframe tbody tr th {
        vertical-align: top;
    }

    .dataframe thead th {
        text-align: right;
    }
</style>`;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function label(v: unknown): string {
  return typeof v === "boolean" ? (v ? "True" : "False") : v === null ? "NaN" : String(v);
}

export function frameToHTML(df: DataFrame): string {
  const [nrows, ncols] = df.shape;
  const truncRows = nrows > 60;
  const truncCols = ncols > 20;
  const rowPos: number[] = [];
  for (let i = 0; i < nrows; i++) if (!truncRows || i < 5 || i >= nrows - 5) rowPos.push(i);
  const colPos: number[] = [];
  for (let j = 0; j < ncols; j++) if (!truncCols || j < 10 || j >= ncols - 10) colPos.push(j);
  const sel = { kind: "positions" as const, positions: rowPos };
  const cells = colPos.map((j) => formatCells(df._cols[j].select(sel)).map((s) => esc(s.trim())));
  const index = formatIndexLabels(df.index, sel).map((s) => esc(s.trim()));
  const lines: string[] = ["<div>", STYLE, '<table border="1" class="dataframe">', "  <thead>", '    <tr style="text-align: right;">', "      <th></th>"];
  colPos.forEach((j, k) => {
    if (truncCols && k === 10) lines.push("      <th>...</th>");
    lines.push(`      <th>${esc(label(df._labels[j]).trim())}</th>`);
  });
  lines.push("    </tr>");
  if (df.index.name !== null) {
    lines.push("    <tr>", `      <th>${esc(df.index.name)}</th>`);
    for (let k = 0; k < colPos.length + (truncCols ? 1 : 0); k++) lines.push("      <th></th>");
    lines.push("    </tr>");
  }
  lines.push("  </thead>", "  <tbody>");
  const row = (th: string, tds: string[]): void => {
    lines.push("    <tr>", `      <th>${th}</th>`);
    tds.forEach((td, k) => {
      if (truncCols && k === 10) lines.push("      <td>...</td>");
      lines.push(`      <td>${td}</td>`);
    });
    lines.push("    </tr>");
  };
  rowPos.forEach((_, r) => {
    if (truncRows && r === 5) row("...", colPos.map(() => "..."));
    row(index[r], cells.map((c) => c[r]));
  });
  lines.push("  </tbody>", "</table>");
  if (truncRows || truncCols) lines.push(`<p>${nrows} rows × ${ncols} columns</p>`);
  lines.push("</div>");
  return lines.join("\n");
}
