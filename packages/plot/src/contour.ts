/**
 * matplotlib's `plt.contour(X, Y, Z, levels, colors=...)`: isolines of Z on a
 * meshgrid, at matplotlib's automatic levels, coloured by viridis over the
 * levels unless colors are given. Vega-Lite draws one path per isoline.
 */
import { TypeError, argTypeError, checkOptions } from "@torchts/tensor/errors";
import { PlotError } from "./errors";
import { colormapHex } from "./colormap";
import { LINE_WIDTH, parseFmt } from "./fmt";
import { contourLevels } from "./levels";
import { isolines } from "./marching";
import { toMatrix, type Matrix } from "./matrix";
import { renderSvg, type RenderOptions } from "./render";
import { OPTION_KEYS, checkFigureValues } from "./args";
import { annotationLayers } from "./annotate";
import { DEFAULT_FIGSIZE, axesMeta, figureFrame, positional, type FigureOptions, type VegaLiteSpec } from "./spec";
import { axisDomain } from "./scale";

/** Options of {@link contour}: matplotlib's keywords and the figure's. */
export interface ContourOptions extends Omit<FigureOptions, "xscale" | "yscale" | "legendLoc">, RenderOptions {
  /** how many levels to aim for (default 7, matplotlib's), or the levels themselves, increasing */
  levels?: number | readonly number[];
  /** one colour for every line, or one per level ("#1f77b4", "C0", "k"); default viridis over the levels */
  colors?: string | readonly string[];
  /** line width in points (default 1.5, matplotlib's) */
  linewidths?: number;
}

/** The isolines of one level. */
export interface ContourLevel {
  level: number;
  color: string;
  lines: [number, number][][];
}

function checkLevels(levels: unknown): void {
  if (levels === undefined) return;
  if (typeof levels === "number") {
    if (!Number.isInteger(levels) || levels < 0) throw new PlotError(`contour(): levels must be a non-negative integer or an increasing array of numbers; got ${levels}`);
    return;
  }
  if (!Array.isArray(levels) || levels.some((l) => typeof l !== "number" || !Number.isFinite(l))) {
    throw argTypeError("contour", "levels", undefined, "an integer or an array of finite numbers", levels);
  }
  for (let k = 1; k < levels.length; k++) {
    if (levels[k] <= levels[k - 1]) throw new PlotError("contour(): Contour levels must be increasing");
  }
  if (levels.length === 0) throw new PlotError("contour(): levels must not be empty");
}

/** A color: "#rrggbb", one of b g r c m y k w, or C0-C9. */
function colorOf(c: unknown, what: string): string {
  if (typeof c !== "string") throw argTypeError("contour", what, undefined, "a color string", c);
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  // A fmt that is only a color ("k", "C1") names one; anything else is not a color.
  const color = /^(C[0-9]|[bgrcmykw])$/.test(c) ? parseFmt(c, "contour").color : undefined;
  // matplotlib: "Invalid RGBA argument: 'blu'"
  if (!color) throw new PlotError(`contour(): Invalid RGBA argument: '${c}' (colors are b g r c m y k w, C0-C9 or #rrggbb)`);
  return color;
}

const isVector = (v: unknown): boolean => {
  const list = typeof (v as { tolist?: unknown })?.tolist === "function" ? (v as { tolist(): unknown }).tolist() : v;
  return (Array.isArray(list) && list.length > 0 && typeof list[0] === "number") || (ArrayBuffer.isView(list) && !(list instanceof DataView));
};

/**
 * Reads and checks X, Y, Z: three 2-D inputs of one shape, at least 2 × 2; or,
 * as matplotlib allows, 1-D X along Z's columns and 1-D Y along its rows.
 */
function grids(X: unknown, Y: unknown, Z: unknown): [Matrix, Matrix, Matrix] {
  const z = toMatrix(Z, "contour", "Z", 3);
  const [xv, yv] = [isVector(X), isVector(Y)];
  if (xv !== yv) throw new TypeError(`contour(): Number of dimensions of x (${xv ? 1 : 2}) and y (${yv ? 1 : 2}) do not match`);
  let x: Matrix;
  let y: Matrix;
  if (xv) {
    const xs = toMatrix([X], "contour", "X", 1).data;
    const ys = toMatrix([Y], "contour", "Y", 2).data;
    if (xs.length !== z.cols) throw new TypeError(`contour(): Length of x (${xs.length}) must match number of columns in z (${z.cols})`);
    if (ys.length !== z.rows) throw new TypeError(`contour(): Length of y (${ys.length}) must match number of rows in z (${z.rows})`);
    x = { rows: z.rows, cols: z.cols, data: Float64Array.from({ length: z.rows * z.cols }, (_, k) => xs[k % z.cols]!) };
    y = { rows: z.rows, cols: z.cols, data: Float64Array.from({ length: z.rows * z.cols }, (_, k) => ys[Math.floor(k / z.cols)]!) };
  } else {
    x = toMatrix(X, "contour", "X", 1);
    y = toMatrix(Y, "contour", "Y", 2);
    for (const [m, name] of [[x, "X"], [y, "Y"]] as const) {
      if (m.rows !== z.rows || m.cols !== z.cols) {
        throw new TypeError(`contour(): Shapes of ${name.toLowerCase()} (${m.rows}, ${m.cols}) and z (${z.rows}, ${z.cols}) do not match`);
      }
    }
  }
  if (z.rows < 2 || z.cols < 2) throw new TypeError(`contour(): Input z must be at least a (2, 2) shaped array, but has shape (${z.rows}, ${z.cols})`);
  return [x, y, z];
}

/**
 * The levels, colours and isolines `plt.contour` computes, without drawing.
 *
 * @example
 * contourLines(X1, X2, Z)[1] // { level: 8, color: "#46317e", lines: [[[x, y], ...]] } (d2l's x1² + 2 x2² grid)
 */
export function contourLines(X: unknown, Y: unknown, Z: unknown, options: Pick<ContourOptions, "levels" | "colors"> = {}): ContourLevel[] {
  return computeContour(X, Y, Z, options).levels;
}

function computeContour(X: unknown, Y: unknown, Z: unknown, options: Pick<ContourOptions, "levels" | "colors">): { levels: ContourLevel[]; x: Matrix; y: Matrix } {
  checkLevels(options.levels);
  const [x, y, z] = grids(X, Y, Z);
  let zmin = Infinity;
  let zmax = -Infinity;
  for (const v of z.data) {
    if (!Number.isFinite(v)) continue;
    if (v < zmin) zmin = v;
    if (v > zmax) zmax = v;
  }
  if (zmin > zmax) throw new PlotError("contour(): Z has no finite values");
  const levels = Array.isArray(options.levels) ? [...(options.levels as number[])] : contourLevels(zmin, zmax, (options.levels as number | undefined) ?? 7);
  const given = options.colors as unknown;
  let colors: string[];
  if (given === undefined) {
    // matplotlib: the levels normalised to their own min and max, through viridis
    const [lo, hi] = [levels[0]!, levels[levels.length - 1]!];
    colors = levels.map((l) => colormapHex("viridis", hi > lo ? (l - lo) / (hi - lo) : 0));
  } else if (typeof given === "string") {
    colors = levels.map(() => colorOf(given, "colors"));
  } else if (Array.isArray(given) && given.length > 0) {
    // as matplotlib, a shorter list repeats
    colors = levels.map((_, k) => colorOf(given[k % given.length], `colors[${k % given.length}]`));
  } else {
    throw argTypeError("contour", "colors", undefined, "a color string or a non-empty array of them", given);
  }
  return { levels: levels.map((level, k) => ({ level, color: colors[k]!, lines: isolines(x, y, z, level) })), x, y };
}

/**
 * The Vega-Lite spec contour() renders.
 *
 * @example
 * contourSpec(X1, X2, Z, { colors: "#1f77b4" })
 */
export function contourSpec(X: unknown, Y: unknown, Z: unknown, options: ContourOptions = {}): VegaLiteSpec {
  checkOptions("contour", options, OPTION_KEYS.contour);
  checkFigureValues("contour", options);
  const lw = options.linewidths ?? 1.5;
  if (typeof lw !== "number" || !(lw > 0) || !Number.isFinite(lw)) throw argTypeError("contour", "linewidths", undefined, "a positive number", lw);
  const { levels, x, y } = computeContour(X, Y, Z, options);
  const rows: { x: number; y: number; g: string; i: number; c: string }[] = [];
  levels.forEach((l, k) => l.lines.forEach((line, m) => line.forEach(([px, py], i) => rows.push({ x: px, y: py, g: `${k}:${m}`, i, c: l.color }))));
  // matplotlib fits the axes tightly around the grid (autoscale_view(tight=True)).
  const extent = (m: Matrix): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of m.data) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return [lo, hi];
  };
  const [xe, ye] = [extent(x), extent(y)];
  const xAxis = axisDomain(xe, "linear", options.xlim ?? (xe[0] < xe[1] ? xe : undefined), "contour: xlim");
  const yAxis = axisDomain(ye, "linear", options.ylim ?? (ye[0] < ye[1] ? ye : undefined), "contour: ylim");
  // plt.contour draws no grid (d2l's plot does, through set_axes).
  const noGrid = (enc: Record<string, unknown>) => ({ ...enc, axis: { ...(enc.axis as object), grid: false } });
  const layer = {
    mark: { type: "line", strokeWidth: (lw * LINE_WIDTH) / 1.5, strokeJoin: "round", clip: true },
    encoding: {
      x: noGrid(positional("x", xAxis, "linear", options.xlabel)),
      y: noGrid(positional("y", yAxis, "linear", options.ylabel)),
      detail: { field: "g", type: "nominal" },
      order: { field: "i", type: "quantitative" },
      color: { field: "c", type: "nominal", scale: null },
    },
  };
  const [w, h] = options.figsize ?? DEFAULT_FIGSIZE;
  const area = { width: w * 96 - (options.ylabel ? 70 : 55), height: h * 96 - (options.xlabel ? 50 : 35) - (options.title ? 20 : 0) };
  const notes = annotationLayers(options.annotations ?? [], { axis: xAxis, scale: "linear", encoding: layer.encoding.x }, { axis: yAxis, scale: "linear", encoding: layer.encoding.y }, area);
  return {
    ...figureFrame(options),
    data: { values: rows },
    layer: [layer, ...notes],
    usermeta: { torchts: axesMeta({ values: xe, lim: options.xlim, title: options.xlabel }, { values: ye, lim: options.ylim, title: options.ylabel }, "linear", "linear", true) },
  };
}

/**
 * Draws the isolines of Z over a meshgrid, like `plt.contour(X, Y, Z)`;
 * resolves to an SVG string. X, Y and Z are 2-D tensors or nested arrays of
 * one shape, Z[i][j] the value at (X[i][j], Y[i][j]), as
 * `torch.meshgrid(x, y, { indexing: "ij" })` gives them; or, as in matplotlib,
 * X and Y 1-D with X along Z's columns and Y along its rows. Levels are chosen
 * as matplotlib chooses them (7 by default), coloured by viridis unless
 * `colors` is given.
 *
 * @example
 * // d2l 11.3: the contour under show_trace_2d
 * const [x1, x2] = torch.meshgrid(torch.arange(-5.5, 1.0, 0.1), torch.arange(-3.0, 1.0, 0.1), { indexing: "ij" });
 * const svg = await contour(x1, x2, x1.pow(2).add(x2.pow(2).mul(2)), { colors: "#1f77b4" });
 */
export async function contour(X: unknown, Y: unknown, Z: unknown, options: ContourOptions = {}): Promise<string> {
  return renderSvg(contourSpec(X, Y, Z, options), { onWarning: options.onWarning });
}
