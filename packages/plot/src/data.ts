/**
 * Turning plot input (arrays, typed arrays, tensors) into lists of numeric series.
 *
 * Tensors are duck-typed through `tolist()`, so this package never imports
 * @torchts/tensor: anything whose `tolist()` returns nested number arrays works.
 */
import { PlotError } from "./errors";

/** An object with `tolist()`, e.g. a torchts `Tensor`. */
export interface ListLike {
  tolist(): unknown;
}

/** One series: a 1-D array, typed array or tensor. */
export type Series1D = ListLike | ArrayLike<number> | readonly (number | boolean | bigint)[];

/** One series, or several: a 1-D input, a 2-D array/tensor (rows are series), or a list of 1-D inputs. */
export type PlotData = Series1D | readonly Series1D[] | readonly (readonly number[])[];

/** x and y values of one series, equally long. */
export interface XY {
  x: number[];
  y: number[];
}

function isListLike(v: unknown): v is ListLike {
  return typeof v === "object" && v !== null && typeof (v as ListLike).tolist === "function";
}

function isScalar(v: unknown): v is number | boolean | bigint {
  return typeof v === "number" || typeof v === "boolean" || typeof v === "bigint";
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "object") return `a ${(v as object).constructor?.name ?? "object"}`;
  return `a ${typeof v}`;
}

/** A 1-D series as numbers; `what` names it in errors, e.g. "plot: Y[1]". */
function toSeries(v: unknown, what: string): number[] {
  const list = isListLike(v) ? v.tolist() : v;
  if (ArrayBuffer.isView(list) && !(list instanceof DataView)) {
    return Array.from(list as unknown as ArrayLike<number | bigint>, Number);
  }
  if (!Array.isArray(list)) {
    throw new PlotError(`${what} must be a 1-D array, typed array or tensor; got ${describe(list)}`);
  }
  return list.map((e, i) => {
    if (!isScalar(e)) {
      throw new PlotError(`${what} must be 1-D, but ${what}[${i}] is ${describe(e)}`);
    }
    return Number(e);
  });
}

/**
 * Every number of a plot argument in row-major order, whatever its nesting: matplotlib's
 * `scatter` flattens x and y (np.ravel), so a (1000, 1) column of labels is 1000 points.
 *
 * @example
 * flatValues([[1], [2], [3]], "scatter: y") // [1, 2, 3]
 */
export function flatValues(v: unknown, what: string): number[] {
  const list = isListLike(v) ? v.tolist() : v;
  if (ArrayBuffer.isView(list) && !(list instanceof DataView)) return toSeries(list, what);
  if (isScalar(list)) return [Number(list)];
  if (!Array.isArray(list)) throw new PlotError(`${what} must be an array, typed array or tensor; got ${describe(list)}`);
  const out: number[] = [];
  const walk = (e: unknown, path: string): void => {
    if (isScalar(e)) out.push(Number(e));
    else if (Array.isArray(e)) e.forEach((c, i) => walk(c, `${path}[${i}]`));
    else if (ArrayBuffer.isView(e) && !(e instanceof DataView)) out.push(...toSeries(e, path));
    else throw new PlotError(`${what} must hold numbers, but ${path} is ${describe(e)}`);
  };
  list.forEach((e, i) => walk(e, `${what}[${i}]`));
  return out;
}

/**
 * The series in a plot argument, following d2l's `has_one_axis`: a 1-D input is
 * one series; a 2-D input or a list of 1-D inputs gives one series per row.
 *
 * @example
 * toSeriesList([1, 2, 3], "plot: X")        // [[1, 2, 3]]
 * toSeriesList([[1, 2], [3, 4]], "plot: Y") // [[1, 2], [3, 4]]
 */
export function toSeriesList(v: unknown, what: string): number[][] {
  const list = isListLike(v) ? v.tolist() : v;
  if (ArrayBuffer.isView(list)) return [toSeries(list, what)];
  if (!Array.isArray(list)) {
    throw new PlotError(`${what} must be a 1-D or 2-D array, typed array or tensor; got ${describe(list)}`);
  }
  if (list.length === 0 || list.every(isScalar)) return [toSeries(list, what)];
  if (list.some(isScalar)) {
    throw new PlotError(`${what} mixes numbers and arrays; give one series (numbers) or a list of series`);
  }
  return list.map((row, i) => toSeries(row, `${what}[${i}]`));
}

/**
 * Pairs X and Y the way d2l's `plot` does: with no Y, X holds the y values and
 * x runs 0, 1, 2, ...; one X series is shared by every Y series.
 *
 * @example
 * pairSeries([0, 1, 2], [[0, 1, 4], [0, 2, 4]]) // two series sharing x = [0, 1, 2]
 */
export function pairSeries(X: unknown, Y: unknown, fn = "plot"): XY[] {
  if (Y === undefined || Y === null) {
    return toSeriesList(X, `${fn}: X`).map((y) => ({ x: y.map((_, i) => i), y }));
  }
  const xs = toSeriesList(X, `${fn}: X`);
  const ys = toSeriesList(Y, `${fn}: Y`);
  if (xs.length !== 1 && xs.length !== ys.length) {
    throw new PlotError(
      `${fn}: X has ${xs.length} series but Y has ${ys.length}; give one X for all Y series or one per Y series`,
    );
  }
  return ys.map((y, i) => {
    const x = xs.length === 1 ? xs[0] : xs[i];
    if (x.length !== y.length) {
      throw new PlotError(`${fn}: series ${i} has ${x.length} x values but ${y.length} y values`);
    }
    return { x, y };
  });
}
