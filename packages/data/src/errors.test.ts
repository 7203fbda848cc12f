/** data's errors are torchts errors: one hierarchy (TorchError), pandas' own bases, and the classes frames really throw. */
import * as os from "node:os";
import * as path from "node:path";
import { TorchError, ValueError as TensorValueError } from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { DTypeError, DataFrame, EmptyDataError, FileError, IndexError, KeyError, ParserError, ValueError, readCsv } from "./index";
import { CSV_DIR } from "../test/fixtures";

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  throw new Error("the call must throw");
}

describe("data's error classes", () => {
  it("each has its Python name and extends TorchError; pandas' ParserError and EmptyDataError are ValueErrors", () => {
    const classes: [new (m: string) => Error, string, (new (m: string) => Error) | null][] = [
      [ParserError, "ParserError", ValueError],
      [EmptyDataError, "EmptyDataError", ValueError],
      [KeyError, "KeyError", null],
      [class extends FileError { constructor(m: string) { super(m, "x.csv", "ENOENT"); } }, "FileError", null],
    ];
    for (const [cls, name, base] of classes) {
      const e = new cls("boom");
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(TorchError);
      if (base) expect(e).toBeInstanceOf(base);
      expect(String(e)).toBe(`${name}: boom`);
    }
    expect(new KeyError("k")).not.toBeInstanceOf(ValueError);
  });

  it("IndexError, DTypeError and ValueError are tensor's own classes", () => {
    expect(ValueError).toBe(TensorValueError);
    expect(new IndexError("x")).toBeInstanceOf(TorchError);
    expect(new DTypeError("x")).toBeInstanceOf(TorchError);
  });

  it("what readCsv and frames throw is a TorchError", () => {
    expect(thrown(() => readCsv(path.join(CSV_DIR, "ragged_long.csv")))).toBeInstanceOf(ParserError);
    expect(thrown(() => readCsv("\n\n"))).toBeInstanceOf(EmptyDataError);
    const fileError = thrown(() => readCsv(path.join(os.tmpdir(), "no-such-dir-torchts", "x.csv")));
    expect(fileError).toBeInstanceOf(FileError);
    expect(fileError).toBeInstanceOf(TorchError);
    const keyError = thrown(() => new DataFrame({ a: [1, 2] }).get("b"));
    expect(keyError).toBeInstanceOf(KeyError);
    expect(keyError).toBeInstanceOf(TorchError);
  });
});
