/**
 * Comparing executed notebooks with what PyTorch prints for the same code.
 *
 * A companion Python script (e.g. gen_ch6.py) runs the notebook's snippets in
 * PyTorch 1.13 with the same seeds and writes, per notebook, a list of
 * expectations about cells; `describePyTorchText` turns a JSON file of them into
 * tests over the committed notebooks. A cell is found by a piece of its source
 * (`marker`), or with `exact` by its whole source, searching after the first
 * cell containing `after` when given. Kinds of expectation:
 *  - `text`: the cell's output contains PyTorch's text (a module, a tensor, ...);
 *  - `keys`: the quoted strings the cell prints are these, in this order;
 *  - `near_zero` + `grad_fn`: a float32 rounding residue: the printed 0-d tensor is
 *    below 1e-6 in magnitude and has this grad_fn;
 *  - `values` + `printed` (+ `grad_fn`): PyTorch's values and text for a tensor whose
 *    digits may differ in the last place: same layout, and every printed number
 *    equal to PyTorch's except where PyTorch's exact value lies on the rounding
 *    boundary between the two (float32 sums in another order land on either side).
 * Every cell that prints a module or a tensor must be covered by one of them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CodeCell, NOTEBOOKS, codeCells, readNotebook } from "./helpers";

export interface Expectation {
  marker: string;
  after?: string;
  exact?: boolean;
  text?: string;
  keys?: string[];
  near_zero?: number;
  grad_fn?: string;
  values?: number[];
  printed?: string;
}

const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
export const sourceOf = (c: CodeCell): string => joined(c.source);
/** What a cell printed: its stream text and its text/plain results, in order. */
export const outputOf = (c: CodeCell): string =>
  c.outputs.map((o) => joined(o.text) + joined(o.data?.["text/plain"] as string | string[] | undefined)).join("");

/** The index of the code cell an expectation is about. */
export function findCell(cells: CodeCell[], e: Expectation, name: string): number {
  let from = 0;
  if (e.after !== undefined) {
    from = cells.findIndex((c) => sourceOf(c).includes(e.after!));
    if (from < 0) throw new Error(`${name}: no cell contains ${JSON.stringify(e.after)}`);
    from += 1;
  }
  const i = cells.findIndex((c, k) => k >= from && (e.exact ? sourceOf(c).trim() === e.marker : sourceOf(c).includes(e.marker)));
  if (i < 0) throw new Error(`${name}: no cell ${e.exact ? "is" : "contains"} ${JSON.stringify(e.marker)}${e.after ? ` after ${JSON.stringify(e.after)}` : ""}`);
  return i;
}

/** An output that shows a module (`Sequential(`, `MyLinear()`) or a tensor. */
export const printsModule = (text: string): boolean => /^[A-Z]\w*\((\n|\))/m.test(text);
export const printsTensor = (text: string): boolean => /tensor\(|Parameter containing/.test(text);

/** The numbers of a printed tensor, as printed (grad_fn names left out). */
export function printedNumbers(text: string): string[] {
  return [...text.replace(/grad_fn=<\w+>/g, "").matchAll(/-?\d+\.\d*(?:e[-+]\d+)?/g)].map((m) => m[0]);
}

/** One unit in the last printed place of `s` ("0.0923" → 1e-4, "1.0445e+02" → 1e-2). */
export function lastPlace(s: string): number {
  const m = /^-?\d+\.(\d*)(?:e([-+]\d+))?$/.exec(s);
  if (!m) throw new Error(`not a printed number: ${s}`);
  return 10 ** (Number(m[2] ?? 0) - m[1].length);
}

/**
 * Whether our printed number may stand for PyTorch's: the same text, or one unit apart in the last
 * place with PyTorch's exact value `v` at the midpoint between the two (up to float32 noise).
 */
export function sameOrBoundary(ours: string, theirs: string, v: number): boolean {
  if (ours === theirs) return true;
  const unit = lastPlace(theirs);
  const a = Number(ours), b = Number(theirs);
  if (Math.abs(Math.abs(a - b) - unit) > unit * 1e-6) return false;
  return Math.abs(v - (a + b) / 2) <= 4e-7 * Math.max(1, Math.abs(v));
}

/** Tests for every notebook of `jsonPath` (a file of `{ notebook: Expectation[] }`). */
export function describePyTorchText(title: string, jsonPath: string): Record<string, Expectation[]> {
  const expected = JSON.parse(readFileSync(jsonPath, "utf8")) as Record<string, Expectation[]>;
  describe(title, () => {
    for (const [name, entries] of Object.entries(expected)) {
      const cells = codeCells(readNotebook(join(NOTEBOOKS, `${name}.ipynb`)));
      const output = (e: Expectation) => outputOf(cells[findCell(cells, e, name)]);
      describe(name, () => {
        for (const e of entries) {
          const label = `${e.exact ? "the cell" : "the cell with"} ${JSON.stringify(e.marker)}${e.after ? ` after ${JSON.stringify(e.after)}` : ""}`;
          if (e.text !== undefined) {
            it(`${label} prints ${JSON.stringify(e.text.split("\n")[0])}`, () => {
              expect(output(e)).toContain(e.text!);
            });
          }
          if (e.keys !== undefined) {
            it(`${label} lists the keys ${e.keys.slice(0, 3).join(", ")}${e.keys.length > 3 ? ", ..." : ""}`, () => {
              expect([...output(e).matchAll(/'([^']*)'/g)].map((m) => m[1])).toEqual(e.keys);
            });
          }
          if (e.near_zero !== undefined) {
            it(`${label} prints a residue below 1e-6 (PyTorch's: ${e.near_zero}) with ${e.grad_fn}`, () => {
              const printed = output(e);
              const m = /^tensor\(([-+0-9.e]+), (grad_fn=<\w+>)\)$/m.exec(printed);
              expect(m, printed).not.toBeNull();
              expect(Math.abs(Number(m![1]))).toBeLessThan(1e-6);
              expect(Math.abs(e.near_zero!)).toBeLessThan(1e-6);
              expect(m![2]).toBe(e.grad_fn);
            });
          }
          if (e.values !== undefined) {
            it(`${label} prints PyTorch's ${e.values.length} numbers, but on rounding boundaries`, () => {
              const printed = output(e).trim();
              const ours = printedNumbers(printed);
              const theirs = printedNumbers(e.printed!);
              expect(ours).toHaveLength(e.values!.length);
              expect(theirs).toHaveLength(e.values!.length);
              const off = ours.map((s, i) => [s, theirs[i], e.values![i]] as const).filter(([a, b, v]) => !sameOrBoundary(a, b, v));
              expect(off).toEqual([]);
              // the layout is PyTorch's: same lines, same widths
              expect(printed.split("\n").map((l) => l.length)).toEqual(e.printed!.split("\n").map((l) => l.length));
              if (e.grad_fn !== undefined) expect(printed).toContain(e.grad_fn);
            });
          }
        }

        it("every cell that prints a module or a tensor is compared with PyTorch's text", () => {
          const covered = new Set(entries.filter((e) => e.text !== undefined || e.near_zero !== undefined || e.values !== undefined).map((e) => findCell(cells, e, name)));
          const unchecked = cells
            .map((c, i) => ({ i, src: sourceOf(c), out: outputOf(c) }))
            .filter(({ i, out }) => (printsModule(out) || printsTensor(out)) && !covered.has(i))
            .map(({ src }) => src.split("\n").slice(-1)[0]);
          expect(unchecked).toEqual([]);
        });
      });
    }
  });
  return expected;
}
