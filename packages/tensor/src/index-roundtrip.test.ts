/**
 * One index expression means the same thing for reading and writing: `X.set(...idx, v)`
 * writes exactly the elements `X.get(...idx)` reads, for every index form (integers,
 * slices as strings and as objects, None, the ellipsis, integer lists, index tensors,
 * boolean masks and boolean lists), so `X.set(...idx, X.get(...idx))` changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Index } from "./index-spec";

type Form = "int" | "sliceStr" | "sliceObj" | "none" | "ellipsis" | "list" | "longTensor" | "mask" | "boolList";
const BASIC: Form[] = ["int", "sliceStr", "sliceObj", "none"];
const ADVANCED: Form[] = ["list", "longTensor", "mask", "boolList"];

/** A random valid index for `shape`: basic items, at most one ellipsis, at most one advanced item. */
function indexArb(shape: number[]): fc.Arbitrary<Index[]> {
  const item = (size: number, form: Form, seed: number[]): Index | Index[] => {
    const r = (k: number) => seed[k % seed.length];
    switch (form) {
      case "int":
        return (r(0) % (2 * size)) - size; // in [-size, size)
      case "sliceStr":
        return `${(r(0) % (size + 3)) - 2}:${(r(1) % (size + 3)) - 1}:${1 + (r(2) % 3)}`;
      case "sliceObj":
        return torch.slice(r(0) % 2 ? null : r(1) % (size + 1), r(2) % 2 ? null : r(3) % (size + 1), 1 + (r(4) % 2));
      case "none":
        return [null, (r(0) % (2 * size)) - size]; // None, then the dim's own item
      case "list":
        return [seed.slice(0, 1 + (r(0) % 3)).map((v) => (v % (2 * size)) - size)];
      case "longTensor":
        return torch.tensor(seed.slice(0, 1 + (r(0) % 3)).map((v) => v % size), { dtype: torch.int64 });
      case "mask":
        return torch.tensor(Array.from({ length: size }, (_, i) => r(i) % 2 === 0), { dtype: torch.bool });
      case "boolList":
        return [Array.from({ length: size }, (_, i) => r(i + 1) % 2 === 0)];
      default:
        return "...";
    }
  };
  return fc
    .tuple(
      fc.array(fc.constantFrom(...BASIC), { minLength: shape.length, maxLength: shape.length }),
      fc.option(fc.nat({ max: shape.length - 1 })), // the dim an advanced item indexes
      fc.constantFrom(...ADVANCED),
      fc.option(fc.nat({ max: shape.length })), // where an ellipsis stands in for the dims from there on
      fc.array(fc.nat({ max: 1000 }), { minLength: 6, maxLength: 6 }),
      fc.nat({ max: shape.length }), // how many trailing dims to leave unindexed
    )
    .map(([forms, advDim, advForm, ellipsisAt, seed, leave]) => {
      const out: Index[] = [];
      const stop = ellipsisAt ?? shape.length - leave;
      for (let d = 0; d < stop; d++) {
        const it = item(shape[d], advDim === d ? advForm : forms[d], seed.map((v) => v + d * 7));
        if (Array.isArray(it) && forms[d] === "none" && advDim !== d) out.push(...(it as Index[]));
        else if (Array.isArray(it) && it.length === 1 && Array.isArray(it[0])) out.push(it[0] as Index);
        else out.push(it as Index);
      }
      if (ellipsisAt !== null) out.push("...");
      return out;
    });
}

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
const caseArb = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), indexArb(shape)));
const iota = (shape: number[]) => torch.arange(shape.reduce((p, s) => p * s, 1), { dtype: torch.float32 }).reshape(shape);

describe("get and set agree on every index form", () => {
  it("X.set(...idx, X.get(...idx)) is a no-op", () => {
    fc.assert(
      fc.property(caseArb, ([shape, idx]) => {
        const X = iota(shape);
        const before = X.clone();
        X.set(...idx, X.get(...idx));
        expect(X.tolist()).toEqual(before.tolist());
      }),
      { numRuns: 400 },
    );
  });

  it("X.set(...idx, v) writes exactly the elements X.get(...idx) reads", () => {
    fc.assert(
      fc.property(caseArb, ([shape, idx]) => {
        const X = iota(shape);
        const read = X.get(...idx).clone();
        X.set(...idx, -1);
        // every element read now holds -1, and every element not read is unchanged
        expect(X.get(...idx).tolist()).toEqual(read.mul(0).sub(1).tolist());
        const changed = X.eq(-1).sum().item();
        expect(changed).toBe(new Set(read.reshape(-1).tolist() as number[]).size);
      }),
      { numRuns: 400 },
    );
  });

  it("a list means the same rows in get and set (the old trap: set([1, 2]) wrote X[1, 2])", () => {
    const X = iota([3, 3]);
    expect(X.get([1, 2]).shape).toEqual([2, 3]);
    X.set([1, 2], 99);
    expect(X.tolist()).toEqual([[0, 1, 2], [99, 99, 99], [99, 99, 99]]);
    X.set(0, 2, -5); // X[0, 2] = -5
    expect(X.get(0, 2).item()).toBe(-5);
    X.set("0:2, 0", 7); // X[0:2, 0] = 7
    expect(X.get(":", 0).tolist()).toEqual([7, 7, 99]);
    X.set(8); // X[()] = 8
    expect(X.tolist()).toEqual([[8, 8, 8], [8, 8, 8], [8, 8, 8]]);
  });

  it("set checks its value", () => {
    const X = iota([2, 2]);
    expect(() => X.set(0, "3" as never)).toThrow(/^set\(\): argument 'value' \(position 1\) must be Tensor, number or boolean .*not string/);
    expect(() => (X.set as (...a: unknown[]) => unknown)()).toThrow(/^set\(\): missing the value/);
  });
});
