/**
 * The kernels that took over the op layer's own loops (prod, all/any, cumsum/cumprod,
 * cast, clamp, take/put), called directly and through the registry.
 */
import { describe, expect, test } from "vitest";
import { bool, float32, float64, int16, int32, int64, int8, uint8 } from "../dtype";
import { castValues, clampValues, putValues, takeValues } from "./js-copy";
import { allAnyAxis, prodAxis, scanRows } from "./js-scan";
import { kernels, setBackend } from "./registry";

describe("prod, all/any and scans over an axis", () => {
  // x viewed as [outer=2, red=3, inner=2]
  const x = Float64Array.from([1, 2, 3, 4, 5, 6, -1, 0, 2, 0, 3, 0]);

  test("prodAxis multiplies along the middle axis; an empty axis gives 1", () => {
    const out = new Float64Array(4);
    prodAxis(x, out, 2, 3, 2);
    expect([...out]).toEqual([15, 48, -6, 0]);
    const empty = new Float64Array(2).fill(7);
    prodAxis(new Float64Array(0), empty, 2, 0, 1);
    expect([...empty]).toEqual([1, 1]);
  });

  test("allAnyAxis: all and any per column, NaN counts as true", () => {
    const all = new Uint8Array(4), any = new Uint8Array(4);
    allAnyAxis(true, x, all, 2, 3, 2);
    allAnyAxis(false, x, any, 2, 3, 2);
    expect([...all]).toEqual([1, 1, 1, 0]);
    expect([...any]).toEqual([1, 1, 1, 0]);
    const nan = new Uint8Array(1);
    allAnyAxis(true, Float32Array.from([NaN, 1]), nan, 1, 2, 1);
    expect(nan[0]).toBe(1);
  });

  test("scanRows: running sums and products per row, in float32 storage", () => {
    const v = Float32Array.from([1, 2, 3, 0.5, 4, 2]);
    const s = new Float32Array(6), p = new Float32Array(6);
    scanRows("cumsum", v, s, 2, 3);
    scanRows("cumprod", v, p, 2, 3);
    expect([...s]).toEqual([1, 3, 6, 0.5, 4.5, 6.5]);
    expect([...p]).toEqual([1, 2, 6, 0.5, 2, 4]);
  });
});

describe("cast, clamp, take and put", () => {
  const f = Float32Array.from([-1.5, 2.7, 300, NaN, Infinity, -3e9]);

  test("casts follow PyTorch's x86 conversions per target dtype", () => {
    const i64 = new Float64Array(6);
    castValues(f, i64, 6, float32, int64);
    expect([...i64]).toEqual([-1, 2, 300, -9223372036854775808, -9223372036854775808, -3e9]);
    const i32 = new Int32Array(6);
    castValues(f, i32, 6, float32, int32);
    expect([...i32]).toEqual([-1, 2, 300, -2147483648, -2147483648, -2147483648]);
    const i8 = new Int8Array(6), i16 = new Int16Array(6);
    castValues(f, i8, 6, float32, int8);
    castValues(f, i16, 6, float32, int16);
    expect([...i8]).toEqual([-1, 2, 44, 0, 0, 0]);
    expect([...i16]).toEqual([-1, 2, 300, 0, 0, 0]);
    const u8 = new Uint8Array(6), b = new Uint8Array(6);
    castValues(Float64Array.from([-1, 256, 257, 0, 0.5, 3]), u8, 6, int64, uint8);
    castValues(Float64Array.from([-1, 256, 257, 0, 0.5, NaN]), b, 6, float64, bool);
    expect([...u8]).toEqual([255, 0, 1, 0, 0, 3]);
    expect([...b]).toEqual([1, 1, 1, 0, 1, 1]);
  });

  test("clamp keeps NaN and gives hi everywhere when lo > hi", () => {
    const out = new Float32Array(4);
    clampValues(Float32Array.from([-2, 0.5, 9, NaN]), out, 4, 0, 1);
    expect([...out]).toEqual([0, 0.5, 1, NaN]);
    clampValues(Float32Array.from([-2, 0.5, 9, 3]), out, 4, 5, 1);
    expect([...out]).toEqual([1, 1, 1, 1]);
  });

  test("take gathers, put scatters (overwriting, or accumulating repeated indices)", () => {
    const out = new Int16Array(3);
    takeValues(Int16Array.from([10, 20, 30, 40]), Int32Array.from([3, 0, 3]), out);
    expect([...out]).toEqual([40, 10, 40]);
    const dst = new Float64Array(4);
    putValues(dst, Int32Array.from([1, 1, 2]), Float64Array.from([5, 6, 7]), false);
    expect([...dst]).toEqual([0, 6, 7, 0]);
    putValues(dst, Int32Array.from([1, 1, 2]), Float64Array.from([5, 6, 7]), true);
    expect([...dst]).toEqual([0, 17, 14, 0]);
  });

  test("the registry serves these kernels on either backend", () => {
    for (const b of ["js", "auto"] as const) {
      setBackend(b);
      const out = new Float64Array(2);
      kernels.prodAxis(Float64Array.from([2, 3, 4, 5]), out, 2, 2, 1);
      expect([...out]).toEqual([6, 20]);
      expect(kernels.take).toBe(takeValues);
    }
  });
});
