/**
 * Gradients, forward values and grad_fn names against PyTorch 1.13.1
 * (fixtures/gen_grads.py): one case on random inputs for every op of the op
 * table, plus edge cases that pin PyTorch's conventions (relu'(0), clamp at its
 * bounds, ties in max/min/maximum, prod and cumprod with zeros, norms at zero).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./index";
import { type JsonTensor, decodeTensor as decode, mismatch, opTable } from "./testing";

interface Case {
  name: string;
  op: string;
  note: string;
  inputs: JsonTensor[];
  output: JsonTensor;
  grad_fn: string;
  grad_output: JsonTensor;
  grads: (JsonTensor | null)[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/grads.json"), "utf8")) as { torch: string; cases: Case[] };

/** Elementwise closeness with NaN and ±∞ matching exactly; the message names the first bad element. */
function expectClose(label: string, got: Tensor, want: JsonTensor, rtol = 1e-9, atol = 1e-12): void {
  const bad = mismatch(label, got, want, rtol, atol);
  if (bad !== null) expect.fail(bad);
}

/**
 * Ops whose grad_fn torchts names differently from PyTorch 1.13.1 (op -> torchts's
 * name, with the reason on the line above). The gradients are right. The test fails if
 * a listed name changes, so fixing one means deleting its entry here.
 */
const KNOWN_NAME_GAPS: Record<string, string> = {};

describe("gradients match PyTorch 1.13.1", () => {
  const ops = new Map(opTable.map((o) => [o.name, o]));

  it("covers every op of the op table, and only those", () => {
    // Debian's 1.13.1 build reports its version as "1.13.0a0"
    expect(fixture.torch.startsWith("1.13")).toBe(true);
    const fixtureOps = new Set(fixture.cases.map((c) => c.op));
    expect([...ops.keys()].filter((n) => !fixtureOps.has(n))).toEqual([]);
    expect([...fixtureOps].filter((n) => !ops.has(n))).toEqual([]);
  });

  for (const c of fixture.cases) {
    it(`${c.name}: ${c.note}`, () => {
      const op = ops.get(c.op)!;
      const inputs = c.inputs.map((x) => decode(x).requiresGrad_());
      const out = op.fn(...inputs);
      // float32 round trips are compared at float32 precision
      const tol: [number, number] = c.op === "to_float32" ? [1e-6, 1e-6] : [1e-9, 1e-12];
      expectClose("output", out, c.output, ...tol);
      const name = out.gradFn?.name;
      if (c.op in KNOWN_NAME_GAPS) {
        expect(name, "a known name gap now matches PyTorch: remove it from KNOWN_NAME_GAPS").not.toBe(c.grad_fn);
        expect(name).toBe(KNOWN_NAME_GAPS[c.op]);
      } else expect(name, "grad_fn").toBe(c.grad_fn);
      out.backward(decode(c.grad_output));
      c.grads.forEach((want, i) => {
        const got = inputs[i].grad;
        if (want === null) expect(got, `input ${i} receives no gradient in PyTorch`).toBeNull();
        else {
          expect(got, `input ${i}: gradient`).not.toBeNull();
          expectClose(`input ${i} gradient`, got!, want, ...tol);
        }
      });
    });
  }
});
