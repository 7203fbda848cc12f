/**
 * `toTensor(df)` is `torch.tensor(df.values)`: a 2-D tensor [rows, columns]
 * of numpy's common dtype (a float64 frame gives float64, integer frames
 * int64, bool frames bool). A remaining object column is an error naming it.
 */
import { type DType, type Tensor, bool, float32, float64, int64, tensor } from "@torchts/tensor";
import type { Column } from "./column";
import { type DTypeName, numericResultType } from "./dtype";
import { DTypeError, reprLabel } from "./errors";
import { DataFrame } from "./frame";
import type { Label } from "./series";
import { Series } from "./series";
import { DType as DTypeClass, argTypeError } from "@torchts/tensor";
import { options as checked } from "./args";

export interface ToTensorOptions {
  /** The tensor dtype (default: numpy's common type of the columns; uint8 becomes int64). */
  dtype?: DType;
}

function tensorDType(d: DTypeName): DType {
  switch (d) {
    case "float64":
      return float64;
    case "float32":
      return float32;
    case "bool":
      return bool;
    default:
      return int64; // int64 and uint8 (torchts has no uint8 tensor)
  }
}

function check(cols: Column[], labels: Label[]): void {
  cols.forEach((c, j) => {
    if (c.dtype === "object") {
      throw new DTypeError(
        `toTensor: column ${reprLabel(labels[j])} has dtype object and cannot be converted to a tensor; ` +
          `encode it first (getDummies) or drop it`,
      );
    }
  });
}

/**
 * A tensor from a DataFrame (shape [rows, columns]) or a Series (shape [rows]).
 * @example toTensor(getDummies(inputs, { dummyNa: true })) // float64 [4, 3]
 */
export function toTensor(data: DataFrame | Series, opts?: ToTensorOptions): Tensor {
  if (!(data instanceof DataFrame) && !(data instanceof Series)) throw argTypeError("toTensor", "data", 1, "DataFrame or Series", data);
  const options = checked("toTensor", opts);
  if (options.dtype !== undefined && !(options.dtype instanceof DTypeClass)) {
    throw argTypeError("toTensor", "dtype", undefined, "a torch dtype (torch.float32, torch.float64, ...)", options.dtype);
  }
  const cols = data instanceof Series ? [data._col] : data._cols;
  const labels = data instanceof Series ? [data.name ?? 0] : data._labels;
  check(cols, labels);
  const natural = tensorDType(numericResultType(cols.map((c) => c.dtype)));
  const dtype = options.dtype ?? natural;
  if (!dtype.isFloatingPoint) {
    cols.forEach((c, j) => {
      if (c.countNA() > 0) {
        throw new DTypeError(`toTensor: column ${reprLabel(labels[j])} has missing values (NaN), which ${dtype.name} cannot hold; fill or drop them first`);
      }
    });
  }
  const rows = data.length;
  const m = cols.length;
  const buf = dtype === float32 ? new Float32Array(rows * m) : new Float64Array(rows * m);
  cols.forEach((c, j) => {
    const d = c.data as ArrayLike<number>;
    for (let i = 0; i < rows; i++) buf[i * m + j] = d[i];
  });
  const t = tensor(buf, { dtype });
  return data instanceof Series ? t : t.reshape(rows, m);
}
