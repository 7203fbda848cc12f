/**
 * The float32 SGD and Adam updates through WebAssembly SIMD128 (wasm/update.c),
 * for large parameters: the operands are copied into the module's memory, updated
 * four lanes at a time, and the parameter and its state copied back. The result is
 * bit-identical to the JS loops (sgd.ts, adam-kernels.ts: wasm-kernels.test.ts
 * checks it); below `WASM_MIN` elements, or without WebAssembly, the JS loops run.
 */
import type { AdamScalars } from "./adam-kernels";
import type { FloatArray } from "./elements";
import { OPTIM_WASM_BASE64 } from "./wasm-binary";

/** Below this many elements the copies cost more than SIMD saves. */
export const WASM_MIN = 4096;

interface Exports {
  __heap_base: { value: number };
  sgd_f32(P: number, G: number, B: number, n: number, nlr: number, wd: number, m: number, omd: number,
    nesterov: number, maximize: number, first: number, decay: number): void;
  adam_f32(P: number, G: number, M: number, V: number, VM: number, n: number, b1: number, b2: number, omb1: number,
    omb2: number, wd: number, decay: number, decoupled: number, l2: number, maximize: number, eps: number, bc2: number, ns: number): void;
}
interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number }) => Memory;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
const PAGE = 65536;

let state: { ex: Exports; mem: Memory; heap: Float32Array; base: number } | null | undefined;

/** The instance, created on first use; null without WebAssembly (or SIMD). */
function instance(): typeof state {
  if (state !== undefined) return state;
  try {
    if (WA === undefined) return (state = null);
    const mem = new WA.Memory({ initial: 2, maximum: 32768 });
    const module = new WA.Module(Buffer.from(OPTIM_WASM_BASE64, "base64"));
    const ex = new WA.Instance(module, { env: { memory: mem } }).exports as Exports;
    const base = Math.ceil(ex.__heap_base.value / 16) * 16;
    state = { ex, mem, heap: new Float32Array(mem.buffer), base };
  } catch {
    state = null; // a runtime without SIMD128: the JS loops
  }
  return state;
}

/** Room for `count` arrays of n floats after __heap_base; byte offsets of each (16-aligned). */
function reserve(s: NonNullable<typeof state>, n: number, count: number): number[] {
  const stride = Math.ceil((n * 4) / 16) * 16;
  const need = s.base + stride * count;
  if (need > s.mem.buffer.byteLength) {
    s.mem.grow(Math.ceil((need - s.mem.buffer.byteLength) / PAGE));
    s.heap = new Float32Array(s.mem.buffer);
  }
  return Array.from({ length: count }, (_, k) => s.base + stride * k);
}

function copyIn(s: NonNullable<typeof state>, at: number, src: FloatArray, offset: number, n: number): void {
  s.heap.set(offset === 0 && src.length === n ? src : src.subarray(offset, offset + n), at >> 2);
}
function copyOut(s: NonNullable<typeof state>, at: number, dst: FloatArray, offset: number, n: number): void {
  dst.set(s.heap.subarray(at >> 2, (at >> 2) + n), offset);
}

/** sgdF32 through WebAssembly; false when it is not available (the caller runs the JS loop). */
export function sgdWasm(
  P: FloatArray, po: number, G: FloatArray, go: number, B: FloatArray | null, n: number,
  lr: number, wd: number, m: number, d: number, nesterov: boolean, maximize: boolean, first: boolean,
): boolean {
  const s = instance();
  if (!s) return false;
  const [p, g, b] = reserve(s, n, 3);
  copyIn(s, p, P, po, n);
  copyIn(s, g, G, go, n);
  if (B !== null && !first) copyIn(s, b, B, 0, n);
  const fr = Math.fround;
  s.ex.sgd_f32(p, g, B === null ? 0 : b, n, fr(-lr), fr(wd), fr(m), fr(1 - d), +nesterov, +maximize, +first, +(wd !== 0));
  copyOut(s, p, P, po, n);
  if (B !== null) copyOut(s, b, B, 0, n);
  return true;
}

/** adamF32 through WebAssembly; false when it is not available. */
export function adamWasm(
  P: FloatArray, po: number, G: FloatArray, go: number, M: FloatArray, V: FloatArray, VM: FloatArray | null, n: number,
  sc: AdamScalars,
): boolean {
  const s = instance();
  if (!s) return false;
  const [p, g, m, v, vm] = reserve(s, n, 5);
  copyIn(s, p, P, po, n);
  copyIn(s, g, G, go, n);
  copyIn(s, m, M, 0, n);
  copyIn(s, v, V, 0, n);
  if (VM !== null) copyIn(s, vm, VM, 0, n);
  const fr = Math.fround;
  s.ex.adam_f32(
    p, g, m, v, VM === null ? 0 : vm, n, fr(sc.beta1), fr(sc.beta2), fr(1 - sc.beta1), fr(1 - sc.beta2), fr(sc.weightDecay),
    fr(sc.decay), +sc.decoupled, +(!sc.decoupled && sc.weightDecay !== 0), +sc.maximize, fr(sc.eps), fr(sc.bc2Sqrt), fr(sc.negStepSize),
  );
  copyOut(s, p, P, po, n);
  copyOut(s, m, M, 0, n);
  copyOut(s, v, V, 0, n);
  if (VM !== null) copyOut(s, vm, VM, 0, n);
  return true;
}
