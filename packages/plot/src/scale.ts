/** Axis domains the way matplotlib picks them: data range plus 5% margins, or the given limits. */
import { PlotError } from "./errors";

export type Scale = "linear" | "log";

/** A resolved axis: its domain (ascending) and whether it runs backwards. */
export interface AxisDomain {
  domain: [number, number];
  reverse: boolean;
}

/** Whether a value can be drawn on this scale (log scales drop values <= 0, as matplotlib does). */
export function drawable(v: number, scale: Scale): boolean {
  return Number.isFinite(v) && (scale === "linear" || v > 0);
}

/**
 * The domain of one axis. `lim` (like matplotlib's xlim/ylim) wins; a reversed
 * lim ([3, 0]) flips the axis. Otherwise the drawable values plus 5% margins,
 * measured in log space on a log scale.
 *
 * @example
 * axisDomain([0, 10], "linear", undefined, "plot: xlim") // { domain: [-0.5, 10.5], reverse: false }
 */
export function axisDomain(
  values: readonly number[],
  scale: Scale,
  lim: readonly [number, number] | undefined,
  what: string,
): AxisDomain {
  if (lim !== undefined) {
    const [a, b] = lim;
    if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) {
      throw new PlotError(`${what} must be two different finite numbers; got [${a}, ${b}]`);
    }
    if (scale === "log" && (a <= 0 || b <= 0)) {
      throw new PlotError(`${what} must be positive on a log scale; got [${a}, ${b}]`);
    }
    return { domain: a < b ? [a, b] : [b, a], reverse: a > b };
  }
  const to = scale === "log" ? Math.log10 : (v: number) => v;
  const from = scale === "log" ? (v: number) => 10 ** v : (v: number) => v;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!drawable(v, scale)) continue;
    const t = to(v);
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (lo > hi) return { domain: scale === "log" ? [1, 10] : [0, 1], reverse: false };
  const span = hi - lo;
  let pad = span > 0 ? 0.05 * span : 0.05 * Math.abs(lo);
  // A single value near zero (even subnormal) still needs a visible range.
  if (!(from(lo - pad) < from(lo)) || !(from(hi) < from(hi + pad))) pad = Math.max(0.05, 0.05 * Math.abs(lo), 0.05 * Math.abs(hi));
  return { domain: [from(lo - pad), from(hi + pad)], reverse: false };
}
