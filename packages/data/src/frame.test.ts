import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { float32 } from "@torchts/tensor";
import { DataFrame, Index, RangeIndex, Series, concat, getDummies, readCsv } from "./index";

describe("DataFrame construction", () => {
  it("from columns infers pandas dtypes and keeps typed arrays' types", () => {
    const df = new DataFrame({ i: [1, 2, 3], f: [1, 2.5, null], s: ["a", null, "c"], b: [true, false, true], t: new Float32Array([1, 2, 3]) });
    expect(df.dtypes.tolist()).toEqual(["int64", "float64", "object", "bool", "float32"]);
    expect(df.shape).toEqual([3, 5]);
    expect(df.get("f").tolist()).toEqual([1, 2.5, NaN]);
    expect(df.index).toBeInstanceOf(RangeIndex);
  });

  it("from records takes the union of keys; a missing key is NaN", () => {
    const df = DataFrame.fromRecords([{ a: 1 }, { a: 2, b: "x" }]);
    expect(df.columns.tolist()).toEqual(["a", "b"]);
    expect(df.dtypes.tolist()).toEqual(["int64", "object"]);
    expect(df.get("b").isna().tolist()).toEqual([true, false]);
    expect(df.toRecords()[1]).toEqual({ a: 2, b: "x" });
  });

  it("from rows with column names, from a Map, with an index and dtypes", () => {
    const rows = new DataFrame([[1, "x"], [2, "y"]], { columns: ["n", "s"], index: ["r1", "r2"] });
    expect(rows.values).toEqual([[1, "x"], [2, "y"]]);
    expect(rows.index.tolist()).toEqual(["r1", "r2"]);
    const m = DataFrame.fromColumns(new Map<string | number, number[]>([[0, [1, 2]], ["k", [3, 4]]]), { dtype: "float64" });
    expect(m.columns.tolist()).toEqual([0, "k"]);
    expect(m.dtypes.tolist()).toEqual(["float64", "float64"]);
    expect(new DataFrame({ a: [1, 2] }, { dtype: { a: float32 } }).dtypes.tolist()).toEqual(["float32"]);
  });

  it("rejects columns of different lengths and bad dtypes with clear errors", () => {
    expect(() => new DataFrame({ a: [1, 2], b: [1] })).toThrowError(/column 'b' has 1 values, expected 2/);
    expect(() => new DataFrame({ a: [1] }, { dtype: "complex" as never })).toThrowError(/data type 'complex' not understood/);
    expect(() => new DataFrame({ a: [1] }, { index: [1, 2] })).toThrowError(/length of index \(2\)/);
  });

  it("stores numeric columns in typed arrays, never as row objects", () => {
    const df = readCsv("a,b\n1,2.5\n3,NA\n");
    expect(df.get("a").values).toBeInstanceOf(Float64Array);
    expect(df.get("b").values).toBeInstanceOf(Float64Array);
    expect(new DataFrame({ b: [true] }).get("b").values).toBeInstanceOf(Uint8Array);
  });
});

describe("column access and assignment", () => {
  it("setColumn assigns in place (pandas' df[c] = v); assign and drop return new frames", () => {
    const df = new DataFrame({ a: [1, 2, 3] });
    const copy = df.copy();
    df.setColumn("b", [0.5, 1.5, 2.5]);
    df.setColumn("a", 7);
    expect(df.columns.tolist()).toEqual(["a", "b"]);
    expect(df.get("a").tolist()).toEqual([7, 7, 7]);
    expect(copy.columns.tolist()).toEqual(["a"]);
    const assigned = df.assign({ c: ["x", "y", "z"] });
    expect(assigned.columns.tolist()).toEqual(["a", "b", "c"]);
    expect(df.columns.tolist()).toEqual(["a", "b"]);
    expect(assigned.drop({ columns: "a" }).columns.tolist()).toEqual(["b", "c"]);
    expect(assigned.drop("a", { axis: 1 }).columns.tolist()).toEqual(["b", "c"]);
    expect(assigned.drop({ columns: ["a", "c"] }).columns.tolist()).toEqual(["b"]);
    expect(assigned.drop([0, 2]).index.tolist()).toEqual([1]); // pandas: labels along axis 0 are rows
    expect(assigned.drop({ index: 1, columns: "b" }).toRecords()).toEqual([{ a: 7, c: "x" }, { a: 7, c: "z" }]);
    expect(() => assigned.drop({ columns: ["zz"] })).toThrowError(/\['zz'\] not found in axis/);
    expect(assigned.drop({ columns: ["zz", "a"], errors: "ignore" }).columns.tolist()).toEqual(["b", "c"]);
    expect(() => assigned.drop("zz")).toThrowError(/'zz'/);
    expect(() => df.setColumn("d", [1, 2])).toThrowError(/length of values \(2\) does not match length of index \(3\)/);
  });

  it("a Series is aligned on the row labels", () => {
    const df = new DataFrame({ a: [1, 2, 3] }, { index: ["x", "y", "z"] });
    df.setColumn("s", new Series([10, 30], { index: ["x", "z"] }));
    expect(df.get("s").tolist()).toEqual([10, NaN, 30]);
  });

  it("get with a list selects columns in that order; iloc with a boolean mask", () => {
    const df = new DataFrame({ a: [1, 2, 3], b: ["x", "y", "z"] });
    expect(df.get(["b", "a"]).columns.tolist()).toEqual(["b", "a"]);
    expect(df.iloc([true, false, true]).get("b").tolist()).toEqual(["x", "z"]);
    expect(df.iloc([true, false, true]).index.tolist()).toEqual([0, 2]);
    expect(() => df.iloc([true, false])).toThrowError(/wrong length: 2 instead of 3/);
    expect(df.iloc("1:").index.toString()).toBe("RangeIndex(start=1, stop=3, step=1)");
  });
});

describe("Series", () => {
  it("label and position access, unique, head and tail", () => {
    const s = new Series([3, 1, 3, NaN], { name: "v", index: ["a", "b", "c", "d"] });
    expect(s.get("b")).toBe(1);
    expect(() => s.get("q")).toThrowError(expect.objectContaining({ name: "KeyError" }));
    expect(s.iloc(-1)).toBeNaN();
    expect(s.unique()).toEqual([3, 1, NaN]);
    expect(s.head(2).tolist()).toEqual([3, 1]);
    expect(s.tail(1).index.tolist()).toEqual(["d"]);
    expect(s.dropna().length).toBe(3);
    expect(s.fillna(0).tolist()).toEqual([3, 1, 3, 0]);
    expect(s.count()).toBe(3);
    expect(s.mean()).toBeCloseTo(7 / 3, 15);
  });

  it("fillna with a string turns a float Series into object, as pandas does", () => {
    const s = new Series([1.5, NaN]).fillna("gap");
    expect(s.dtype).toBe("object");
    expect(s.tolist()).toEqual([1.5, "gap"]);
  });

  it("toFrame (defined by frame.ts) keeps index and values, names the column after the Series or 0, like a class method", () => {
    const f = new Series([1.5, NaN], { name: "x", index: ["a", "b"] }).toFrame();
    expect(f.columns.tolist()).toEqual(["x"]);
    expect(f.index.tolist()).toEqual(["a", "b"]);
    expect(f.get("x").tolist()).toEqual([1.5, NaN]);
    expect(new Series(["u"]).toFrame().columns.tolist()).toEqual([0]);
    const own = (name: string) => Object.getOwnPropertyDescriptor(Series.prototype, name);
    expect({ ...own("toFrame"), value: null }).toEqual({ ...own("copy"), value: null });
  });

  it("prints through util.inspect (notebook output)", () => {
    expect(inspect(new Series([1, 2], { name: "n" }))).toBe("0    1\n1    2\nName: n, dtype: int64");
    expect(inspect(new DataFrame({ a: [1] }))).toBe("   a\n0  1");
    expect(inspect(Index.from(["a"]))).toBe("Index(['a'], dtype='object')");
  });
});

describe("getDummies and concat edge cases", () => {
  it("dropFirst, a prefix per column, and numeric columns passing through", () => {
    const df = new DataFrame({ n: [1, 2, 3], c: ["b", "a", "b"], d: ["x", "y", null] });
    const out = getDummies(df, { dropFirst: true, prefix: { c: "C", d: "D" }, dummyNa: true });
    expect(out.columns.tolist()).toEqual(["n", "C_b", "C_nan", "D_y", "D_nan"]);
    expect(out.get("D_nan").tolist()).toEqual([0, 0, 1]);
    expect(() => getDummies(df, { prefix: ["only-one"] })).toThrowError(/length of 'prefix' \(1\)/);
    expect(() => getDummies(df, { columns: ["zz"] })).toThrowError(/'zz'/);
  });

  it("concat along columns needs identical row labels", () => {
    const a = new DataFrame({ x: [1, 2] });
    const b = new DataFrame({ y: [3, 4] }, { index: [5, 6] });
    expect(() => concat([a, b], { axis: 1 })).toThrowError(/different row index/);
    expect(() => concat([])).toThrowError(/No objects to concatenate/);
    const s = concat([new Series([1], { name: "k" }), new Series([2.5], { name: "k" })], { ignoreIndex: true }) as Series;
    expect(s.tolist()).toEqual([1, 2.5]);
    expect(s.name).toBe("k");
  });

  it("statistics options: ddof, unsupported axis", () => {
    const df = new DataFrame({ a: [1, 2, 3, 4] });
    expect(df.std({ ddof: 0 }).tolist()[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(df.var().tolist()[0]).toBeCloseTo(5 / 3, 15);
    expect(() => df.mean({ axis: 1 as never })).toThrowError(/only axis 0/);
    expect(df.sum().dtype).toBe("int64");
    expect(new DataFrame({ b: [true, true, false] }).sum().tolist()).toEqual([2]);
  });
});
