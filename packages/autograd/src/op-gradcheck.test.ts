/**
 * Float64 gradcheck of every op in the op table, on every sample (broadcasting,
 * keepdim reductions, 0-d and non-contiguous inputs), plus a coverage check:
 * together the samples must run every primitive's derivative rule. Then the
 * same at second order (gradients of gradients), on each op's first sample.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Node, Tensor } from "./index";
import { checkGradients, opTable, sampleInputs, sampleLabel } from "./testing";

/** The primitives (node ops) in the graph that produced t. */
function primsIn(t: Tensor, into: Set<string>): void {
  const seen = new Set<Node>();
  const stack: Node[] = t.gradFn ? [t.gradFn] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    into.add(n.op);
    for (const e of n.next) if (e !== null) stack.push(e);
  }
}

describe("gradcheck over the op table", () => {
  const exercised = new Set<string>();
  for (const op of opTable) {
    op.samples.forEach((sample, k) => {
      it(`${op.name} ${sampleLabel(sample)}`, () => {
        for (const [i, x] of sampleInputs(op, k).entries()) {
          if (sample[i].layout !== undefined) expect(x.isContiguous(), `${op.name}: input ${i} should be a non-contiguous view`).toBe(false);
        }
        const out = checkGradients(op, k);
        expect(out.requiresGrad).toBe(true);
        primsIn(out, exercised);
      });
    });
  }

  it("the samples run every primitive's derivative rule", () => {
    // floorDivide has no derivative in PyTorch 1.13 (its backward raises; rounding-division.test.ts checks that)
    const NO_DERIVATIVE = new Set(["floorDivide"]);
    const missing = Object.keys(torch.derivatives).filter((p) => !exercised.has(p) && !NO_DERIVATIVE.has(p));
    expect(missing).toEqual([]);
  });
});

/** Ops whose rule has no second derivative yet: svdvals' rule treats U and Vh as constants, so it refuses createGraph. */
const FIRST_ORDER_ONLY = new Set(["linalg_svdvals", "linalg_svdvals_batched", "linalg_norm_nuc", "linalg_norm_2", "linalg_norm_neg2", "norm_nuc_dims"]);

describe("second-order gradcheck over the op table (the rules are differentiable again)", () => {
  for (const op of opTable) {
    if (FIRST_ORDER_ONLY.has(op.name)) {
      it(`${op.name} refuses a second derivative with a clear error`, () => {
        const [a] = sampleInputs(op, 0);
        const y = op.fn(a).sum();
        expect(() => torch.grad(y, [a], { createGraph: true })).toThrow(/^linalg.svdvals: a second derivative \(createGraph: true\) through svdvals is not implemented/);
      });
    } else it(op.name, () => void checkGradients(op, 0, 2));
  }
});

describe("gradcheck itself", () => {
  const x = () => torch.tensor([0.3, -1.2, 2.0], { dtype: torch.float64, requiresGrad: true });

  it("reports the worst element of a wrong rule", () => {
    // a hook scales the gradient of |x| by [1, 2, 3]: elements 1 and 2 are wrong, element 2 the most
    const bad = (t: Tensor) => {
      const y = t.abs();
      if (y.requiresGrad) y.registerHook((g) => g.mul(torch.tensor([1, 2, 3], { dtype: torch.float64 })));
      return y;
    };
    expect(() => torch.gradcheck(bad, [x()])).toThrow(/output element 2 with respect to input 0, element 2: numerical 1\.0000\d*, analytical 3 /);
    expect(torch.gradcheck(bad, [x()], { raiseException: false })).toBe(false);
  });

  it("is not fooled by a larger error that is within tolerance elsewhere", () => {
    // element 0: |1000.9 − 1000| = 0.9 ≤ atol + rtol·1000; element 1: |1.01 − 1| = 0.01 is not within atol + rtol·1
    const scaled = (t: Tensor) => {
      const y = t.mul(torch.tensor([1000, 1], { dtype: torch.float64 }));
      if (y.requiresGrad) y.registerHook((g) => g.mul(torch.tensor([1.0009, 1.01], { dtype: torch.float64 })));
      return y;
    };
    const t = torch.tensor([0.5, 0.5], { dtype: torch.float64, requiresGrad: true });
    expect(() => torch.gradcheck(scaled, [t])).toThrow(/output element 1 with respect to input 0, element 1/);
  });

  it("needs an input that requires grad, and float64 for those that do", () => {
    expect(() => torch.gradcheck((t) => t.mul(2), [torch.tensor([1.5], { dtype: torch.float64 })])).toThrow(/at least one input tensor to require gradient/);
    expect(() => torch.gradcheck((t) => t.mul(2), [torch.tensor([1.5], { requiresGrad: true })])).toThrow(/input 0 must be float64/);
  });

  it("takes a single tensor as well as an array", () => {
    expect(torch.gradcheck((t) => t.pow(3).sum(), x())).toBe(true);
  });

  it("accepts non-contiguous inputs and non-differentiable extra inputs", () => {
    const m = torch.fromTypedArray(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]).requiresGrad_();
    const idx = torch.tensor([2, 0], { dtype: torch.int64 });
    expect(torch.gradcheck((a, i) => a.indexSelect(0, i).exp(), [m.t(), idx])).toBe(true);
  });
});
