/**
 * The legend: which series it lists, how each entry looks (a dashed stroke
 * for a line, the marker for a scatter), and where it goes. "best" picks the
 * inside corner that covers the fewest data points, like matplotlib's "best".
 */
import { LINE_WIDTH, scalePath, type MarkerShape } from "./fmt";
import type { AxisDomain, Scale } from "./scale";

export type LegendLoc = "best" | "top-left" | "top-right" | "bottom-left" | "bottom-right" | "right";

/** What the legend needs to know about one series. */
export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  dash: readonly number[] | null;
  marker: MarkerShape | null;
}

const FONT_SIZE = 11;
const HANDLE = 25; // px length of a line's legend stroke, about matplotlib's 2 em

/** Rough legend box size in px (vega measures text in Node only approximately too). */
export function legendSize(labels: readonly string[]): { width: number; height: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return { width: HANDLE + 12 + longest * FONT_SIZE * 0.6 + 10, height: labels.length * (FONT_SIZE + 5) + 10 };
}

/** The vega expression `{"k": v, ...}[datum.value]`: per-entry values in a legend encode block. */
function byEntry(values: Record<string, string | number | readonly number[]>): { signal: string } {
  return { signal: `${JSON.stringify(values)}[datum.value]` };
}

/**
 * The Vega-Lite legend definition for the color channel, listing only labeled
 * series, in order, each drawn like its series.
 */
export function legendSpec(entries: readonly LegendEntry[], orient: Exclude<LegendLoc, "best">): Record<string, unknown> {
  const pick = <T extends string | number | readonly number[]>(f: (e: LegendEntry) => T): Record<string, T> =>
    Object.fromEntries(entries.map((e) => [e.key, f(e)]));
  return {
    title: null,
    orient,
    values: entries.map((e) => e.key),
    labelExpr: `${JSON.stringify(pick((e) => e.label))}[datum.value]`,
    labelFontSize: FONT_SIZE,
    labelLimit: 0,
    symbolSize: HANDLE * HANDLE,
    symbolStrokeWidth: LINE_WIDTH,
    fillColor: "rgba(255,255,255,0.8)",
    strokeColor: "#cccccc",
    padding: 5,
    cornerRadius: 3,
    offset: orient === "right" ? 10 : 6,
    encode: {
      symbols: {
        update: {
          // Size and stroke width must stay constants: vega lays the legend out
          // from them. A marker is drawn smaller by shrinking its path instead.
          shape: byEntry(pick((e) => (e.marker && !e.dash ? scalePath(e.marker.path, Math.sqrt(e.marker.size) / HANDLE) : "stroke"))),
          strokeDash: byEntry(pick((e) => (e.dash && e.dash.length ? e.dash : [1, 0]))),
          fill: byEntry(pick((e) => (e.marker && !e.dash && e.marker.filled ? e.color : "transparent"))),
          stroke: byEntry(pick((e) => e.color)),
          opacity: { value: 1 },
        },
      },
    },
  };
}

/** Position of v in [0, 1] along an axis (0 = left/bottom). */
function unit(v: number, axis: AxisDomain, scale: Scale): number {
  const [a, b] = axis.domain;
  const t = scale === "log" ? (Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a)) : (v - a) / (b - a);
  return axis.reverse ? 1 - t : t;
}

/**
 * The inside corner whose legend box covers the fewest points (segments are
 * sampled, so sparse lines count too). Ties go to matplotlib's order: upper
 * right, upper left, lower left, lower right.
 */
export function bestCorner(
  series: readonly { x: readonly number[]; y: readonly number[] }[],
  x: { axis: AxisDomain; scale: Scale },
  y: { axis: AxisDomain; scale: Scale },
  box: { width: number; height: number },
  plotArea: { width: number; height: number },
): Exclude<LegendLoc, "best" | "right"> {
  const w = Math.min(1, box.width / plotArea.width);
  const h = Math.min(1, box.height / plotArea.height);
  const corners = [
    { loc: "top-right", x0: 1 - w, y0: 1 - h },
    { loc: "top-left", x0: 0, y0: 1 - h },
    { loc: "bottom-left", x0: 0, y0: 0 },
    { loc: "bottom-right", x0: 1 - w, y0: 0 },
  ] as const;
  const counts = [0, 0, 0, 0];
  const count = (u: number, v: number): void => {
    corners.forEach((c, i) => {
      if (u >= c.x0 && u <= c.x0 + w && v >= c.y0 && v <= c.y0 + h) counts[i]! += 1;
    });
  };
  for (const s of series) {
    let prev: [number, number] | null = null;
    for (let i = 0; i < s.x.length; i++) {
      const u = unit(s.x[i]!, x.axis, x.scale);
      const v = unit(s.y[i]!, y.axis, y.scale);
      if (!Number.isFinite(u) || !Number.isFinite(v)) {
        prev = null;
        continue;
      }
      if (prev) {
        // Sample long segments densely enough that a two-point line still counts.
        const n = Math.min(200, Math.ceil(Math.hypot(u - prev[0], v - prev[1]) / 0.02));
        for (let k = 1; k < n; k++) count(prev[0] + (k / n) * (u - prev[0]), prev[1] + (k / n) * (v - prev[1]));
      }
      count(u, v);
      prev = [u, v];
    }
  }
  let best = 0;
  for (let i = 1; i < 4; i++) if (counts[i]! < counts[best]!) best = i;
  return corners[best]!.loc;
}
