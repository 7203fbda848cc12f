/** The kernel layer's choice of scalar, row-by-row or materialised broadcast for a binary op. */
import { describe, expect, test, vi } from "vitest";
import { type DType, type TypedArray, float32, int64 } from "../dtype";
import { type Operand, binaryBroadcast } from "./broadcast";
import { jsKernels } from "./js";

/** A contiguous operand over `data` (offset 0). */
function op(data: TypedArray, shape: number[], dtype: DType = float32): Operand {
  return { _shape: shape, dtype, _offset: 0, _storage: { data }, numel: () => data.length, isContiguous: () => true, _values: () => data };
}
const range = (n: number, f = (i: number) => i) => Float32Array.from({ length: n }, (_, i) => f(i));

describe("binaryBroadcast", () => {
  test("a tensor with a JS scalar or a one-element tensor runs the scalar kernel", () => {
    const k = jsKernels();
    const scalar = vi.spyOn(k.binaryScalar, "mul");
    const out = new Float32Array(6);
    expect(binaryBroadcast(k, "mul", op(range(6), [2, 3]), null, 2, [2, 3], 6, out, float32)).toBe(true);
    expect([...out]).toEqual([0, 2, 4, 6, 8, 10]);
    expect(binaryBroadcast(k, "mul", op(range(6), [2, 3]), op(Float32Array.of(3), [1, 1]), 0, [2, 3], 6, out, float32)).toBe(true);
    expect([...out]).toEqual([0, 3, 6, 9, 12, 15]);
    expect(scalar).toHaveBeenCalledTimes(2);
  });

  test("a bias of at least rowMin (32) elements runs the kernel once per row, on either side", () => {
    const k = jsKernels();
    const rows = vi.spyOn(k.binary, "sub");
    const x = range(4 * 40, (i) => i * 0.5), bias = range(40, (i) => i);
    const out = new Float32Array(160);
    expect(binaryBroadcast(k, "sub", op(x, [4, 40]), op(bias, [40]), 0, [4, 40], 160, out, float32)).toBe(true);
    expect(rows).toHaveBeenCalledTimes(4);
    for (let i = 0; i < 160; i++) expect(out[i]).toBe(x[i] - bias[i % 40]);
    expect(binaryBroadcast(k, "sub", op(bias, [1, 40]), op(x, [4, 40]), 0, [4, 40], 160, out, float32)).toBe(true);
    for (let i = 0; i < 160; i++) expect(out[i]).toBe(bias[i % 40] - x[i]);
  });

  test("short rows, integer outputs and shapes it cannot stream give false and write nothing", () => {
    const k = jsKernels();
    const out = new Float32Array(4 * 31).fill(7);
    expect(binaryBroadcast(k, "add", op(range(124), [4, 31]), op(range(31), [31]), 0, [4, 31], 124, out, float32)).toBe(false);
    const ints = new Float64Array(80);
    expect(binaryBroadcast(k, "add", op(new Float64Array(80), [2, 40], int64), op(new Float64Array(40), [40], int64), 0, [2, 40], 80, ints, int64)).toBe(false);
    // a column [4, 1] against [4, 40]: repeats along a trailing dim, so it must be materialised
    expect(binaryBroadcast(k, "add", op(range(160), [4, 40]), op(range(4), [4, 1]), 0, [4, 40], 160, new Float32Array(160), float32)).toBe(false);
    expect(out.every((v) => v === 7)).toBe(true);
  });
});
