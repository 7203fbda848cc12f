/**
 * Isolines by marching squares on a structured grid: for each level, every
 * cell whose corners straddle it contributes a segment between points
 * linearly interpolated along its edges (in X and Y too, so curvilinear
 * grids work, as in matplotlib); the segments are then chained into
 * polylines. Saddle cells are resolved by the mean of their corners, and
 * cells with a NaN corner are skipped (matplotlib masks invalid values).
 */
import type { Matrix } from "./matrix";

/** One isoline: a polyline of [x, y] points; a closed one ends where it starts. */
export type Polyline = [number, number][];

/**
 * The isolines of Z at `level`, on the grid (X[i][j], Y[i][j]) -> Z[i][j].
 *
 * @example
 * // the unit circle of x² + y² on a 21 × 21 grid over [-2, 2]²
 * isolines(X, Y, Z, 1) // [[[x, y], ...]]: one closed polyline (its last point equals its first), every point at radius ≈ 1
 */
export function isolines(X: Matrix, Y: Matrix, Z: Matrix, level: number): Polyline[] {
  const { rows, cols } = Z;
  const z = Z.data;
  // Edge ids: horizontal edge (i, j)-(i, j+1) is i*cols + j; vertical edge (i, j)-(i+1, j) is rows*cols + i*cols + j.
  const H = (i: number, j: number): number => i * cols + j;
  const V = (i: number, j: number): number => rows * cols + i * cols + j;
  const seg: number[] = []; // pairs of edge ids
  for (let i = 0; i + 1 < rows; i++) {
    for (let j = 0; j + 1 < cols; j++) {
      const a = z[i * cols + j]!; // corners, counter-clockwise in index space
      const b = z[i * cols + j + 1]!;
      const c = z[(i + 1) * cols + j + 1]!;
      const d = z[(i + 1) * cols + j]!;
      if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(d)) continue;
      const code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // The cell's edges: bottom (a-b), right (b-c), top (d-c), left (a-d).
      const e0 = H(i, j);
      const e1 = V(i, j + 1);
      const e2 = H(i + 1, j);
      const e3 = V(i, j);
      switch (code) {
        case 1: case 14: seg.push(e3, e0); break;
        case 2: case 13: seg.push(e0, e1); break;
        case 3: case 12: seg.push(e3, e1); break;
        case 4: case 11: seg.push(e1, e2); break;
        case 6: case 9: seg.push(e0, e2); break;
        case 7: case 8: seg.push(e3, e2); break;
        case 5: case 10: {
          // A saddle: a and c on one side, b and d on the other. If the centre is
          // on a's side, a and c are joined through the middle.
          const centreAbove = (a + b + c + d) / 4 > level;
          const aAbove = code === 5;
          if (centreAbove === aAbove) seg.push(e3, e2, e0, e1);
          else seg.push(e3, e0, e1, e2);
          break;
        }
      }
    }
  }
  const point = (e: number): [number, number] => {
    let p: number;
    let q: number;
    if (e < rows * cols) {
      p = e;
      q = e + 1;
    } else {
      p = e - rows * cols;
      q = p + cols;
    }
    const t = (level - z[p]!) / (z[q]! - z[p]!);
    return [X.data[p]! + t * (X.data[q]! - X.data[p]!), Y.data[p]! + t * (Y.data[q]! - Y.data[p]!)];
  };
  // Chain segments: every edge point belongs to at most two segments.
  const at = new Map<number, number[]>();
  for (let s = 0; s < seg.length / 2; s++) {
    for (const e of [seg[2 * s]!, seg[2 * s + 1]!]) {
      const list = at.get(e);
      if (list) list.push(s);
      else at.set(e, [s]);
    }
  }
  const used = new Uint8Array(seg.length / 2);
  const walk = (start: number, s0: number): number[] => {
    const path = [start];
    let e = start;
    let s = s0;
    while (s >= 0 && !used[s]) {
      used[s] = 1;
      e = seg[2 * s] === e ? seg[2 * s + 1]! : seg[2 * s]!;
      path.push(e);
      s = (at.get(e) ?? []).find((t) => !used[t]) ?? -1;
    }
    return path;
  };
  const lines: Polyline[] = [];
  // Open lines first, from an end (an edge point on one segment only), then closed loops.
  for (const [e, list] of at) if (list.length === 1 && !used[list[0]!]) lines.push(walk(e, list[0]!).map(point));
  for (let s = 0; s < used.length; s++) if (!used[s]) lines.push(walk(seg[2 * s]!, s).map(point));
  return lines;
}
