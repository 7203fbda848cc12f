import * as fs from "node:fs";
import fsDefault from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DataFrame, Series, readCsv } from "./index";
import { Column } from "./column";
import { DEFAULT_NA_VALUES } from "./read-csv";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "torchts-tocsv-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Strings that pandas itself reads back as strings: a leading letter keeps them from
// being NA words, numbers or booleans; any other character may follow (separators,
// quotes, CR/LF, non-ASCII).
const str = fc.string({ unit: fc.oneof(fc.constantFrom(",", '"', "\n", "\r", " ", "é", "😀"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 12 }).map((s) => "s" + s);
const float = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(NaN, -0, 0.1, 1e-5, 1e16, Infinity, -Infinity));
const int = fc.maxSafeInteger();
const column = (n: number) =>
  fc.oneof(
    fc.array(float, { minLength: n, maxLength: n }).map((v) => new Column("float64", Float64Array.from(v))),
    fc.array(int, { minLength: n, maxLength: n }).map((v) => new Column("int64", Float64Array.from(v))),
    fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((v) => new Column("bool", Uint8Array.from(v, Number))),
    fc
      .array(fc.option(str, { nil: NaN as unknown as string }), { minLength: n, maxLength: n })
      .filter((v) => v.some((x) => typeof x === "string"))
      .map((v) => new Column("object", v)),
  );
const frame = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .chain(([n, m]) => fc.array(column(n), { minLength: m, maxLength: m }))
  .map((cols) => new DataFrame(Object.fromEntries(cols.map((c, j) => [`c${j}`, new Series(c.data, { dtype: c.dtype })]))));

describe("toCsv", () => {
  it("writing then reading back any frame of numbers, strings and NAs is the identity", () => {
    fc.assert(
      fc.property(frame, (df) => {
        const back = readCsv(df.toCsv(undefined, { index: false }) || "\n", {});
        expect(back.dtypes.tolist()).toEqual(df.dtypes.tolist());
        expect(back.shape).toEqual(df.shape);
        df.columns.tolist().forEach((c) => {
          const a = back.get(c as string).tolist(), b = df.get(c as string).tolist();
          a.forEach((v, i) => expect(Object.is(v, b[i]) || (v !== v && b[i] !== b[i])).toBe(true));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("writes atomically: a temporary file in the same directory, then a rename", () => {
    const file = path.join(dir, "out.csv");
    fs.writeFileSync(file, "old contents\n");
    const df = new DataFrame({ a: [1, 2], b: ["x", "y,z"] });
    const renames: [string, string][] = [];
    const orig = fsDefault.renameSync;
    // Watch the rename (builtin ESM exports follow the CommonJS object after syncBuiltinESMExports).
    fsDefault.renameSync = (from, to) => {
      renames.push([String(from), String(to)]);
      expect(fs.readFileSync(file, "utf8")).toBe("old contents\n"); // target untouched until the rename
      return orig(from, to);
    };
    syncBuiltinESMExports();
    try {
      df.toCsv(file, { index: false });
    } finally {
      fsDefault.renameSync = orig;
      syncBuiltinESMExports();
    }
    expect(renames).toHaveLength(1);
    expect(path.dirname(renames[0][0])).toBe(dir);
    expect(fs.readFileSync(file, "utf8")).toBe('a,b\n1,x\n2,"y,z"\n');
    expect(fs.readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("a failed write leaves no temporary file and names the path", () => {
    const file = path.join(dir, "missing-dir", "out.csv");
    expect(() => new DataFrame({ a: [1] }).toCsv(file)).toThrowError(expect.objectContaining({ name: "FileError", message: expect.stringMatching(/cannot write '.*out\.csv'/) }));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes pandas' text for floats, bools, NaN and a lone empty field", () => {
    const df = new DataFrame({ f: new Float64Array([3, 0.1, 1e-5, NaN, 1e16]), b: [true, false, true, true, false] });
    expect(df.toCsv(undefined, { index: false })).toBe("f,b\n3.0,True\n0.1,False\n1e-05,True\n,True\n1e+16,False\n");
    expect(new DataFrame({ s: ["a", null] }).toCsv(undefined, { index: false })).toBe('s\na\n""\n');
    expect(DEFAULT_NA_VALUES).toContain("NA");
  });
});
