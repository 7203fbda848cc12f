/**
 * The chapter-6 notebooks (6.1-6.4) print what PyTorch 1.13 prints for the d2l
 * book's snippets with the same seeds: the modules, the seeded tensors, the
 * state-dict keys. gen_ch6.py records PyTorch's text in ch6.json; this reads the
 * committed, executed notebooks (`pnpm notebooks` rewrites them). Every cell
 * that prints a module or a tensor must be covered by an expectation, so a new
 * cell cannot slip through unchecked.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describePyTorchText, lastPlace, printedNumbers, sameOrBoundary } from "./pytorch-text";

const expected = describePyTorchText("chapter 6 notebooks print PyTorch's text", join(__dirname, "ch6.json"));

describe("chapter 6 expectations", () => {
  it("cover the four notebooks, each with a printed module", () => {
    expect(Object.keys(expected)).toEqual(["6.1-layers-and-blocks", "6.2-parameters", "6.3-custom-layers", "6.4-file-io"]);
    for (const entries of Object.values(expected)) expect(entries.some((e) => /^[A-Z]\w*\(/m.test(e.text ?? ""))).toBe(true);
  });

  it("only two cells are compared other than as text: the mean residue (6.3) and one boundary value (6.4)", () => {
    const inexact = Object.entries(expected).flatMap(([name, entries]) => entries.filter((e) => e.text === undefined && e.keys === undefined).map((e) => `${name}: ${e.marker}`));
    expect(inexact).toEqual(["6.3-custom-layers: Y.mean()", "6.4-file-io: const Y = net(X);"]);
  });
});

describe("comparing printed numbers on rounding boundaries", () => {
  it("reads the last printed place and the numbers of a tensor", () => {
    expect(lastPlace("0.0923")).toBeCloseTo(1e-4, 12);
    expect(lastPlace("-1.0445e+02")).toBeCloseTo(1e-2, 12);
    expect(lastPlace("2.")).toBe(1);
    expect(printedNumbers("tensor([[ 0.0630, -1.0445e+02],\n        [2., 3.]], grad_fn=<AddmmBackward0>)")).toEqual(["0.0630", "-1.0445e+02", "2.", "3."]);
  });

  it("accepts a one-unit difference only when PyTorch's exact value sits at the midpoint", () => {
    expect(sameOrBoundary("0.0923", "0.0923", 0.0923)).toBe(true);
    expect(sameOrBoundary("0.0924", "0.0923", 0.09234997630119324)).toBe(true); // 6.4's value
    expect(sameOrBoundary("0.0924", "0.0923", 0.09233)).toBe(false); // not on the boundary
    expect(sameOrBoundary("0.0925", "0.0923", 0.0924)).toBe(false); // two units apart
    expect(sameOrBoundary("-0.0924", "0.0923", 0.0)).toBe(false);
  });
});
