/**
 * 2-D and 3-D numeric input (nested arrays, typed arrays, tensors) read into
 * flat Float64Arrays: a contour's grids, an image, a stack of images. Tensors
 * are read through `tolist()`, as everywhere in this package.
 */
import { TypeError, argTypeError } from "@torchts/tensor/errors";
import { PlotError } from "./errors";

/** A row-major matrix of numbers. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

const isListLike = (v: unknown): v is { tolist(): unknown } =>
  typeof v === "object" && v !== null && typeof (v as { tolist?: unknown }).tolist === "function";

const shapeText = (v: { shape?: unknown }): string => (Array.isArray(v.shape) ? ` of shape [${(v.shape as number[]).join(", ")}]` : "");

/** The nested list inside v (a tensor's tolist(), or v itself). */
function unwrap(v: unknown): unknown {
  return isListLike(v) ? v.tolist() : v;
}

function toNumber(e: unknown, fn: string, what: string): number {
  if (typeof e === "number") return e;
  if (typeof e === "boolean" || typeof e === "bigint") return Number(e);
  throw new PlotError(`${fn}(): ${what} must hold numbers, but found ${e === null ? "null" : Array.isArray(e) ? "an array" : typeof e}`);
}

/**
 * Reads a 2-D input: a nested array (rows of numbers), an array of typed
 * arrays, or a 2-D tensor.
 *
 * @example
 * toMatrix([[1, 2, 3], [4, 5, 6]], "contour", "Z") // { rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6] }
 */
export function toMatrix(v: unknown, fn: string, what: string, position?: number): Matrix {
  const list = unwrap(v);
  if (!Array.isArray(list) || list.length === 0) {
    if (Array.isArray(list)) throw new PlotError(`${fn}(): ${what} must be 2-D and non-empty; got an empty array`);
    throw argTypeError(fn, what, position, "a 2-D tensor or nested array of numbers", v);
  }
  const rows = list.length;
  const first = list[0];
  if (!Array.isArray(first) && !(ArrayBuffer.isView(first) && !(first instanceof DataView))) {
    // matplotlib: "Input z must be 2D, not 1D", "Invalid shape (3,) for image data" (TypeErrors)
    throw new TypeError(`${fn}(): ${what} must be 2-D${isListLike(v) ? shapeText(v as { shape?: unknown }) : ""}; got a 1-D array`);
  }
  const cols = (first as ArrayLike<unknown>).length;
  if (cols === 0) throw new PlotError(`${fn}(): ${what} must be 2-D and non-empty; got rows of length 0`);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = list[i] as ArrayLike<unknown>;
    if ((!Array.isArray(row) && !ArrayBuffer.isView(row)) || row.length !== cols) {
      throw new PlotError(`${fn}(): ${what} must be rectangular: row 0 has ${cols} values but row ${i} ${Array.isArray(row) || ArrayBuffer.isView(row) ? `has ${row.length}` : "is not an array"}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = toNumber(row[j], fn, what);
  }
  return { rows, cols, data };
}

/**
 * Reads a stack of 2-D images: a 3-D tensor or nested array (N, H, W), or an
 * array of 2-D images (tensors or nested arrays), each of its own size.
 *
 * @example
 * toMatrices(torch.zeros(18, 28, 28), "imageGrid", "imgs").length // 18
 */
export function toMatrices(v: unknown, fn: string, what: string, position?: number): Matrix[] {
  const list = unwrap(v);
  if (!Array.isArray(list)) throw argTypeError(fn, what, position, "a (N, H, W) tensor or an array of (H, W) images", v);
  return list.map((img, k) => toMatrix(img, fn, `${what}[${k}]`));
}
