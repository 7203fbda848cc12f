import { describe, expect, it } from "vitest";
import { gatherStrided, scatterStrided } from "./storage";

/** The element-by-element definition gatherStrided must equal, whichever path it takes. */
function naive(src: Float32Array, shape: number[], strides: number[], offset: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    let rem = k, p = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      p += (rem % shape[d]) * strides[d];
      rem = Math.floor(rem / shape[d]);
    }
    out[k] = src[p];
  }
  return out;
}

const src = Float32Array.from({ length: 40000 }, (_, i) => i * 0.5 - 7);
const cases: [string, number[], number[], number][] = [
  ["contiguous (one set)", [3, 70, 80], [5600, 80, 1], 11],
  ["contiguous with size-1 dims of any stride", [1, 70, 1, 80], [999, 80, 3, 1], 5],
  ["long contiguous rows, padded (a set per row)", [4, 5, 100], [1200, 220, 1], 3],
  ["short contiguous rows (the loop)", [30, 10], [17, 1], 2],
  ["transposed (the loop)", [80, 90], [1, 100], 0],
  ["broadcast rows (stride 0)", [6, 128], [0, 1], 9],
  ["one element", [1], [1], 77],
];

describe("gatherStrided", () => {
  for (const [name, shape, strides, offset] of cases) {
    it(`equals the element-by-element copy: ${name}`, () => {
      const dst = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(NaN);
      gatherStrided(src, shape, strides, offset, dst);
      expect(dst).toEqual(naive(src, shape, strides, offset));
    });
  }
  it("writes into a longer destination from its start and leaves the rest", () => {
    const dst = new Float32Array(10).fill(-1);
    gatherStrided(src, [2, 3], [3, 1], 4, dst);
    expect(Array.from(dst)).toEqual([...Array.from(src.subarray(4, 10)), -1, -1, -1, -1]);
  });
  it("is scatterStrided's inverse on a padded layout", () => {
    const shape = [3, 4, 70], strides = [400, 80, 1];
    const packed = Float32Array.from({ length: 840 }, (_, i) => i);
    const big = new Float32Array(1300);
    scatterStrided(packed, big, shape, strides, 7);
    const back = new Float32Array(840);
    gatherStrided(big, shape, strides, 7, back);
    expect(back).toEqual(packed);
  });
});
