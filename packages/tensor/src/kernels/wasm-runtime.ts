/**
 * The WebAssembly module and its memory, used as an internal scratch arena.
 *
 * Tensors keep ordinary garbage-collected typed arrays; a WebAssembly kernel
 * copies its operands into this memory, runs, and copies the result out
 * (memcpy speed, ~0.09 ns/element, against ~1 ns/element for a JS loop).
 *
 * Layout (byte offsets, from the module's __heap_base):
 *   ctrl      the 256-byte control block of the worker thread (kernels/worker/layout.ts)
 *   scratch0  sgemm/dgemm packing buffers of the calling thread
 *   scratch1  sgemm/dgemm packing buffers of the worker thread (shared runtime)
 *   acc       float64 accumulators for f32_sum_middle
 *   operands  bump-allocated per kernel call, reset by the next call
 * Two instances of the same code exist: one over an ordinary memory for
 * everything on the calling thread, and one over a shared memory, created only
 * when a matmul is split with the worker (V8 copies typed arrays into a
 * SharedArrayBuffer ~2.5x slower, so small and elementwise ops avoid it).
 */
import { WASM_BASE64, WASM_SHARED_BASE64 } from "./wasm-binary";
import { RuntimeError } from "../errors";

/**
 * The slice of the WebAssembly JS API used here, typed locally: the project
 * compiles against lib ES2022 without DOM, which has no WebAssembly types, and
 * a runtime without WebAssembly simply gets the JS kernels.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(deltaPages: number): number;
}
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Exports of wasm/*.c; pointers are byte offsets into the memory. */
export interface WasmExports {
  __heap_base: { value: number };
  sgemm_scratch_floats(): number;
  dgemm_scratch_doubles(): number;
  sgemm(ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
    C: number, ldc: number, scratch: number): void;
  dgemm(ta: number, tb: number, M: number, N: number, K: number, A: number, lda: number, B: number, ldb: number,
    C: number, ldc: number, scratch: number): void;
  sgemm_packed_b_size(N: number, K: number): number;
  dgemm_packed_b_size(N: number, K: number): number;
  sgemm_pack_b(tb: number, N: number, K: number, B: number, ldb: number, Bp: number, part: number, parts: number): void;
  dgemm_pack_b(tb: number, N: number, K: number, B: number, ldb: number, Bp: number, part: number, parts: number): void;
  sgemm_rows(ta: number, M: number, N: number, K: number, A: number, lda: number, Bp: number, C: number, ldc: number, scratch: number): void;
  dgemm_rows(ta: number, M: number, N: number, K: number, A: number, lda: number, Bp: number, C: number, ldc: number, scratch: number): void;
  f32_sum_inner(x: number, out: number, outer: number, inner: number): void;
  f32_softmax_inner(x: number, out: number, outer: number, inner: number, log: number, scratch: number): void;
  f32_cmp(op: number, a: number, b: number, out: number, n: number): void;
  f32_cmp_scalar(op: number, a: number, s: number, out: number, n: number): void;
  f32_where(cond: number, a: number, b: number, out: number, n: number, scalars: number, sa: number, sb: number): void;
  f32_sum_middle(x: number, out: number, outer: number, red: number, inner: number, acc: number): void;
  f32_extreme_inner(isMax: number, x: number, values: number, indices: number, outer: number, inner: number): void;
  f32_extreme_middle(isMax: number, x: number, values: number, indices: number, outer: number, red: number, inner: number): void;
  [name: string]: unknown;
}

const PAGE = 65536;
/** Must match --max-memory in wasm/build.sh. */
const MAX_PAGES = 32768;
const SUM_MIDDLE_CHUNK = 512; // float64 totals plus float32 partials: 12 bytes each

function align(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

function decodeBase64(s: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(s, "base64");
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

interface Compiled {
  module: object;
  /** Link-time constants of the module: where the heap starts, scratch sizes. */
  heapBase: number;
  scratchBytes: number;
}
const compiledFlavours: { plain?: Compiled; shared?: Compiled } = {};

/** Compiles a flavour once per process (synchronous: Node allows it for any size) and reads its constants. */
function compiled(shared: boolean): Compiled {
  const key = shared ? "shared" : "plain";
  let c = compiledFlavours[key];
  if (c === undefined) {
    const module = new WA!.Module(decodeBase64(shared ? WASM_SHARED_BASE64 : WASM_BASE64));
    const probe = new WA!.Instance(module, { env: { memory: new WA!.Memory({ initial: 2, maximum: 2, shared }) } });
    const ex = probe.exports as unknown as WasmExports;
    const scratchBytes = align(Math.max(ex.sgemm_scratch_floats() * 4, ex.dgemm_scratch_doubles() * 8), 64);
    c = compiledFlavours[key] = { module, heapBase: ex.__heap_base.value, scratchBytes };
  }
  return c;
}

export class WasmRuntime {
  /** The compiled module, also sent to the worker thread. */
  readonly module: object;
  readonly memory: WasmMemory;
  readonly ex: WasmExports;
  /** Views over the whole memory; refreshed after every grow (shared memory only). */
  f32!: Float32Array;
  f64!: Float64Array;
  u8!: Uint8Array;
  readonly ctrl: number;
  readonly scratch0: number;
  /** The worker's packing buffers (shared runtime only; equals scratch0 otherwise). */
  readonly scratch1: number;
  readonly acc: number;
  readonly operands: number;

  /**
   * @param shared a shared memory that grows in place (for the worker), or an
   *   ordinary one sized once for `operandBytes` and never grown (see getRuntime).
   */
  constructor(readonly shared: boolean, operandBytes: number) {
    if (WA === undefined) throw new RuntimeError("no WebAssembly in this runtime");
    const { module, heapBase, scratchBytes } = compiled(shared);
    this.module = module;
    this.ctrl = align(heapBase, 64);
    this.scratch0 = this.ctrl + 256;
    this.scratch1 = shared ? this.scratch0 + scratchBytes : this.scratch0;
    this.acc = this.scratch1 + scratchBytes;
    this.operands = this.acc + align(SUM_MIDDLE_CHUNK * 12, 64);
    const pages = Math.ceil((this.operands + operandBytes) / PAGE);
    if (pages > MAX_PAGES) throw new RuntimeError("too large for WebAssembly memory");
    this.memory = new WA.Memory({ initial: pages, maximum: shared ? MAX_PAGES : pages, shared });
    this.ex = new WA.Instance(this.module, { env: { memory: this.memory } }).exports as unknown as WasmExports;
    this.refresh();
  }

  private refresh(): void {
    this.f32 = new Float32Array(this.memory.buffer);
    this.f64 = new Float64Array(this.memory.buffer);
    this.u8 = new Uint8Array(this.memory.buffer);
  }

  /** Operand bytes available from `this.operands`. */
  get capacity(): number {
    return this.f32.byteLength - this.operands;
  }

  /**
   * Ensures `bytes` of operand space from `this.operands`. An ordinary memory
   * never grows (false: get a bigger runtime from getRuntime); a shared one
   * grows in place, false beyond the 2 GiB maximum.
   */
  reserve(bytes: number): boolean {
    if (bytes <= this.capacity) return true;
    if (!this.shared) return false;
    const pages = Math.ceil((this.operands + bytes) / PAGE);
    if (pages > MAX_PAGES) return false;
    const have = this.memory.buffer.byteLength / PAGE;
    // Grow geometrically so a sequence of slightly larger ops does not grow every time.
    this.memory.grow(Math.min(MAX_PAGES, Math.max(pages, have * 2)) - have);
    this.refresh();
    return true;
  }
}

/** Operand space of the first calling-thread runtime: two 16384-float chunks and room for small matmuls. */
const INITIAL_OPERANDS = 1 << 20;
const MAX_OPERANDS = MAX_PAGES * PAGE - (16 << 20);

let plain: WasmRuntime | null | undefined;
let shared: WasmRuntime | null | undefined;

function create(isShared: boolean, operandBytes: number): WasmRuntime | null {
  try {
    return new WasmRuntime(isShared, operandBytes);
  } catch {
    return null;
  }
}

/**
 * The calling thread's runtime with at least `operandBytes` of operand space;
 * null when WebAssembly SIMD is unavailable or the request exceeds 2 GiB.
 *
 * It is replaced by a larger one (a new memory and instance of the compiled
 * module), never grown: growing an ordinary WebAssembly memory detaches its
 * ArrayBuffer, and after the first detach anywhere in the process V8 guards
 * every typed-array access in optimised code, which made plain-JS loops ~20%
 * slower (the JS gemm: 5.3 -> 4.3 GFLOPS). Memory pages are committed only when
 * touched, so the headroom of the doubling costs no resident memory until used.
 */
export function getRuntime(operandBytes = 0): WasmRuntime | null {
  if (plain === null) return null;
  if (plain === undefined) {
    plain = create(false, Math.max(operandBytes, INITIAL_OPERANDS));
    return plain;
  }
  if (operandBytes <= plain.capacity) return plain;
  if (operandBytes > MAX_OPERANDS) return null;
  const bigger = create(false, Math.max(operandBytes, Math.min(MAX_OPERANDS, plain.capacity * 2)));
  if (bigger !== null) plain = bigger;
  return bigger;
}

/** The shared-memory runtime for threaded matmuls; null when shared memory is unavailable. */
export function getSharedRuntime(): WasmRuntime | null {
  if (shared === undefined) shared = create(true, INITIAL_OPERANDS);
  return shared;
}
