import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FileError } from "@torchts/data";
import * as torch from "torchts";
import { getDataCh11, loadDiabetesTable, SKLEARN_DATA_DIR } from "./optimization-data";

const installed = existsSync(join(SKLEARN_DATA_DIR, "diabetes_data_raw.csv.gz"));
// CI installs python3-sklearn (scripts/setup.sh); elsewhere the table tests skip without it
const skip = !installed && process.env.CI !== "true";

/** The table parsed without readCsv or tensors: rows of numbers. */
function plainRows(file: string): number[][] {
  return gunzipSync(readFileSync(join(SKLEARN_DATA_DIR, file)))
    .toString("utf8")
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
}

describe.skipIf(skip)("getDataCh11 (the diabetes table of python3-sklearn)", () => {
  it("standardises every column as d2l does airfoil: (x - mean) / population std", () => {
    const data = loadDiabetesTable();
    expect(data.shape).toEqual([442, 11]);
    expect(data.dtype).toBe(torch.float32);
    const X = plainRows("diabetes_data_raw.csv.gz");
    const y = plainRows("diabetes_target.csv.gz");
    const rows = X.map((r, i) => [...r, y[i][0]]);
    for (const j of [0, 2, 9, 10]) {
      const col = rows.map((r) => r[j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const std = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
      for (const i of [0, 1, 441]) expect(Number(data.get(i, j))).toBeCloseTo((rows[i][j] - mean) / std, 4);
    }
    const means = data.mean(0).tolist() as number[];
    const stds = data.std(0, false).tolist() as number[];
    for (const m of means) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const s of stds) expect(s).toBeCloseTo(1, 4);
  });

  it("returns a shuffling loader over the first n rows and the feature count", () => {
    const [iter, featureDim] = getDataCh11(10, 100);
    expect(featureDim).toBe(10);
    expect(iter.length).toBe(10);
    const batches = [...iter];
    expect(batches[0][0].shape).toEqual([10, 10]);
    expect(batches[0][1].shape).toEqual([10]);
    const [all] = getDataCh11(1500);
    expect(all.dataset.length).toBe(442); // d2l's data[:n] with n beyond the table
  });

  it("checks its arguments", () => {
    expect(() => getDataCh11(0)).toThrow(/getDataCh11\(\): argument 'batchSize'/);
    expect(() => getDataCh11(10, "all" as unknown as number)).toThrow(/argument 'n'/);
    expect(() => getDataCh11(10, 1500, { dir: "/tmp" } as never)).toThrow(/dataDir/);
  });
});

describe("getDataCh11 without the table", () => {
  it("names the apt package to install", () => {
    expect(() => getDataCh11(10, 1500, { dataDir: "/nonexistent/sklearn-data" })).toThrow(FileError);
    expect(() => getDataCh11(10, 1500, { dataDir: "/nonexistent/sklearn-data" })).toThrow(/apt-get install python3-sklearn/);
  });
});
