/**
 * One selection record per kernel: its plain-TypeScript implementation, its
 * WebAssembly one if any, and the sizes from which WebAssembly and the worker
 * thread pay. The registry (registry.ts) is filled from this table and nothing
 * else: to move a crossover, or give a kernel a WebAssembly version, edit its
 * record. Which elementwise ops have float32 WebAssembly kernels is read from
 * their declarations (`wasm: true` in unary-ops.ts, binary-ops.ts).
 */
import type { BinaryKernel, BinaryOp, BinaryScalarKernel, Kernels, UnaryKernel, UnaryOp } from "./types";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { jsBinary, jsBinaryScalar, jsUnary, jsWhere } from "./js-elementwise";
import { gemmJs } from "./js-gemm";
import { logSoftmaxInner, maxInner, maxMiddle, minInner, minMiddle, softmaxInner, sumInner, sumMiddle } from "./js-reduce";
import { castValues, clampValues, putValues, takeValues } from "./js-copy";
import { allAnyAxis, prodAxis, scanRows } from "./js-scan";
import {
  type WasmFactory, isWasmComparison, wasmAvailable, wasmBinary, wasmBinaryScalar, wasmExtremeInner, wasmExtremeMiddle, wasmGemm,
  wasmSoftmax, wasmSumInner, wasmSumMiddle, wasmUnary, wasmWhere,
} from "./wasm";

export interface KernelRecord<K> {
  /** The plain-TypeScript kernel: every dtype, every size; the reference the WebAssembly one is tested against. */
  readonly js: K;
  /** Builds the WebAssembly version over `js`, which it calls below wasmMin and for the dtypes it lacks. */
  readonly wasm?: WasmFactory<K>;
  /** Elements (M·N·K for gemm) from which the WebAssembly version runs. */
  readonly wasmMin?: number;
  /** Elements (M·N·K) from which a job is shared with the worker thread; absent: never. */
  readonly threadMin?: number;
  /**
   * Binary ops: the row length from which an operand that repeats along the leading dims (a bias)
   * runs the kernel row by row instead of being materialised to the full shape (broadcast.ts).
   */
  readonly rowMin?: number;
}

/*
 * Crossovers measured on the project machine (Zen 5, Node 20): below wasmMin the JS
 * kernel wins because the copy into the arena and the call overhead dominate.
 */
/** Float32 elementwise ops (and where); from 2^18 elements two cores copy and compute twice as fast. */
const ELEMENTWISE = { wasmMin: 64, threadMin: 1 << 18 } as const;
/** Comparisons and where: a byte output or condition, never shared. */
const ELEMENTWISE_ONE_THREAD = { wasmMin: 64 } as const;
/** Reductions over one axis (elements of the input). */
const REDUCE = { wasmMin: 256 } as const;
/** Row sums: copying into the arena is most of their time, so two cores help from 2^18 elements. */
const ROW_SUM = { wasmMin: 256, threadMin: 1 << 18 } as const;
/**
 * gemm, in M·N·K: sharing a product with the worker pays from about 96³ when the worker is
 * awake (it spins ~200 µs after each job, so back-to-back products find it running: 128³ went
 * from 47 to 55-57 GFLOPS); a sleeping worker is never waited for, the caller takes every chunk.
 */
const GEMM = { wasmMin: 256, threadMin: 96 * 96 * 96 } as const;
/** Below 32-element rows, one call per row costs more than materialising the broadcast once. */
const ROW_MIN = 32;

type Maps = "unary" | "binary" | "binaryScalar";
/** The table: one record per kernel, and per op for the elementwise families. */
export type KernelTable = { readonly [K in Exclude<keyof Kernels, Maps>]: KernelRecord<Kernels[K]> } & {
  readonly unary: Readonly<Record<UnaryOp, KernelRecord<UnaryKernel>>>;
  readonly binary: Readonly<Record<BinaryOp, KernelRecord<BinaryKernel>>>;
  readonly binaryScalar: Readonly<Record<BinaryOp, KernelRecord<BinaryScalarKernel>>>;
};

const unaryRecords = Object.fromEntries(
  UNARY_DECLS.map((d) => [d.op, d.spec.wasm ? { js: jsUnary[d.op], wasm: wasmUnary(d.op), ...ELEMENTWISE } : { js: jsUnary[d.op] }]),
) as Record<UnaryOp, KernelRecord<UnaryKernel>>;

/** A binary op's record (tensor ⊙ tensor, or tensor ⊙ scalar): declared `wasm`, a comparison, or JS only. */
function binaryRecord<K>(op: BinaryOp, js: K, wasm: (op: BinaryOp) => WasmFactory<K>, declared: boolean | undefined): KernelRecord<K> {
  if (declared) return { js, wasm: wasm(op), ...ELEMENTWISE, rowMin: ROW_MIN };
  return isWasmComparison(op) ? { js, wasm: wasm(op), ...ELEMENTWISE_ONE_THREAD, rowMin: ROW_MIN } : { js, rowMin: ROW_MIN };
}
const binaryRecords = Object.fromEntries(BINARY_DECLS.map((d) => [d.op, binaryRecord(d.op, jsBinary[d.op], wasmBinary, d.spec.wasm)]));
const binaryScalarRecords = Object.fromEntries(
  BINARY_DECLS.map((d) => [d.op, binaryRecord(d.op, jsBinaryScalar[d.op], wasmBinaryScalar, d.spec.wasm)]),
);

export const KERNELS: KernelTable = {
  gemm: { js: gemmJs, wasm: wasmGemm, ...GEMM },
  unary: unaryRecords,
  binary: binaryRecords as Record<BinaryOp, KernelRecord<BinaryKernel>>,
  binaryScalar: binaryScalarRecords as Record<BinaryOp, KernelRecord<BinaryScalarKernel>>,
  sumInner: { js: sumInner, wasm: wasmSumInner, ...ROW_SUM },
  sumMiddle: { js: sumMiddle, wasm: wasmSumMiddle, ...REDUCE },
  maxInner: { js: maxInner, wasm: wasmExtremeInner(1), ...REDUCE },
  maxMiddle: { js: maxMiddle, wasm: wasmExtremeMiddle(1), ...REDUCE },
  minInner: { js: minInner, wasm: wasmExtremeInner(0), ...REDUCE },
  minMiddle: { js: minMiddle, wasm: wasmExtremeMiddle(0), ...REDUCE },
  softmaxInner: { js: softmaxInner, wasm: wasmSoftmax(0), ...REDUCE },
  logSoftmaxInner: { js: logSoftmaxInner, wasm: wasmSoftmax(1), ...REDUCE },
  where: { js: jsWhere, wasm: wasmWhere, ...ELEMENTWISE_ONE_THREAD },
  prodAxis: { js: prodAxis },
  allAnyAxis: { js: allAnyAxis },
  scanRows: { js: scanRows },
  cast: { js: castValues },
  clamp: { js: clampValues },
  take: { js: takeValues },
  put: { js: putValues },
};

/** The kernel a record selects: its WebAssembly version over its JS one when `wasm`, else the JS one. */
export function pick<K>(r: KernelRecord<K>, wasm: boolean): K {
  if (!wasm || r.wasm === undefined) return r.js;
  return r.wasm(r.js, { wasmMin: r.wasmMin ?? 0, threadMin: r.threadMin ?? Infinity });
}

function pickAll<K extends string, V>(records: Readonly<Record<K, KernelRecord<V>>>, wasm: boolean): Record<K, V> {
  const out = {} as Record<K, V>;
  for (const k of Object.keys(records) as K[]) out[k] = pick(records[k], wasm);
  return out;
}

/**
 * A fresh kernel set built from the table: the JS kernels (wasm false), or the WebAssembly ones
 * where a record has them (wasm true; null when WebAssembly SIMD128 cannot be instantiated here).
 */
export function selectKernels(wasm: boolean): Kernels | null {
  if (wasm && !wasmAvailable()) return null;
  const t = KERNELS;
  // An object literal, not keyed stores in a loop: V8 turns an object that gains more than a
  // dozen properties by keyed stores into a hash table, and every kernels.<name> load then pays
  // a dictionary lookup (measured: +5 % on the d2l training loop of small tensors).
  return {
    gemm: pick(t.gemm, wasm),
    unary: pickAll(t.unary, wasm),
    binary: pickAll(t.binary, wasm),
    binaryScalar: pickAll(t.binaryScalar, wasm),
    sumInner: pick(t.sumInner, wasm),
    sumMiddle: pick(t.sumMiddle, wasm),
    maxInner: pick(t.maxInner, wasm),
    maxMiddle: pick(t.maxMiddle, wasm),
    minInner: pick(t.minInner, wasm),
    minMiddle: pick(t.minMiddle, wasm),
    softmaxInner: pick(t.softmaxInner, wasm),
    logSoftmaxInner: pick(t.logSoftmaxInner, wasm),
    where: pick(t.where, wasm),
    prodAxis: pick(t.prodAxis, wasm),
    allAnyAxis: pick(t.allAnyAxis, wasm),
    scanRows: pick(t.scanRows, wasm),
    cast: pick(t.cast, wasm),
    clamp: pick(t.clamp, wasm),
    take: pick(t.take, wasm),
    put: pick(t.put, wasm),
  };
}
