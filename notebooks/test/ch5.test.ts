/**
 * Chapter 5 (optimisation): the executed notebooks' trajectories and training losses. Reads the
 * committed outputs (`pnpm notebooks` rewrites them): every trajectory must end nearer its minimum
 * than it started (or farther, for the runs the book shows diverging), and every trainCh11 /
 * trainConciseCh11 run must end below where it started.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NOTEBOOKS, codeCells, readNotebook, type CodeCell } from "./helpers";

const NAMES = ["5.1-optimization-basics", "5.2-gradient-descent", "5.3-sgd", "5.4-minibatch-sgd", "5.5-momentum", "5.6-adam"];

function text(cell: CodeCell): string {
  return cell.outputs.map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")) + String(o.data?.["text/plain"] ?? "")).join("");
}
const cellsOf = (name: string) => codeCells(readNotebook(join(NOTEBOOKS, `${name}.ipynb`)));
const allText = (name: string) => cellsOf(name).map(text).join("");
/** The output of the first cell whose source contains `marker`. */
function out(name: string, marker: string): string {
  const c = cellsOf(name).find((x) => (Array.isArray(x.source) ? x.source.join("") : x.source).includes(marker));
  if (!c) throw new Error(`${name}: no cell contains ${JSON.stringify(marker)}`);
  return text(c);
}
const svgCount = (name: string) => cellsOf(name).flatMap((c) => c.outputs).filter((o) => o.data?.["image/svg+xml"] !== undefined).length;

const point = (s: string) => s.split(",").map(Number);
const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));

interface Trajectory {
  name: string;
  start: number[];
  end: number[];
  minimum: number[];
}
function trajectories(name: string): Trajectory[] {
  const re = /trajectory (.+?): start \(([^)]*)\), end \(([^)]*)\), minimum \(([^)]*)\)/g;
  return [...allText(name).matchAll(re)].map((m) => ({ name: m[1], start: point(m[2]), end: point(m[3]), minimum: point(m[4]) }));
}

/** The runs the book shows diverging or climbing to a maximum (the point of those examples). */
const DIVERGING = new Set(["gd eta=1.1 on x^2", "newton eta=1 on x*cos(cx)", "gd eta=0.6"]);

describe("chapter 5 notebooks", () => {
  it("every notebook ran and drew its figures", () => {
    for (const name of NAMES) {
      const cells = cellsOf(name);
      expect(cells.every((c) => c.execution_count !== null), name).toBe(true);
      expect(svgCount(name), name).toBeGreaterThan(0);
    }
  });

  it("every trajectory ends nearer the minimum than it started (the book's diverging runs farther)", () => {
    const all = NAMES.flatMap((n) => trajectories(n).map((t) => ({ ...t, notebook: n })));
    expect(all.length).toBe(16);
    const seen = new Set(all.map((t) => t.name));
    for (const d of DIVERGING) expect(seen.has(d), d).toBe(true);
    for (const t of all) {
      for (const v of [...t.start, ...t.end, ...t.minimum]) expect(Number.isFinite(v), `${t.notebook}: ${t.name}`).toBe(true);
      const [d0, d1] = [dist(t.start, t.minimum), dist(t.end, t.minimum)];
      if (DIVERGING.has(t.name)) expect(d1, `${t.notebook}: ${t.name}`).toBeGreaterThan(d0);
      else expect(d1, `${t.notebook}: ${t.name}`).toBeLessThan(d0);
    }
  });

  it("the trajectories the book prints come out the same", () => {
    expect(out("5.2-gradient-descent", "let results = gd(0.2, fGrad)")).toContain("epoch 10, x: 0.060466");
    expect(out("5.2-gradient-descent", "results = gd(0.05, fGrad)")).toContain("epoch 10, x: 3.486784");
    expect(out("5.2-gradient-descent", "results = gd(1.1, fGrad)")).toContain("epoch 10, x: 61.917364");
    expect(out("5.2-gradient-descent", "results = gd(2, fGrad)")).toContain("epoch 10, x: -1.528166");
    expect(out("5.2-gradient-descent", "const results2d")).toContain("epoch 20, x1: -0.057646, x2: -0.000073");
    expect(out("5.5-momentum", 'report("gd eta=0.4"')).toContain("epoch 20, x1: -0.943467, x2: -0.000073");
    expect(out("5.5-momentum", 'report("gd eta=0.6"')).toContain("epoch 20, x1: -0.387814, x2: -1673.365109");
    expect(out("5.5-momentum", 'report("momentum eta=0.6 beta=0.5"')).toContain("epoch 20, x1: 0.007188, x2: 0.002553");
    expect(out("5.5-momentum", 'report("momentum eta=0.6 beta=0.25"')).toContain("epoch 20, x1: -0.126340, x2: -0.186632");
  });

  it("every trainCh11 / trainConciseCh11 run's loss decreases, from about 0.5 (w = 0) towards the least-squares 0.241", () => {
    const runs: { name: string; losses: number[]; notebook: string }[] = [];
    for (const name of ["5.4-minibatch-sgd", "5.5-momentum", "5.6-adam"]) {
      for (const m of allText(name).matchAll(/^losses (.+?): ([\d. ]+)$/gm)) runs.push({ notebook: name, name: m[1], losses: m[2].trim().split(" ").map(Number) });
    }
    expect(runs.length).toBe(12);
    for (const r of runs) {
      const label = `${r.notebook}: ${r.name}`;
      expect(r.losses.length, label).toBeGreaterThanOrEqual(4);
      // with w ≈ 0 the loss is half the variance of the standardised target: 0.5
      expect(r.losses[0], label).toBeLessThan(0.5);
      expect(r.losses[r.losses.length - 1], label).toBeLessThan(r.losses[0]);
      // no run goes below the least-squares optimum of the table (0.2411)
      expect(Math.min(...r.losses), label).toBeGreaterThan(0.2411);
    }
    // d2l's summary line after each run
    expect(allText("5.4-minibatch-sgd").match(/^loss: \d\.\d{3}, \d\.\d{3} sec\/epoch$/gm)?.length).toBe(5);
  });

  it("5.1: the minima, the saddle's Hessian and the convexity checks", () => {
    expect(out("5.1-optimization-basics", "const localMin = bisect")).toContain("local minimum x = -0.2739");
    expect(out("5.1-optimization-basics", "const localMin = bisect")).toContain("global minimum on [-1, 2] x = 1.0904");
    expect(out("5.1-optimization-basics", "const saddle")).toContain("[ 0., -2.]]");
    expect(out("5.1-optimization-basics", "chordAbove(fc")).toContain("0.5x²: true, cos(πx): false, exp(0.5x): true");
    expect(out("5.1-optimization-basics", "minSecondDerivative(fn)")).toContain("1.0000, -9.8696, 0.0920");
  });

  it("5.4: the diabetes table is standardised and gradient descent's bound is printed", () => {
    expect(out("5.4-minibatch-sgd", "d2l.loadDiabetesTable();\n  console.log")).toMatch(/table: torch\.Size\(\[442, 11\]\).*column stds 1\.0000\.\.1\.0000/);
    expect(out("5.4-minibatch-sgd", "lambdaMax")).toContain("largest eigenvalue 4.024, so eta < 0.497");
  });
});
