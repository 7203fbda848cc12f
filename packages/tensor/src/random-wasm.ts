/**
 * The float32 rand/randn fills in WebAssembly (wasm/random.c, built by
 * wasm/build-random.sh): the same arithmetic as random-fill.ts and normal-avx.ts,
 * four lanes at a time. The generator's state is copied in and out around each
 * call (2.5 KB); the output through the module's own memory, which never grows. Without WebAssembly
 * (or below MIN elements) the TypeScript fills run instead.
 */
import { RANDOM_WASM_BASE64 } from "./random-wasm-binary";
import { MT_N } from "./mt19937";
import type { Generator } from "./random";

interface Exports {
  memory: { buffer: ArrayBuffer };
  __heap_base: { value: number };
  rng_uniform_f32(st: number, out: number, n: number, from: number, span: number): void;
  rng_normal_f32(st: number, out: number, n: number, mean: number, std: number): void;
  rng_normal_blocks_f32(d: number, count: number, mean: number, std: number): void;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** Below this many elements uniform_'s call overhead outweighs the speed-up. */
export const MIN = 512;
/**
 * normal_'s block fill runs here from its first block: 16 elements take 0.28 µs against 1.3 µs
 * in the TypeScript transform, whose exact FMAs lengthen each step's chain of dependent roundings.
 */
export const NORMAL_MIN = 16;
let ex: Exports | null | undefined;

function instance(): Exports | null {
  if (ex !== undefined) return ex;
  const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    ex = WA ? (new WA.Instance(new WA.Module(Buffer.from(RANDOM_WASM_BASE64, "base64")), {}).exports as Exports) : null;
    if (ex !== null && layout(ex).o + (CHUNK + 16) * 4 > ex.memory.buffer.byteLength) ex = null; // a build without room
  } catch {
    ex = null;
  }
  return ex;
}

/**
 * Elements per call into the module (a multiple of 16, the normal fill's block). The output
 * passes through the module's memory in pieces of at most CHUNK + 16, so that memory (4 pages:
 * build-random.sh's --initial-memory) never grows: growing a memory detaches its ArrayBuffer,
 * and after one detach V8 guards typed-array accesses in optimised code process-wide.
 */
const CHUNK = 32768;

/** Where the generator's state goes in the module's memory, and the output after it. */
function layout(e: Exports): { st: number; o: number } {
  const st = (e.__heap_base.value + 15) & ~15;
  return { st, o: st + (MT_N + 4) * 4 };
}

/**
 * Runs `call(statePtr, outPtr, k)` over out in pieces of k elements with g's state in the
 * module's memory (copied in once, back once). Every piece but the last is CHUNK long; the
 * last holds at least 16 (a normal fill's tail block stays inside one call, and the stream is
 * consumed in the same order as by one call over all of out).
 */
function run(out: Float32Array, g: Generator, call: (e: Exports, st: number, o: number, k: number) => void): boolean {
  const e = instance();
  if (e === null) return false;
  const { st, o } = layout(e);
  const mem = e.memory.buffer;
  const state = new Int32Array(mem, st, MT_N + 2);
  const mt = g._mt;
  state.set(mt.state);
  state[MT_N] = mt.left;
  state[MT_N + 1] = mt.next;
  const n = out.length;
  for (let i = 0; i < n; ) {
    const k = n - i <= CHUNK + 16 ? n - i : CHUNK;
    call(e, st, o, k);
    out.set(new Float32Array(mem, o, k), i);
    i += k;
  }
  mt.state.set(state.subarray(0, MT_N));
  mt.left = state[MT_N];
  mt.next = state[MT_N + 1];
  return true;
}

/** float32 uniforms on [from, from + span) (span already rounded to float); false when WebAssembly is unavailable. */
export function wasmUniformF32(out: Float32Array, from: number, span: number, g: Generator): boolean {
  return run(out, g, (e, st, o, k) => e.rng_uniform_f32(st, o, k, from, span));
}

/** PyTorch's float32 block Box-Muller over out (length >= 16); false when WebAssembly is unavailable. */
export function wasmNormalF32(out: Float32Array, mean: number, std: number, g: Generator): boolean {
  return run(out, g, (e, st, o, k) => e.rng_normal_f32(st, o, k, mean, std));
}

/**
 * The Box-Muller transform alone, in place, on 16-blocks of float uniforms (d.length
 * a multiple of 16): what rng_normal_f32 applies after drawing them. For the tests,
 * which pass every float uniform through it; false when WebAssembly is unavailable.
 */
export function wasmNormalBlocksF32(d: Float32Array, mean: number, std: number): boolean {
  const e = instance();
  if (e === null) return false;
  const { o } = layout(e);
  for (let i = 0; i < d.length; i += CHUNK) {
    const view = new Float32Array(e.memory.buffer, o, Math.min(CHUNK, d.length - i));
    view.set(d.subarray(i, i + view.length));
    e.rng_normal_blocks_f32(o, view.length >> 4, mean, std);
    d.set(view, i);
  }
  return true;
}
