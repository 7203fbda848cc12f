/**
 * getDataCh11: the regression table of d2l's optimisation chapter, standardised column by column.
 *
 * d2l trains on NASA's airfoil self-noise table, which it downloads; no package here ships it. We
 * use the diabetes table (Efron et al. 2004, 442 patients, 10 baseline variables, and a measure of
 * disease progression as the target) that Debian's `python3-sklearn` installs as two gzipped,
 * space-separated text files. Like d2l does with airfoil, every column (features and target) is
 * standardised, `(x - mean) / std` with the population std (numpy's default), in float32.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readCsv, toTensor } from "@torchts/data";
import { FileError } from "@torchts/data";
import { argTypeError, checkOptions, checkArity } from "@torchts/tensor/errors";
import * as torch from "torchts";

/** A DataLoader of `[X (batch, featureDim), y (batch)]` batches, as getDataCh11 returns. */
export type Ch11Iter = torch.utils.data.DataLoader<torch.Tensor[], torch.Tensor[]>;

/** Where Debian's python3-sklearn installs its bundled tables. */
export const SKLEARN_DATA_DIR = "/usr/lib/python3/dist-packages/sklearn/datasets/data";
const FEATURES = "diabetes_data_raw.csv.gz";
const TARGET = "diabetes_target.csv.gz";

export interface GetDataCh11Options {
  /** The directory holding `diabetes_data_raw.csv.gz` and `diabetes_target.csv.gz` (default: python3-sklearn's). */
  dataDir?: string;
}

function readGzTable(path: string): torch.Tensor {
  const frame = readCsv(gunzipSync(readFileSync(path)), { sep: " ", header: null });
  return toTensor(frame, { dtype: torch.float64 });
}

/**
 * The standardised table as one float32 tensor `[442, 11]`: the 10 features, then the target.
 * @example loadDiabetesTable().shape // [442, 11]
 */
export function loadDiabetesTable(options?: GetDataCh11Options): torch.Tensor {
  checkArity("loadDiabetesTable", arguments, 1);
  checkOptions("getDataCh11", options, ["dataDir"]);
  const dir = options?.dataDir ?? SKLEARN_DATA_DIR;
  if (typeof dir !== "string") throw argTypeError("getDataCh11", "dataDir", undefined, "a string", dir);
  for (const file of [FEATURES, TARGET]) {
    if (!existsSync(join(dir, file))) {
      throw new FileError(
        `getDataCh11: ${join(dir, file)} not found. The optimisation chapter's table is the diabetes data that ` +
          "Debian's python3-sklearn ships: apt-get install python3-sklearn (scripts/setup.sh installs it)",
        join(dir, file),
        "ENOENT",
      );
    }
  }
  const X = readGzTable(join(dir, FEATURES));
  const y = readGzTable(join(dir, TARGET));
  if (X.shape[0] !== y.shape[0]) throw new FileError(`getDataCh11: ${FEATURES} has ${X.shape[0]} rows but ${TARGET} has ${y.shape[0]}`, dir, undefined);
  // d2l reads airfoil as float32 and standardises in float32
  const data = torch.cat([X, y.reshape(-1, 1)], 1).to(torch.float32);
  return data.sub(data.mean(0)).div(data.std(0, false));
}

function positiveInt(value: unknown, name: string, position: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw argTypeError("getDataCh11", name, position, "a positive integer", value);
  return value;
}

/**
 * d2l's `get_data_ch11`: a shuffling DataLoader over the first `n` rows of the standardised table
 * (all 442 when n is larger, as d2l's slice `data[:n]`), batches `[X (batchSize, 10), y (batchSize)]`,
 * and the number of features.
 * @example const [dataIter, featureDim] = getDataCh11(10); // featureDim === 10
 */
export function getDataCh11(batchSize = 10, n = 1500, options?: GetDataCh11Options): [Ch11Iter, number] {
  checkArity("getDataCh11", arguments, 3);
  positiveInt(batchSize, "batchSize", 1);
  positiveInt(n, "n", 2);
  const data = loadDiabetesTable(options);
  const rows = Math.min(n, data.shape[0]);
  const features = data.shape[1] - 1;
  const X = data.get(`:${rows}`, `:${features}`);
  const y = data.get(`:${rows}`, features);
  const dataset = new torch.utils.data.TensorDataset(X, y);
  return [new torch.utils.data.DataLoader(dataset, { batchSize, shuffle: true }), features];
}
