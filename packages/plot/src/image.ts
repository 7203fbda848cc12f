/**
 * matplotlib's `imshow` and d2l's `show_images`: images through a colour map
 * (viridis by default, each image normalised to its own min and max), each
 * embedded as one PNG `<image>` drawn pixelated, as matplotlib draws an image
 * enlarged on screen.
 */
import { argTypeError, checkOptions } from "@torchts/tensor/errors";
import { PlotError } from "./errors";
import { COLORMAPS, normLimits, toRgba, type Colormap } from "./colormap";
import { toMatrices, toMatrix, type Matrix } from "./matrix";
import { pngDataUrl } from "./png";
import { renderSvg, type RenderOptions } from "./render";
import { DEFAULT_FIGSIZE, axesMeta, baseConfig, type VegaLiteSpec } from "./spec";
import { OPTION_KEYS, checkGridSize, checkPair, stringOption } from "./args";

const DPI = 96;

/** Options of {@link imshow}. */
export interface ImshowOptions extends RenderOptions {
  /** colour map (default "viridis", matplotlib's default) */
  cmap?: Colormap;
  /** the value drawn with the map's first colour (default: the image's minimum) */
  vmin?: number;
  /** the value drawn with the map's last colour (default: the image's maximum) */
  vmax?: number;
  /** axes title */
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** figure size in inches (96 px each), default [3.5, 2.5] like d2l */
  figsize?: readonly [number, number];
  /** false hides the axes, as `plt.axis("off")` (default true) */
  axis?: boolean;
  /**
   * the data coordinates the image spans, [left, right, bottom, top] as matplotlib's
   * extent (default [-0.5, W - 0.5, H - 0.5, -0.5]: pixel centres at integers, row 0 on top;
   * with origin "lower", [-0.5, W - 0.5, -0.5, H - 0.5]).
   */
  extent?: readonly [number, number, number, number];
  /** "equal" (default, matplotlib's: one data unit as long on both axes) or "auto" (fill the axes) */
  aspect?: "equal" | "auto";
  /** where row 0 goes: "upper" (default, matplotlib's) or "lower" (row 0 at the bottom, for a heat map of z[i][j] at y[i]) */
  origin?: "upper" | "lower";
}

/** Options of {@link imageGrid}: d2l's show_images keywords, plus the colour map. */
export interface ImageGridOptions extends RenderOptions {
  /** one title per image, drawn above it ("\n" breaks lines) */
  titles?: readonly string[];
  /** inches per grid cell (default 1.5, d2l's): the figure is (numCols * scale, numRows * scale) */
  scale?: number;
  cmap?: Colormap;
  /** shared vmin for every image (default: each image's own minimum) */
  vmin?: number;
  /** shared vmax for every image (default: each image's own maximum) */
  vmax?: number;
}

function checkColorOptions(fn: string, o: { cmap?: unknown; vmin?: unknown; vmax?: unknown }): void {
  if (o.cmap !== undefined && !COLORMAPS.includes(o.cmap as Colormap)) {
    throw new PlotError(`${fn}(): ${typeof o.cmap === "string" ? `'${o.cmap}'` : String(o.cmap)} is not a valid value for cmap; supported values are ${COLORMAPS.map((c) => `'${c}'`).join(", ")}`);
  }
  for (const k of ["vmin", "vmax"] as const) {
    if (o[k] !== undefined && (typeof o[k] !== "number" || Number.isNaN(o[k]))) throw argTypeError(fn, k, undefined, "a number", o[k]);
  }
}

/** The image's pixels as a PNG data URL, through Normalize(vmin, vmax) and the colour map. */
function imageUrl(m: Matrix, cmap: Colormap, vmin: number | undefined, vmax: number | undefined, fn: string): string {
  let limits: [number, number];
  try {
    limits = normLimits(m.data, vmin, vmax);
  } catch (e) {
    throw new PlotError((e as Error).message.replace("imshow()", `${fn}()`));
  }
  return pngDataUrl(m.cols, m.rows, toRgba(m.data, cmap, limits[0], limits[1]));
}

/** matplotlib's default subplot box, as fractions of the figure: left, right, bottom, top. */
const SUBPLOT = { left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.2 };

/** An image of h × w pixels fitted into a box keeping square pixels (imshow's aspect "equal"), centred. */
function fit(box: { x: number; y: number; w: number; h: number }, rows: number, cols: number) {
  const s = Math.min(box.w / cols, box.h / rows);
  const w = cols * s;
  const h = rows * s;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

const r2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The Vega-Lite spec imshow() renders.
 *
 * @example
 * imshowSpec([[0, 1], [2, 3]], { cmap: "gray" })
 */
export function imshowSpec(img: unknown, options: ImshowOptions = {}): VegaLiteSpec {
  checkOptions("imshow", options, OPTION_KEYS.imshow);
  checkColorOptions("imshow", options);
  const figsize = checkPair("imshow", "figsize", options.figsize) ?? DEFAULT_FIGSIZE;
  if (!figsize.every((d) => Number.isFinite(d) && d > 0)) throw new PlotError(`imshow(): figure size must be positive finite not [${figsize.join(", ")}]`);
  for (const k of ["title", "xlabel", "ylabel"] as const) stringOption("imshow", k, options[k]);
  if (options.axis !== undefined && typeof options.axis !== "boolean") throw argTypeError("imshow", "axis", undefined, "a boolean", options.axis);
  if (options.aspect !== undefined && options.aspect !== "equal" && options.aspect !== "auto") {
    throw new PlotError(`imshow(): aspect must be 'equal' or 'auto'; got ${JSON.stringify(options.aspect)}`);
  }
  if (options.extent !== undefined) {
    const e = options.extent as unknown;
    if (!Array.isArray(e) || e.length !== 4 || e.some((v) => typeof v !== "number")) throw argTypeError("imshow", "extent", undefined, "an array of four numbers [left, right, bottom, top]", e);
    if (!e.every(Number.isFinite) || e[0] === e[1] || e[2] === e[3]) throw new PlotError(`imshow(): extent must be four finite numbers with left != right and bottom != top; got [${e.join(", ")}]`);
  }
  if (options.origin !== undefined && options.origin !== "upper" && options.origin !== "lower") {
    throw new PlotError(`imshow(): '${String(options.origin)}' is not a valid value for origin; supported values are 'upper', 'lower'`);
  }
  const lower = options.origin === "lower";
  const read = toMatrix(img, "imshow", "img", 1);
  // origin "lower": the PNG's top row is the image's last row
  const m = lower ? { ...read, data: Float64Array.from({ length: read.data.length }, (_, k) => read.data[(read.rows - 1 - Math.floor(k / read.cols)) * read.cols + (k % read.cols)]!) } : read;
  const url = imageUrl(m, options.cmap ?? "viridis", options.vmin, options.vmax, "imshow");
  const W = figsize[0] * DPI;
  const H = figsize[1] * DPI;
  const extent = options.extent ?? (lower ? [-0.5, m.cols - 0.5, -0.5, m.rows - 0.5] : [-0.5, m.cols - 0.5, m.rows - 0.5, -0.5]);
  const full = { x: 0, y: 0, w: W * (SUBPLOT.right - SUBPLOT.left), h: H * (SUBPLOT.top - SUBPLOT.bottom) };
  // aspect "equal": the box has the extent's proportions (square pixels by default)
  const box = options.aspect === "auto" ? full : fit(full, Math.abs(extent[3] - extent[2]), Math.abs(extent[1] - extent[0]));
  const axis = options.axis ?? true;
  // The axis runs from the first number (left, bottom) to the second (right, top), either way round;
  // by default pixel centres sit at integers and the rows run downwards, as matplotlib's.
  const scale = (a: number, b: number) => ({ domain: [Math.min(a, b), Math.max(a, b)], nice: false, zero: false, reverse: a > b });
  const axisOf = (title: string | undefined) => (axis ? { title: title ?? null, format: ".12~g", grid: false } : null);
  const layers: Record<string, unknown>[] = [
    {
      data: { values: [{ url, l: extent[0], r: extent[1], b: extent[2], t: extent[3] }] },
      mark: { type: "image", align: "left", baseline: "top", aspect: false, smooth: false, clip: true },
      encoding: {
        x: { field: "l", type: "quantitative", scale: scale(extent[0], extent[1]), axis: axisOf(options.xlabel) },
        x2: { field: "r" },
        y: { field: "t", type: "quantitative", scale: scale(extent[2], extent[3]), axis: axisOf(options.ylabel) },
        y2: { field: "b" },
        url: { field: "url", type: "nominal" },
      },
    },
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(options.title ? { title: options.title } : {}),
    width: r2(box.w),
    height: r2(box.h),
    autosize: { type: "pad" },
    padding: 5,
    background: "white",
    layer: layers,
    config: { ...baseConfig(), view: { stroke: axis ? "#000000" : null } },
    // imshow sets the axes' limits to the extent: layer() keeps them (a contour over a heat map)
    usermeta: {
      torchts: axesMeta(
        { values: [Math.min(extent[0], extent[1]), Math.max(extent[0], extent[1])], lim: [extent[0], extent[1]], title: options.xlabel },
        { values: [Math.min(extent[2], extent[3]), Math.max(extent[2], extent[3])], lim: [extent[2], extent[3]], title: options.ylabel },
        "linear",
        "linear",
        true,
      ),
    },
  };
}

/**
 * Shows a 2-D image through a colour map, like `plt.imshow(img)`, with
 * matplotlib's default colour map (viridis) and normalisation (vmin and vmax
 * default to the image's min and max). Resolves to an SVG string.
 *
 * img: (H, W) tensor or nested array. Pixel (i, j) is row i from the top.
 *
 * @example
 * const svg = await imshow(torch.rand(28, 28), { cmap: "viridis" });
 */
export async function imshow(img: unknown, options: ImshowOptions = {}): Promise<string> {
  return renderSvg(imshowSpec(img, options), { onWarning: options.onWarning });
}

/** Titles of imageGrid(): font size and line height in px (vega's default line height, fontSize + 2). */
const TITLE_SIZE = 13;
const TITLE_LINE = 15;

/**
 * The Vega-Lite spec imageGrid() renders: one view, the images placed in
 * pixels the way matplotlib's `subplots(numRows, numCols)` places its axes.
 */
export function imageGridSpec(imgs: unknown, numRows: number, numCols: number, options: ImageGridOptions = {}): VegaLiteSpec {
  const fn = "imageGrid";
  checkOptions(fn, options, OPTION_KEYS.imageGrid);
  checkGridSize(fn, numRows, numCols);
  checkColorOptions(fn, options);
  const scale = options.scale ?? 1.5;
  if (typeof scale !== "number" || !(scale > 0) || !Number.isFinite(scale)) throw argTypeError(fn, "scale", undefined, "a positive number", scale);
  const titles = options.titles;
  if (titles !== undefined && (!Array.isArray(titles) || titles.some((t) => typeof t !== "string"))) {
    throw argTypeError(fn, "titles", undefined, "an array of strings", titles);
  }
  // d2l zips the axes with the images: images beyond numRows * numCols are not shown.
  const all = toMatrices(imgs, fn, "imgs", 1);
  const shown = all.slice(0, numRows * numCols);
  if (titles && titles.length < shown.length) {
    throw new PlotError(`${fn}(): ${shown.length} images are shown but titles has only ${titles.length} entries`);
  }
  const W = numCols * scale * DPI;
  const H = numRows * scale * DPI;
  const areaW = W * (SUBPLOT.right - SUBPLOT.left);
  const areaH = H * (SUBPLOT.top - SUBPLOT.bottom);
  const cellW = areaW / (numCols + SUBPLOT.wspace * (numCols - 1));
  const cellH = areaH / (numRows + SUBPLOT.hspace * (numRows - 1));
  const cmap = options.cmap ?? "viridis";
  const boxes = shown.map((m, k) => {
    const row = Math.floor(k / numCols);
    const col = k % numCols;
    return fit(
      { x: W * SUBPLOT.left + col * cellW * (1 + SUBPLOT.wspace), y: H * (1 - SUBPLOT.top) + row * cellH * (1 + SUBPLOT.hspace), w: cellW, h: cellH },
      m.rows,
      m.cols,
    );
  });
  // A title of several lines grows upward from its pad, as matplotlib's does; where its lines
  // would leave the figure, the figure grows at the top to hold them (Jupyter's tight bounding box).
  const lines = (k: number) => (titles?.[k] ?? "").split("\n").length;
  const grow = Math.max(0, ...boxes.map((box, k) => Math.ceil((lines(k) - 1) * TITLE_LINE - Math.max(0, box.y - 8 - TITLE_SIZE))));
  const values = shown.map((m, k) => {
    const box = { ...boxes[k]!, y: boxes[k]!.y + grow };
    return {
      x: r2(box.x), y: r2(box.y), x2: r2(box.x + box.w), y2: r2(box.y + box.h), cx: r2(box.x + box.w / 2),
      // matplotlib's title pad: 6 pt above the axes; the first of n lines n - 1 line heights higher
      ty: r2(box.y - 8 - (lines(k) - 1) * TITLE_LINE),
      url: imageUrl(m, cmap, options.vmin, options.vmax, fn),
      title: titles?.[k] ?? "",
    };
  });
  const px = (field: string) => ({ field, type: "quantitative", scale: null });
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: "image", align: "left", baseline: "top", aspect: false, smooth: false },
      encoding: { x: px("x"), y: px("y"), x2: { field: "x2" }, y2: { field: "y2" }, url: { field: "url", type: "nominal" } },
    },
  ];
  // d2l hides the axes' ticks, not their frame: matplotlib's 0.8 pt black spines stay around each image.
  layers.push({
    mark: { type: "rect", fill: null, stroke: "#000000", strokeWidth: 0.8 * (4 / 3) },
    encoding: { x: px("x"), y: px("y"), x2: { field: "x2" }, y2: { field: "y2" } },
  });
  if (titles) {
    layers.push({
      mark: { type: "text", align: "center", baseline: "bottom", fontSize: TITLE_SIZE, lineHeight: TITLE_LINE, lineBreak: "\n", color: "#000000" },
      encoding: { x: px("cx"), y: px("ty"), text: { field: "title", type: "nominal" } },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: Math.round(W),
    height: Math.round(H + grow),
    autosize: { type: "none" },
    padding: 0,
    background: "white",
    data: { values },
    layer: layers,
    config: { ...baseConfig(), view: { stroke: null } },
  };
}

/**
 * A grid of images with titles, framed, without ticks, like d2l's
 * `show_images(imgs, num_rows, num_cols, titles, scale)`; each image is
 * normalised to its own min and max and drawn in viridis. Resolves to SVG.
 *
 * imgs: a (N, H, W) tensor or nested array, or an array of (H, W) images.
 * Images past numRows * numCols are not shown (d2l zips them with the axes).
 *
 * @example
 * const [X, y] = nextBatch; // X: (18, 1, 28, 28)
 * const svg = await imageGrid(X.reshape(18, 28, 28), 2, 9, { titles: getFashionMnistLabels(y) });
 */
export async function imageGrid(imgs: unknown, numRows: number, numCols: number, options: ImageGridOptions = {}): Promise<string> {
  return renderSvg(imageGridSpec(imgs, numRows, numCols, options), { onWarning: options.onWarning });
}
