/**
 * The boundary checks of @torchts/data: unknown option keys with a suggestion,
 * and pandas' messages and error classes for bad values (issue 13's cases).
 */
import { describe, expect, it } from "vitest";
import { TypeError as TorchTypeError, ValueError, float64 } from "@torchts/tensor";
import { DataFrame, DTypeError, IndexError, KeyError, LookupError, Series, concat, getDummies, readCsv, toTensor } from "./index";
import { OPTION_KEYS } from "./args";

const csv = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n";

describe("option keys", () => {
  it("a misspelt key names itself, the key it resembles and the accepted keys", () => {
    expect(() => readCsv(csv, { index_col: 0 } as never)).toThrowError(TorchTypeError);
    expect(() => readCsv(csv, { index_col: 0 } as never)).toThrowError(/readCsv\(\): unknown option 'index_col' \(did you mean 'indexCol'\?\); readCsv\(\) accepts: sep, /);
    const df = readCsv(csv);
    expect(() => df.mean({ numeric_only: true } as never)).toThrowError(/'numeric_only' \(did you mean 'numericOnly'\?\)/);
    expect(() => df.mean({ ddof: 1 } as never)).toThrowError(/DataFrame.mean\(\): unknown option 'ddof'/);
    expect(() => df.std({ ddof: 0, numericOnly: true })).not.toThrow();
    expect(() => df.fillna(0, { inPlace: true } as never)).toThrowError(/did you mean 'inplace'/);
    expect(() => getDummies(df, { dummy_na: true } as never)).toThrowError(/did you mean 'dummyNa'/);
    expect(() => toTensor(df.get(["Price"]), { dype: float64 } as never)).toThrowError(/did you mean 'dtype'/);
    expect(() => new Series([1], { nmae: "x" } as never)).toThrowError(/did you mean 'name'/);
    expect(() => df.toCsv(undefined, { na_rep: "" } as never)).toThrowError(/did you mean 'naRep'/);
    expect(() => readCsv(csv, 5 as never)).toThrowError(/options must be a plain object, not number/);
  });
  it("every public function's list is declared once, with no duplicates", () => {
    for (const [fn, keys] of Object.entries(OPTION_KEYS)) expect(new Set(keys).size, fn).toBe(keys.length);
  });
});

describe("readCsv", () => {
  it("checks the source and the options as read_csv does", () => {
    expect(() => readCsv(undefined as never)).toThrowError(/readCsv\(\): Invalid file path or buffer object type: undefined/);
    expect(() => readCsv(csv, { nrows: -1 })).toThrowError(ValueError);
    expect(() => readCsv(csv, { nrows: -1 })).toThrowError(/'nrows' must be an integer >=0, got -1/);
    expect(() => readCsv(csv, { nrows: 1.5 })).toThrowError(/'nrows' must be an integer >=0/);
    expect(readCsv(csv, { nrows: 0 }).shape).toEqual([0, 3]);
    expect(() => readCsv(csv, { header: -1 })).toThrowError(/Passing negative integer to header is invalid/);
    expect(() => readCsv(csv, { quotechar: "ab" })).toThrowError(TorchTypeError);
    expect(() => readCsv(csv, { names: ["a", "a", "b"] })).toThrowError(/Duplicate names are not allowed/);
    expect(() => readCsv(csv, { indexCol: 5 })).toThrowError(IndexError);
    expect(() => readCsv(csv, { dtype: "bogus" as never })).toThrowError(DTypeError);
    expect(() => readCsv(csv, { encoding: "bogus" })).toThrowError(LookupError);
    expect(new KeyError("k")).toBeInstanceOf(LookupError);
  });
});

describe("DataFrame and Series", () => {
  const df = readCsv(csv);
  it("fillna needs a value (pandas' ValueError), and not a list", () => {
    expect(() => df.fillna(undefined as never)).toThrowError(/Must specify a fill 'value' or 'method'\./);
    expect(() => df.fillna(null)).toThrowError(ValueError);
    expect(() => df.fillna([1, 2] as never)).toThrowError(/"value" parameter must be a scalar, dict or Series, but you passed a "list"/);
    expect(() => df.fillna(0, { inplace: "yes" } as never)).toThrowError(/For argument "inplace" expected type bool, received type str\./);
    expect(() => df.get("Price").fillna(undefined as never)).toThrowError(/Must specify a fill 'value'/);
    expect(df.get("NumRooms").dtype).toBe("float64"); // untouched by the failed calls
  });
  it("iloc and head reject what is not a position", () => {
    expect(() => df.iloc(undefined as never)).toThrowError(TorchTypeError);
    expect(() => df.iloc(undefined as never)).toThrowError(/iloc \(rows\): Cannot index by location index with a non-integer key \(got undefined\)/);
    expect(() => df.iloc(0.5)).toThrowError(/non-integer key \(got 0.5\)/);
    expect(() => df.iloc("a")).toThrowError(TorchTypeError);
    expect(() => df.iloc(0, {} as never)).toThrowError(/iloc \(columns\)/);
    expect(() => df.head("2" as never)).toThrowError(/DataFrame.head\(\): argument 'n' \(position 1\) must be an integer, not string/);
    expect(df.head(-1).length).toBe(3);
  });
  it("drop takes pandas' forms", () => {
    expect(df.drop({ columns: ["Alley"] }).columns.tolist()).toEqual(["NumRooms", "Price"]);
    expect(() => df.drop({})).toThrowError(/Need to specify at least one of 'labels', 'index' or 'columns'/);
    expect(() => df.drop("Alley", { axis: 2 as never })).toThrowError(/No axis named 2 for object type DataFrame/);
    expect(() => df.drop({ labels: "Alley", columns: "Price" })).toThrowError(/Cannot specify both/);
  });
  it("describe({ include: 'all' }) describes every column, as pandas 1.5", () => {
    const d = df.describe({ include: "all" });
    expect(d.index.tolist()).toEqual(["count", "unique", "top", "freq", "mean", "std", "min", "25%", "50%", "75%", "max"]);
    expect(d.columns.tolist()).toEqual(["NumRooms", "Alley", "Price"]);
    expect(d.get("Alley").tolist().slice(0, 5)).toEqual([1, 1, "Pave", 1, NaN]);
    expect(d.get("Price").dtype).toBe("float64");
    expect(df.describe({ include: ["object"] }).columns.tolist()).toEqual(["Alley"]);
    expect(df.describe({ exclude: "object" }).columns.tolist()).toEqual(["NumRooms", "Price"]);
    expect(() => df.describe({ include: "bogus" as never })).toThrowError(/data type 'bogus' not understood/);
    expect(() => df.describe({ include: "all", exclude: "object" })).toThrowError(/exclude must be None/);
    expect(() => df.describe({ percentiles: [1.5] })).toThrowError(/Try \[0.015\] instead/);
  });
  it("reductions check axis, skipna and ddof", () => {
    expect(() => df.mean({ axis: 2 as never })).toThrowError(/No axis named 2/);
    expect(() => df.sum({ skipna: "a" as never })).toThrowError(/For argument "skipna" expected type bool, received type str/);
    expect(() => df.std({ ddof: 0.5 })).toThrowError(/'ddof' must be an integer/);
    expect(() => df.get("Price").mean({ skip_na: true } as never)).toThrowError(/Series.mean\(\): unknown option 'skip_na' \(did you mean 'skipna'\?\)/);
  });
  it("constructors and free functions check their data", () => {
    expect(() => new DataFrame(5 as never)).toThrowError(/DataFrame constructor not properly called!/);
    expect(new DataFrame(null as never).shape).toEqual([0, 0]);
    expect(() => new Series(5 as never)).toThrowError(/Series\(\): argument 'data' \(position 1\) must be an array, a typed array or a Series, not number/);
    expect(() => toTensor(undefined as never)).toThrowError(/toTensor\(\): argument 'data' \(position 1\) must be DataFrame or Series, not undefined/);
    expect(() => toTensor(df.get(["Price"]), { dtype: "float64" as never })).toThrowError(/argument 'dtype' must be a torch dtype/);
    expect(() => concat([df, 1 as never])).toThrowError(/cannot concatenate object of type 'int'; only Series and DataFrame objs are valid/);
    expect(() => concat(df as never)).toThrowError(/argument 'objs'/);
    expect(() => getDummies(undefined as never)).toThrowError(/getDummies\(\): argument 'data'/);
  });
  it("a float index prints as pandas prints it: no leading space unless a label is negative", () => {
    expect(readCsv(csv, { indexCol: 0 }).toString()).toBe(
      "         Alley   Price\nNumRooms              \nNaN       Pave  127500\n2.0        NaN  106000\n4.0        NaN  178100\nNaN        NaN  140000",
    );
    expect(new DataFrame({ a: [1, 2, 3] }, { index: [-1, NaN, 3] }).toString()).toBe("      a\n-1.0  1\n NaN  2\n 3.0  3");
    expect(new Series([1, 2, 3], { index: [1, NaN, 3.5] }).toString()).toBe("1.0    1\nNaN    2\n3.5    3\ndtype: int64");
  });
});
