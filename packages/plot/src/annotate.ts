/**
 * Text annotations, as matplotlib's `plt.annotate(text, xy, xytext,
 * arrowprops=dict(arrowstyle="->"))` (d2l's optimisation chapter marks
 * "local minimum", "saddle point"): the text's baseline starts at xytext (or
 * xy), and an arrow runs from the text's box to xy. The arrow is drawn in
 * data coordinates, computed in pixels against the estimated plot area.
 */
import { argTypeError, checkOptions } from "@torchts/tensor/errors";
import { PlotError } from "./errors";
import type { AxisDomain, Scale } from "./scale";

/** One annotation: `text` pointing at `xy`, written at `xytext` (default xy). */
export interface Annotation {
  text: string;
  /** the point annotated, in data coordinates */
  xy: readonly [number, number];
  /** where the text starts (left end of its baseline), in data coordinates; default xy */
  xytext?: readonly [number, number];
  /** draw matplotlib's "->" arrow from the text to xy (default: when xytext is given) */
  arrow?: boolean;
}

export const ANNOTATION_KEYS = ["text", "xy", "xytext", "arrow"] as const;

const PT = 4 / 3;
const FONT_SIZE = 12;
const PAD = 2 * PT; // matplotlib pads the text box by 2 pt for the arrow, then shrinks the arrow by 2 pt at both ends
const HEAD_LENGTH = 0.4 * 10 * PT; // "->": head_length 0.4 and head_width 0.2 of the 10 pt font
const HEAD_WIDTH = 0.2 * 10 * PT;

function point(fn: string, name: string, v: unknown): [number, number] {
  if (!Array.isArray(v)) throw argTypeError(fn, name, undefined, "an array of two numbers [x, y]", v);
  // matplotlib unpacks xy: "not enough values to unpack (expected 2, got 1)" is a ValueError
  if (v.length !== 2) throw new PlotError(`${fn}(): ${name} must hold two numbers [x, y], got ${v.length}`);
  if (v.some((c) => typeof c !== "number")) throw argTypeError(fn, name, undefined, "an array of two numbers [x, y]", v);
  if (!v.every(Number.isFinite)) throw new PlotError(`${fn}(): ${name} must be finite; got [${v.join(", ")}]`);
  return [v[0], v[1]];
}

/** Checks the annotations option of plot() or scatter(). */
export function checkAnnotations(fn: string, v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) throw argTypeError(fn, "annotations", undefined, "an array of { text, xy, xytext?, arrow? } objects", v);
  v.forEach((a, k) => {
    checkOptions(`${fn}: annotation`, a, ANNOTATION_KEYS);
    const o = (a ?? {}) as Record<string, unknown>;
    if (typeof o.text !== "string") throw argTypeError(fn, `annotations[${k}].text`, undefined, "a string", o.text);
    point(fn, `annotations[${k}].xy`, o.xy);
    if (o.xytext !== undefined) point(fn, `annotations[${k}].xytext`, o.xytext);
    if (o.arrow !== undefined && typeof o.arrow !== "boolean") throw argTypeError(fn, `annotations[${k}].arrow`, undefined, "a boolean", o.arrow);
  });
}

/** Data <-> pixel along one axis of the plot area (0 at the left or bottom). */
function axisPx(axis: AxisDomain, scale: Scale, size: number) {
  const f = scale === "log" ? Math.log10 : (v: number) => v;
  const g = scale === "log" ? (v: number) => 10 ** v : (v: number) => v;
  const [a, b] = axis.domain.map(f) as [number, number];
  const flip = (t: number) => (axis.reverse ? 1 - t : t);
  return {
    toPx: (v: number) => flip((f(v) - a) / (b - a)) * size,
    fromPx: (p: number) => g(a + flip(p / size) * (b - a)),
  };
}

/** Where the ray from the box's centre towards p leaves the box (half sizes hw, hh). */
function leaveBox(c: [number, number], p: [number, number], hw: number, hh: number): number {
  const dx = Math.abs(p[0] - c[0]);
  const dy = Math.abs(p[1] - c[1]);
  const tx = dx > 0 ? hw / dx : Infinity;
  const ty = dy > 0 ? hh / dy : Infinity;
  return Math.min(tx, ty); // as a fraction of c -> p
}

/**
 * The Vega-Lite layers of the annotations: one text layer, one rule layer
 * for the arrows (shaft and the two strokes of the head).
 */
export function annotationLayers(
  annotations: readonly Annotation[],
  x: { axis: AxisDomain; scale: Scale; encoding: Record<string, unknown> },
  y: { axis: AxisDomain; scale: Scale; encoding: Record<string, unknown> },
  area: { width: number; height: number },
): Record<string, unknown>[] {
  if (annotations.length === 0) return [];
  const X = axisPx(x.axis, x.scale, area.width);
  const Y = axisPx(y.axis, y.scale, area.height); // pixels upwards
  const texts = annotations.map((a) => ({ x: (a.xytext ?? a.xy)[0], y: (a.xytext ?? a.xy)[1], text: a.text }));
  const rules: { x: number; y: number; x2: number; y2: number }[] = [];
  for (const a of annotations) {
    if (!(a.arrow ?? a.xytext !== undefined) || !a.xytext) continue;
    const p: [number, number] = [X.toPx(a.xy[0]), Y.toPx(a.xy[1])];
    // The text's box: baseline at xytext, about 0.6 em a character, ascent 0.75 em, descent 0.25 em.
    const w = 0.6 * FONT_SIZE * Math.max(1, a.text.length);
    const left = X.toPx(a.xytext[0]);
    const base = Y.toPx(a.xytext[1]);
    const c: [number, number] = [left + w / 2, base + 0.25 * FONT_SIZE];
    const len = Math.hypot(p[0] - c[0], p[1] - c[1]);
    if (!(len > 0)) continue;
    const u: [number, number] = [(p[0] - c[0]) / len, (p[1] - c[1]) / len];
    const t0 = leaveBox(c, p, w / 2 + PAD, 0.5 * FONT_SIZE + PAD) * len + PAD;
    const t1 = len - PAD;
    if (t1 <= t0) continue; // the text covers the point
    const s: [number, number] = [c[0] + u[0] * t0, c[1] + u[1] * t0];
    const e: [number, number] = [c[0] + u[0] * t1, c[1] + u[1] * t1];
    const seg = (q: [number, number], r: [number, number]) => rules.push({ x: X.fromPx(q[0]), y: Y.fromPx(q[1]), x2: X.fromPx(r[0]), y2: Y.fromPx(r[1]) });
    seg(s, e);
    for (const side of [1, -1]) {
      seg(e, [e[0] - u[0] * HEAD_LENGTH - side * u[1] * HEAD_WIDTH, e[1] - u[1] * HEAD_LENGTH + side * u[0] * HEAD_WIDTH]);
    }
  }
  const field = (enc: Record<string, unknown>, name: string) => ({ ...enc, field: name });
  const layers: Record<string, unknown>[] = [
    {
      data: { values: texts },
      mark: { type: "text", align: "left", baseline: "alphabetic", fontSize: FONT_SIZE, color: "#000000" },
      encoding: { x: x.encoding, y: y.encoding, text: { field: "text", type: "nominal" } },
    },
  ];
  if (rules.length) {
    layers.push({
      data: { values: rules },
      mark: { type: "rule", color: "#000000", strokeWidth: PT, strokeCap: "round" },
      encoding: { x: x.encoding, y: y.encoding, x2: field({}, "x2"), y2: field({}, "y2") },
    });
  }
  return layers;
}
