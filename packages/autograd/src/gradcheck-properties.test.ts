/**
 * Property tests: gradcheck over random broadcast-compatible shape pairs for
 * the binary ops, and over random dims/keepdim for the reductions. Each run
 * draws its shapes and op with fast-check and its values with the op table's
 * seeded generator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./index";
import { type Domain, makeInput, rng } from "./testing";

const binaryOps: [string, (a: Tensor, b: Tensor) => Tensor, Domain, Domain][] = [
  ["add", (a, b) => a.add(b), "any", "any"],
  ["sub", (a, b) => a.sub(b, { alpha: 0.5 }), "any", "any"],
  ["mul", (a, b) => a.mul(b), "any", "any"],
  ["div", (a, b) => a.div(b), "any", "nonzero"],
  ["pow", (a, b) => a.pow(b), "positive", "any"],
  ["maximum", (a, b) => torch.maximum(a, b), "any", "any"],
  ["minimum", (a, b) => torch.minimum(a, b), "any", "any"],
  ["where", (a, b) => torch.where(a.gt(b), a.exp(), b), "any", "any"],
];

/** A shape of rank ≤ 3 and a second shape that broadcasts with it (dims dropped from the front or set to 1). */
const shapePair = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 })
  .chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.integer({ min: 0, max: a.length }),
      fc.array(fc.boolean(), { minLength: a.length, maxLength: a.length }),
      fc.boolean(),
    ),
  )
  .map(([a, drop, ones, swap]) => {
    const b = a.slice(drop).map((s, i) => (ones[i + drop] ? 1 : s));
    return swap ? [b, a] : [a, b];
  });

describe("gradcheck properties", () => {
  it("binary ops under random broadcasting", () => {
    fc.assert(
      fc.property(shapePair, fc.integer({ min: 0, max: binaryOps.length - 1 }), fc.integer(), ([sa, sb], k, seed) => {
        const [, fn, da, db] = binaryOps[k];
        const next = rng(seed);
        const a = makeInput({ shape: sa, domain: da }, next);
        const b = makeInput({ shape: sb, domain: db }, next);
        const out = fn(a, b);
        expect([...out.shape]).toEqual(torch.broadcastShapes("test", sa, sb));
        return torch.gradcheck(fn, [a, b]);
      }),
      { numRuns: 60 },
    );
  });

  it("reductions over random dims, with and without keepdim", () => {
    const reductions: [string, (x: Tensor, dim: number[], keepdim: boolean) => Tensor, Domain][] = [
      ["sum", (x, dim, keepdim) => x.sum({ dim, keepdim }), "any"],
      ["mean", (x, dim, keepdim) => x.mean({ dim, keepdim }), "any"],
      ["prod", (x, dim, keepdim) => (dim.length === 1 ? x.prod(dim[0], { keepdim }) : x.prod()), "nonzero"],
      ["amax", (x, dim, keepdim) => x.amax({ dim, keepdim }), "any"],
      ["amin", (x, dim, keepdim) => x.amin({ dim, keepdim }), "any"],
      ["var", (x, dim, keepdim) => x.var({ dim, keepdim, correction: 0 }), "any"],
      ["std", (x, dim, keepdim) => x.std({ dim, keepdim }), "any"],
      ["logsumexp", (x, dim, keepdim) => x.logsumexp({ dim, keepdim }), "any"],
      ["norm", (x, dim, keepdim) => x.norm({ p: 3, dim, keepdim }), "nonzero"],
      ["max(dim)", (x, dim, keepdim) => x.max(dim[0], { keepdim }).values, "any"],
    ];
    const shapeAndDims = fc
      .array(fc.integer({ min: 2, max: 3 }), { minLength: 1, maxLength: 3 })
      .chain((shape) => fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, i) => i), { minLength: 1 })));
    fc.assert(
      fc.property(shapeAndDims, fc.boolean(), fc.integer({ min: 0, max: reductions.length - 1 }), fc.integer(), ([shape, dims], keepdim, k, seed) => {
        const [, fn, domain] = reductions[k];
        const x = makeInput({ shape, domain }, rng(seed));
        return torch.gradcheck((t) => fn(t, dims, keepdim), [x]);
      }),
      { numRuns: 60 },
    );
  });
});
