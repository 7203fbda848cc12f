/**
 * The executed notebooks of sections 2 (linear regression) and 3 (softmax
 * regression) show what the book shows: printed modules and the worked
 * examples equal PyTorch's text (gen_ch2_3.py records it), the state-dict keys
 * are PyTorch's, the learned w and b are within 0.05 of the truth and the
 * closed-form solution is PyTorch's, training losses fall epoch by epoch, and
 * softmax regression reaches the book's accuracy on Fashion-MNIST. These read
 * the committed outputs (`run_notebooks.py` rewrites them), so a notebook that
 * runs but shows wrong numbers fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeCells, readNotebook, streamText, type CodeCell } from "./helpers";

interface Expected {
  marker: string;
  text?: string;
  keys?: string[];
  closed_form?: number[];
}
const expected = JSON.parse(readFileSync(join(__dirname, "ch2_3.json"), "utf8")) as Record<string, Expected[]>;

const joined = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const notebooks = new Map<string, CodeCell[]>();
function cells(name: string): CodeCell[] {
  if (!notebooks.has(name)) notebooks.set(name, codeCells(readNotebook(join(__dirname, "..", `${name}.ipynb`))));
  return notebooks.get(name)!;
}
/** The first code cell whose source contains `marker`. */
function cell(name: string, marker: string): CodeCell {
  const c = cells(name).find((x) => joined(x.source).includes(marker));
  if (!c) throw new Error(`${name}: no cell contains ${JSON.stringify(marker)}`);
  return c;
}
/** Everything a cell printed: its stdout and its text results. */
function text(name: string, marker: string): string {
  const c = cell(name, marker);
  return streamText(c) + c.outputs.map((o) => joined(o.data?.["text/plain"] as string | string[] | undefined)).join("");
}
/** The rich outputs of a cell of one MIME type (display_data and updated displays alike). */
function rich(name: string, marker: string, mime: string): string[] {
  return cell(name, marker)
    .outputs.map((o) => joined(o.data?.[mime] as string | string[] | undefined))
    .filter((s) => s.length > 0);
}
/** The quoted strings of a printed array, `[ '0.weight', '0.bias' ]` → ["0.weight", "0.bias"]. */
const quoted = (s: string) => [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]);
const numbers = (s: string) => (s.match(/-?\d+\.\d+(e-?\d+)?/g) ?? []).map(Number);

function expectDecreasing(values: number[], strict: boolean): void {
  expect(values.length).toBeGreaterThan(1);
  for (let i = 1; i < values.length; i++) {
    if (strict) expect(values[i], `epoch ${i + 1} after ${values[i - 1]}`).toBeLessThan(values[i - 1]);
    else expect(values[i], `epoch ${i + 1} after ${values[i - 1]}`).toBeLessThanOrEqual(values[i - 1]);
  }
  expect(values[values.length - 1]).toBeLessThan(values[0]);
}

describe.each(Object.keys(expected))("%s prints PyTorch's text", (name) => {
  for (const e of expected[name]) {
    it(e.marker, () => {
      const out = text(name, e.marker);
      if (e.text !== undefined) expect(out).toContain(e.text);
      if (e.keys) expect(quoted(out).map((k) => k.split(" ")[0])).toEqual(e.keys);
      if (e.closed_form) {
        const got = numbers(out);
        expect(got).toHaveLength(e.closed_form.length);
        got.forEach((v, i) => expect(Math.abs(v - e.closed_form![i])).toBeLessThan(2e-4));
      }
    });
  }
});

describe("2 linear regression", () => {
  const nb = "2-linear-regression";
  it("the scatter plot is drawn", () => {
    expect(rich(nb, "await show(scatter(", "image/svg+xml")[0]).toContain("<svg");
  });

  it("inv and solve agree on the closed-form solution", () => {
    const m = text(nb, "torch.linalg.solve(XtX").match(/max \|inv - solve\| = (\S+)/);
    expect(Number(m![1])).toBeLessThan(1e-4);
  });

  it("the loss falls epoch by epoch, from scratch and with nn", () => {
    const losses = (marker: string) => [...text(nb, marker).matchAll(/epoch (\d+), loss (\S+)/g)].map((m) => Number(m[2]));
    const scratch = losses("l.sum().backward();");
    const concise = losses("for (const [X, y] of dataLoader)");
    expect(scratch).toHaveLength(3);
    expect(concise).toHaveLength(3);
    // the squared loss (½ included) at the noise floor σ²/2 = 5e-5; MSELoss (no ½) at σ² = 1e-4
    expectDecreasing(scratch, false);
    expectDecreasing(concise, false);
    expect(scratch[2]).toBeLessThan(1e-4);
    expect(concise[2]).toBeLessThan(2e-4);
  });

  it("every estimate of w and b is within 0.05 of [2, -3.4] and 4.2", () => {
    const table = text(nb, 'console.log(`${"".padEnd(20)}');
    const rows = new Map(
      table
        .split("\n")
        .map((line) => line.match(/^(\S.*?)\s{2,}(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)$/))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => [m[1].trim(), [Number(m[2]), Number(m[3]), Number(m[4])]]),
    );
    expect([...rows.keys()]).toEqual(["true", "closed form (inv)", "closed form (solve)", "SGD from scratch", "SGD with nn"]);
    expect(rows.get("true")).toEqual([2, -3.4, 4.2]);
    for (const [name, [w1, w2, b]] of rows) {
      expect(Math.abs(w1 - 2), name).toBeLessThan(0.05);
      expect(Math.abs(w2 + 3.4), name).toBeLessThan(0.05);
      expect(Math.abs(b - 4.2), name).toBeLessThan(0.05);
    }
    // the errors the book prints, for both trainings
    for (const marker of ["error in estimating w: ${trueW.sub(w.reshape", "error in estimating w: ${trueW.sub(wNet"]) {
      const errs = numbers(text(nb, marker));
      expect(errs).toHaveLength(3);
      for (const e of errs) expect(Math.abs(e)).toBeLessThan(0.05);
    }
  });
});

describe("3 softmax regression", () => {
  const nb = "3-softmax-regression";
  it("autograd's gradient of the cross-entropy is softmax(o) - y", () => {
    const m = text(nb, "F.crossEntropy(o, labels").match(/= (\S+)/);
    expect(Number(m![1])).toBeLessThan(1e-6);
  });

  it("Fashion-MNIST batches have the book's shapes, and the images are shown", () => {
    expect(text(nb, "d2l.loadDataFashionMnist(batchSize)")).toContain("torch.Size([256, 1, 28, 28]) torch.float32 torch.Size([256]) torch.int64");
    expect(rich(nb, "d2l.showImages(X18", "image/svg+xml").join("")).toContain("<svg");
  });

  it("the untrained model guesses about one in ten", () => {
    const acc = numbers(text(nb, "d2l.evaluateAccuracy(netScratch, testIter)"))[0];
    expect(acc).toBeGreaterThan(0.02);
    expect(acc).toBeLessThan(0.3);
  });

  it("from scratch: the training loss falls every epoch and the test accuracy ends at 0.80 or more", () => {
    const rows = [...text(nb, "for (const h of history)").matchAll(/epoch +(\d+): train loss (\S+), train acc (\S+), test acc (\S+)/g)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expectDecreasing(
      rows.map((r) => r[1]),
      true,
    );
    const [, loss, trainAcc, testAcc] = rows[9];
    expect(loss).toBeLessThan(0.5);
    expect(trainAcc).toBeGreaterThan(0.8);
    expect(testAcc).toBeGreaterThanOrEqual(0.8);
    expect(testAcc).toBeLessThanOrEqual(1);
  });

  it("with nn: d2l.trainCh3 reports a test accuracy of 0.80 or more", () => {
    const m = text(nb, "await d2l.trainCh3(net").match(/train loss (\S+), train acc (\S+), test acc (\S+)/);
    expect(m).not.toBeNull();
    const [loss, trainAcc, testAcc] = m!.slice(1).map(Number);
    expect(loss).toBeLessThan(0.5);
    expect(trainAcc).toBeGreaterThan(0.8);
    expect(testAcc).toBeGreaterThanOrEqual(0.8);
    expect(testAcc).toBeLessThanOrEqual(1);
    expect(text(nb, "await d2l.trainCh3(net")).toMatch(/\d+(\.\d+)? examples\/sec/);
  });

  it("each training run leaves its final curves, and each prediction grid its images", () => {
    for (const marker of ["await trainCh3(netScratch", "await d2l.trainCh3(net"]) {
      const svg = rich(nb, marker, "image/svg+xml");
      expect(svg, marker).toHaveLength(1); // one figure per run, redrawn in place
      for (const label of ["train loss", "train acc", "test acc"]) expect(svg[0]).toContain(label);
    }
    for (const marker of ["await d2l.predictCh3(netScratch", "await d2l.predictCh3(net, testIter)"]) {
      expect(rich(nb, marker, "image/svg+xml").join(""), marker).toContain("<svg");
    }
  });
});
