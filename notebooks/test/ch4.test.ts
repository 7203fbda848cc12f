/**
 * The executed chapter-4 notebooks (4.1-4.6): what they print is checked
 * against PyTorch (ch4.json, written by gen_ch4.py on PyTorch 1.13.1) and
 * against the book's claims: accuracies in range, losses falling, the
 * over-fitting run's test loss above its training loss, weight decay shrinking
 * ‖w‖. These read the committed outputs; `run_notebooks.py` rewrites them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { executedCell, executedCells } from "./helpers";

interface Expected {
  marker: string;
  text: string;
  values?: number[];
}
interface Poly {
  weight: number[];
  train: number;
  test: number;
}
interface Decay {
  train: number;
  test: number;
  norm: number;
}
const ch4 = JSON.parse(readFileSync(join(__dirname, "ch4.json"), "utf8")) as {
  cells: Record<string, Expected[]>;
  runs: {
    "4.3-model-selection": Record<"normal" | "underfit" | "overfit", Poly>;
    /** per fold: [train rmse, valid rmse] in grams */
    "4.3-kfold": Record<"flipper" | "every", [number, number][]>;
    "4.4-weight-decay": Record<"scratch0" | "scratch3" | "concise0" | "concise3", Decay>;
    /** d2l's train_ch3 in PyTorch, same seeds: the per-epoch curves */
    fashion: Record<"4.1-scratch" | "4.1-concise" | "4.5-scratch" | "4.5-concise", { train_loss: number[]; train_acc: number[]; test_acc: number[] }>;
  };
};

const out = (name: string, marker: string): string => executedCell(name, marker).text;
const numbers = (s: string): number[] => (s.match(/-?\d+(\.\d+)?(e[+-]?\d+)?/g) ?? []).map(Number);
/** |a - b| within rel·|b| (plus abs, for values near 0). */
const near = (a: number, b: number, rel: number, abs = 0) => Math.abs(a - b) <= rel * Math.abs(b) + abs;

/** d2l.trainCh3's summary line: `train loss 0.447, train acc 0.847, test acc 0.832`. */
function summaries(name: string): { trainLoss: number; trainAcc: number; testAcc: number }[] {
  const all = executedCells(name).map((c) => c.text).join("");
  return [...all.matchAll(/train loss (\d\.\d+), train acc (\d\.\d+), test acc (\d\.\d+)/g)].map((m) => ({ trainLoss: +m[1], trainAcc: +m[2], testAcc: +m[3] }));
}

/**
 * The curves of a d2l.Animator figure, read back from its SVG: each series is a
 * Vega line path (`layer_<k>_marks`) in a plot area of height H (its group's
 * background `M0,0h<W>v<H>`), on a linear y axis with the given limits, so a
 * point at pixel y has the value ylim[1] - y / H * (ylim[1] - ylim[0]).
 */
function curves(svg: string, ylim: [number, number]): number[][] {
  const series: number[][] = [];
  for (const m of svg.matchAll(/layer_(\d+)_pathgroup[\s\S]*?d="M0,0h[\d.]+v([\d.]+)h[\s\S]*?layer_\1_marks[^>]*><path d="([^"]+)"/g)) {
    const height = +m[2];
    const ys = [...m[3].matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((p) => +p[1]);
    series[+m[1]] = ys.map((y) => ylim[1] - (y / height) * (ylim[1] - ylim[0]));
  }
  return series;
}

/** The trainCh3 runs of a notebook: each one's curves (train loss, train acc, test acc per epoch) and printed summary. */
function ch3Runs(name: string) {
  const cells = executedCells(name).filter((c) => c.source.includes("await d2l.trainCh3("));
  return cells.map((c) => {
    const m = c.text.match(/train loss (\d\.\d+), train acc (\d\.\d+), test acc (\d\.\d+)/);
    if (!m) throw new Error(`${name}: a trainCh3 cell printed no summary`);
    const [trainLoss, trainAcc, testAcc] = curves(c.svg, [0.3, 0.9]);
    return { summary: { trainLoss: +m[1], trainAcc: +m[2], testAcc: +m[3] }, trainLoss, trainAcc, testAcc };
  });
}

/**
 * A run's curves against PyTorch's with the same seeds (gen_ch4.py): the data order, the
 * initial weights and the dropout masks are PyTorch's, so the curves differ only by float32
 * rounding carried through 2350 SGD steps.
 */
function checkAgainstPyTorch(run: ReturnType<typeof ch3Runs>[number], key: keyof typeof ch4.runs.fashion, tol: number): void {
  const want = ch4.runs.fashion[key];
  for (const [got, expected, what] of [[run.trainLoss, want.train_loss, "train loss"], [run.trainAcc, want.train_acc, "train acc"], [run.testAcc, want.test_acc, "test acc"]] as const) {
    got.forEach((v, e) => expect(Math.abs(v - expected[e]), `${key} ${what} epoch ${e + 1}: ${v} vs PyTorch ${expected[e]}`).toBeLessThan(tol));
  }
}

/** The checks on a Fashion-MNIST run: 10 epochs drawn, the loss falling, the drawn end equal to the printed one. */
function checkCh3Run(run: ReturnType<typeof ch3Runs>[number], minTestAcc: number): void {
  const { summary, trainLoss, trainAcc, testAcc } = run;
  for (const curve of [trainLoss, trainAcc, testAcc]) expect(curve).toHaveLength(10);
  // the drawn curves end at the printed numbers (printed to 3 decimals)
  expect(Math.abs(trainLoss[9] - summary.trainLoss)).toBeLessThan(6e-4);
  expect(Math.abs(trainAcc[9] - summary.trainAcc)).toBeLessThan(6e-4);
  expect(Math.abs(testAcc[9] - summary.testAcc)).toBeLessThan(6e-4);
  // the training loss falls over the epochs: at most one epoch's small rise, and well down overall
  const rises = trainLoss.slice(1).filter((l, i) => l > trainLoss[i]);
  expect(rises.length, `train loss per epoch: ${trainLoss.map((l) => l.toFixed(4)).join(", ")}`).toBeLessThanOrEqual(1);
  expect(trainLoss[9]).toBeLessThan(trainLoss[0] * 0.75);
  expect(trainAcc[9]).toBeGreaterThan(trainAcc[0]);
  expect(summary.testAcc).toBeGreaterThanOrEqual(minTestAcc);
  expect(summary.testAcc).toBeLessThanOrEqual(1);
  expect(summary.trainLoss).toBeLessThan(0.5);
}

describe("chapter 4 notebooks print PyTorch's modules and seeded tensors", () => {
  for (const [name, cells] of Object.entries(ch4.cells)) {
    for (const c of cells) {
      it(`${name}: ${c.marker}`, () => {
        expect(out(name, c.marker)).toContain(c.text);
      });
    }
  }
});

describe("4.2 activations", () => {
  it("draws each function and its autograd gradient; the gradients equal the formulas", () => {
    const cells = executedCells("4.2-activations");
    for (const label of ["relu(x)", "grad of relu", "sigmoid(x)", "grad of sigmoid", "tanh(x)", "grad of tanh"]) {
      expect(cells.some((c) => c.svg.includes(`>${label}<`)), label).toBe(true);
    }
    expect(out("4.2-activations", "sig.mul(sig.neg().add(1))")).toMatch(/\[ true, 0\.25 \]/);
    expect(out("4.2-activations", "th.pow(2).neg().add(1)")).toMatch(/\[ true, 1 \]/);
  });
});

describe("4.3 model selection", () => {
  const runs = ch4.runs["4.3-model-selection"];
  const finals = () =>
    [...executedCells("4.3-model-selection").map((c) => c.text).join("").matchAll(/final train loss (\S+), test loss (\S+)/g)].map((m) => [+m[1], +m[2]] as [number, number]);

  it("the three fits end as the book says: a good fit, underfitting, overfitting (test above train)", () => {
    const [normal, underfit, overfit] = finals();
    expect(normal[0]).toBeLessThan(0.02);
    expect(normal[1]).toBeLessThan(0.05);
    expect(underfit[0]).toBeGreaterThan(1);
    expect(overfit[1]).toBeGreaterThan(overfit[0]);
  });

  it("each fit ends where PyTorch's does with the same seeds (the book's code replayed in gen_ch4.py)", () => {
    const got = finals();
    (["normal", "underfit", "overfit"] as const).forEach((k, i) => {
      expect(near(got[i][0], runs[k].train, 0.01), `${k} train ${got[i][0]} vs ${runs[k].train}`).toBe(true);
      expect(near(got[i][1], runs[k].test, 0.01), `${k} test ${got[i][1]} vs ${runs[k].test}`).toBe(true);
    });
    const weights = executedCells("4.3-model-selection")
      .filter((c) => c.source.includes("await train("))
      .map((c) => numbers(c.text.slice(c.text.indexOf("weight:"), c.text.indexOf("final train loss"))));
    (["normal", "underfit", "overfit"] as const).forEach((k, i) => {
      expect(weights[i]).toHaveLength(runs[k].weight.length);
      weights[i].forEach((w, j) => expect(near(w, runs[k].weight[j], 1e-3, 1e-3), `${k} w[${j}] ${w} vs ${runs[k].weight[j]}`).toBe(true));
    });
  });

  it("the loss curves are drawn on a log axis", () => {
    const svgs = executedCells("4.3-model-selection").filter((c) => c.source.includes("await train(")).map((c) => c.svg);
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      expect(svg).toContain("<svg");
      expect(svg).toContain(">test<");
      expect(svg).toMatch(/>10⁻[¹²³]</); // power-of-ten ticks, as matplotlib's log axis
    }
  });

  it("K-fold: five folds for each model, the model with every feature validates better", () => {
    const flipper = out("4.3-model-selection", "const flipper = await kFoldRun");
    const every = out("4.3-model-selection", "const every = await kFoldRun");
    for (const text of [flipper, every]) expect(text.match(/^fold \d, train rmse [\d.]+ g, valid rmse [\d.]+ g$/gm)).toHaveLength(5);
    const mean = (text: string) => numbers(text.match(/mean valid rmse ([\d.]+) g/)![1])[0];
    expect(mean(every)).toBeLessThan(mean(flipper));
    expect(mean(every)).toBeLessThan(400); // the masses' standard deviation is about 800 g
    expect(out("4.3-model-selection", "choose:")).toContain("choose: every feature");
  });

  it("K-fold: every fold's errors are PyTorch's and pandas' (the same CSV, seeds, folds, Adam and shuffles in gen_ch4.py)", () => {
    for (const [marker, key] of [["const flipper = await kFoldRun", "flipper"], ["const every = await kFoldRun", "every"]] as const) {
      const folds = [...out("4.3-model-selection", marker).matchAll(/^fold \d, train rmse ([\d.]+) g, valid rmse ([\d.]+) g$/gm)].map((m) => [+m[1], +m[2]]);
      folds.forEach(([train, valid], i) => {
        const [wantTrain, wantValid] = ch4.runs["4.3-kfold"][key][i];
        expect(near(train, wantTrain, 1e-3, 0.05), `${key} fold ${i + 1} train ${train} vs ${wantTrain}`).toBe(true);
        expect(near(valid, wantValid, 1e-3, 0.05), `${key} fold ${i + 1} valid ${valid} vs ${wantValid}`).toBe(true);
      });
    }
  });
});

describe("4.4 weight decay", () => {
  const runs = ch4.runs["4.4-weight-decay"];
  const norm = (marker: string) => Number(out("4.4-weight-decay", marker).match(/L2 norm of w: (\S+)/)![1]);
  const losses = (marker: string) => numbers(out("4.4-weight-decay", marker).match(/train loss (\S+), test loss (\S+)/)!.slice(1).join(" "));

  it("‖w‖ is smaller with decay than without, by hand and with weightDecay", () => {
    expect(norm("const normScratch3")).toBeLessThan(norm("const normScratch0") / 10);
    expect(norm("const normConcise3")).toBeLessThan(norm("const normConcise0") / 10);
    expect(losses("const normScratch3")[1]).toBeLessThan(losses("const normScratch0")[1]);
  });

  it("every run ends where PyTorch's does with the same seeds", () => {
    const cases = [["const normScratch0", "scratch0"], ["const normScratch3", "scratch3"], ["const normConcise0", "concise0"], ["const normConcise3", "concise3"]] as const;
    for (const [marker, key] of cases) {
      expect(near(norm(marker), runs[key].norm, 1e-3), `${key} norm`).toBe(true);
      const [train, test] = losses(marker);
      expect(near(train, runs[key].train, 0.05, 1e-9), `${key} train ${train} vs ${runs[key].train}`).toBe(true);
      expect(near(test, runs[key].test, 1e-3), `${key} test ${test} vs ${runs[key].test}`).toBe(true);
    }
  });
});

describe("4.6 numerical stability", () => {
  it("the product of 100 matrices is PyTorch's (to float32 rounding) and has exploded", () => {
    const want = ch4.cells["4.6-numerical-stability"].find((c) => c.values)!.values!;
    const text = out("4.6-numerical-stability", "let M = torch.normal(0, 1, [4, 4])");
    const got = numbers(text.slice(text.indexOf("after multiplying")));
    expect(got).toHaveLength(16 + 1); // the "100" of the caption, then 16 entries
    got.slice(1).forEach((v, i) => expect(near(v, want[i], 1e-4)).toBe(true));
    for (const v of got.slice(1)) expect(Math.abs(v)).toBeGreaterThan(1e20);
  });

  it("the sigmoid's gradient is at most 0.25 and vanishes at ±8", () => {
    expect(out("4.6-numerical-stability", "largest gradient")).toContain("largest gradient 0.2500; at x = ±8: 3.352e-4");
    expect(executedCell("4.6-numerical-stability", "const y = torch.sigmoid(x)").svg).toContain(">gradient<");
  });

  it("Xavier keeps the variance through 10 layers, N(0, 1) explodes it and N(0, 0.01²) makes it vanish", () => {
    const text = out("4.6-numerical-stability", "function variances(");
    const row = (name: string) => numbers(text.split("\n").find((l) => l.startsWith(name))!.slice(name.length + 1));
    const [big, small, xu, xn] = ["N(0, 1)", "N(0, 0.01²)", "Xavier uniform", "Xavier normal"].map(row);
    expect(big.slice(-2).every((v) => v > 1e20)).toBe(true);
    expect(small.slice(-2).every((v) => v < 1e-10)).toBe(true);
    for (const v of [...xu.slice(-2), ...xn.slice(-2)]) expect(v > 0.5 && v < 2).toBe(true);
  });
});

describe("4.1 MLP", () => {
  it("the perceptron separates AND and cannot fit XOR", () => {
    const text = out("4.1-mlp", "function perceptron(");
    expect(text).toMatch(/AND: separated after \d+ epochs/);
    expect(text).toContain("XOR: still misclassifying after 100 epochs");
  });

  it("from scratch and concise: 10 epochs on Fashion-MNIST, the loss falling, test accuracy >= 0.82", () => {
    const runs = ch3Runs("4.1-mlp");
    expect(runs).toHaveLength(2);
    for (const run of runs) checkCh3Run(run, 0.82);
  });

  it("both follow PyTorch's training with the same seeds, epoch by epoch", () => {
    const [scratch, concise] = ch3Runs("4.1-mlp");
    checkAgainstPyTorch(scratch, "4.1-scratch", 0.005);
    checkAgainstPyTorch(concise, "4.1-concise", 0.005);
  });

  it("predictCh3 shows the first test images with their true and predicted labels", () => {
    const cell = executedCell("4.1-mlp", "await d2l.predictCh3(net, testIter)");
    expect(cell.svg + cell.text).toMatch(/ankle boot/);
  });
});

describe("4.5 dropout", () => {
  it("from scratch and concise: 10 epochs on Fashion-MNIST, the loss falling, test accuracy >= 0.8", () => {
    const runs = ch3Runs("4.5-dropout");
    expect(runs).toHaveLength(2);
    for (const run of runs) checkCh3Run(run, 0.8);
  });

  it("both end near PyTorch's training with the same seeds", () => {
    // Same data order, weights and dropout masks: the first ~40 minibatch losses equal PyTorch's
    // to 6 digits, then learning rate 0.5 amplifies float32 rounding (matmul summation order), so
    // the curves part; the end points stay close.
    const runs = ch3Runs("4.5-dropout");
    (["4.5-scratch", "4.5-concise"] as const).forEach((key, i) => {
      const want = ch4.runs.fashion[key];
      const { summary } = runs[i];
      expect(Math.abs(summary.trainAcc - want.train_acc[9]), `${key} train acc ${summary.trainAcc} vs ${want.train_acc[9]}`).toBeLessThan(0.015);
      expect(Math.abs(summary.testAcc - want.test_acc[9]), `${key} test acc ${summary.testAcc} vs ${want.test_acc[9]}`).toBeLessThan(0.02);
    });
  });
});
