/**
 * Several plots in one figure. `layer` draws them on one pair of axes, as
 * successive matplotlib calls do (plt.plot then plt.contour, d2l's
 * show_trace_2d); `panels` puts them side by side, as `plt.subplots(1, n)`.
 * Both take the specs of plotSpec, scatterSpec, contourSpec (and of layer and
 * panels themselves), which carry their axes' extents in `usermeta.torchts`.
 */
import { argTypeError, checkOptions } from "@torchts/tensor/errors";
import { PlotError } from "./errors";
import { renderSvg, type RenderOptions } from "./render";
import { OPTION_KEYS, checkFigureValues } from "./args";
import { axesMeta, baseConfig, figureFrame, type AxesMeta, type AxisMeta, type FigureOptions, type VegaLiteSpec } from "./spec";
import { axisDomain, type AxisDomain } from "./scale";

/** Options of {@link layer}: they override what the layered specs say. */
export interface LayerOptions extends Pick<FigureOptions, "xlabel" | "ylabel" | "title" | "xlim" | "ylim" | "figsize">, RenderOptions {
  /** grid lines (default: only if every layer draws them; plt.contour draws none, d2l's plot does) */
  grid?: boolean;
}

/** Options of {@link panels}. */
export interface PanelsOptions extends RenderOptions {
  /** panels per row (default: all in one row) */
  ncols?: number;
  /** the whole figure's size in inches, as `plt.subplots(1, 3, figsize=(9, 3))` (default: each panel keeps its own) */
  figsize?: readonly [number, number];
  /** a title over all panels (matplotlib's suptitle) */
  title?: string;
}

const isSpec = (v: unknown): v is VegaLiteSpec => typeof v === "object" && v !== null && !Array.isArray(v);

function metaOf(spec: unknown, fn: string, k: number): AxesMeta {
  const meta = isSpec(spec) ? ((spec.usermeta as { torchts?: AxesMeta } | undefined)?.torchts ?? null) : null;
  if (!meta) throw argTypeError(fn, `specs[${k}]`, undefined, "a spec from plotSpec, scatterSpec, contourSpec or layerSpec", spec);
  return meta;
}

function specList(specs: unknown, fn: string): unknown[] {
  if (!Array.isArray(specs)) throw argTypeError(fn, "specs", 1, "an array of specs (plotSpec(...), contourSpec(...), ...)", specs);
  if (specs.length === 0) throw new PlotError(`${fn}(): specs must not be empty`);
  return specs;
}

/** One axis of the merged axes: limits win, else the union of the data, tight if any layer is tight. */
function mergeAxis(axes: AxisMeta[], lim: readonly [number, number] | undefined, tight: boolean, what: string): { domain: AxisDomain; meta: AxisMeta } {
  const scale = axes[0]!.scale;
  if (axes.some((a) => a.scale !== scale)) throw new PlotError(`layer(): the layers disagree on the ${what} scale (${axes.map((a) => a.scale).join(", ")})`);
  const given = lim ?? axes.find((a) => a.lim)?.lim ?? undefined;
  const values = axes.flatMap((a) => a.values ?? []);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const domain = given
    ? axisDomain([], scale, given, `layer: ${what}lim`)
    : tight && lo < hi
      ? { domain: [lo, hi] as [number, number], reverse: false }
      : axisDomain(values, scale, undefined, `layer: ${what}lim`);
  const title = axes.find((a) => a.title !== null)?.title ?? null;
  return { domain, meta: { values: values.length ? [lo, hi] : null, lim: given ? [given[0], given[1]] : null, scale, title } };
}

/** A deep copy of a layer tree with every x/y scale domain, axis title and grid set to the merged axes'. */
function rewrite(node: unknown, axes: Record<"x" | "y", { domain: AxisDomain; title: string | null; axis: Record<string, unknown> | null }>, grid: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, axes, grid));
  if (!isSpec(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "encoding" && isSpec(v)) {
      const enc: Record<string, unknown> = { ...v };
      for (const ch of ["x", "y"] as const) {
        const e = enc[ch] as Record<string, unknown> | undefined;
        if (!isSpec(e) || !isSpec(e.scale) || !("domain" in e.scale)) continue;
        const a = axes[ch];
        enc[ch] = {
          ...e,
          scale: { ...e.scale, domain: a.domain.domain, reverse: a.domain.reverse },
          // One axis definition for all layers (vega-lite warns when layers' axis properties differ).
          ...(isSpec(e.axis) ? { axis: { ...(a.axis ?? e.axis), title: a.title, grid } } : {}),
        };
      }
      out[k] = enc;
    } else {
      out[k] = rewrite(v, axes, grid);
    }
  }
  return out;
}

const hasImage = (s: VegaLiteSpec): boolean => JSON.stringify(s.layer ?? s.mark ?? null).includes('"type":"image"');

/** The first x or y axis definition in a spec tree (null if none). */
function firstAxis(node: unknown, ch: "x" | "y"): Record<string, unknown> | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const a = firstAxis(n, ch);
      if (a) return a;
    }
    return null;
  }
  if (!isSpec(node)) return null;
  const enc = node.encoding as Record<string, { axis?: unknown }> | undefined;
  if (isSpec(enc) && isSpec(enc[ch]) && isSpec(enc[ch]!.axis)) return enc[ch]!.axis as Record<string, unknown>;
  return firstAxis(node.layer, ch);
}

/** A spec's content without its top level (size, look, schema), to nest inside another. */
function inner(spec: VegaLiteSpec): VegaLiteSpec {
  const { $schema: _s, config: _c, autosize: _a, padding: _p, background: _b, usermeta: _u, width: _w, height: _h, title: _t, ...rest } = spec;
  return rest;
}

/**
 * The Vega-Lite spec layer() renders.
 *
 * @example
 * layerSpec([plotSpec(x1s, x2s, { fmts: "-o" }), contourSpec(X1, X2, Z, { colors: "#1f77b4" })], { xlabel: "x1", ylabel: "x2" })
 */
export function layerSpec(specs: readonly VegaLiteSpec[], options: LayerOptions = {}): VegaLiteSpec {
  const list = specList(specs, "layer");
  checkOptions("layer", options, OPTION_KEYS.layer);
  checkFigureValues("layer", options);
  if (options.grid !== undefined && typeof options.grid !== "boolean") throw argTypeError("layer", "grid", undefined, "a boolean", options.grid);
  const metas = list.map((s, k) => metaOf(s, "layer", k));
  const tight = metas.some((m) => m.tight);
  const x = mergeAxis(metas.map((m) => m.x), options.xlim, tight, "x");
  const y = mergeAxis(metas.map((m) => m.y), options.ylim, tight, "y");
  const titles = {
    x: { domain: x.domain, title: options.xlabel ?? x.meta.title, axis: firstAxis(list, "x") },
    y: { domain: y.domain, title: options.ylabel ?? y.meta.title, axis: firstAxis(list, "y") },
  };
  const gridOf = (s: VegaLiteSpec): boolean => !JSON.stringify(s.layer ?? []).includes('"grid":false');
  const grid = options.grid ?? (list as VegaLiteSpec[]).every(gridOf);
  const first = list[0] as VegaLiteSpec;
  const title = options.title ?? (list as VegaLiteSpec[]).map((s) => s.title as string | undefined).find((t) => t);
  const frame = figureFrame({ title, figsize: options.figsize });
  return {
    ...frame,
    // The first layer's figure size, if it is a whole figure (imshow's size is its plot area's).
    ...(options.figsize || (first.autosize as { type?: string } | undefined)?.type !== "fit" ? {} : { width: first.width, height: first.height }),
    // Images first: matplotlib draws them below lines (zorder 0 against 2), whatever the call order.
    layer: [...(list as VegaLiteSpec[]).filter(hasImage), ...(list as VegaLiteSpec[]).filter((s) => !hasImage(s))].map((s) => rewrite({ ...inner(s) }, titles, grid)),
    // Each layer keeps its own colours and legend.
    resolve: { scale: { color: "independent" }, legend: { color: "independent" } },
    usermeta: { torchts: { ...axesMeta({ ...x.meta, lim: x.meta.lim ?? undefined, title: titles.x.title ?? undefined }, { ...y.meta, lim: y.meta.lim ?? undefined, title: titles.y.title ?? undefined }, x.meta.scale, y.meta.scale, tight) } },
  };
}

/**
 * Draws several plots on one pair of axes, like successive matplotlib calls
 * on one figure; resolves to an SVG string. The axes span every layer's data
 * (tightly if one is a contour, as matplotlib's), unless xlim/ylim are given;
 * labels and title come from the options or the first layer that has them.
 *
 * @example
 * // d2l's show_trace_2d: the trajectory over the objective's contour lines
 * const [x1, x2] = torch.meshgrid(torch.arange(-5.5, 1.0, 0.1), torch.arange(-3.0, 1.0, 0.1), { indexing: "ij" });
 * const svg = await layer([
 *   plotSpec(results.map((r) => r[0]), results.map((r) => r[1]), { fmts: ["-o"], ... }),
 *   contourSpec(x1, x2, f(x1, x2), { colors: "#1f77b4" }),
 * ], { xlabel: "x1", ylabel: "x2" });
 */
export async function layer(specs: readonly VegaLiteSpec[], options: LayerOptions = {}): Promise<string> {
  return renderSvg(layerSpec(specs, options), { onWarning: options.onWarning });
}

/** Room the axes take around a panel's plot area (ticks, labels), as figureSpec estimates it for the legend. */
function plotArea(spec: VegaLiteSpec, width: number, height: number): { width: number; height: number } {
  const meta = (spec.usermeta as { torchts?: AxesMeta } | undefined)?.torchts;
  const dx = meta ? (meta.y.title ? 70 : 55) : 0;
  const dy = meta ? (meta.x.title ? 50 : 35) + (spec.title ? 20 : 0) : 0;
  return { width: Math.max(20, Math.round(width - dx)), height: Math.max(20, Math.round(height - dy)) };
}

/**
 * The Vega-Lite spec panels() renders.
 *
 * @example
 * panelsSpec([plotSpec(x, f1), plotSpec(x, f2), plotSpec(x, f3)], { ncols: 3, figsize: [9, 3] })
 */
export function panelsSpec(specs: readonly VegaLiteSpec[], options: PanelsOptions = {}): VegaLiteSpec {
  const list = specList(specs, "panels");
  checkOptions("panels", options, OPTION_KEYS.panels);
  list.forEach((s, k) => {
    if (!isSpec(s) || !("layer" in s || "mark" in s || "concat" in s)) {
      throw argTypeError("panels", `specs[${k}]`, undefined, "a Vega-Lite spec (plotSpec(...), contourSpec(...), imshowSpec(...), ...)", s);
    }
  });
  const ncols = options.ncols ?? list.length;
  if (typeof ncols !== "number") throw argTypeError("panels", "ncols", undefined, "a positive integer", ncols);
  // plt.subplots(1, 0): "Number of columns must be a positive integer, not 0"
  if (!Number.isInteger(ncols) || ncols < 1) throw new PlotError(`panels(): Number of columns must be a positive integer, not ${ncols}`);
  checkFigureValues("panels", { figsize: options.figsize, title: options.title });
  const nrows = Math.ceil(list.length / ncols);
  const panels = (list as VegaLiteSpec[]).map((s) => {
    const cellW = options.figsize ? (options.figsize[0] * 96) / ncols : (s.width as number);
    const cellH = options.figsize ? (options.figsize[1] * 96) / nrows : (s.height as number);
    // A one-axes figure's size includes its axes; inside a grid the size is the plot area's.
    const fitted = (s.autosize as { type?: string } | undefined)?.type === "fit";
    const size = fitted || options.figsize ? plotArea(s, cellW, cellH) : { width: s.width, height: s.height };
    return { ...inner(s), ...(s.title ? { title: s.title } : {}), ...size };
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(options.title ? { title: options.title } : {}),
    columns: ncols,
    concat: panels,
    spacing: 20,
    // Every panel has its own axes and colours, as matplotlib's subplots.
    resolve: { scale: { x: "independent", y: "independent", color: "independent" }, axis: { x: "independent", y: "independent" }, legend: { color: "independent" } },
    autosize: { type: "pad" },
    padding: 5,
    background: "white",
    config: baseConfig(),
  };
}

/**
 * Several plots side by side, like `fig, axes = plt.subplots(1, 3)` (d2l
 * 11.2 draws three functions in a row); resolves to an SVG string. Each
 * panel keeps its own axes, limits, log scales and legend.
 *
 * @example
 * const svg = await panels([plotSpec(x, f(x)), plotSpec(x, g(x)), plotSpec(x, h(x))], { ncols: 3, figsize: [9, 3] });
 */
export async function panels(specs: readonly VegaLiteSpec[], options: PanelsOptions = {}): Promise<string> {
  return renderSvg(panelsSpec(specs, options), { onWarning: options.onWarning });
}
