/**
 * The optimizers' WebAssembly memory (wasm/update.c's module), laid out as
 *   staging  SLOTS slots of CHUNK floats: each update copies its parameter and gradient (and
 *            any state that is not resident) in and out here, one chunk at a time, so this part
 *            never grows, whatever the parameter's size;
 *   arena    float32 state buffers that live here between steps (momentum_buffer, exp_avg...):
 *            tensors whose storage is a Float32Array view of this memory (`residentZeros`,
 *            `adopt`), so a step copies only the parameter and its gradient. They are ordinary
 *            tensors to everything else, and `optimizer.state` holds the live buffers, as in
 *            PyTorch.
 * memory.grow detaches the old ArrayBuffer: after a grow every live resident storage is pointed
 * at the new one (the `data` of its Storage object is replaced, so every tensor and view sharing
 * it follows). A typed array taken out with `toTypedArray()` before the grow is detached then (a
 * grow happens only when an optimizer creates state that does not fit: rarely, the arena doubles).
 * A region returns to the arena when its view is garbage (FinalizationRegistry), or at the next
 * grow once no tensor holds its storage.
 *
 * The module is the relaxed-SIMD build (`f32x4.relaxed_madd`) when it compiles and a probe shows it
 * fused (Node 22 and 24 on x86 with FMA3, or arm64), else the plain SIMD128 build (Node 20), else
 * none (no WebAssembly: the JS loops run and state stays in ordinary tensors).
 */
import { Tensor, fromTypedArray } from "@torchts/autograd";
import { OPTIM_WASM_BASE64, OPTIM_WASM_RELAXED_BASE64 } from "./wasm-binary";

/** The kernels' exports; pointers are byte offsets into the memory. */
export interface Kernels {
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
const MAX_PAGES = 32768; // --max-memory in wasm/build.sh

/** Elements per staging slot (a multiple of 8: only a parameter's last chunk has a SIMD tail). */
export const CHUNK = 16384;
/** Staging slots: parameter, gradient and up to three state buffers (Adam with amsgrad). */
const SLOTS = 5;

/** Which kernels run the float32 updates. */
export type KernelKind = "relaxed-simd" | "simd128" | "js";

interface Resident {
  off: number;
  bytes: number;
  n: number;
  storage: WeakRef<Tensor["_storage"]>;
}

export interface OptimWasm {
  ex: Kernels;
  kind: KernelKind;
  mem: Memory;
  heap: Float32Array;
  /** Byte offset of staging slot k. */
  slots: number[];
}

let state: OptimWasm | null | undefined;
let plain: Kernels | null = null;
let relaxed: Kernels | null = null;
/** The arena's free regions, sorted by offset, coalesced. */
const free: { off: number; bytes: number }[] = [];
const residents = new Set<Resident>();
const finalizer = new FinalizationRegistry<Resident>((r) => {
  if (residents.delete(r)) release(r.off, r.bytes);
});

function decode(b64: string): Uint8Array {
  if (typeof Buffer !== "undefined") return Buffer.from(b64, "base64");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/**
 * Whether this module's multiply-add rounds once: 1 + (1 + 2⁻²³)·(−(1 − 2⁻²³)) is 2⁻⁴⁶ fused and 0
 * unfused. Nine elements: the SIMD body and the scalar tail.
 */
function fuses(ex: Kernels, heap: Float32Array, slots: number[]): boolean {
  const [p, g, b] = slots;
  heap.fill(1, p >> 2, (p >> 2) + 9);
  heap.fill(1 + 2 ** -23, g >> 2, (g >> 2) + 9);
  heap.fill(0, b >> 2, (b >> 2) + 9);
  ex.sgd_f32(p, g, b, 9, -(1 - 2 ** -23), 0, 0, 1, 0, 0, 0, 0);
  return heap.subarray(p >> 2, (p >> 2) + 9).every((v) => v === 2 ** -46);
}

/** The memory and kernels, created on first use; null without WebAssembly (or SIMD128). */
export function optimWasm(): OptimWasm | null {
  if (state !== undefined) return state;
  state = null;
  if (WA === undefined) return state;
  let mem: Memory;
  try {
    mem = new WA.Memory({ initial: 32, maximum: MAX_PAGES });
    plain = new WA.Instance(new WA.Module(decode(OPTIM_WASM_BASE64)), { env: { memory: mem } }).exports as Kernels;
  } catch {
    return state; // no SIMD128: the JS loops
  }
  const base = Math.ceil(plain.__heap_base.value / 64) * 64;
  const slots = Array.from({ length: SLOTS }, (_, k) => base + k * CHUNK * 4);
  const arena = base + SLOTS * CHUNK * 4;
  if (arena > mem.buffer.byteLength) mem.grow(Math.ceil((arena - mem.buffer.byteLength) / PAGE));
  free.push({ off: arena, bytes: mem.buffer.byteLength - arena });
  const heap = new Float32Array(mem.buffer);
  try {
    relaxed = new WA.Instance(new WA.Module(decode(OPTIM_WASM_RELAXED_BASE64)), { env: { memory: mem } }).exports as Kernels;
    if (!fuses(relaxed, heap, slots)) relaxed = null;
  } catch {
    relaxed = null; // Node 20 without --experimental-wasm-relaxed-simd
  }
  state = { ex: relaxed ?? plain, kind: relaxed ? "relaxed-simd" : "simd128", mem, heap, slots };
  return state;
}

/**
 * The kernels the float32 SGD and Adam updates use in this process: relaxed SIMD where its
 * multiply-add is fused (Node 22, 24), else SIMD128 (Node 20), else JS. All give the same bits.
 * @example optim.optimKernels() // "relaxed-simd" on Node 22 on x86 with FMA3
 */
export function optimKernels(): KernelKind {
  return optimWasm()?.kind ?? "js";
}

/**
 * @internal Tests and benchmarks: run the plain SIMD128 build even where relaxed SIMD is fused
 * (or back). Returns whether the kind is available.
 */
export function _useKernels(kind: KernelKind): boolean {
  const s = optimWasm();
  const ex = kind === "relaxed-simd" ? relaxed : kind === "simd128" ? plain : null;
  if (s === null || ex === null) return false;
  s.ex = ex;
  s.kind = kind;
  return true;
}

/** A float32 array's byte offset in the memory when it lives there (a resident state buffer), else -1. */
export function residentOffset(a: Float32Array | Float64Array): number {
  return state && a.buffer === state.mem.buffer ? a.byteOffset : -1;
}

function release(off: number, bytes: number): void {
  let i = 0;
  while (i < free.length && free[i].off < off) i++;
  free.splice(i, 0, { off, bytes });
  // merge with the next, then with the previous
  if (i + 1 < free.length && off + bytes === free[i + 1].off) free.splice(i, 2, { off, bytes: bytes + free[i + 1].bytes });
  if (i > 0 && free[i - 1].off + free[i - 1].bytes === off) free.splice(i - 1, 2, { off: free[i - 1].off, bytes: free[i - 1].bytes + free[i].bytes });
}

/** Point every live resident storage at the grown buffer; free the regions no storage holds. */
function repoint(s: OptimWasm): void {
  s.heap = new Float32Array(s.mem.buffer);
  for (const r of residents) {
    finalizer.unregister(r);
    const storage = r.storage.deref();
    if (storage === undefined) {
      residents.delete(r);
      release(r.off, r.bytes);
      continue;
    }
    const view = new Float32Array(s.mem.buffer, r.off, r.n);
    storage.data = view;
    finalizer.register(view, r, r);
  }
}

/** A 16-byte-aligned region of the arena (growing the memory if needed); -1 when the memory is full. */
function alloc(s: OptimWasm, n: number): number {
  const bytes = Math.max(16, Math.ceil((n * 4) / 16) * 16);
  for (;;) {
    for (let i = 0; i < free.length; i++) {
      const f = free[i];
      if (f.bytes < bytes) continue;
      const off = f.off;
      if (f.bytes === bytes) free.splice(i, 1);
      else (f.off += bytes), (f.bytes -= bytes);
      return off;
    }
    const end = s.mem.buffer.byteLength;
    const last = free[free.length - 1];
    const need = bytes - (last !== undefined && last.off + last.bytes === end ? last.bytes : 0);
    const pages = end / PAGE;
    const add = Math.min(MAX_PAGES - pages, Math.max(Math.ceil(need / PAGE), pages)); // at least double
    if (add * PAGE < need) return -1;
    s.mem.grow(add);
    release(end, add * PAGE);
    repoint(s);
  }
}

/** Make `storage` a view of the region at `off` (the caller filled it) and track it. */
function register(s: OptimWasm, storage: Tensor["_storage"], off: number, n: number): void {
  const r: Resident = { off, bytes: Math.max(16, Math.ceil((n * 4) / 16) * 16), n, storage: new WeakRef(storage) };
  const view = storage.data instanceof Float32Array && residentOffset(storage.data) === off ? storage.data : new Float32Array(s.mem.buffer, off, n);
  storage.data = view;
  residents.add(r);
  finalizer.register(view, r, r);
}

/**
 * A float32 tensor of zeros of this shape whose storage lives in the memory (the optimizers'
 * state buffers); null without WebAssembly or when the memory is full (use zerosLike then).
 */
export function residentZeros(shape: readonly number[]): Tensor | null {
  const s = optimWasm();
  if (s === null) return null;
  const n = shape.reduce((a, b) => a * b, 1);
  const off = alloc(s, n);
  if (off < 0) return null;
  s.heap.fill(0, off >> 2, (off >> 2) + n);
  const t = fromTypedArray(new Float32Array(s.mem.buffer, off, n), [...shape]);
  register(s, t._storage, off, n);
  return t;
}

/**
 * Move a tensor the optimizer owns (a copy made by loadStateDict) into the memory, in place:
 * its storage then lives there. Only a contiguous float32 tensor filling its storage moves;
 * returns whether it did.
 */
export function adopt(t: Tensor): boolean {
  const s = optimWasm();
  const data = t._storage.data;
  if (s === null || !(data instanceof Float32Array) || residentOffset(data) >= 0) return false;
  const n = t.numel();
  if (!t.isContiguous() || t._offset !== 0 || data.length !== n || n === 0) return false;
  const off = alloc(s, n);
  if (off < 0) return false;
  s.heap.set(data, off >> 2);
  register(s, t._storage, off, n);
  return true;
}

/** @internal Tests: the arena's free regions and the live resident count. */
export function _arenaStats(): { free: number; regions: number; residents: number; bytes: number } {
  return {
    free: free.reduce((a, f) => a + f.bytes, 0),
    regions: free.length,
    residents: residents.size,
    bytes: state ? state.mem.buffer.byteLength : 0,
  };
}
