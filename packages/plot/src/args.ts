/**
 * The boundary of @torchts/plot: the option keys of plot() and scatter(),
 * declared once (OPTION_KEYS, checked against the option interfaces at compile
 * time), and the checks of their values with matplotlib's messages: a bad
 * value is a ValueError (PlotError), a value of the wrong kind a TypeError.
 * Only `@torchts/tensor/errors` is imported, so plot stays free of kernels.
 */
import { TypeError, argTypeError, checkOptions } from "@torchts/tensor/errors";
import { PlotError } from "./errors";
import { checkAnnotations } from "./annotate";
import type { RenderOptions } from "./render";
import type { HLine, PlotOptions, ScatterOptions, VLine } from "./plot";
import type { ImageGridOptions, ImshowOptions } from "./image";
import type { ContourOptions } from "./contour";
import type { LayerOptions, PanelsOptions } from "./compose";
import type { LegendLoc } from "./legend";
import type { Scale } from "./scale";

/** Every key of T, listed: a missing or unknown key is a compile error. */
function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { missingKeys: Exclude<keyof T, K[number]> }),
  ): readonly string[] => keys;
}

/** The option keys of each public function (matplotlib's / d2l's keyword arguments). */
export const OPTION_KEYS = {
  plot: keysOf<PlotOptions>()([
    "xlabel", "ylabel", "title", "xlim", "ylim", "xscale", "yscale", "figsize", "legendLoc", "annotations", "onWarning", "legend", "fmts", "hlines", "vlines",
  ]),
  scatter: keysOf<ScatterOptions>()([
    "xlabel", "ylabel", "title", "xlim", "ylim", "xscale", "yscale", "figsize", "legendLoc", "annotations", "onWarning", "s", "marker", "color", "label", "hlines", "vlines",
  ]),
  hline: keysOf<HLine>()(["y", "fmt"]),
  vline: keysOf<VLine>()(["x", "fmt"]),
  renderSvg: keysOf<RenderOptions>()(["onWarning"]),
  imshow: keysOf<ImshowOptions>()(["cmap", "vmin", "vmax", "title", "xlabel", "ylabel", "figsize", "axis", "extent", "aspect", "origin", "onWarning"]),
  contour: keysOf<ContourOptions>()(["levels", "colors", "linewidths", "xlabel", "ylabel", "title", "xlim", "ylim", "figsize", "annotations", "onWarning"]),
  layer: keysOf<LayerOptions>()(["xlabel", "ylabel", "title", "xlim", "ylim", "figsize", "grid", "onWarning"]),
  panels: keysOf<PanelsOptions>()(["ncols", "figsize", "title", "onWarning"]),
  imageGrid: keysOf<ImageGridOptions>()(["titles", "scale", "cmap", "vmin", "vmax", "onWarning"]),
} as const;

const SCALES: readonly Scale[] = ["linear", "log"];
const LOCS: readonly LegendLoc[] = ["best", "top-left", "top-right", "bottom-left", "bottom-right", "right"];

const show = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => String(x)).join(", ")}]` : typeof v === "string" ? `'${v}'` : String(v));

/** A pair of numbers (figsize, xlim, ylim): an array of exactly two numbers. */
export function checkPair(fn: string, name: string, v: unknown): [number, number] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw argTypeError(fn, name, undefined, "an array of two numbers", v);
  const a = Array.from(v as ArrayLike<unknown>);
  if (a.length !== 2) {
    // matplotlib: a figsize of the wrong length fails in Bbox.from_bounds (TypeError), limits in unpacking (ValueError)
    const msg = `${fn}(): ${name} must hold two numbers, got ${a.length} (${show(a)})`;
    throw name === "figsize" ? new TypeError(msg) : new PlotError(msg);
  }
  if (a.some((x) => typeof x !== "number")) throw argTypeError(fn, name, undefined, "an array of two numbers", a.find((x) => typeof x !== "number"));
  return a as [number, number];
}

export function stringOption(fn: string, name: string, v: unknown): void {
  if (v !== undefined && typeof v !== "string") throw argTypeError(fn, name, undefined, "a string", v);
}

function stringList(fn: string, name: string, v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw argTypeError(fn, name, undefined, "an array of strings", v);
}

function refLineList(fn: string, name: "hlines" | "vlines", v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) throw argTypeError(fn, name, undefined, `an array of { ${name === "hlines" ? "y" : "x"}, fmt } objects`, v);
  const key = name === "hlines" ? "y" : "x";
  for (const line of v) {
    checkOptions(`${fn}: ${name.slice(0, -1)}`, line, OPTION_KEYS[name === "hlines" ? "hline" : "vline"]);
    const at = (line as Record<string, unknown> | undefined)?.[key];
    if (typeof at !== "number") throw argTypeError(fn, `${name}[].${key}`, undefined, "a number", at);
    stringOption(fn, `${name}[].fmt`, (line as { fmt?: unknown }).fmt);
  }
}

/**
 * Checks a grid's rows and columns as `plt.subplots(nrows, ncols)` does: a
 * number that is not a positive integer is matplotlib's ValueError, anything
 * else a TypeError.
 * @example checkGridSize("imageGrid", 0, 9) // PlotError: imageGrid(): Number of rows must be a positive integer, not 0
 */
export function checkGridSize(fn: string, nrows: unknown, ncols: unknown): void {
  for (const [name, v, pos, what] of [["numRows", nrows, 2, "rows"], ["numCols", ncols, 3, "columns"]] as const) {
    if (typeof v !== "number") throw argTypeError(fn, name, pos, "a positive integer", v);
    if (!Number.isInteger(v) || v < 1) throw new PlotError(`${fn}(): Number of ${what} must be a positive integer, not ${v}`);
  }
}

/**
 * Checks the options of plot() or scatter(): known keys (a misspelt one names the
 * key it resembles), and each value's kind and range as matplotlib checks them.
 * @example checkFigureOptions("plot", { figsize: [-1, 0] }) // PlotError: plot(): figure size must be positive finite not [-1, 0]
 */
export function checkFigureOptions(fn: "plot" | "scatter", options: unknown): void {
  checkOptions(fn, options, OPTION_KEYS[fn]);
  checkFigureValues(fn, options);
}

/** The value checks of checkFigureOptions, for any function taking figure options (keys checked by the caller). */
export function checkFigureValues(fn: string, options: unknown): void {
  if (options === undefined) return;
  const o = options as Record<string, unknown>;
  const size = checkPair(fn, "figsize", o.figsize);
  // matplotlib's Figure: "figure size must be positive finite not (-1, 0)" (0 is allowed there)
  if (size && !size.every((d) => Number.isFinite(d) && d >= 0)) throw new PlotError(`${fn}(): figure size must be positive finite not ${show(size)}`);
  for (const k of ["xlim", "ylim"] as const) {
    const lim = checkPair(fn, k, o[k]);
    if (lim && !lim.every(Number.isFinite)) throw new PlotError(`${fn}(): Axis limits cannot be NaN or Inf; ${k} is ${show(lim)}`);
  }
  for (const k of ["xscale", "yscale"] as const) {
    if (o[k] !== undefined && !SCALES.includes(o[k] as Scale)) {
      throw new PlotError(`${fn}(): ${show(o[k])} is not a valid value for ${k}; supported values are ${SCALES.map(show).join(", ")}`);
    }
  }
  if (o.legendLoc !== undefined && !LOCS.includes(o.legendLoc as LegendLoc)) {
    throw new PlotError(`${fn}(): ${show(o.legendLoc)} is not a valid value for legendLoc; supported values are ${LOCS.map(show).join(", ")}`);
  }
  for (const k of ["xlabel", "ylabel", "title", "marker", "color", "label"]) stringOption(fn, k, o[k]);
  stringList(fn, "legend", o.legend);
  if (o.fmts !== undefined && typeof o.fmts !== "string") stringList(fn, "fmts", o.fmts);
  if (o.onWarning !== undefined && typeof o.onWarning !== "function") throw argTypeError(fn, "onWarning", undefined, "a function", o.onWarning);
  if (o.s !== undefined && typeof o.s !== "number") throw new PlotError(`${fn}(): s must be a scalar, got ${show(o.s)}`);
  checkAnnotations(fn, o.annotations);
  refLineList(fn, "hlines", o.hlines);
  refLineList(fn, "vlines", o.vlines);
}
