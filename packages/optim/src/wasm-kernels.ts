/**
 * The float32 SGD and Adam updates through WebAssembly (wasm/update.c; the module and the choice
 * between relaxed SIMD and SIMD128 are wasm-module.ts's, the memories arena.ts's). A parameter's
 * update runs in the arena holding its state (else the staging-only home arena), in chunks of
 * CHUNK elements: its chunk and its gradient's are copied into that arena's staging slots,
 * updated four lanes at a time, and the parameter's chunk copied back. State buffers living in
 * that arena (`residentZeros`, the optimizers' own) are updated where they are; any other state
 * tensor is staged like the parameter. The result is bit-identical to the JS loops (sgd.ts,
 * adam-kernels.ts: wasm-kernels.test.ts checks it); below `WASM_MIN` elements, or without
 * WebAssembly, the JS loops run.
 */
import type { AdamScalars } from "./adam-kernels";
import { type Arena, CHUNK } from "./arena";
import type { FloatArray } from "./elements";
import { arenaOf, homeArena } from "./wasm-memory";

/** Below this many elements the JS loop is as fast as a call into WebAssembly. */
export const WASM_MIN = 256;

const fr = Math.fround;

function copyIn(a: Arena, slot: number, src: FloatArray, from: number, k: number): void {
  a.heap.set(src.subarray(from, from + k), slot >> 2);
}
function copyOut(a: Arena, slot: number, dst: FloatArray, at: number, k: number): void {
  dst.set(a.heap.subarray(slot >> 2, (slot >> 2) + k), at);
}

/** The arena an update runs in: the first of these state buffers' arenas, else the home arena. */
function arenaFor(X: FloatArray | null, Y: FloatArray | null = null, Z: FloatArray | null = null): Arena | null {
  return (X && arenaOf(X)) || (Y && arenaOf(Y)) || (Z && arenaOf(Z)) || homeArena();
}

/** State buffer X at chunk i: its own place when it lives in `a` (`res` ≥ 0), else staging slot `slot` (copied in unless `fresh`). */
function stateIn(a: Arena, X: FloatArray, res: number, slot: number, i: number, k: number, fresh: boolean): number {
  if (res >= 0) return res + 4 * i;
  if (!fresh) copyIn(a, slot, X, i, k);
  return slot;
}

/** sgdF32 through WebAssembly; false when it is not available (the caller runs the JS loop). */
export function sgdWasm(
  P: FloatArray, po: number, G: FloatArray, go: number, B: FloatArray | null, n: number,
  lr: number, wd: number, m: number, d: number, nesterov: boolean, maximize: boolean, first: boolean,
): boolean {
  const s = arenaFor(B);
  if (!s) return false;
  const ex = s.kernels();
  const [sp, sg, sb] = s.slots;
  const rb = B === null ? 0 : s.offsetOf(B);
  const nlr = fr(-lr), wd32 = fr(wd), m32 = fr(m), omd = fr(1 - d);
  for (let i = 0; i < n; i += CHUNK) {
    const k = Math.min(CHUNK, n - i);
    copyIn(s, sp, P, po + i, k);
    copyIn(s, sg, G, go + i, k);
    const b = B === null ? 0 : stateIn(s, B, rb, sb, i, k, first);
    ex.sgd_f32(sp, sg, b, k, nlr, wd32, m32, omd, +nesterov, +maximize, +first, +(wd !== 0));
    copyOut(s, sp, P, po + i, k);
    if (B !== null && rb < 0) copyOut(s, sb, B, i, k);
  }
  return true;
}

/** adamF32 through WebAssembly; false when it is not available. */
export function adamWasm(
  P: FloatArray, po: number, G: FloatArray, go: number, M: FloatArray, V: FloatArray, VM: FloatArray | null, n: number,
  sc: AdamScalars,
): boolean {
  const s = arenaFor(M, V, VM);
  if (!s) return false;
  const ex = s.kernels();
  const [sp, sg, sm, sv, svm] = s.slots;
  const rm = s.offsetOf(M), rv = s.offsetOf(V), rvm = VM === null ? 0 : s.offsetOf(VM);
  const l2 = +(!sc.decoupled && sc.weightDecay !== 0);
  for (let i = 0; i < n; i += CHUNK) {
    const k = Math.min(CHUNK, n - i);
    copyIn(s, sp, P, po + i, k);
    copyIn(s, sg, G, go + i, k);
    const m = stateIn(s, M, rm, sm, i, k, false), v = stateIn(s, V, rv, sv, i, k, false);
    const vm = VM === null ? 0 : stateIn(s, VM, rvm, svm, i, k, false);
    ex.adam_f32(
      sp, sg, m, v, vm, k, fr(sc.beta1), fr(sc.beta2), fr(1 - sc.beta1), fr(1 - sc.beta2), fr(sc.weightDecay),
      fr(sc.decay), +sc.decoupled, l2, +sc.maximize, fr(sc.eps), fr(sc.bc2Sqrt), fr(sc.negStepSize),
    );
    copyOut(s, sp, P, po + i, k);
    if (rm < 0) copyOut(s, sm, M, i, k);
    if (rv < 0) copyOut(s, sv, V, i, k);
    if (VM !== null && rvm < 0) copyOut(s, svm, VM, i, k);
  }
  return true;
}
