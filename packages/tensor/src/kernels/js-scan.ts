/**
 * Plain-TypeScript products, all/any and scans over one axis of a contiguous
 * [outer, red, inner] block (the layout of js-reduce.ts). The op layer widens
 * narrow integers to int64 (and all/any's to bool) first, so these see float32,
 * float64/int64 or bool arrays only: the dtype does not change the loop.
 */
import type { TypedArray } from "../dtype";

/** out[o*inner + i] = Π_{r<red} x[(o*red + r)*inner + i] (1 when red is 0). */
export function prodAxis(x: TypedArray, out: TypedArray, outer: number, red: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let p = 1;
      for (let r = 0, k = o * red * inner + i; r < red; r++, k += inner) p *= x[k];
      out[o * inner + i] = p;
    }
  }
}

/**
 * out[o*inner + i] = 1 when every (all) or some (any) x[(o*red + r)*inner + i] is non-zero, else 0;
 * stops at the first element that decides it. NaN counts as non-zero, as in PyTorch.
 */
export function allAnyAxis(all: boolean, x: TypedArray, out: TypedArray, outer: number, red: number, inner: number): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = all ? 1 : 0;
      for (let r = 0, k = o * red * inner + i; r < red; r++, k += inner) {
        if (all ? x[k] === 0 : x[k] !== 0) {
          acc = 1 - acc;
          break;
        }
      }
      out[o * inner + i] = acc;
    }
  }
}

/** Running sums (cumsum) or products (cumprod) along each of `rows` contiguous rows of `len` elements. */
export function scanRows(op: "cumsum" | "cumprod", x: TypedArray, out: TypedArray, rows: number, len: number): void {
  if (op === "cumsum") {
    for (let base = 0; base < rows * len; base += len) {
      let acc = 0;
      for (let j = base; j < base + len; j++) out[j] = acc += x[j];
    }
  } else {
    for (let base = 0; base < rows * len; base += len) {
      let acc = 1;
      for (let j = base; j < base + len; j++) out[j] = acc *= x[j];
    }
  }
}
