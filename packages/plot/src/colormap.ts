/**
 * matplotlib's colour maps and its normalisation: Normalize(vmin, vmax) then a
 * 256-entry lookup table, byte for byte as `cmap(norm(x), bytes=True)`.
 */
import { PlotError } from "./errors";
import { GRAY_LUT, VIRIDIS_LUT } from "./colormap-tables";

/** The colour maps available by name; matplotlib's default is "viridis". */
export type Colormap = "viridis" | "gray";

export const COLORMAPS: readonly Colormap[] = ["viridis", "gray"];

const N = 256;
const tables = new Map<Colormap, Uint8Array>();

/** The lookup table of a colour map: 256 RGB byte triples. */
export function colormapTable(name: Colormap): Uint8Array {
  let t = tables.get(name);
  if (!t) {
    const hex = name === "viridis" ? VIRIDIS_LUT : GRAY_LUT;
    t = Uint8Array.from({ length: N * 3 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
    tables.set(name, t);
  }
  return t;
}

/**
 * The table index matplotlib's Colormap.__call__ picks for a normalised value:
 * x * 256 truncated toward zero, 1.0 itself in the last bin, values below 0 or
 * above 1 clamped to the ends (no under/over colours are set); NaN gives -1 (bad).
 */
export function colormapIndex(x: number): number {
  if (Number.isNaN(x)) return -1;
  let xa = x * N;
  if (xa === N) xa = N - 1;
  xa = Math.trunc(Math.min(Math.max(xa, -1), N));
  return xa > N - 1 ? N - 1 : xa < 0 ? 0 : xa;
}

/**
 * RGBA bytes of a normalised value, as matplotlib's `cmap(x, bytes=True)`:
 * NaN is transparent black ("bad").
 *
 * @example
 * colormapRgba("viridis", 0) // [68, 1, 84, 255]
 */
export function colormapRgba(name: Colormap, x: number): [number, number, number, number] {
  const i = colormapIndex(x);
  if (i < 0) return [0, 0, 0, 0];
  const t = colormapTable(name);
  return [t[3 * i]!, t[3 * i + 1]!, t[3 * i + 2]!, 255];
}

/** `#rrggbb` of a normalised value. */
export function colormapHex(name: Colormap, x: number): string {
  const [r, g, b] = colormapRgba(name, x);
  return "#" + [r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("");
}

/** imshow's vmin/vmax: the given ones, else the finite data's min and max (matplotlib's autoscale_None). */
export function normLimits(data: ArrayLike<number>, vmin: number | undefined, vmax: number | undefined): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  if (vmin === undefined || vmax === undefined) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const a = vmin ?? (lo === Infinity ? 0 : lo);
  const b = vmax ?? (hi === -Infinity ? 0 : hi);
  if (a > b) throw new PlotError(`imshow(): minvalue must be less than or equal to maxvalue; got vmin=${a}, vmax=${b}`);
  return [a, b];
}

/**
 * Maps values to RGBA bytes with matplotlib's Normalize(vmin, vmax) (all 0
 * when vmin == vmax) and a colour map.
 *
 * @example
 * toRgba([0, 0.5, 1], "viridis", 0, 1) // Uint8Array of 12 bytes
 */
export function toRgba(data: ArrayLike<number>, name: Colormap, vmin: number, vmax: number): Uint8Array {
  const t = colormapTable(name);
  const out = new Uint8Array(data.length * 4);
  const span = vmax - vmin;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    const i = colormapIndex(span === 0 ? (Number.isNaN(v) ? NaN : 0) : (v - vmin) / span);
    if (i < 0) continue; // bad: transparent
    out[4 * k] = t[3 * i]!;
    out[4 * k + 1] = t[3 * i + 1]!;
    out[4 * k + 2] = t[3 * i + 2]!;
    out[4 * k + 3] = 255;
  }
  return out;
}
