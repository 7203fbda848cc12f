/**
 * matplotlib format strings ("-", "m--", "g-.", "r:", "o", "bx") and the
 * matplotlib look they stand for, in CSS pixels (1 pt = 4/3 px).
 */
import { PlotError } from "./errors";
import { argTypeError } from "@torchts/tensor/errors";

/** matplotlib's default color cycle ("tab10"), used by series whose fmt names no color. */
export const COLOR_CYCLE: readonly string[] = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

/** matplotlib's one-letter colors. */
export const FMT_COLORS: Readonly<Record<string, string>> = {
  b: "#0000ff", g: "#008000", r: "#ff0000", c: "#00bfbf",
  m: "#bf00bf", y: "#bfbf00", k: "#000000", w: "#ffffff",
};

const PT = 4 / 3;
/** matplotlib's default line width, 1.5 pt. */
export const LINE_WIDTH = 1.5 * PT;

/** Dash patterns of matplotlib's line styles at the default width, in px; [] is solid. */
export const DASHES: Readonly<Record<LineStyle, readonly number[]>> = {
  "-": [],
  "--": [3.7, 1.6].map((d) => d * LINE_WIDTH),
  "-.": [6.4, 1.6, 1, 1.6].map((d) => d * LINE_WIDTH),
  ":": [1, 1.65].map((d) => d * LINE_WIDTH),
};

export type LineStyle = "-" | "--" | "-." | ":";

/**
 * A marker as a vega symbol: an SVG path in the [-1, 1] square (vega scales it
 * to the symbol size), written with straight segments only so it can be rescaled
 * by multiplying its numbers (the legend draws markers inside a larger box).
 */
export interface MarkerShape {
  /** what the plot draws: a vega built-in symbol (short SVG) or the path */
  shape: string;
  /** the marker's outline, used to draw it smaller inside the legend */
  path: string;
  /** vega symbol size (area of the bounding square, px²) at matplotlib's default marker size */
  size: number;
  /** false for markers drawn only by their stroke (x, +, |, _) */
  filled: boolean;
}

/** A regular polygon with n corners, the first at angle a0 (radians, 0 = right, y down). */
function polygon(n: number, a0: number, r = 1): string {
  const pts = Array.from({ length: n }, (_, k) => {
    const a = a0 + (2 * Math.PI * k) / n;
    return `${+(r * Math.cos(a)).toFixed(3)},${+(r * Math.sin(a)).toFixed(3)}`;
  });
  return `M${pts.join("L")}Z`;
}

const CIRCLE = polygon(24, 0);
/** A marker vega has no built-in symbol for: the plot draws its path too. */
const custom = (path: string, size: number, filled: boolean): MarkerShape => ({ shape: path, path, size, filled });
const UP = -Math.PI / 2;
// matplotlib's default marker size is 6 pt across; vega sizes are areas.
const M = (6 * PT) ** 2;
const MARKERS: Readonly<Record<string, MarkerShape>> = {
  ".": { shape: "circle", path: CIRCLE, size: M / 4, filled: true },
  ",": { shape: "square", path: "M-1,-1L1,-1L1,1L-1,1Z", size: 1, filled: true },
  o: { shape: "circle", path: CIRCLE, size: M, filled: true },
  v: { shape: "triangle-down", path: polygon(3, Math.PI / 2), size: M, filled: true },
  "^": { shape: "triangle-up", path: polygon(3, UP), size: M, filled: true },
  "<": { shape: "triangle-left", path: polygon(3, Math.PI), size: M, filled: true },
  ">": { shape: "triangle-right", path: polygon(3, 0), size: M, filled: true },
  s: { shape: "square", path: "M-1,-1L1,-1L1,1L-1,1Z", size: M * 0.8, filled: true },
  D: { shape: "diamond", path: "M0,-1L1,0L0,1L-1,0Z", size: M, filled: true },
  d: custom("M0,-1L0.6,0L0,1L-0.6,0Z", M, true),
  p: custom(polygon(5, UP), M, true),
  h: custom(polygon(6, UP), M, true),
  "*": custom(
    "M0,-1L0.225,-0.309L0.951,-0.309L0.363,0.118L0.588,0.809L0,0.382L-0.588,0.809L-0.363,0.118L-0.951,-0.309L-0.225,-0.309Z",
    M * 1.5,
    true,
  ),
  P: custom("M-1,-0.3L-0.3,-0.3L-0.3,-1L0.3,-1L0.3,-0.3L1,-0.3L1,0.3L0.3,0.3L0.3,1L-0.3,1L-0.3,0.3L-1,0.3Z", M, true),
  x: custom("M-1,-1L1,1M-1,1L1,-1", M * 0.6, false),
  "+": custom("M-1,0L1,0M0,-1L0,1", M, false),
  "|": custom("M0,-1L0,1", M, false),
  _: custom("M-1,0L1,0", M, false),
};

/** A marker path with every coordinate multiplied by f (valid because the paths have no arcs). */
export function scalePath(path: string, f: number): string {
  return path.replace(/-?\d*\.?\d+(?:e-?\d+)?/g, (n) => String(+(Number(n) * f).toFixed(3)));
}

/** A parsed fmt: what is not given stays undefined (color from the cycle, no line or no marker). */
export interface Fmt {
  color?: string;
  line?: LineStyle;
  marker?: MarkerShape;
}

/**
 * Parses a matplotlib fmt string `[marker][line][color]` (any order, each at
 * most once). With a marker and no line style only markers are drawn; with
 * neither, a solid line. Colors are b g r c m y k w, C0..C9, or a whole fmt
 * that is a CSS hex color ("#1f77b4").
 *
 * @example
 * parseFmt("m--") // { color: "#bf00bf", line: "--" }
 * parseFmt("o")   // { marker: circle }, no line
 */
export function parseFmt(fmt: string, fn = "plot"): Fmt {
  if (typeof fmt !== "string") throw argTypeError(fn === "plot" ? "parseFmt" : fn, "fmt", 1, "a matplotlib format string", fmt);
  if (/^#[0-9a-fA-F]{6}$/.test(fmt)) return { color: fmt.toLowerCase(), line: "-" };
  const out: Fmt = {};
  const bad = (why: string): PlotError => new PlotError(`${fn}: bad fmt ${JSON.stringify(fmt)}: ${why}`);
  let i = 0;
  while (i < fmt.length) {
    const two = fmt.slice(i, i + 2);
    const c = fmt[i]!;
    if (two === "--" || two === "-.") {
      if (out.line) throw bad("two line styles");
      out.line = two;
      i += 2;
    } else if (c === "-" || c === ":") {
      if (out.line) throw bad("two line styles");
      out.line = c;
      i += 1;
    } else if (c === "C" && /[0-9]/.test(fmt[i + 1] ?? "")) {
      if (out.color) throw bad("two colors");
      out.color = COLOR_CYCLE[Number(fmt[i + 1])];
      i += 2;
    } else if (c in FMT_COLORS) {
      if (out.color) throw bad("two colors");
      out.color = FMT_COLORS[c];
      i += 1;
    } else if (c in MARKERS) {
      if (out.marker) throw bad("two markers");
      out.marker = MARKERS[c];
      i += 1;
    } else {
      throw bad(`unknown character ${JSON.stringify(c)} (colors bgrcmykw or C0-C9, lines - -- -. :, markers ${Object.keys(MARKERS).join(" ")})`);
    }
  }
  if (!out.line && !out.marker) out.line = "-";
  return out;
}
