/**
 * d2l's `plot` and matplotlib's `scatter`, returning SVG strings.
 */
import { flatValues, pairSeries, type PlotData, type XY } from "./data";
import { PlotError } from "./errors";
import { COLOR_CYCLE, DASHES, parseFmt, type Fmt } from "./fmt";
import { renderSvg, type RenderOptions } from "./render";
import { checkFigureOptions } from "./args";
import { figureSpec, type FigureOptions, type RefLine, type StyledSeries, type VegaLiteSpec } from "./spec";

/** A horizontal line across the plot at y, like matplotlib's `axhline`. fmt defaults to "k--". */
export interface HLine {
  y: number;
  fmt?: string;
}

/** A vertical line across the plot at x, like matplotlib's `axvline`. fmt defaults to "k--". */
export interface VLine {
  x: number;
  fmt?: string;
}

/** Options of {@link plot}: d2l's keyword arguments plus reference lines. */
export interface PlotOptions extends FigureOptions, RenderOptions {
  /** one label per series, in order; fewer labels leave the last series out of the legend */
  legend?: readonly string[];
  /**
   * matplotlib format strings, one per series (default d2l's ["-", "m--", "g-.", "r:"]);
   * a single string applies to every series. Series past the end get "-".
   * A series whose fmt names no color takes the next color of matplotlib's cycle.
   */
  fmts?: string | readonly string[];
  /** horizontal reference lines */
  hlines?: readonly HLine[];
  /** vertical reference lines */
  vlines?: readonly VLine[];
}

/** d2l's default formats. */
export const DEFAULT_FMTS: readonly string[] = ["-", "m--", "g-.", "r:"];

function isOptions(v: unknown): v is PlotOptions {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && typeof (v as { tolist?: unknown }).tolist !== "function";
}

/** Colors for fmts, cycling matplotlib's colors through the ones that name none. */
function colorsFor(fmts: readonly Fmt[]): string[] {
  let next = 0;
  return fmts.map((f) => f.color ?? COLOR_CYCLE[next++ % COLOR_CYCLE.length]!);
}

function refLines(options: PlotOptions, fn: string): RefLine[] {
  const make = (axis: "x" | "y", at: number, fmt: string | undefined): RefLine => {
    if (!Number.isFinite(at)) throw new PlotError(`${fn}: a ${axis === "y" ? "hline" : "vline"} needs a finite ${axis}; got ${at}`);
    const f = parseFmt(fmt ?? "k--", fn);
    if (!f.line) throw new PlotError(`${fn}: a reference line's fmt needs a line style; got ${JSON.stringify(fmt)}`);
    return { axis, at, color: f.color ?? "#000000", dash: DASHES[f.line] };
  };
  return [...(options.hlines ?? []).map((h) => make("y", h.y, h.fmt)), ...(options.vlines ?? []).map((v) => make("x", v.x, v.fmt))];
}

function checkLegend(legend: readonly string[] | undefined, n: number, fn: string): void {
  if (legend && legend.length > n) {
    throw new PlotError(`${fn}: legend has ${legend.length} labels for ${n} series`);
  }
}

/**
 * The Vega-Lite spec plot() renders, for inspection or for changing before {@link renderSvg}.
 * Arguments as in {@link plot}.
 */
export function plotSpec(X: PlotData, Y?: PlotData | PlotOptions, options?: PlotOptions): VegaLiteSpec {
  if (options === undefined && isOptions(Y)) return plotSpec(X, undefined, Y);
  checkFigureOptions("plot", options);
  const opts = options ?? {};
  const series: XY[] = pairSeries(X, Y, "plot");
  checkLegend(opts.legend, series.length, "plot");
  const given = opts.fmts === undefined ? DEFAULT_FMTS : typeof opts.fmts === "string" ? series.map(() => opts.fmts as string) : opts.fmts;
  const fmts = series.map((_, k) => parseFmt(given[k] ?? "-", "plot"));
  const colors = colorsFor(fmts);
  const styled: StyledSeries[] = series.map((s, k) => ({
    ...s,
    color: colors[k]!,
    dash: fmts[k]!.line ? DASHES[fmts[k]!.line!] : null,
    marker: fmts[k]!.marker ?? null,
    markerSize: fmts[k]!.marker?.size ?? 0,
    label: opts.legend?.[k] ?? null,
  }));
  return figureSpec(styled, refLines(opts, "plot"), opts, "plot");
}

/**
 * Plots one or more series as lines, like d2l's `plot(X, Y, xlabel, ylabel,
 * legend, xlim, ylim, xscale, yscale, fmts, figsize)`, and resolves to an SVG string.
 *
 * X and Y are 1-D (one series) or 2-D (one series per row): arrays, typed
 * arrays, lists of those, or tensors (anything with `tolist()`). With Y
 * omitted, X holds the y values and x runs 0, 1, 2, ... One X serves all Y series.
 *
 * @example
 * // d2l 2.4: f(x) = 3x^2 - 4x and its tangent at x = 1
 * const x = [...Array(30).keys()].map((i) => i / 10);
 * const svg = await plot(x, [x.map((v) => 3 * v * v - 4 * v), x.map((v) => 2 * v - 3)],
 *   { xlabel: "x", ylabel: "f(x)", legend: ["f(x)", "Tangent line (x=1)"] });
 * display.svg(svg); // in tslab: import { display } from "tslab", or use show()
 */
export async function plot(X: PlotData, Y?: PlotData | PlotOptions, options?: PlotOptions): Promise<string> {
  const opts = options ?? (isOptions(Y) ? Y : {});
  return renderSvg(plotSpec(X, Y, options), { onWarning: opts.onWarning });
}

/** Options of {@link scatter}: figure options plus the markers' look. */
export interface ScatterOptions extends FigureOptions, RenderOptions {
  /** marker area in pt² as in matplotlib (default 36, a 6 pt marker) */
  s?: number;
  /** a matplotlib marker character (default "o") */
  marker?: string;
  /** a one-letter color, C0-C9 or "#rrggbb" (default C0) */
  color?: string;
  /** legend label */
  label?: string;
  /** horizontal reference lines */
  hlines?: readonly HLine[];
  /** vertical reference lines */
  vlines?: readonly VLine[];
}

/**
 * A scatter plot of y against x, like `plt.scatter(x, y, s)`; resolves to an SVG string.
 *
 * @example
 * // d2l 3.2: the synthetic regression data
 * display.svg(await scatter(xs, ys, { s: 1 }));
 */
export async function scatter(x: PlotData, y: PlotData, options: ScatterOptions = {}): Promise<string> {
  return renderSvg(scatterSpec(x, y, options), { onWarning: options.onWarning });
}

/** The Vega-Lite spec scatter() renders. */
export function scatterSpec(x: PlotData, y: PlotData, options: ScatterOptions = {}): VegaLiteSpec {
  checkFigureOptions("scatter", options);
  // flattened as matplotlib's scatter does (np.ravel): a (n, 1) column is n points
  const xs = flatValues(x, "scatter: x"), ys = flatValues(y, "scatter: y");
  if (xs.length !== ys.length) throw new PlotError(`scatter: x and y must be the same size (${xs.length} and ${ys.length} values)`);
  const series = [{ x: xs, y: ys }];
  const s = options.s ?? 36;
  if (!(s >= 0) || !Number.isFinite(s)) throw new PlotError(`scatter: s must be a non-negative number; got ${s}`);
  const marker = parseFmt(options.marker ?? "o", "scatter").marker;
  if (!marker || options.marker?.length && options.marker.length > 1) {
    throw new PlotError(`scatter: marker must be one matplotlib marker character; got ${JSON.stringify(options.marker)}`);
  }
  const color = options.color ? parseFmt(options.color, "scatter").color : COLOR_CYCLE[0];
  if (!color) throw new PlotError(`scatter: color must be b g r c m y k w, C0-C9 or #rrggbb; got ${JSON.stringify(options.color)}`);
  const styled: StyledSeries = {
    ...series[0]!,
    color,
    dash: null,
    marker,
    // matplotlib's s is the marker's area in pt^2; vega's size is px^2.
    markerSize: (s * 16) / 9,
    label: options.label ?? null,
  };
  return figureSpec([styled], refLines(options, "scatter"), options, "scatter");
}
