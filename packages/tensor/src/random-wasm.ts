/**
 * The float32 rand/randn fills in WebAssembly (wasm/random.c, built by
 * wasm/build-random.sh): the same arithmetic as random-fill.ts and normal-avx.ts,
 * four lanes at a time. The generator's state is copied in and out around each
 * call (2.5 KB); the output through the module's own memory. Without WebAssembly
 * (or below MIN elements) the TypeScript fills run instead.
 */
import { RANDOM_WASM_BASE64 } from "./random-wasm-binary";
import { MT_N } from "./mt19937";
import type { Generator } from "./random";

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  __heap_base: { value: number };
  rng_uniform_f32(st: number, out: number, n: number, from: number, span: number): void;
  rng_normal_f32(st: number, out: number, n: number, mean: number, std: number): void;
  rng_normal_blocks_f32(d: number, count: number, mean: number, std: number): void;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** Below this many elements the call overhead outweighs the speed-up. */
export const MIN = 512;
let ex: Exports | null | undefined;

function instance(): Exports | null {
  if (ex !== undefined) return ex;
  const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    ex = WA ? (new WA.Instance(new WA.Module(Buffer.from(RANDOM_WASM_BASE64, "base64")), {}).exports as Exports) : null;
  } catch {
    ex = null;
  }
  return ex;
}

/** Runs `call(statePtr, outPtr)` with g's state in the module's memory, then copies the output and the state back. */
function run(out: Float32Array, g: Generator, call: (e: Exports, st: number, o: number) => void): boolean {
  const e = instance();
  if (e === null) return false;
  const st = (e.__heap_base.value + 15) & ~15;
  const o = st + (MT_N + 4) * 4;
  const need = o + out.length * 4;
  if (need > e.memory.buffer.byteLength) e.memory.grow(Math.ceil((need - e.memory.buffer.byteLength) / 65536));
  const mem = e.memory.buffer;
  const state = new Int32Array(mem, st, MT_N + 2);
  const mt = g._mt;
  state.set(mt.state);
  state[MT_N] = mt.left;
  state[MT_N + 1] = mt.next;
  call(e, st, o);
  out.set(new Float32Array(mem, o, out.length));
  mt.state.set(state.subarray(0, MT_N));
  mt.left = state[MT_N];
  mt.next = state[MT_N + 1];
  return true;
}

/** float32 uniforms on [from, from + span) (span already rounded to float); false when WebAssembly is unavailable. */
export function wasmUniformF32(out: Float32Array, from: number, span: number, g: Generator): boolean {
  return run(out, g, (e, st, o) => e.rng_uniform_f32(st, o, out.length, from, span));
}

/** PyTorch's float32 block Box-Muller over out (length >= 16); false when WebAssembly is unavailable. */
export function wasmNormalF32(out: Float32Array, mean: number, std: number, g: Generator): boolean {
  return run(out, g, (e, st, o) => e.rng_normal_f32(st, o, out.length, mean, std));
}

/**
 * The Box-Muller transform alone, in place, on 16-blocks of float uniforms (d.length
 * a multiple of 16): what rng_normal_f32 applies after drawing them. For the tests,
 * which pass every float uniform through it; false when WebAssembly is unavailable.
 */
export function wasmNormalBlocksF32(d: Float32Array, mean: number, std: number): boolean {
  const e = instance();
  if (e === null) return false;
  const o = (e.__heap_base.value + 15) & ~15;
  const need = o + d.length * 4;
  if (need > e.memory.buffer.byteLength) e.memory.grow(Math.ceil((need - e.memory.buffer.byteLength) / 65536));
  const view = new Float32Array(e.memory.buffer, o, d.length);
  view.set(d);
  e.rng_normal_blocks_f32(o, d.length >> 4, mean, std);
  d.set(view);
  return true;
}
