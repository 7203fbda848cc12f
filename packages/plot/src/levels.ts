/**
 * matplotlib's automatic contour levels: `ContourSet._autolev(N)`, which asks
 * `MaxNLocator(N + 1, min_n_ticks=1)` for tick values spanning [zmin, zmax]
 * and trims the excess, ported step by step (Python's float floor division
 * included) so that the levels are the same floats matplotlib picks.
 */

/** Python's divmod for floats (CPython's float_divmod). */
function pyDivmod(x: number, y: number): [number, number] {
  let mod = x % y; // fmod
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

const floorDiv = (x: number, y: number): number => pyDivmod(x, y)[0];

/** 10 ** e for an integral e, correctly rounded like C's pow (V8's 10 ** -4 is 0.00009999999999999999). */
const pow10 = (e: number): number => (e >= 0 ? 10 ** e : 1 / 10 ** -e);

/** MaxNLocator's default steps [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10], extended a decade down and one step up (_staircase). */
const STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
const EXTENDED = [...STEPS.slice(0, -1).map((s) => 0.1 * s), ...STEPS, 10 * STEPS[1]!];

/** matplotlib.transforms.nonsingular with MaxNLocator's expander=1e-13, tiny=1e-14. */
function nonsingular(vmin: number, vmax: number): [number, number] {
  const expander = 1e-13;
  const tiny = 1e-14;
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) return [-expander, expander];
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const maxabs = Math.max(Math.abs(vmin), Math.abs(vmax));
  if (maxabs < (1e6 / tiny) * 2.2250738585072014e-308) return [-expander, expander];
  if (vmax - vmin <= maxabs * tiny) {
    if (vmax === 0 && vmin === 0) return [-expander, expander];
    return [vmin - expander * Math.abs(vmin), vmax + expander * Math.abs(vmax)];
  }
  return [vmin, vmax];
}

function scaleRange(vmin: number, vmax: number, n: number): [number, number] {
  const dv = Math.abs(vmax - vmin);
  const meanv = (vmax + vmin) / 2;
  const offset = Math.abs(meanv) / dv < 100 ? 0 : Math.sign(meanv) * pow10(floorDiv(Math.log10(Math.abs(meanv)), 1));
  return [pow10(floorDiv(Math.log10(dv / n), 1)), offset];
}

/** _Edge_integer: tick counts that forgive floating-point slop near a multiple of the step. */
function edge(step: number, offset: number) {
  const off = Math.abs(offset);
  const closeto = (ms: number, e: number): boolean => {
    let tol = 1e-10;
    if (off > 0) tol = Math.min(0.4999, Math.max(1e-10, 10 ** (Math.log10(off / step) - 12)));
    return Math.abs(ms - e) < tol;
  };
  return {
    le(x: number): number {
      const [d, m] = pyDivmod(x, step);
      return closeto(m / step, 1) ? d + 1 : d;
    },
    ge(x: number): number {
      const [d, m] = pyDivmod(x, step);
      return closeto(m / step, 0) ? d : d + 1;
    },
  };
}

/**
 * `MaxNLocator(nbins, min_n_ticks=1).tick_values(vmin, vmax)` with the default steps.
 *
 * @example
 * maxNLocatorTicks(0, 59.5, 8) // [0, 8, 16, 24, 32, 40, 48, 56, 64]
 */
export function maxNLocatorTicks(vmin0: number, vmax0: number, nbins: number): number[] {
  const [vmin, vmax] = nonsingular(vmin0, vmax0);
  const [scale, offset] = scaleRange(vmin, vmax, nbins);
  const lo = vmin - offset;
  const hi = vmax - offset;
  const rawStep = (hi - lo) / nbins;
  const steps = EXTENDED.map((s) => s * scale);
  let istep = steps.findIndex((s) => s >= rawStep);
  let ticks: number[] = [];
  for (; istep >= 0; istep--) {
    const step = steps[istep]!;
    const bestVmin = floorDiv(lo, step) * step;
    const e = edge(step, offset);
    const low = e.le(lo - bestVmin);
    const high = e.ge(hi - bestVmin);
    ticks = [];
    for (let k = low; k <= high; k++) ticks.push(k * step + bestVmin);
    if (ticks.some((t) => t <= hi && t >= lo)) break; // min_n_ticks = 1
  }
  return ticks.map((t) => t + offset);
}

/**
 * The levels `plt.contour(X, Y, Z, n)` draws for data spanning [zmin, zmax]
 * (n defaults to 7, as in matplotlib): MaxNLocator(n + 1) ticks, trimmed to
 * one level below zmin and one above zmax. If no level falls strictly inside
 * (zmin, zmax), matplotlib draws the single level zmin.
 *
 * @example
 * contourLevels(0, 59.5) // [0, 8, 16, 24, 32, 40, 48, 56, 64]
 */
export function contourLevels(zmin: number, zmax: number, n = 7): number[] {
  const lev = maxNLocatorTicks(zmin, zmax, n + 1);
  let i0 = 0;
  for (let k = 0; k < lev.length; k++) if (lev[k]! < zmin) i0 = k;
  let i1 = lev.length;
  for (let k = 0; k < lev.length; k++) {
    if (lev[k]! > zmax) {
      i1 = k + 1;
      break;
    }
  }
  const levels = i1 - i0 < 3 ? lev : lev.slice(i0, i1);
  return levels.some((l) => l > zmin && l < zmax) ? levels : [zmin];
}
