/** Bad input gets a clear, typed error and never a partial frame. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv } from "./index";
import { CSV_DIR } from "../test/fixtures";

const err = (name: string, message: RegExp) => expect.objectContaining({ name, message: expect.stringMatching(message) });

describe("readCsv errors", () => {
  it("a ragged row names its line, as pandas' ParserError does", () => {
    expect(() => readCsv(path.join(CSV_DIR, "ragged_long.csv"))).toThrowError(err("ParserError", /Expected 2 fields in line 4, saw 3/));
    // Lines are counted through quoted newlines and CRLF endings.
    expect(() => readCsv('a,b\r\n"x\r\ny",1\r\n1,2,3\r\n')).toThrowError(/Expected 2 fields in line 4, saw 3/);
  });

  it("the line number is right deep into a file read in chunks", () => {
    const rows = Array.from({ length: 200000 }, (_, i) => `${i},${i * 0.5}`);
    rows[150000] = "1,2,3";
    const text = "a,b\n" + rows.join("\n") + "\n";
    expect(() => readCsv(text)).toThrowError(/Expected 2 fields in line 150002, saw 3/);
    expect(() => readCsv(Buffer.from(text))).toThrowError(/line 150002/);
  });

  it("an unterminated quote is a ParserError", () => {
    expect(() => readCsv(path.join(CSV_DIR, "unterminated.csv"))).toThrowError(err("ParserError", /Quoted field unterminated/));
  });

  it("an empty file is EmptyDataError", () => {
    expect(() => readCsv(path.join(CSV_DIR, "empty.csv"))).toThrowError(err("EmptyDataError", /No columns to parse from file/));
    expect(() => readCsv("\n\n")).toThrowError(err("EmptyDataError", /No columns/));
  });

  it("an unreadable file is a FileError naming the path", () => {
    const missing = path.join(os.tmpdir(), "no-such-dir-torchts", "x.csv");
    expect(() => readCsv(missing)).toThrowError(err("FileError", /cannot read file '.*x\.csv'.*ENOENT/));
    try {
      readCsv(missing);
    } catch (e) {
      expect((e as { code: string }).code).toBe("ENOENT");
    }
    expect(() => readCsv(os.tmpdir())).toThrowError(err("FileError", /EISDIR/));
  });

  it("invalid UTF-8 is an error unless an encoding is given", () => {
    const bytes = Buffer.from([0x61, 0x0a, 0xff, 0x41, 0x0a]);
    expect(() => readCsv(bytes)).toThrowError(err("ValueError", /not valid UTF-8/));
    expect(readCsv(bytes, { encoding: "latin1" }).get("a").tolist()).toEqual(["ÿA"]);
  });

  it("unknown usecols and a forced dtype that does not fit are ValueErrors naming the column and line", () => {
    const f = path.join(CSV_DIR, "house_tiny.csv");
    expect(() => readCsv(f, { usecols: ["Price", "Nope"] })).toThrowError(err("ValueError", /not found: \['Nope'\]/));
    expect(() => readCsv(f, { dtype: { Alley: "float64" } })).toThrowError(err("ValueError", /could not convert string to float: 'Pave' in column 'Alley' \(line 2\)/));
    expect(() => readCsv(f, { dtype: { NumRooms: "int64" } })).toThrowError(/Integer column has NA values in column 'NumRooms' \(line 2\)/);
    expect(() => readCsv(f, { sep: "::" })).toThrowError(/single-character separators/);
  });
});

describe("readCsv inputs and options", () => {
  it("reads text, bytes and ArrayBuffers alike, stripping a BOM", () => {
    const text = "\ufeffx,y\n1,a\n2,b\n";
    for (const src of [text, Buffer.from(text), new TextEncoder().encode(text).buffer]) {
      const df = readCsv(src as string);
      expect(df.columns.tolist()).toEqual(["x", "y"]);
      expect(df.get("x").tolist()).toEqual([1, 2]);
    }
  });

  it("reads a file larger than one chunk identically to its text", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "torchts-data-"));
    try {
      const lines = Array.from({ length: 60000 }, (_, i) => `${i},"s ${i}, with ""quotes""\nand a newline",${i % 7 === 0 ? "" : i / 8}`);
      const text = "i,s,f\n" + lines.join("\n") + "\n";
      const file = path.join(dir, "big.csv");
      fs.writeFileSync(file, text);
      const a = readCsv(file), b = readCsv(text);
      expect(a.shape).toEqual([60000, 3]);
      expect(a.dtypes.tolist()).toEqual(["int64", "object", "float64"]);
      expect(a.get("s").iloc(59999)).toBe('s 59999, with "quotes"\nand a newline');
      expect(a.toCsv()).toBe(b.toCsv());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps a column's exact text when a late row makes it object (second pass)", () => {
    const rows = Array.from({ length: 50000 }, (_, i) => `${i}.50`);
    const df = readCsv("v\n" + rows.join("\n") + "\nx\n");
    expect(df.get("v").dtype).toBe("object");
    expect(df.get("v").iloc(0)).toBe("0.50");
    expect(df.get("v").iloc(-1)).toBe("x");
  });

  it("integers beyond 2^53 stay exact as text rather than rounding", () => {
    const df = readCsv("id,n\n9007199254740993,1\n12,2\n");
    expect(df.get("id").dtype).toBe("object");
    expect(df.get("id").tolist()).toEqual(["9007199254740993", "12"]);
    expect(readCsv("x\n9007199254740993\n2.5\n").get("x").dtype).toBe("float64");
  });

  it("sep, per-column naValues, trueValues and dtype", () => {
    const df = readCsv("a;b;c\n1;-1;yes\n2;3;no\n", { sep: ";", naValues: { b: ["-1"] }, trueValues: ["yes"], falseValues: ["no"], dtype: { a: "float32" } });
    expect(df.dtypes.tolist()).toEqual(["float32", "float64", "bool"]);
    expect(df.get("b").tolist()).toEqual([NaN, 3]);
    expect(df.get("c").tolist()).toEqual([true, false]);
  });

  it("the notes' file with spaces: ' NA' stays a string unless skipinitialspace", () => {
    const f = path.join(CSV_DIR, "house_tiny_spaces.csv");
    expect(readCsv(f).get(" Alley").tolist()).toEqual([" Pave", " NA", " NA", " NA"]);
    expect(readCsv(f, { skipinitialspace: true }).get("Alley").isna().tolist()).toEqual([false, true, true, true]);
    expect(readCsv('a,b\n "x ""y""", 1\n', { skipinitialspace: true }).get("a").tolist()).toEqual(['x "y"']);
    // papaparse cannot re-join a quoted field split at a separator after spaces: an error, not a wrong frame.
    expect(() => readCsv('a,b\n "x, y", 1\n', { skipinitialspace: true })).toThrowError(/not supported with skipinitialspace/);
  });
});
