import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { pairSeries, toSeriesList } from "./data";
import { PlotError } from "./errors";

/** A stand-in for a tensor: only tolist() matters to plot. */
const fakeTensor = (list: unknown) => ({ tolist: () => list, shape: [] });

describe("toSeriesList", () => {
  test("a 1-D array is one series", () => {
    expect(toSeriesList([1, 2, 3], "X")).toEqual([[1, 2, 3]]);
  });
  test("a 2-D array gives one series per row", () => {
    expect(toSeriesList([[1, 2], [3, 4]], "Y")).toEqual([[1, 2], [3, 4]]);
  });
  test("typed arrays, booleans, bigints and tensors", () => {
    expect(toSeriesList(new Float32Array([0.5, 1.5]), "X")).toEqual([[0.5, 1.5]]);
    expect(toSeriesList([true, false], "X")).toEqual([[1, 0]]);
    expect(toSeriesList(new BigInt64Array([3n, 4n]), "X")).toEqual([[3, 4]]);
    expect(toSeriesList(fakeTensor([[1, 2], [3, 4]]), "Y")).toEqual([[1, 2], [3, 4]]);
    expect(toSeriesList([fakeTensor([1, 2]), new Float64Array([3, 4]), [5, 6]], "Y")).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
  test("an empty array is one empty series", () => {
    expect(toSeriesList([], "X")).toEqual([[]]);
  });
  test("rejects scalars, 3-D input and mixtures, naming the argument", () => {
    expect(() => toSeriesList(3, "plot: X")).toThrow(new PlotError("plot: X must be a 1-D or 2-D array, typed array or tensor; got a number"));
    expect(() => toSeriesList(fakeTensor(2.5), "plot: X")).toThrow(/got a number/);
    expect(() => toSeriesList([[[1]]], "plot: Y")).toThrow(new PlotError("plot: Y[0] must be 1-D, but plot: Y[0][0] is an array of length 1"));
    expect(() => toSeriesList([1, [2]], "plot: Y")).toThrow(/mixes numbers and arrays/);
    expect(() => toSeriesList(["a"], "plot: Y")).toThrow(/plot: Y\[0\] must be 1-D|must be a 1-D/);
  });
  test("a 2-D array round-trips row by row", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
        expect(toSeriesList(rows, "Y")).toEqual(rows);
        expect(toSeriesList(fakeTensor(rows), "Y")).toEqual(rows);
      }),
    );
  });
});

describe("pairSeries (d2l's X/Y rules)", () => {
  test("with no Y, X holds the y values and x counts from 0", () => {
    expect(pairSeries([5, 6, 7], undefined)).toEqual([{ x: [0, 1, 2], y: [5, 6, 7] }]);
    expect(pairSeries([[1, 2], [3]], undefined)).toEqual([{ x: [0, 1], y: [1, 2] }, { x: [0], y: [3] }]);
  });
  test("one X is shared by every Y series", () => {
    expect(pairSeries([0, 1], [[1, 2], [3, 4]])).toEqual([
      { x: [0, 1], y: [1, 2] },
      { x: [0, 1], y: [3, 4] },
    ]);
  });
  test("one X per Y series", () => {
    expect(pairSeries([[0, 1], [2, 3]], [[1, 2], [3, 4]])).toEqual([
      { x: [0, 1], y: [1, 2] },
      { x: [2, 3], y: [3, 4] },
    ]);
  });
  test("mismatches name the series and the lengths", () => {
    expect(() => pairSeries([[0, 1], [2, 3]], [[1, 2], [3, 4], [5, 6]])).toThrow(
      new PlotError("plot: X has 2 series but Y has 3; give one X for all Y series or one per Y series"),
    );
    expect(() => pairSeries([0, 1, 2], [[1, 2, 3], [4, 5]], "scatter")).toThrow(new PlotError("scatter: series 1 has 3 x values but 2 y values"));
  });
});
