/**
 * The generated loops (loops/*.generated.ts): current against the declarations, exact for every
 * dtype signature (generated loop, cast to float32/float64 first, or the reference loop), and
 * sufficient: no signature the op layer produces falls back to the reference loop.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generate } from "../../scripts/gen-js-elementwise.mjs";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { type DType, allocate, bool, float32, float64, int16, int32, int64, int8, uint8 } from "../dtype";
import { jsBinary, jsBinaryScalar, jsUnary, loopResolution } from "./js-elementwise";
import { BINARY_FNS, UNARY_FNS } from "./loops/index.generated";

test("the generated loops are current (else: pnpm build && node packages/tensor/scripts/gen-js-elementwise.mjs)", () => {
  const files = generate(UNARY_DECLS, BINARY_DECLS);
  expect(Object.keys(files).length).toBeGreaterThan(1);
  for (const [name, text] of Object.entries(files)) expect(readFileSync(join(__dirname, name), "utf8"), name).toBe(text);
});

const DTYPES = [bool, uint8, int8, int16, int32, int64, float32, float64];
/** Values each dtype holds, sign, wrap and rounding cases included (int64 2^24 + 1 is not a float32). */
const VALUES: Record<string, number[]> = {
  bool: [0, 1, 1, 0, 1, 0, 0, 1, 1],
  uint8: [0, 1, 200, 255, 7, 3, 128, 2, 9],
  int8: [-128, -1, 0, 5, 127, -7, 3, 2, -2],
  int16: [-32768, 300, 0, -5, 32767, 7, 3, -2, 2],
  int32: [2147483647, -2147483648, 123456789, -3, 0, 7, 16777217, 2, -9],
  int64: [16777217, -5, 0, 3, 2 ** 40, -(2 ** 33), 7, 1, -1],
  float32: [0.1, -2.5, NaN, -0, 3, 1e30, 0.5, -7.25, 2],
  float64: [0.1, -2.5, NaN, -0, 3, 16777217.5, 1e300, -7.25, 2],
};
const arrayOf = (d: DType, n: number): ReturnType<typeof allocate> => {
  const a = allocate(d, n), v = VALUES[d.name];
  for (let i = 0; i < n; i++) a[i] = v[(i * 7 + (d.code % 3)) % v.length];
  return a;
};
const F32 = 6, F64 = 7;
const rounded = (x: number, t: number, f32: boolean): number => (f32 && (t === 4 || t === 5 || t === F64) ? Math.fround(x) : x);
const narrow = (t: number): boolean => t >= 1 && t <= 4;
const PRED = new Set<string>([...UNARY_DECLS, ...BINARY_DECLS].filter((d) => d.spec.predicate).map((d) => d.op));
/** One element as the kernel contract defines it (types.ts, js-elementwise.ts): operands read in the compute type. */
function expected(op: string, f: { expr: (...v: number[]) => number; int?: (...v: number[]) => number }, to: number, ...v: number[]): number {
  const r = (narrow(to) && f.int ? f.int : f.expr)(...v);
  return to === 0 && !PRED.has(op) ? (r !== 0 ? 1 : 0) : r;
}
/** The first index where `out` and `ref` differ (Object.is: -0 is not 0, NaN is NaN), or -1. */
function firstDifference(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  for (let i = 0; i < ref.length; i++) if (!Object.is(out[i], ref[i])) return i;
  return -1;
}
/** The unrolled body and the tail for every signature; several cast chunks for a sample of them. */
const lengths = [9, 4096 * 2 + 5];
const LONG = [[int32, float32], [int64, int64], [uint8, bool], [float32, float32], [int16, int8]] as const;
const pairsFor = (n: number): [DType, DType][] => (n === 9 ? DTYPES.flatMap((a) => DTYPES.map((b): [DType, DType] => [a, b])) : LONG.map(([a, b]) => [a, b]));

describe("every dtype signature computes each element as declared", () => {
  test.each(lengths)("unary ops, n = %i", (n) => {
    const bad: string[] = [];
    for (const d of UNARY_DECLS) {
      for (const [dx, dout] of pairsFor(n)) {
        const x = arrayOf(dx, n), out = allocate(dout, n), ref = allocate(dout, n);
        jsUnary[d.op](x, out, n, dx, dout);
        for (let i = 0; i < n; i++) ref[i] = expected(d.op, UNARY_FNS[d.op], dout.code, rounded(x[i], dx.code, dout.code === F32));
        if (firstDifference(out, ref) >= 0) bad.push(`${d.op} ${dx.name} -> ${dout.name}`);
      }
    }
    expect(bad).toEqual([]);
  });
  test.each(lengths)("binary ops, n = %i", (n) => {
    const bad: string[] = [];
    for (const d of BINARY_DECLS) {
      for (const [da, db] of pairsFor(n)) {
        for (const dout of n === 9 ? DTYPES : [float32, int32, bool]) {
          const a = arrayOf(da, n), b = arrayOf(db, n), out = allocate(dout, n), ref = allocate(dout, n);
          const [ta, tb, to] = [da.code, db.code, dout.code];
          const f32 = to === F32 || (ta !== 5 && ta !== F64 && tb !== 5 && tb !== F64 && (ta === F32 || tb === F32));
          jsBinary[d.op](a, b, out, n, da, db, dout);
          for (let i = 0; i < n; i++) ref[i] = expected(d.op, BINARY_FNS[d.op], to, rounded(a[i], ta, f32), rounded(b[i], tb, f32));
          if (firstDifference(out, ref) >= 0) bad.push(`${d.op} ${da.name}, ${db.name} -> ${dout.name}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
  test.each(lengths)("binary ops with a scalar, n = %i", (n) => {
    const bad: string[] = [];
    for (const d of BINARY_DECLS) {
      for (const [da, dout] of pairsFor(n)) {
        for (const s of [2, -3, 0.1]) {
          const a = arrayOf(da, n), out = allocate(dout, n), ref = allocate(dout, n);
          const f32 = dout.code === F32 || (da.code === F32 && dout.code === 0);
          jsBinaryScalar[d.op](a, s, out, n, da, dout);
          const b = f32 ? Math.fround(s) : s;
          for (let i = 0; i < n; i++) ref[i] = expected(d.op, BINARY_FNS[d.op], dout.code, rounded(a[i], da.code, f32), b);
          if (firstDifference(out, ref) >= 0) bad.push(`${d.op} ${da.name}, ${s} -> ${dout.name}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
  test("an in-place mixed op reads each chunk before writing it (out aliases x)", () => {
    const n = 4096 * 3 + 1, x = arrayOf(float32, n), y = arrayOf(int64, n), ref = new Float32Array(n);
    for (let i = 0; i < n; i++) ref[i] = x[i] + Math.fround(y[i]);
    jsBinary.add(x, y, x, n, float32, int64, float32);
    expect(x).toEqual(ref);
  });
});
