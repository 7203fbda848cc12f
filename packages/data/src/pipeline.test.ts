/** The notes' section 1.2 end to end: readCsv → iloc → fillna(mean) → getDummies(dummyNa) → toTensor. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { float64, int64 } from "@torchts/tensor";
import { DTypeError, DataFrame, type ReadCsvOptions, Series, getDummies, readCsv, toTensor } from "./index";
import { CSV_DIR, type FrameFixture, type SeriesFixture, decode, expectFrame, expectSeries, loadJson } from "../test/fixtures";

interface TensorFixture {
  dtype: string;
  shape: number[];
  values: (number | { $: "nan" })[];
}
interface PipelineFixture {
  data: FrameFixture;
  inputs: FrameFixture;
  outputs: SeriesFixture;
  means: SeriesFixture;
  filled: FrameFixture;
  dummies: FrameFixture;
  X: TensorFixture;
  y: TensorFixture;
}

const ops = loadJson<Record<string, PipelineFixture>>("ops.json");

const runs: [string, string, ReadCsvOptions][] = [
  ["pipeline", "house_tiny.csv", {}],
  ["pipeline_spaces", "house_tiny_spaces.csv", {}],
  ["pipeline_skipinitialspace", "house_tiny_spaces.csv", { skipinitialspace: true }],
];

describe("the notes' preprocessing pipeline equals pandas + torch", () => {
  for (const [key, file, opts] of runs) {
    it(key, () => {
      const fx = ops[key];
      const data = readCsv(path.join(CSV_DIR, file), opts);
      expectFrame(data, fx.data, "data");
      const inputs = data.iloc(":", "0:2");
      const outputs = data.iloc(":", 2);
      expectFrame(inputs, fx.inputs, "inputs");
      expectSeries(outputs, fx.outputs, "outputs");
      const means = inputs.mean({ numericOnly: true });
      expectSeries(means, fx.means, "means");
      const filled = inputs.fillna(means);
      expectFrame(filled, fx.filled, "filled");
      const dummies = getDummies(filled, { dummyNa: true });
      expectFrame(dummies, fx.dummies, "dummies");
      const X = toTensor(dummies);
      const y = toTensor(outputs);
      expect(X.dtype.name).toBe(fx.X.dtype);
      expect(X.shape).toEqual(fx.X.shape);
      expect((X.tolist() as number[][]).flat()).toEqual(fx.X.values.map(decode));
      expect(y.dtype.name).toBe(fx.y.dtype);
      expect(y.tolist()).toEqual(fx.y.values.map(decode));
    });
  }

  it("house_tiny without spaces gives the issue's numbers", () => {
    const data = readCsv(path.join(CSV_DIR, "house_tiny.csv"));
    const inputs = data.iloc(":", "0:2");
    const X = getDummies(inputs.fillna(inputs.mean({ numericOnly: true })), { dummyNa: true });
    expect(X.get("NumRooms").tolist()).toEqual([3, 2, 4, 3]);
    expect(X.get("Alley_Pave").tolist()).toEqual([1, 0, 0, 0]);
    expect(X.get("Alley_nan").tolist()).toEqual([0, 1, 1, 1]);
    const t = toTensor(X);
    expect(t.dtype).toBe(float64);
    expect(t.tolist()).toEqual([[3, 1, 0], [2, 0, 1], [4, 0, 1], [3, 0, 1]]);
    expect(toTensor(data.iloc(":", 2)).dtype).toBe(int64);
  });

  it("mean() without numericOnly raises pandas 2's error naming the object column", () => {
    const inputs = readCsv(path.join(CSV_DIR, "house_tiny.csv")).iloc(":", "0:2");
    expect(() => inputs.mean()).toThrowError(/column 'Alley' with dtype object/);
    expect(() => inputs.mean()).toThrowError(DTypeError);
  });

  it("toTensor of a frame that still has an object column names it", () => {
    const data = readCsv(path.join(CSV_DIR, "house_tiny.csv"));
    expect(() => toTensor(data)).toThrowError(/column 'Alley' has dtype object/);
    expect(() => toTensor(data.get("Alley"))).toThrowError(/'Alley'/);
  });

  it("operations return new frames and leave the input untouched", () => {
    const data = readCsv(path.join(CSV_DIR, "house_tiny.csv"));
    const before = data.toString();
    const inputs = data.iloc(":", "0:2");
    inputs.fillna(0);
    getDummies(inputs, { dummyNa: true });
    data.dropna();
    data.astype({ Price: "float64" });
    expect(data.toString()).toBe(before);
    expect(inputs.get("NumRooms").isna().tolist()).toEqual([true, false, false, true]);
    inputs.fillna(0, { inplace: true });
    expect(inputs.get("NumRooms").tolist()).toEqual([0, 2, 4, 0]);
    expect(data.toString()).toBe(before);
  });

  it("toTensor follows numpy's common dtype and honours an explicit dtype", () => {
    const df = new DataFrame({ a: [1, 2], b: new Float32Array([0.5, 1.5]) });
    expect(toTensor(df).dtype.name).toBe("float64");
    expect(toTensor(df.get(["b"])).dtype.name).toBe("float32");
    expect(toTensor(new DataFrame({ a: [true, false] })).dtype.name).toBe("bool");
    expect(toTensor(new DataFrame({ a: [1, 2], b: [true, false] })).dtype.name).toBe("int64");
    expect(toTensor(df, { dtype: float64 }).tolist()).toEqual([[1, 0.5], [2, 1.5]]);
    expect(() => toTensor(new Series([1, null]), { dtype: int64 })).toThrowError(/missing values/);
  });
});
