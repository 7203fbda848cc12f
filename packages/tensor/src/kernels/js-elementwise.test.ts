import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { jsBinary, jsBinaryScalar, jsUnary } from "./js-elementwise";
import * as torch from "../dtype";

const f64 = (...v: number[]) => Float64Array.from(v);
function unary(op: keyof typeof jsUnary, x: Float64Array): number[] {
  const out = new Float64Array(x.length);
  jsUnary[op](x, out, x.length);
  return Array.from(out);
}
function binary(op: keyof typeof jsBinary, a: Float64Array, b: Float64Array): number[] {
  const out = new Float64Array(a.length);
  jsBinary[op](a, b, out, a.length);
  return Array.from(out);
}

// Expected values are what PyTorch 1.13.1 prints for the same inputs.
describe("PyTorch semantics of the JS elementwise kernels", () => {
  const x = f64(NaN, -0, 0, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5);
  test("sign(±0) = sign(NaN) = 0", () => {
    expect(unary("sign", x)).toEqual([0, 0, 0, -1, -1, -1, 1, 1, 1]);
  });
  test("relu keeps NaN and -0", () => {
    expect(unary("relu", x)).toEqual([NaN, -0, 0, 0, 0, 0, 0.5, 1.5, 2.5]);
  });
  test("round is half-to-even", () => {
    expect(unary("round", x)).toEqual([NaN, -0, 0, -2, -2, -0, 0, 2, 2]);
  });
  test("pow follows C for 1^NaN, (-1)^inf and NaN^0", () => {
    expect(binary("pow", f64(1, -1, NaN, 2, -8), f64(NaN, Infinity, 0, 10, 1 / 3))).toEqual([1, 1, 1, 1024, NaN]);
  });
  test("floorDivide floors, with signed zeros and division by zero", () => {
    const a = f64(5, -5, 5, -5, 0, -0, 1, 0, -0);
    const b = f64(3, 3, -3, -3, 3, 3, 0, -3, -3);
    expect(binary("floorDivide", a, b)).toEqual([1, -2, -2, 1, 0, -0, Infinity, -0, 0]);
  });
  test("remainder has the sign of the divisor", () => {
    const a = f64(5, -5, 5, -5, 0, -0, 1);
    const b = f64(3, 3, -3, -3, -3, 3, 0);
    expect(binary("remainder", a, b)).toEqual([2, 1, -1, -2, 0, -0, NaN]);
  });
  test("maximum/minimum propagate NaN", () => {
    expect(binary("maximum", f64(NaN, 1, -0, 2), f64(1, NaN, 0, 3))).toEqual([NaN, NaN, -0, 3]);
    expect(binary("minimum", f64(NaN, 1, 2), f64(1, NaN, 3))).toEqual([NaN, NaN, 2]);
  });
  test("comparisons and logical ops write 0/1 into a bool (Uint8Array) output", () => {
    const a = f64(1, 2, NaN, 0), b = f64(1, 3, NaN, 5);
    const out = new Uint8Array(4);
    jsBinary.eq(a, b, out, 4);
    expect(Array.from(out)).toEqual([1, 0, 0, 0]);
    jsBinary.logicalAnd(a, b, out, 4);
    expect(Array.from(out)).toEqual([1, 1, 1, 0]);
    jsBinary.logicalXor(a, b, out, 4);
    expect(Array.from(out)).toEqual([0, 0, 0, 1]);
    const nt = new Uint8Array(2);
    jsUnary.logicalNot(f64(NaN, 0), nt, 2);
    expect(Array.from(nt)).toEqual([0, 1]);
  });
  test("a bool output stores any non-zero as 1 (bool + bool is logical or)", () => {
    const a = Uint8Array.from([1, 1, 0, 0]), b = Uint8Array.from([1, 0, 1, 0]);
    const out = new Uint8Array(4);
    jsBinary.add(a, b, out, 4);
    expect(Array.from(out)).toEqual([1, 1, 1, 0]);
  });
  test("sigmoid saturates without NaN", () => {
    expect(unary("sigmoid", f64(-1000, 1000, 0))).toEqual([0, 1, 0.5]);
  });
});

describe("unrolled loops", () => {
  test("every length and type signature matches a per-element evaluation", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: false }), { maxLength: 23 }), fc.double(), (xs, s) => {
        const n = xs.length;
        const x32 = Float32Array.from(xs), x64 = Float64Array.from(xs);
        const out32 = new Float32Array(n), out64 = new Float64Array(n);
        jsBinary.mul(x32, x64, out32, n);
        jsBinaryScalar.sub(x64, s, out64, n);
        for (let i = 0; i < n; i++) {
          expect(out32[i]).toBe(Math.fround(x32[i] * Math.fround(x64[i])));
          expect(out64[i]).toBe(x64[i] - s);
        }
      }),
    );
  });
});

describe("float32 arithmetic as PyTorch computes it", () => {
  test("a JS scalar is rounded to float32 for a float32 tensor (torch.tensor([0.1]) > 0.1 is False)", () => {
    const x = Float32Array.of(0.1, 0.2);
    const gt = new Uint8Array(2);
    jsBinaryScalar.gt(x, 0.1, gt, 2);
    expect(Array.from(gt)).toEqual([0, 1]);
    const out = new Float32Array(2);
    jsBinaryScalar.mul(x, 0.1, out, 2);
    expect(out[0]).toBe(Math.fround(Math.fround(0.1) * Math.fround(0.1)));
  });
  test("int64 (float64 storage) operands are rounded to float32 when the result is float32", () => {
    const big = Float64Array.of(16777217); // 2^24 + 1 is not a float32
    const out = new Float32Array(1);
    jsBinaryScalar.sub(big, 16777216.5, out, 1);
    // PyTorch: float32(16777217) - float32(16777216.5) = 16777216 - 16777216 = 0
    expect(out[0]).toBe(0);
  });
  test("a one-element float64 tensor as the scalar of a float32 one keeps float64 arithmetic (float64 result)", () => {
    // PyTorch 1.13.1: torch.tensor([2.]) + torch.tensor([0.1], dtype=torch.float64) is 2.1 (was 2.100000001490116)
    const out = new Float64Array(1);
    jsBinaryScalar.add(Float32Array.of(2), 0.1, out, 1, torch.float32, torch.float64);
    expect(out[0]).toBe(2 + 0.1);
  });
  test("float64 results keep float64 arithmetic", () => {
    const out = new Float64Array(1);
    jsBinaryScalar.add(Float64Array.of(0.1), 0.2, out, 1);
    expect(out[0]).toBe(0.1 + 0.2);
  });
});

describe("the dtype, not the array class, selects the loop", () => {
  test("the same bytes add as bool (logical or) or as uint8 (wrapping)", () => {
    const a = Uint8Array.of(255, 1, 0), b = Uint8Array.of(1, 1, 0);
    const asBool = new Uint8Array(3), asByte = new Uint8Array(3);
    jsBinary.add(a, b, asBool, 3, torch.bool, torch.bool, torch.bool);
    jsBinary.add(a, b, asByte, 3, torch.uint8, torch.uint8, torch.uint8);
    expect(Array.from(asBool)).toEqual([1, 1, 0]);
    expect(Array.from(asByte)).toEqual([0, 2, 0]);
  });
  test("int32 mul keeps C's low 32 bits where the double product passes 2^53", () => {
    const a = Int32Array.of(2147483647, 123456789), out = new Int32Array(2);
    jsBinary.mul(a, a, out, 2, torch.int32, torch.int32, torch.int32);
    expect(Array.from(out)).toEqual([1, -1757895751]); // PyTorch 1.13.1
    jsBinaryScalar.mul(a, 987654321, out, 2, torch.int32, torch.int32);
    expect(Array.from(out)).toEqual([1159829327, -67153019]);
  });
  test("int64 in a Float64Array rounds to float32 when the result is float32", () => {
    const out = new Float32Array(1);
    jsBinary.add(Float64Array.of(16777217), Float32Array.of(0), out, 1, torch.int64, torch.float32, torch.float32);
    expect(out[0]).toBe(16777216);
  });
});
