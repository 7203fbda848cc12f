/**
 * The plain-TypeScript implementation of every kernel: the fallback when
 * WebAssembly is unavailable or slower, and the reference the WebAssembly
 * kernels are tested against.
 */
import type { Kernels } from "./types";
import { jsBinary, jsBinaryScalar, jsUnary, jsWhere } from "./js-elementwise";
import { gemmJs } from "./js-gemm";
import { castValues, clampValues, putValues, takeValues } from "./js-copy";
import { allAnyAxis, prodAxis, scanRows } from "./js-scan";
import { logSoftmaxInner, maxInner, maxMiddle, minInner, minMiddle, softmaxInner, sumInner, sumMiddle } from "./js-reduce";

/** A fresh object each call, so a registry can mutate its copy freely. */
export function jsKernels(): Kernels {
  return {
    gemm: gemmJs,
    unary: { ...jsUnary },
    binary: { ...jsBinary },
    binaryScalar: { ...jsBinaryScalar },
    sumInner,
    sumMiddle,
    maxInner,
    maxMiddle,
    minInner,
    minMiddle,
    softmaxInner,
    logSoftmaxInner,
    where: jsWhere,
    prodAxis,
    allAnyAxis,
    scanRows,
    cast: castValues,
    clamp: clampValues,
    take: takeValues,
    put: putValues,
  };
}
