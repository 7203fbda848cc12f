/**
 * Building the Vega-Lite spec of a figure from resolved series: one line layer,
 * one point layer and one rule per reference line, over a single data table.
 */
import { LINE_WIDTH, type MarkerShape } from "./fmt";
import { bestCorner, legendSize, legendSpec, type LegendEntry, type LegendLoc } from "./legend";
import { axisDomain, drawable, type AxisDomain, type Scale } from "./scale";
import { annotationLayers, type Annotation } from "./annotate";

/** A series with everything needed to draw it. */
export interface StyledSeries {
  x: readonly number[];
  y: readonly number[];
  color: string;
  /** dash pattern in px ([] solid); null draws no line */
  dash: readonly number[] | null;
  marker: MarkerShape | null;
  /** vega symbol size for the markers, px² */
  markerSize: number;
  /** legend label; null leaves the series out of the legend */
  label: string | null;
}

/** A horizontal (y) or vertical (x) reference line across the whole plot, like matplotlib's axhline. */
export interface RefLine {
  axis: "x" | "y";
  at: number;
  color: string;
  dash: readonly number[];
}

/** Figure-level options shared by plot() and scatter(). */
export interface FigureOptions {
  /** x-axis title */
  xlabel?: string;
  /** y-axis title */
  ylabel?: string;
  /** figure title */
  title?: string;
  /** x-axis range; [hi, lo] flips the axis. Default: the data plus 5% margins. */
  xlim?: readonly [number, number];
  /** y-axis range; [hi, lo] flips the axis. Default: the data plus 5% margins. */
  ylim?: readonly [number, number];
  /** "linear" (default) or "log"; a log axis drops values <= 0 */
  xscale?: Scale;
  /** "linear" (default) or "log"; a log axis drops values <= 0 */
  yscale?: Scale;
  /** figure size in inches (96 px each), default [3.5, 2.5] like d2l */
  figsize?: readonly [number, number];
  /** where the legend goes: "best" (default, the emptiest inside corner), a corner, or "right" (outside) */
  legendLoc?: LegendLoc;
  /** text annotations, as plt.annotate: `[{ text: "local minimum", xy: [-0.3, -0.25], xytext: [-0.77, -1] }]` */
  annotations?: readonly Annotation[];
}

export const DEFAULT_FIGSIZE: readonly [number, number] = [3.5, 2.5];
const DPI = 96;
const FONT = "DejaVu Sans, Verdana, sans-serif";

/** A Vega-Lite spec as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

interface Row {
  s: string;
  g: string;
  i: number;
  x: number;
  y: number;
}

/** The table of drawable points; a point that cannot be drawn breaks its line, as in matplotlib. */
function rows(series: readonly StyledSeries[], xscale: Scale, yscale: Scale): Row[] {
  const out: Row[] = [];
  series.forEach((s, k) => {
    let segment = 0;
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      if (drawable(x, xscale) && drawable(y, yscale)) out.push({ s: String(k), g: `${k}:${segment}`, i, x, y });
      else segment += 1;
    }
  });
  return out;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
  "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079",
};

/** Ticks at the powers of ten inside a log domain, labelled 10⁰, 10¹, ... as matplotlib does; none if fewer than two fit. */
function decadeTicks(domain: readonly [number, number]): Record<string, unknown> {
  const lo = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const hi = Math.floor(Math.log10(domain[1]) + 1e-9);
  if (hi - lo < 1) return {};
  const step = Math.ceil((hi - lo + 1) / 8); // at most about 8 labels
  const values: number[] = [];
  const labels: Record<string, string> = {};
  for (let e = lo; e <= hi; e += step) {
    const v = Number(`1e${e}`); // exact decimal, unlike 10 ** e for negative e
    values.push(v);
    labels[String(v)] = "10" + [...String(e)].map((c) => SUPERSCRIPT[c]).join("");
  }
  return { values, labelExpr: `${JSON.stringify(labels)}[datum.value]` };
}

export function positional(field: "x" | "y", axis: AxisDomain, scale: Scale, title: string | undefined): Record<string, unknown> {
  return {
    field,
    type: "quantitative",
    scale: { type: scale, domain: axis.domain, reverse: axis.reverse, nice: false, ...(scale === "linear" ? { zero: false } : {}) },
    axis: { title: title ?? null, ...(scale === "log" ? decadeTicks(axis.domain) : { format: ".12~g" }) },
  };
}

/**
 * The Vega-Lite spec for styled series and reference lines.
 *
 * @example
 * figureSpec([{ x: [0, 1], y: [0, 1], color: "#1f77b4", dash: [], marker: null, markerSize: 0, label: "y" }], [], {})
 */
export function figureSpec(series: readonly StyledSeries[], refs: readonly RefLine[], options: FigureOptions, fn = "plot"): VegaLiteSpec {
  const xscale = options.xscale ?? "linear";
  const yscale = options.yscale ?? "linear";
  const refValues = (axis: "x" | "y"): number[] => refs.filter((r) => r.axis === axis).map((r) => r.at);
  const xAxis = axisDomain([...series.flatMap((s) => s.x), ...refValues("x")], xscale, options.xlim, `${fn}: xlim`);
  const yAxis = axisDomain([...series.flatMap((s) => s.y), ...refValues("y")], yscale, options.ylim, `${fn}: ylim`);
  const [wIn, hIn] = options.figsize ?? DEFAULT_FIGSIZE;
  const width = Math.round(wIn * DPI);
  const height = Math.round(hIn * DPI);

  const keys = series.map((_, k) => String(k));
  const entries: LegendEntry[] = series.flatMap((s, k) =>
    s.label === null ? [] : [{ key: String(k), label: s.label, color: s.color, dash: s.dash, marker: s.marker }],
  );
  // The plot area is the figure minus room for ticks and axis titles.
  const area = { width: width - (options.ylabel ? 70 : 55), height: height - (options.xlabel ? 50 : 35) - (options.title ? 20 : 0) };
  let legend: Record<string, unknown> | null = null;
  if (entries.length > 0) {
    let loc = options.legendLoc ?? "best";
    if (loc === "best") {
      loc = bestCorner(series, { axis: xAxis, scale: xscale }, { axis: yAxis, scale: yscale }, legendSize(entries.map((e) => e.label)), area);
    }
    legend = legendSpec(entries, loc);
  }

  const x = positional("x", xAxis, xscale, options.xlabel);
  const y = positional("y", yAxis, yscale, options.ylabel);
  const colorBy = { field: "s", type: "nominal", scale: { domain: keys, range: series.map((s) => s.color) }, legend };
  const layers: Record<string, unknown>[] = [];
  // One layer per series and mark: dashes, shapes and sizes are constants of the
  // layer, and only color is encoded, so Vega-Lite builds one legend from it.
  series.forEach((s, k) => {
    const only = [{ filter: { field: "s", equal: String(k) } }];
    if (s.dash !== null) {
      layers.push({
        transform: only,
        mark: { type: "line", strokeWidth: LINE_WIDTH, strokeDash: s.dash.length ? s.dash : [1, 0], strokeJoin: "round", clip: true },
        encoding: {
          x,
          y,
          color: colorBy,
          detail: { field: "g", type: "nominal" },
          // Points join in the given order, not sorted by x (matplotlib's behaviour).
          order: { field: "i", type: "quantitative" },
        },
      });
    }
    if (s.marker !== null) {
      layers.push({
        transform: only,
        mark: {
          type: "point",
          shape: s.marker.shape,
          size: s.markerSize,
          filled: true,
          fillOpacity: s.marker.filled ? 1 : 0,
          stroke: s.color,
          strokeWidth: 4 / 3,
          opacity: 1,
          clip: true,
        },
        encoding: { x, y, color: colorBy },
      });
    }
  });
  for (const r of refs) {
    layers.push({
      // Its own one-row table: with the series' table it would draw one rule per row.
      data: { values: [{}] },
      mark: { type: "rule", color: r.color, strokeWidth: LINE_WIDTH, strokeDash: r.dash.length ? r.dash : [1, 0], clip: true },
      encoding: { [r.axis]: { datum: r.at, type: "quantitative", ...(r.axis === "x" ? { scale: x.scale } : { scale: y.scale }) } },
    });
  }

  layers.push(...annotationLayers(options.annotations ?? [], { axis: xAxis, scale: xscale, encoding: x }, { axis: yAxis, scale: yscale, encoding: y }, area));
  const extent = (axis: "x" | "y", scale: Scale): [number, number] | null => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of [...series.flatMap((s) => s[axis]), ...refValues(axis)]) {
      if (drawable(v, scale)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    return lo <= hi ? [lo, hi] : null;
  };
  return {
    ...figureFrame(options),
    data: { values: rows(series, xscale, yscale) },
    layer: layers,
    usermeta: {
      torchts: axesMeta(
        { values: extent("x", xscale), lim: options.xlim, title: options.xlabel },
        { values: extent("y", yscale), lim: options.ylim, title: options.ylabel },
        xscale,
        yscale,
        false,
      ),
    },
  };
}

/** What layer() needs to know of a figure's axes to merge several: data extents, limits, scales, titles. */
export interface AxesMeta {
  x: AxisMeta;
  y: AxisMeta;
  /** matplotlib's tight autoscaling (a contour's axes fit the grid exactly): no 5% margins */
  tight: boolean;
}

export interface AxisMeta {
  /** the drawable data's [min, max], or null */
  values: [number, number] | null;
  lim: [number, number] | null;
  scale: Scale;
  title: string | null;
}

/** The axes description carried in a spec's `usermeta.torchts` (vega-lite ignores usermeta). */
export function axesMeta(
  x: { values: readonly number[] | null; lim?: readonly [number, number]; title?: string },
  y: { values: readonly number[] | null; lim?: readonly [number, number]; title?: string },
  xscale: Scale,
  yscale: Scale,
  tight: boolean,
): AxesMeta {
  const axis = (a: typeof x, scale: Scale): AxisMeta => ({
    values: a.values && a.values.length === 2 && a.values[0]! <= a.values[1]! ? [a.values[0]!, a.values[1]!] : null,
    lim: a.lim ? [a.lim[0], a.lim[1]] : null,
    scale,
    title: a.title ?? null,
  });
  return { x: axis(x, xscale), y: axis(y, yscale), tight };
}

/** The top level of a one-axes figure: size (figsize at 96 px an inch, fitted), title, white background, the shared look. */
export function figureFrame(options: Pick<FigureOptions, "figsize" | "title">): VegaLiteSpec {
  const [wIn, hIn] = options.figsize ?? DEFAULT_FIGSIZE;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    ...(options.title ? { title: options.title } : {}),
    width: Math.round(wIn * DPI),
    height: Math.round(hIn * DPI),
    autosize: { type: "fit", contains: "padding" },
    padding: 5,
    background: "white",
    config: baseConfig(),
  };
}

/** The look shared by every figure: matplotlib's black axes, DejaVu Sans, no ARIA labels. */
export function baseConfig(): Record<string, unknown> {
  return {
    // No ARIA labels: they repeat every data point (and every image's PNG) in the SVG.
    aria: false,
    font: FONT,
    view: { stroke: "#000000" },
    axis: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      domainColor: "#000000",
      tickColor: "#000000",
      labelColor: "#000000",
      titleColor: "#000000",
      gridColor: "#d9d9d9",
    },
    legend: { labelColor: "#000000" },
    title: { fontSize: 13, fontWeight: "normal" },
  };
}
