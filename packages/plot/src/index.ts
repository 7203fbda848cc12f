/**
 * @torchts/plot: d2l-style plots of arrays and tensors as SVG strings, rendered
 * headlessly (Vega-Lite compiled by vega-lite, drawn by vega's View.toSVG),
 * for inline display in tslab notebooks.
 *
 * @example
 * import { plot, show } from "@torchts/plot";
 * await show(plot(x, [f(x), tangent], { xlabel: "x", ylabel: "f(x)", legend: ["f(x)", "Tangent line (x=1)"] }));
 */
export { PlotError } from "./errors";
export type { ListLike, PlotData, Series1D } from "./data";
export { COLOR_CYCLE, FMT_COLORS, parseFmt, type Fmt, type LineStyle, type MarkerShape } from "./fmt";
export type { LegendLoc } from "./legend";
export type { Scale } from "./scale";
export type { FigureOptions, VegaLiteSpec } from "./spec";
export { renderSvg, type RenderOptions } from "./render";
export { DEFAULT_FMTS, plot, plotSpec, scatter, scatterSpec, type HLine, type PlotOptions, type ScatterOptions, type VLine } from "./plot";
export { show, tslabDisplay, type SvgDisplay } from "./show";
export { imageGrid, imageGridSpec, imshow, imshowSpec, type ImageGridOptions, type ImshowOptions } from "./image";
export { COLORMAPS, colormapRgba, type Colormap } from "./colormap";
export { contour, contourLines, contourSpec, type ContourLevel, type ContourOptions } from "./contour";
export { contourLevels } from "./levels";
export { layer, layerSpec, panels, panelsSpec, type LayerOptions, type PanelsOptions } from "./compose";
export type { Annotation } from "./annotate";
export { tslabNewDisplay } from "./show";
export { LivePlot } from "./live";
