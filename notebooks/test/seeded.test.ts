/**
 * The chapter-1 notebooks' seeded cells print exactly what PyTorch 1.13 prints
 * for the same seed and calls (gen_seeded.py records PyTorch's text), and the
 * 1.6 plot's running estimates, recomputed here with the notebook's calls, are
 * PyTorch's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import { Multinomial } from "@torchts/probability";

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { text?: string | string[]; data?: Record<string, string | string[]> }[];
}
interface Seeded {
  marker: string;
  text?: string;
  estimates_rows?: Record<string, number[]>;
}
const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const seeded = JSON.parse(readFileSync(join(__dirname, "seeded.json"), "utf8")) as Record<string, Seeded[]>;

function output(name: string, marker: string): string {
  const nb = JSON.parse(readFileSync(join(__dirname, "..", `${name}.ipynb`), "utf8")) as { cells: Cell[] };
  const cell = nb.cells.find((c) => c.cell_type === "code" && joined(c.source).includes(marker));
  if (!cell) throw new Error(`${name}: no cell contains ${JSON.stringify(marker)}`);
  return (cell.outputs ?? []).map((o) => joined(o.text) + joined(o.data?.["text/plain"])).join("");
}

describe("seeded notebook cells print PyTorch's text", () => {
  for (const [name, cells] of Object.entries(seeded)) {
    for (const c of cells.filter((x) => x.text !== undefined)) {
      it(`${name}: ${c.marker}`, () => {
        expect(output(name, c.marker)).toContain(c.text!);
      });
    }
  }

  it("1.6: the running estimates behind the plot are PyTorch's", () => {
    const rows = seeded["1.6-probability"].find((c) => c.estimates_rows)!.estimates_rows!;
    // the notebook's calls, in its order, after torch.manualSeed(0)
    torch.manualSeed(0);
    const fairProbs = torch.ones([6]).div(6);
    new Multinomial(1, fairProbs).sample();
    new Multinomial(10, fairProbs).sample();
    new Multinomial(1000, fairProbs).sample();
    const counts = new Multinomial(10, fairProbs).sample([500]);
    const cumCounts = counts.cumsum(0);
    const estimates = cumCounts.div(cumCounts.sum({ dim: 1, keepdim: true }));
    for (const [i, want] of Object.entries(rows)) expect(estimates.get(Number(i)).tolist()).toEqual(want);
  });
});
