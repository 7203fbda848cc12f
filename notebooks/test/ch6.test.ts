/**
 * The chapter-6 notebooks (6.1-6.4) print what PyTorch 1.13 prints for the d2l
 * book's snippets with the same seeds: the modules, the seeded tensors, the
 * state-dict keys. gen_ch6.py records PyTorch's text in ch6.json; this reads the
 * committed, executed notebooks (`pnpm notebooks` rewrites them). Every cell
 * that prints a module or a tensor must be covered by an expectation, so a new
 * cell cannot slip through unchecked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CodeCell, NOTEBOOKS, codeCells, readNotebook } from "./helpers";

interface Expectation {
  marker: string;
  after?: string;
  exact?: boolean;
  text?: string;
  keys?: string[];
  /** PyTorch's value of a rounding residue: the printed one must be as small (below 1e-6), with `grad_fn`. */
  near_zero?: number;
  grad_fn?: string;
  /** PyTorch's values (row-major) of a tensor printed on a rounding boundary, and its text. */
  values?: number[];
  printed?: string;
}

const expected = JSON.parse(readFileSync(join(__dirname, "ch6.json"), "utf8")) as Record<string, Expectation[]>;
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const sourceOf = (c: CodeCell) => joined(c.source);
const outputOf = (c: CodeCell) => c.outputs.map((o) => joined(o.text) + joined(o.data?.["text/plain"] as string | string[] | undefined)).join("");

/** The index of the cell an expectation is about (see gen_ch6.py for the rules). */
function find(cells: CodeCell[], e: Expectation, name: string): number {
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
const printsModule = (text: string) => /^[A-Z]\w*\((\n|\))/m.test(text);
const printsTensor = (text: string) => /tensor\(|Parameter containing/.test(text);

const notebooks = Object.keys(expected);

describe("chapter 6 notebooks print PyTorch's text", () => {
  for (const name of notebooks) {
    const cells = codeCells(readNotebook(join(NOTEBOOKS, `${name}.ipynb`)));

    describe(name, () => {
      for (const e of expected[name]) {
        const label = `${e.exact ? "the cell" : "the cell with"} ${JSON.stringify(e.marker)}${e.after ? ` after ${JSON.stringify(e.after)}` : ""}`;
        if (e.text !== undefined) {
          it(`${label} prints ${JSON.stringify(e.text.split("\n")[0])}`, () => {
            expect(outputOf(cells[find(cells, e, name)])).toContain(e.text!);
          });
        }
        if (e.keys !== undefined) {
          it(`${label} lists the keys ${e.keys.slice(0, 3).join(", ")}${e.keys.length > 3 ? ", ..." : ""}`, () => {
            const printed = [...outputOf(cells[find(cells, e, name)]).matchAll(/'([^']*)'/g)].map((m) => m[1]);
            expect(printed).toEqual(e.keys);
          });
        }
      }

      for (const e of expected[name].filter((x) => x.near_zero !== undefined)) {
        it(`the cell with ${JSON.stringify(e.marker)} prints a residue below 1e-6 (PyTorch's: ${e.near_zero}) with ${e.grad_fn}`, () => {
          const printed = outputOf(cells[find(cells, e, name)]);
          const m = /^tensor\(([-+0-9.e]+), (grad_fn=<\w+>)\)$/m.exec(printed);
          expect(m, printed).not.toBeNull();
          expect(Math.abs(Number(m![1]))).toBeLessThan(1e-6);
          expect(Math.abs(e.near_zero!)).toBeLessThan(1e-6);
          expect(m![2]).toBe(e.grad_fn);
        });
      }

      for (const e of expected[name].filter((x) => x.values !== undefined)) {
        it(`the cell with ${JSON.stringify(e.marker)} prints PyTorch's ${e.values!.length} values to the printed precision, with ${e.grad_fn}`, () => {
          const printed = outputOf(cells[find(cells, e, name)]);
          const numbers = [...printed.replace(/grad_fn=<\w+>/g, "").matchAll(/-?\d+\.\d*(?:e[-+]\d+)?/g)].map((m) => Number(m[0]));
          expect(numbers).toHaveLength(e.values!.length);
          // 4 decimals print: half a unit of the last digit, plus a few float32 ulps of difference
          numbers.forEach((v, i) => expect(Math.abs(v - e.values![i])).toBeLessThanOrEqual(5e-5 + 1e-7));
          expect(printed).toContain(e.grad_fn!);
          // the layout is PyTorch's: same lines, same widths
          expect(printed.trim().split("\n").map((l) => l.length)).toEqual(e.printed!.split("\n").map((l) => l.length));
        });
      }

      it("every cell that prints a module or a tensor is compared with PyTorch's text", () => {
        const covered = new Set(expected[name].filter((e) => e.text !== undefined || e.near_zero !== undefined || e.values !== undefined).map((e) => find(cells, e, name)));
        const unchecked = cells
          .map((c, i) => ({ i, src: sourceOf(c), out: outputOf(c) }))
          .filter(({ i, out }) => (printsModule(out) || printsTensor(out)) && !covered.has(i))
          .map(({ src }) => src.split("\n").slice(-1)[0]);
        expect(unchecked).toEqual([]);
      });
    });
  }

  it("covers the four notebooks", () => {
    expect(notebooks).toEqual(["6.1-layers-and-blocks", "6.2-parameters", "6.3-custom-layers", "6.4-file-io"]);
  });
});
