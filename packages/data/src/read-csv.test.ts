import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv, type ReadCsvOptions } from "./index";
import { CSV_DIR, type FrameFixture, expectFrame, loadJson } from "../test/fixtures";

interface ReadCase extends Partial<FrameFixture> {
  name: string;
  file: string;
  options: ReadCsvOptions;
  error?: { type: string; message: string };
}

const cases = loadJson<ReadCase[]>("read_csv.json");

describe("readCsv matches pandas 1.5.3 read_csv", () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = path.join(CSV_DIR, c.file);
      if (c.error) {
        expect(() => readCsv(file, c.options)).toThrowError(expect.objectContaining({ name: c.error.type }));
        return;
      }
      const df = readCsv(file, c.options);
      expectFrame(df, c as unknown as FrameFixture, c.name);
      if (c.html) expect(df.toHTML()).toBe(c.html);
    });
  }
});
