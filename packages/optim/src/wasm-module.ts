/**
 * The optimizers' WebAssembly module (wasm/update.c), compiled once per process, and the
 * process-wide choice of build: the relaxed-SIMD build (`f32x4.relaxed_madd`) when it compiles
 * (Node 22 and 24; Node 20 through relaxed-simd.ts) and a probe shows its multiply-add fused (x86
 * with FMA3, or arm64), else the plain SIMD128 build, else none (no WebAssembly: the JS loops run
 * and state stays in ordinary tensors). Each arena (arena.ts) instantiates the chosen module over
 * its own memory.
 */
import { withRelaxedSimd } from "./relaxed-simd";
import { OPTIM_WASM_BASE64, OPTIM_WASM_RELAXED_BASE64 } from "./wasm-binary";

/** The kernels' exports; pointers are byte offsets into the instance's memory. */
export interface Kernels {
  __heap_base: { value: number };
  sgd_f32(P: number, G: number, B: number, n: number, nlr: number, wd: number, m: number, omd: number,
    nesterov: number, maximize: number, first: number, decay: number): void;
  adam_f32(P: number, G: number, M: number, V: number, VM: number, n: number, b1: number, b2: number, omb1: number,
    omb2: number, wd: number, decay: number, decoupled: number, l2: number, maximize: number, eps: number, bc2: number, ns: number): void;
}
export interface Memory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number }) => Memory;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export const PAGE = 65536;
/** wasm32's 4 GiB is more than the module accepts: --max-memory in wasm/build.sh (2 GiB). */
export const MAX_PAGES = 32768;

/** Which kernels run the float32 updates. */
export type KernelKind = "relaxed-simd" | "simd128" | "js";

interface Compiled {
  plain: object;
  relaxed: object | null;
  /** The kind in use: "simd128" or "relaxed-simd" (`_useKernels` switches it). */
  kind: Exclude<KernelKind, "js">;
  /** __heap_base: the first byte the module's own data does not use. */
  heapBase: number;
}

let compiled: Compiled | null | undefined;

function decode(b64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(b64, "base64");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** A memory of exactly `pages` pages that never grows (initial = maximum); null when refused. */
export function fixedMemory(pages: number): Memory | null {
  if (WA === undefined || pages > MAX_PAGES) return null;
  try {
    return new WA.Memory({ initial: pages, maximum: pages });
  } catch {
    return null; // out of address space: the caller keeps its state in ordinary tensors
  }
}

/** The module's kernels over `mem`. */
export function instantiate(module: object, mem: Memory): Kernels {
  return new WA!.Instance(module, { env: { memory: mem } }).exports as Kernels;
}

/**
 * Whether this build's multiply-add rounds once: 1 + (1 + 2⁻²³)·(−(1 − 2⁻²³)) is 2⁻⁴⁶ fused and 0
 * unfused. Nine elements: the SIMD body and the scalar tail. Runs in a throwaway memory.
 */
function fuses(module: object, heapBase: number): boolean {
  const mem = fixedMemory(Math.ceil((heapBase + 3 * 64) / PAGE) + 1);
  if (mem === null) return false;
  const ex = instantiate(module, mem);
  const heap = new Float32Array(mem.buffer);
  const [p, g, b] = [0, 1, 2].map((k) => (Math.ceil(heapBase / 64) + k) * 64);
  heap.fill(1, p >> 2, (p >> 2) + 9);
  heap.fill(1 + 2 ** -23, g >> 2, (g >> 2) + 9);
  heap.fill(0, b >> 2, (b >> 2) + 9);
  ex.sgd_f32(p, g, b, 9, -(1 - 2 ** -23), 0, 0, 1, 0, 0, 0, 0);
  return heap.subarray(p >> 2, (p >> 2) + 9).every((v) => v === 2 ** -46);
}

/** The compiled modules, on first use; null without WebAssembly (or SIMD128). */
export function optimModule(): Compiled | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (WA === undefined) return compiled;
  let plain: object, heapBase: number;
  try {
    plain = new WA.Module(decode(OPTIM_WASM_BASE64));
    const probe = fixedMemory(2);
    if (probe === null) return compiled;
    heapBase = instantiate(plain, probe).__heap_base.value;
  } catch {
    return compiled; // no SIMD128: the JS loops
  }
  let relaxed: object | null = null;
  try {
    const bytes = decode(OPTIM_WASM_RELAXED_BASE64);
    relaxed = withRelaxedSimd(() => new WA.Module(bytes));
    if (!fuses(relaxed, heapBase)) relaxed = null;
  } catch {
    relaxed = null; // an engine without relaxed SIMD
  }
  compiled = { plain, relaxed, kind: relaxed ? "relaxed-simd" : "simd128", heapBase };
  return compiled;
}

/**
 * The kernels the float32 SGD and Adam updates use in this process: relaxed SIMD where its
 * multiply-add is fused (x86 with FMA3, arm64; Node 20, 22, 24), else SIMD128, else JS. All give
 * the same bits.
 * @example optim.optimKernels() // "relaxed-simd" on Node 22 on x86 with FMA3
 */
export function optimKernels(): KernelKind {
  return optimModule()?.kind ?? "js";
}

/**
 * @internal Tests and benchmarks: run the plain SIMD128 build even where relaxed SIMD is fused
 * (or back), in every arena. Returns whether the kind is available.
 */
export function _useKernels(kind: KernelKind): boolean {
  const c = optimModule();
  if (c === null || kind === "js" || (kind === "relaxed-simd" && c.relaxed === null)) return false;
  c.kind = kind;
  return true;
}
