/**
 * Rich notebook output for tensors: an HTML table for 0-D, 1-D and 2-D
 * tensors, and the text repr in a <pre> for higher ranks.
 *
 * Elements are formatted exactly as the text repr formats them (same mode,
 * precision and summarisation), so the table and `repr` never disagree.
 */
import { DType } from "./dtype";
import { defaultPrintOptions, ElementFormatter, formatTensor, PrintOptions, shownIndices } from "./format";

const TABLE_STYLE =
  "border-collapse:collapse;font-family:monospace;font-size:12px;text-align:right";
const CELL = "padding:1px 6px";
const HEAD = `${CELL};color:#888;font-weight:normal`;

/**
 * HTML for a tensor given its row-major elements.
 * The caption names the shape, the dtype and any `extras` (e.g. `requires_grad=True`).
 *
 * @example formatTensorHTML([1, 2, 3, 4], [2, 2], float32) // '<table class="torchts-tensor" ...>...</table>'
 */
export function formatTensorHTML(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  extras: readonly string[] = [],
  options: Partial<PrintOptions> = {},
): string {
  const opts: PrintOptions = { ...defaultPrintOptions, ...options };
  const caption = escapeHTML(
    [`torch.Size([${shape.join(", ")}])`, `dtype=${dtype}`, ...extras].join(", "),
  );
  if (shape.length > 2) {
    const text = formatTensor(values, shape, dtype, extras, opts);
    return (
      `<figure class="torchts-tensor" style="margin:0">` +
      `<figcaption style="font-size:12px;color:#888">${caption}</figcaption>` +
      `<pre>${escapeHTML(text)}</pre></figure>`
    );
  }
  const rows = shape.length === 2 ? shape[0] : 1;
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const numel = rows * cols;
  const summarize = numel > opts.threshold;
  const rowIdx = shape.length === 2 ? shownIndices(rows, summarize, opts.edgeitems) : [0];
  const colIdx = shape.length === 0 ? [0] : shownIndices(cols, summarize, opts.edgeitems);

  const shown: number[] = [];
  for (const r of rowIdx) for (const c of colIdx) if (r >= 0 && c >= 0) shown.push(values[r * cols + c]);
  const fmt = new ElementFormatter(shown, dtype, opts);

  const parts: string[] = [`<table class="torchts-tensor" style="${TABLE_STYLE}">`];
  parts.push(`<caption style="font-size:12px;color:#888;text-align:left">${caption}</caption>`);
  if (shape.length > 0 && numel > 0) {
    parts.push("<thead><tr>");
    if (shape.length === 2) parts.push(`<th style="${HEAD}"></th>`);
    for (const c of colIdx) parts.push(`<th style="${HEAD}">${c < 0 ? "…" : c}</th>`);
    parts.push("</tr></thead>");
  }
  parts.push("<tbody>");
  if (numel > 0) {
    for (const r of rowIdx) {
      parts.push("<tr>");
      if (shape.length === 2) parts.push(`<th style="${HEAD}">${r < 0 ? "⋮" : r}</th>`);
      for (const c of colIdx) {
        let cell: string;
        if (r < 0) cell = c < 0 ? "⋱" : "⋮";
        else if (c < 0) cell = "…";
        else cell = escapeHTML(fmt.format(values[r * cols + c]).trim());
        parts.push(`<td style="${CELL}">${cell}</td>`);
      }
      parts.push("</tr>");
    }
  }
  parts.push("</tbody></table>");
  return parts.join("");
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHTML(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
