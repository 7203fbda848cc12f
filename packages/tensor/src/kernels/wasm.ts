/**
 * The WebAssembly kernel set: gemm (float32 and float64), float32 elementwise
 * ops and float32 reductions run in WebAssembly SIMD128 when the arrays have
 * those types and the problem is large enough to repay copying into the arena
 * (each kernel's record in select.ts gives the sizes; the factories here take them);
 * everything else (other dtypes, tiny sizes, ops without a WebAssembly
 * version) falls through to the plain-TypeScript kernel, so each op picks
 * whichever is faster.
 */
import type { TypedArray } from "../dtype";
import type { BinaryKernel, BinaryOp, BinaryScalarKernel, Gemm, Kernels, UnaryKernel, UnaryOp } from "./types";
import { hostAddon } from "../memory";
import { getRuntime, getSharedRuntime, type WasmRuntime } from "./wasm-runtime";
import type { KernelWorker } from "./worker/pool";
import { recordShare } from "./worker/policy";
import { directWorker, registerMapKernel, runDirect, sharingWorker } from "./worker/share";

/**
 * The sizes a WebAssembly kernel is built with, from its selection record (select.ts):
 * below wasmMin elements (M·N·K for gemm) it calls the JS kernel; from threadMin on it
 * shares the job with the worker thread (Infinity: never).
 */
export interface Limits {
  readonly wasmMin: number;
  readonly threadMin: number;
}
/** Builds a kernel's WebAssembly version over its JS one (the fallback for small sizes and other dtypes). */
export type WasmFactory<K> = (js: K, limits: Limits) => K;
/** Elements per chunk: two float32 chunks stay in L2 between copy-in, kernel and copy-out. */
const CHUNK = 16384;

type Ptr = number;

/** A Float32Array holds float32 and nothing else, so here the array class does say the dtype. */
function isF32(a: TypedArray): a is Float32Array {
  return a instanceof Float32Array;
}

/** Copies `src[from, from + len)` into the arena at float index `dst`. */
function copyIn(rt: WasmRuntime, src: Float32Array, from: number, len: number, dst: number): void {
  rt.f32.set(from === 0 && len === src.length ? src : src.subarray(from, from + len), dst);
}

/** Operand bytes the elementwise kernels use: two float32 chunks and a byte chunk. */
const ELEMENTWISE_BYTES = 2 * CHUNK * 4 + CHUNK;

/** The runtime's export `name`, looked up per call: the runtime may have been replaced by a larger one. */
type Export = (...args: number[]) => void;
const exp = (rt: WasmRuntime, name: string) => rt.ex[name] as Export;

/**
 * Runs an elementwise kernel over n elements, CHUNK at a time: copies a (and b,
 * when arrays) into the arena at pa (pb), calls `run(pa, pb, pc, len)` with pc a
 * byte chunk (a condition for where), and copies len results out of `outAt`:
 * float32 at pa (written in place) or bytes at pc (comparisons).
 */
function eachChunk(
  rt: WasmRuntime, a: Float32Array | null, b: Float32Array | null, out: TypedArray, n: number, outAt: "pa" | "pc",
  run: (pa: Ptr, pb: Ptr, pc: Ptr, len: number, i: number) => void,
): void {
  const pa = rt.operands, pb = pa + CHUNK * 4, pc = pb + CHUNK * 4;
  for (let i = 0; i < n; i += CHUNK) {
    const len = Math.min(CHUNK, n - i);
    if (a !== null) copyIn(rt, a, i, len, pa >> 2);
    if (b !== null) copyIn(rt, b, i, len, pb >> 2);
    run(pa, pb, pc, len, i);
    out.set(outAt === "pa" ? rt.f32.subarray(pa >> 2, (pa >> 2) + len) : rt.u8.subarray(pc, pc + len), i);
  }
}

/** The same array, or arrays that share no bytes: chunks may then run in any order, on either thread. */
function sameOrDisjoint(x: TypedArray, y: TypedArray): boolean {
  if (x.buffer !== y.buffer) return true;
  return x.byteOffset === y.byteOffset || x.byteOffset + x.byteLength <= y.byteOffset || y.byteOffset + y.byteLength <= x.byteOffset;
}

/**
 * A large float32 elementwise op shared with the worker (a map job): each thread
 * copies CHUNK-element pieces of the operands straight into its own region, runs
 * the kernel and copies the result straight into out (two cores copy and compute
 * twice as fast). `b` is the second operand, or null with the scalar `s`, or null
 * for a unary op. False when not shared.
 */
function elementwiseShared(op: string, operands: "unary" | "binary" | "scalar", a: TypedArray, b: TypedArray | null, s: number, out: TypedArray, n: number): boolean {
  if (a.length < n || out.length < n || !sameOrDisjoint(a, out) || (b !== null && (b.length < n || !sameOrDisjoint(b, out)))) return false;
  const w = directWorker();
  if (w === null) return false;
  const { address } = hostAddon()!; // there is one: canDirect()
  const y = b !== null ? address(b) : operands === "scalar" ? s : 0;
  return runDirect(w, { kind: "map", op, operands, n, x: address(a), y, out: address(out), chunk: CHUNK });
}

/** unary[op]: wasm/elementwise.c's f32_<op> (for ops declared `wasm: true`). */
export const wasmUnary = (opName: UnaryOp): WasmFactory<UnaryKernel> => (fallback, { wasmMin, threadMin }) => {
  const name = `f32_${opName}`;
  registerMapKernel(name);
  return (x, out, n, dx, dout) => {
    if (n >= threadMin && isF32(x) && isF32(out) && elementwiseShared(name, "unary", x, null, 0, out, n)) return;
    const rt = n < wasmMin || !isF32(x) || !isF32(out) ? null : getRuntime(ELEMENTWISE_BYTES);
    if (rt === null) return fallback(x, out, n, dx, dout);
    const fn = exp(rt, name);
    eachChunk(rt, x as Float32Array, null, out, n, "pa", (pa, _pb, _pc, len) => fn(pa, pa, len));
  };
};

/** binary[op]: f32_<op> (ops declared `wasm: true`), or f32_cmp for the six comparisons. */
export function wasmBinary(opName: BinaryOp): WasmFactory<BinaryKernel> {
  const code = CMP_CODES[opName];
  return code !== undefined ? (fallback, lim) => compareF32(code, fallback, lim.wasmMin) : (fallback, lim) => binaryF32(`f32_${opName}`, fallback, lim);
}

/** binaryScalar[op]: f32_<op>_scalar, or f32_cmp_scalar for the comparisons. */
export function wasmBinaryScalar(opName: BinaryOp): WasmFactory<BinaryScalarKernel> {
  const code = CMP_CODES[opName];
  return code !== undefined
    ? (fallback, lim) => compareScalarF32(code, fallback, lim.wasmMin)
    : (fallback, lim) => binaryScalarF32(`f32_${opName}_scalar`, fallback, lim);
}

/** The comparisons f32_cmp computes (wasm/elementwise.c), whether or not a declaration says `wasm`. */
export const isWasmComparison = (op: BinaryOp): boolean => CMP_CODES[op] !== undefined;

function binaryF32(name: string, fallback: BinaryKernel, { wasmMin, threadMin }: Limits): BinaryKernel {
  registerMapKernel(name);
  return (a, b, out, n, da, db, dout) => {
    if (n >= threadMin && isF32(a) && isF32(b) && isF32(out) && elementwiseShared(name, "binary", a, b, 0, out, n)) return;
    const rt = n < wasmMin || !isF32(a) || !isF32(b) || !isF32(out) ? null : getRuntime(ELEMENTWISE_BYTES);
    if (rt === null) return fallback(a, b, out, n, da, db, dout);
    const fn = exp(rt, name);
    eachChunk(rt, a as Float32Array, b as Float32Array, out, n, "pa", (pa, pb, _pc, len) => fn(pa, pb, pa, len));
  };
}

function binaryScalarF32(name: string, fallback: BinaryScalarKernel, { wasmMin, threadMin }: Limits): BinaryScalarKernel {
  registerMapKernel(name);
  return (a, s, out, n, da, dout) => {
    // The WebAssembly kernel takes the scalar as float32, as PyTorch and the JS kernel do for float32 tensors.
    if (n >= threadMin && isF32(a) && isF32(out) && elementwiseShared(name, "scalar", a, null, s, out, n)) return;
    const rt = n < wasmMin || !isF32(a) || !isF32(out) ? null : getRuntime(ELEMENTWISE_BYTES);
    if (rt === null) return fallback(a, s, out, n, da, dout);
    const fn = exp(rt, name);
    eachChunk(rt, a as Float32Array, null, out, n, "pa", (pa, _pb, _pc, len) => fn(pa, s, pa, len));
  };
}

/** Comparison kernels: float32 operands, bool (byte) output. The code is f32_cmp's `op`. */
const CMP_CODES: Partial<Record<BinaryOp, number>> = { lt: 0, le: 1, gt: 2, ge: 3, eq: 4, ne: 5 };

function compareF32(op: number, fallback: BinaryKernel, wasmMin: number): BinaryKernel {
  return (a, b, out, n, da, db, dout) => {
    const boolOut = (dout === undefined || dout.name === "bool") && out instanceof Uint8Array;
    const rt = n < wasmMin || !isF32(a) || !isF32(b) || !boolOut ? null : getRuntime(ELEMENTWISE_BYTES);
    if (rt === null) return fallback(a, b, out, n, da, db, dout);
    eachChunk(rt, a as Float32Array, b as Float32Array, out, n, "pc", (pa, pb, pc, len) => rt.ex.f32_cmp(op, pa, pb, pc, len));
  };
}

function compareScalarF32(op: number, fallback: BinaryScalarKernel, wasmMin: number): BinaryScalarKernel {
  return (a, s, out, n, da, dout) => {
    // as the JS kernel, in float32 for a float32 tensor (the scalar is rounded to float32)
    const boolOut = (dout === undefined || dout.name === "bool") && out instanceof Uint8Array;
    const rt = n < wasmMin || !isF32(a) || !boolOut ? null : getRuntime(ELEMENTWISE_BYTES);
    if (rt === null) return fallback(a, s, out, n, da, dout);
    eachChunk(rt, a as Float32Array, null, out, n, "pc", (pa, _pb, pc, len) => rt.ex.f32_cmp_scalar(op, pa, s, pc, len));
  };
}

/** where over float32 operands (or scalars) into float32; anything else falls back. */
export const wasmWhere: WasmFactory<Kernels["where"]> = (fallback, { wasmMin }) => {
  return (cond, a, b, out, n, dtype) => {
    const as = typeof a === "number", bs = typeof b === "number";
    const ok = n >= wasmMin && isF32(out) && (as || isF32(a)) && (bs || isF32(b));
    const rt = ok ? getRuntime(ELEMENTWISE_BYTES) : null;
    if (rt === null) return fallback(cond, a, b, out, n, dtype);
    const flags = (as ? 1 : 0) | (bs ? 2 : 0), sa = as ? a : 0, sb = bs ? b : 0;
    eachChunk(rt, as ? null : (a as Float32Array), bs ? null : (b as Float32Array), out, n, "pa", (pa, pb, pc, len, i) => {
      rt.u8.set(cond.subarray(i, i + len), pc);
      rt.ex.f32_where(pc, pa, pb, pa, len, flags, sa, sb);
    });
  };
};

function align64(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/** Arena layout of a product: op(A), op(B) as stored (row padding included), then dense C. */
function layout(es: number, transA: boolean, transB: boolean, M: number, N: number, K: number, lda: number, ldb: number) {
  const aSpan = (transA ? K - 1 : M - 1) * lda + (transA ? M : K);
  const bSpan = (transB ? N - 1 : K - 1) * ldb + (transB ? K : N);
  const offB = align64(aSpan * es), offC = offB + align64(bSpan * es);
  return { aSpan, bSpan, offB, offC, bytes: offC + M * N * es };
}

/**
 * The smallest chunk of rows a thread takes of a shared product: about 4 MFLOP
 * (~90 µs), between 8 and 32 rows, and at most an eighth of the rows. Small
 * enough that the two threads finish close together, large enough that each
 * chunk's pass over packed op(B) pays. The eighth matters below 256 rows: at
 * 128² four 32-row chunks left the caller waiting for the worker's last one,
 * which tripped the back-off (128²: 44 → 57-64 GFLOPS with 16-row chunks).
 */
function minChunkRows(M: number, N: number, K: number): number {
  const rows = Math.min(32, Math.max(8, Math.ceil(4e6 / (2 * N * K) / 4) * 4));
  return Math.min(rows, Math.max(8, Math.ceil(M / 32) * 4));
}

/** gemm: sgemm/dgemm, float32 and float64; sizes are M·N·K. */
export const wasmGemm: WasmFactory<Gemm> = (fallback, { wasmMin, threadMin }) => {
  return (transA, transB, M, N, K, A, aOff, lda, B, bOff, ldb, C, cOff, ldc) => {
    const single = isF32(A) && isF32(B) && isF32(C);
    const double = !single && A instanceof Float64Array && B instanceof Float64Array && C instanceof Float64Array;
    if (M * N * K < wasmMin || !(single || double)) {
      return fallback(transA, transB, M, N, K, A, aOff, lda, B, bOff, ldb, C, cOff, ldc);
    }
    const ta = transA ? 1 : 0, tb = transB ? 1 : 0, es = double ? 8 : 4;
    const L = layout(es, transA, transB, M, N, K, lda, ldb);
    let rt: WasmRuntime | null = null;
    let shared: KernelWorker | null = null;
    let packedB = 0;
    const t = M * N * K >= threadMin && M >= 32 ? sharingWorker() : null;
    const dtype = double ? "float64" : "float32";
    if (t !== null && t.canDirect() && aOff >= 0 && aOff + L.aSpan <= A.length && bOff >= 0 && bOff + L.bSpan <= B.length &&
        cOff >= 0 && cOff + (M - 1) * ldc + N <= C.length) {
      const { address } = hostAddon()!;
      const job = {
        kind: "gemm", dtype, transA, transB, M, N, K, lda, ldb, ldc, minRows: minChunkRows(M, N, K), maxRows: M,
        a: address(A) + aOff * es, b: address(B) + bOff * es, c: address(C) + cOff * es,
      } as const;
      if (runDirect(t, job)) return;
    } else if (t !== null) {
      packedB = align64(es * (double ? t.rt.ex.dgemm_packed_b_size(N, K) : t.rt.ex.sgemm_packed_b_size(N, K)));
      if (t.rt.reserve(align64(L.bytes) + packedB)) {
        shared = t;
        rt = t.rt;
      }
    }
    rt ??= getRuntime(L.bytes);
    if (rt === null) return fallback(transA, transB, M, N, K, A, aOff, lda, B, bOff, ldb, C, cOff, ldc);
    const pA = rt.operands, pB = pA + L.offB, pC = pA + L.offC;
    const view = double ? rt.f64 : rt.f32;
    const loadA = () => view.set(aOff === 0 && L.aSpan === A.length ? A : A.subarray(aOff, aOff + L.aSpan), pA / es);
    const q = pC / es;
    /** Rows [r0, r1) of C out of the arena. */
    const storeRows = (r0: number, r1: number): void => {
      if (r1 <= r0) return;
      if (ldc === N) C.set(view.subarray(q + r0 * N, q + r1 * N), cOff + r0 * N);
      else for (let i = r0; i < r1; i++) C.set(view.subarray(q + i * N, q + (i + 1) * N), cOff + i * ldc);
    };
    const loadB = () => view.set(bOff === 0 && L.bSpan === B.length ? B : B.subarray(bOff, bOff + L.bSpan), pB / es);
    if (shared !== null) {
      const t0 = performance.now();
      const Bp = pA + align64(L.bytes);
      const job = { kind: "sharedGemm", dtype, transA, transB, M, N, K, a: pA, lda, b: pB, ldb, c: pC, packedB: Bp, minRows: minChunkRows(M, N, K) } as const;
      const waited = shared.shared(job, loadB, loadA, storeRows);
      recordShare(waited, performance.now() - t0, false);
    } else {
      loadA();
      loadB();
      (double ? rt.ex.dgemm : rt.ex.sgemm)(ta, tb, M, N, K, pA, lda, pB, ldb, pC, N, rt.scratch0);
      storeRows(0, M);
    }
  };
};

/** Elements per chunk of a shared row sum: 128 KiB of float32 stays in L2 from copy to sum. */
const SUM_CHUNK = 32768;

/**
 * Row sums shared with the worker: each thread copies chunks of rows straight
 * from x into its own region, sums them and writes the sums straight into out
 * (a direct job, worker/run.ts). Copying into the arena is most of a row
 * sum's time (1024×1024: ~0.07 of 0.11 ns/element), and two cores copy twice as
 * fast. False when not shared (small, no worker or host addon).
 */
function sumShared(x: TypedArray, out: TypedArray, outer: number, inner: number, threadMin: number): boolean {
  const rows = Math.max(1, Math.floor(SUM_CHUNK / Math.max(1, inner)));
  if (outer * inner < threadMin || outer < 2 * rows || !isF32(x) || !isF32(out) || x.length < outer * inner || out.length < outer) return false;
  const w = directWorker();
  if (w === null) return false;
  const { address } = hostAddon()!;
  return runDirect(w, { kind: "rowSum", rows: outer, cols: inner, x: address(x), out: address(out), chunkRows: rows });
}

/**
 * Runs a reduction of a [outer, red, inner] block in chunks of whole outer
 * indices (about 64K elements each): `run(rt, px, pOut, o0, n)` gets the arena
 * pointers of the chunk's input and of `outBytesPerOuter`·n bytes of output.
 * False when WebAssembly is unavailable or the chunk does not fit.
 */
function reduceChunks(
  x: Float32Array, outer: number, perOuter: number, outBytesPerOuter: number,
  run: (rt: WasmRuntime, px: Ptr, pOut: Ptr, o0: number, n: number) => void,
): boolean {
  const oc = Math.max(1, Math.min(outer, Math.floor((4 * CHUNK) / Math.max(1, perOuter))));
  const outOff = align64(oc * perOuter * 4);
  const rt = getRuntime(outOff + oc * outBytesPerOuter + 64);
  if (rt === null) return false;
  const px = rt.operands, pOut = px + outOff;
  for (let o = 0; o < outer; o += oc) {
    const n = Math.min(oc, outer - o);
    copyIn(rt, x, o * perOuter, n * perOuter, px >> 2);
    run(rt, px, pOut, o, n);
  }
  return true;
}

/** sumInner: f32_sum_inner, large row sums shared with the worker. */
export const wasmSumInner: WasmFactory<Kernels["sumInner"]> = (fallback, { wasmMin, threadMin }) => (x, out, outer, inner) => {
  if (sumShared(x, out, outer, inner, threadMin)) return;
  const ok =
    outer * inner >= wasmMin && isF32(x) && isF32(out) &&
    reduceChunks(x, outer, inner, 4, (rt, px, po, o0, n) => {
      rt.ex.f32_sum_inner(px, po, n, inner);
      out.set(rt.f32.subarray(po >> 2, (po >> 2) + n), o0);
    });
  if (!ok) fallback(x, out, outer, inner);
};

/** sumMiddle: f32_sum_middle. */
export const wasmSumMiddle: WasmFactory<Kernels["sumMiddle"]> = (fallback, { wasmMin }) => (x, out, outer, red, inner) => {
  const ok =
    outer * red * inner >= wasmMin && isF32(x) && isF32(out) &&
    reduceChunks(x, outer, red * inner, 4 * inner, (rt, px, po, o0, n) => {
      rt.ex.f32_sum_middle(px, po, n, red, inner, rt.acc);
      out.set(rt.f32.subarray(po >> 2, (po >> 2) + n * inner), o0 * inner);
    });
  if (!ok) fallback(x, out, outer, red, inner);
};

// Output per outer index of the extremes: float32 values, then (64-byte aligned) float64 indices.
/** maxInner (isMax 1) / minInner (0): f32_extreme_inner. */
export const wasmExtremeInner = (isMax: number): WasmFactory<Kernels["maxInner"]> => (fallback, { wasmMin }) => (x, values, indices, outer, n) => {
  const ok =
    outer * n >= wasmMin && n > 0 && isF32(x) && isF32(values) &&
    reduceChunks(x, outer, n, 12, (rt, px, po, o0, m) => {
      const pi = po + align64(m * 4);
      rt.ex.f32_extreme_inner(isMax, px, po, indices ? pi : 0, m, n);
      values.set(rt.f32.subarray(po >> 2, (po >> 2) + m), o0);
      if (indices) indices.set(rt.f64.subarray(pi >> 3, (pi >> 3) + m), o0);
    });
  if (!ok) fallback(x, values, indices, outer, n);
};

/** maxMiddle (isMax 1) / minMiddle (0): f32_extreme_middle. */
export const wasmExtremeMiddle = (isMax: number): WasmFactory<Kernels["maxMiddle"]> => (fallback, { wasmMin }) => (x, values, indices, outer, red, inn) => {
  const ok =
    outer * red * inn >= wasmMin && red > 0 && isF32(x) && isF32(values) &&
    reduceChunks(x, outer, red * inn, 12 * inn, (rt, px, po, o0, m) => {
      const pi = po + align64(m * inn * 4);
      rt.ex.f32_extreme_middle(isMax, px, po, indices ? pi : 0, m, red, inn);
      values.set(rt.f32.subarray(po >> 2, (po >> 2) + m * inn), o0 * inn);
      if (indices) indices.set(rt.f64.subarray(pi >> 3, (pi >> 3) + m * inn), o0 * inn);
    });
  if (!ok) fallback(x, values, indices, outer, red, inn);
};

/** softmaxInner (log 0) / logSoftmaxInner (1): f32_softmax_inner; per outer index the row out, its exps and its sum. */
export const wasmSoftmax = (log: number): WasmFactory<Kernels["softmaxInner"]> => (fallback, { wasmMin }) => (x, out, outer, inner) => {
  const ok =
    outer * inner >= wasmMin && isF32(x) && isF32(out) &&
    reduceChunks(x, outer, inner, (2 * inner + 1) * 4, (rt, px, po, o0, m) => {
      rt.ex.f32_softmax_inner(px, po, m, inner, log, po + m * inner * 4);
      out.set(rt.f32.subarray(po >> 2, (po >> 2) + m * inner), o0 * inner);
    });
  if (!ok) fallback(x, out, outer, inner);
};

/** True when WebAssembly SIMD128 instantiates here (without shared memory, everything but the worker thread still works). */
export function wasmAvailable(): boolean {
  return getRuntime(ELEMENTWISE_BYTES) !== null;
}
