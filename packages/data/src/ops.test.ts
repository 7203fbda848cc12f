/** DataFrame and Series operations against pandas 1.5.3 fixtures (values, dtypes and printed text). */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DataFrame, Series, concat, getDummies, readCsv, toTensor } from "./index";
import { CSV_DIR, type FrameFixture, type SeriesFixture, expectFrame, expectSeries, loadJson } from "../test/fixtures";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture shapes vary by key
const ops = loadJson<Record<string, any>>("ops.json");
const fx = (k: string): FrameFixture => ops[k] as FrameFixture;
const sx = (k: string): SeriesFixture => ops[k] as SeriesFixture;
const penguins = readCsv(path.join(CSV_DIR, "penguins.csv"));
const house = readCsv(path.join(CSV_DIR, "house_tiny.csv"));

describe("statistics", () => {
  for (const op of ["mean", "sum", "min", "max", "std", "count"] as const) {
    it(`${op}({ numericOnly: true }) is bit-identical to pandas`, () => {
      expectSeries(penguins[op]({ numericOnly: true }), ops.penguins_stats[op], op);
    });
  }
  it("count() covers every column; min() of string columns compares them", () => {
    expectSeries(penguins.count(), sx("penguins_count_all"), "count");
    expectSeries(penguins.get(["species", "island"]).min(), sx("penguins_min_strings"), "min");
  });
  it("sum/std of a string column raise naming it, unless numericOnly", () => {
    expect(() => penguins.sum()).toThrowError(/column 'species' with dtype object/);
    expect(() => penguins.get("island").std()).toThrowError(/'island'/);
    expect(penguins.sum({ numericOnly: true }).length).toBe(5);
  });
  it("skipna: false propagates NaN", () => {
    expect(penguins.get("bill_length_mm").mean({ skipna: false })).toBeNaN();
    expect(penguins.get("year").mean({ skipna: false })).toBeCloseTo(2008.02907, 5);
  });
});

describe("describe and valueCounts", () => {
  it("describe() of the numeric columns", () => expectFrame(penguins.describe(), fx("penguins_describe"), "describe"));
  it("describe() of object columns", () => expectFrame(penguins.get(["species", "island", "sex"]).describe(), fx("penguins_describe_object"), "describe"));
  it("Series.describe()", () => expectSeries(penguins.get("body_mass_g").describe(), sx("penguins_describe_series"), "describe"));
  it("describe({ percentiles })", () =>
    expectFrame(penguins.get(["year"]).describe({ percentiles: [0.1, 0.333, 0.9] }), fx("penguins_describe_percentiles"), "describe"));
  it("valueCounts()", () => expectSeries(penguins.get("species").valueCounts(), sx("penguins_value_counts_species"), "vc"));
  it("valueCounts({ dropna: false })", () =>
    expectSeries(penguins.get("sex").valueCounts({ dropna: false }), sx("penguins_value_counts_sex_dropna"), "vc"));
  it("valueCounts({ normalize: true })", () =>
    expectSeries(penguins.get("year").valueCounts({ normalize: true }), sx("penguins_value_counts_year_normalize"), "vc"));
  it("valueCounts of a column with missing values", () =>
    expectSeries(house.get("Alley").valueCounts({ dropna: false }), sx("house_alley_value_counts"), "vc"));
});

describe("inspecting and selecting", () => {
  it("dtypes, columns and index print as in pandas", () => {
    expect(penguins.dtypes.toString()).toBe(ops.penguins_dtypes_str);
    expect(house.dtypes.toString()).toBe(ops.house_dtypes_str);
    expect(house.columns.toString()).toBe(ops.house_columns_repr);
    expect(house.index.toString()).toBe(ops.house_index_repr);
  });
  it("head and tail", () => {
    expectFrame(penguins.head(), fx("penguins_head"), "head");
    expectFrame(penguins.tail(3), fx("penguins_tail3"), "tail");
  });
  it("iloc with integers, slices, negative steps and position lists", () => {
    expectSeries(penguins.iloc(0), sx("penguins_iloc_row0"), "iloc[0]");
    expectSeries(penguins.iloc("-1"), sx("penguins_iloc_last"), "iloc[-1]");
    expectSeries(penguins.iloc(":", 2), sx("penguins_iloc_col2"), "iloc[:, 2]");
    expectFrame(penguins.iloc("::50", [0, 2, -1]), fx("penguins_iloc_step"), "iloc[::50, [0, 2, -1]]");
    expectFrame(penguins.iloc("-3:", "2:5"), fx("penguins_iloc_reverse"), "iloc[-3:, 2:5]");
    expectFrame(penguins.iloc("5:0:-2", "::-3"), fx("penguins_iloc_reverse_step"), "iloc[5:0:-2, ::-3]");
    expect(penguins.iloc(2, 2)).toBe(40.3);
  });
  it("a long Series prints head, tail and its length", () =>
    expectSeries(penguins.get("bill_length_mm"), sx("penguins_bill_length_series"), "series"));
  it("out-of-range positions and unknown columns are clear errors", () => {
    expect(() => house.iloc(4)).toThrowError(expect.objectContaining({ name: "IndexError", message: expect.stringMatching(/position 4 is out of bounds for axis with size 4/) }));
    expect(() => house.iloc(":", 3)).toThrowError(/out of bounds/);
    expect(() => house.get("Nope")).toThrowError(expect.objectContaining({ name: "KeyError", message: expect.stringMatching(/'Nope'/) }));
    expect(() => house.get(["Price", "Nope"])).toThrowError(/'Nope'/);
    expect(() => house.iloc("0:2:0")).toThrowError(/step cannot be zero/);
  });
});

describe("missing values", () => {
  it("isna / notna", () => {
    expectFrame(house.isna(), fx("house_isna"), "isna");
    expectFrame(house.notna(), fx("house_notna"), "notna");
    expectSeries(penguins.isna().sum(), sx("penguins_isna_sum"), "isna().sum()");
  });
  it("fillna with a scalar, a string and a per-column object", () => {
    expectFrame(house.fillna(0), fx("house_fillna_zero"), "fillna(0)");
    expectFrame(house.fillna("missing"), fx("house_fillna_str"), "fillna('missing')");
    expectFrame(penguins.head(5).fillna({ sex: "unknown", bill_length_mm: 0.0 }), fx("penguins_fillna_dict"), "fillna(dict)");
  });
  it("dropna with how, thresh and subset", () => {
    expectFrame(penguins.dropna(), fx("penguins_dropna"), "dropna");
    expect(penguins.dropna({ subset: ["sex"] }).shape).toEqual(ops.penguins_dropna_subset.shape);
    expect(penguins.dropna({ thresh: 7 }).shape).toEqual(ops.penguins_dropna_thresh.shape);
    expect(penguins.dropna({ how: "all" }).shape).toEqual(ops.penguins_dropna_all.shape);
    expect(house.dropna({ axis: 1 }).columns.tolist()).toEqual(["Price"]);
  });
});

describe("reshaping", () => {
  it("getDummies names and orders columns as pandas", () => {
    const d = getDummies(penguins, { dummyNa: true });
    expect(d.columns.tolist()).toEqual(ops.penguins_get_dummies.columns);
    expect(d.dtypes.tolist()).toEqual(ops.penguins_get_dummies.dtypes);
    expectFrame(getDummies(penguins.get(["year", "sex"]).head(6), { columns: ["year", "sex"], prefixSep: "=" }), fx("penguins_get_dummies_year"), "dummies");
    expectFrame(getDummies(house.get("Alley"), { dummyNa: true }), fx("house_get_dummies_series"), "series dummies");
    expectFrame(getDummies(house, { prefix: "A" }), fx("house_get_dummies_prefix"), "prefix");
    expectFrame(getDummies(house, { dtype: "bool", dummyNa: true }), fx("house_get_dummies_bool"), "bool dummies");
  });
  it("astype per column", () => {
    expectFrame(penguins.get(["year", "bill_length_mm"]).head(4).astype({ year: "float64", bill_length_mm: "object" }), fx("penguins_astype"), "astype");
    expect(() => house.astype({ NumRooms: "int64" })).toThrowError(/non-finite values/);
    expect(() => house.astype({ Alley: "float64" })).toThrowError(/could not convert string to float: 'Pave'/);
    expect(() => house.astype({ Nope: "float64" })).toThrowError(/'Nope'/);
  });
  it("concat rows, new columns, ignoreIndex and axis 1", () => {
    expectFrame(concat([house.head(2), house.tail(2)]) as DataFrame, fx("house_concat_rows"), "concat");
    expectFrame(concat([house.head(2), house.tail(2).get(["Price", "NumRooms"])], { ignoreIndex: true }) as DataFrame, fx("house_concat_ignore"), "concat");
    expectFrame(concat([house.get(["Price"]), new DataFrame({ Extra: ["a", "b"] })], { ignoreIndex: true }) as DataFrame, fx("house_concat_new_col"), "concat");
    expectFrame(concat([house.get(["Price"]), house.get("Alley")], { axis: 1 }) as DataFrame, fx("house_concat_cols"), "concat axis 1");
  });
  it("a float32 frame gives a float32 tensor", () => {
    const t = toTensor(penguins.get(["bill_length_mm"]).astype("float32").dropna().head(3));
    expect(t.dtype.name).toBe(ops.penguins_mean_float32_tensor.dtype);
    expect(t.shape).toEqual(ops.penguins_mean_float32_tensor.shape);
    expect((t.tolist() as number[][]).flat()).toEqual(ops.penguins_mean_float32_tensor.values);
  });
});

describe("printing", () => {
  const series = ops.series_str as Record<string, SeriesFixture>;
  const inputs: Record<string, Series> = {
    tiny_and_one: new Series([1e-8, 1.0], { dtype: "float64" }),
    large_decimals: new Series([1234567.891, 1.5]),
    half_even: new Series([0.0078125, 0.5]),
    nan_mix: new Series([1.0, 2.5, NaN], { name: "x" }),
    ints_neg: new Series([-5, 10, 300]),
    long_strings: new Series(["a".repeat(60), "short"]),
    object_mixed: new Series(["a", 1.5, 3, null, true]),
    bools: new Series([true, false]),
    inf: new Series([Infinity, -1.5, NaN]),
    empty_float: new Series([], { dtype: "float64", name: "e" }),
    long: new Series(Float64Array.from({ length: 100 }, (_, i) => i * 1.5), { name: "long" }),
    big_ints_float: new Series([1e16, 2.0], { dtype: "float64" }),
    escapes: new Series(["tab\there", "new\nline"]),
  };
  for (const [k, s] of Object.entries(inputs)) {
    it(`Series ${k}`, () => expect(s.toString()).toBe(series[k].str));
  }
  const frames = ops.frame_str as Record<string, FrameFixture>;
  const dfs: Record<string, DataFrame> = {
    empty_cols: new DataFrame({ a: new Float64Array(0), b: [] }),
    no_cols: new DataFrame({}, { index: [0, 1, 2] }),
    int_labels: new DataFrame([[1, 2.5], [3, 4.0]]),
    mixed: new DataFrame({ f: [0.1, 22.25, NaN], s: ["x", null, "zz"], b: [true, false, true], i: [1, -2, 3] }),
  };
  for (const [k, df] of Object.entries(dfs)) {
    it(`DataFrame ${k}`, () => expectFrame(df, frames[k], k));
  }
});

describe("toCsv", () => {
  it("writes pandas' text, with and without the index", () => {
    expect(house.toCsv()).toBe(ops.house_to_csv);
    expect(house.toCsv(undefined, { index: false })).toBe(ops.house_to_csv_noindex);
  });
});
