/**
 * The misuses TypeScript's types catch before anything runs (checked by the
 * package's typecheck: an unused @ts-expect-error fails it), and what plain
 * JavaScript callers get at run time for the same calls.
 */
import { describe, expect, it } from "vitest";
import { TorchError } from "@torchts/tensor";
import { DataFrame, readCsv, toTensor } from "./index";

const csv = "a,b\n1,x\n2,y\n";

describe("types reject what the boundary rejects", () => {
  it("misspelt keys, wrong kinds and missing arguments", () => {
    const df = new DataFrame({ a: [1, 2], b: ["x", "y"] });
    // @ts-expect-error pandas' snake_case keyword is spelt indexCol here
    expect(() => readCsv(csv, { index_col: 0 })).toThrow(TorchError);
    // @ts-expect-error nrows is a number
    expect(() => readCsv(csv, { nrows: "2" })).toThrow(TorchError);
    // @ts-expect-error a source is required
    expect(() => readCsv()).toThrow(TorchError);
    // @ts-expect-error describe's include takes "all" or dtype selectors
    expect(() => df.describe({ include: "bogus" })).toThrow(TorchError);
    // @ts-expect-error axis is 0, 1, "index" or "columns"
    expect(() => df.drop("a", { axis: 2 })).toThrow(TorchError);
    // @ts-expect-error numericOnly is camelCase
    expect(() => df.mean({ numeric_only: true })).toThrow(TorchError);
    // @ts-expect-error toTensor needs a DataFrame or a Series
    expect(() => toTensor(undefined)).toThrow(TorchError);
    // @ts-expect-error iloc takes positions, slice strings or masks
    expect(() => df.iloc({})).toThrow(TorchError);
  });
});
