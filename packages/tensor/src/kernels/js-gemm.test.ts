import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { gemmJs } from "./js-gemm";
import { compareGemm, gemmCases, makeProblem, runGemm } from "./gemm-reference.testing";

const gemmCase = gemmCases(fc);

describe("gemmJs (packed, register-tiled)", () => {
  test("float64 matches the naive product for random shapes, trans flags, leading dims and offsets", () => {
    fc.assert(
      fc.property(gemmCase, (t) => {
        const p = makeProblem(t, Float64Array);
        runGemm(gemmJs, t, p);
        expect(compareGemm(t, p, 1e-12)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
  test("float32 matches within float32 tolerance", () => {
    fc.assert(
      fc.property(gemmCase, (t) => {
        const p = makeProblem(t, Float32Array);
        runGemm(gemmJs, t, p);
        expect(compareGemm(t, p, 1e-5)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
  test("K = 0 writes zeros; M = 0 or N = 0 writes nothing", () => {
    const C = new Float32Array(6).fill(3);
    gemmJs(false, false, 2, 3, 0, new Float32Array(0), 0, 0, new Float32Array(0), 0, 3, C, 0, 3);
    expect(Array.from(C)).toEqual([0, 0, 0, 0, 0, 0]);
    const D = new Float32Array(2).fill(3);
    gemmJs(false, false, 0, 2, 4, new Float32Array(0), 0, 4, new Float32Array(8), 0, 2, D, 0, 2);
    expect(Array.from(D)).toEqual([3, 3]);
  });
  test("blocks larger than KC and MC accumulate across blocks", () => {
    const t = { transA: true, transB: false, M: 200, N: 40, K: 600, aOff: 1, bOff: 2, cOff: 3, padA: 1, padB: 0, padC: 2, seed: 9 };
    const p = makeProblem(t, Float64Array);
    runGemm(gemmJs, t, p);
    expect(compareGemm(t, p, 1e-12)).toBeNull();
  });
});
