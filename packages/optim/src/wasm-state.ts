/**
 * Where the optimizers' state buffers live: float32 buffers of at least WASM_MIN elements in an
 * arena (wasm-memory.ts), one parameter's buffers in the same one, so the fused update reads and
 * writes them in place; anything else, and everything without WebAssembly, in ordinary tensors.
 */
import { Tensor, float32, zerosLike } from "@torchts/autograd";
import type { ParamState } from "./state-dict";
import { WASM_MIN } from "./wasm-kernels";
import { adopt, residentZeros } from "./wasm-memory";

/**
 * `count` zero state buffers shaped like `p` (PyTorch's `zeros_like(p, memory_format=preserve)`:
 * contiguous here), in one arena when they are float32 and large enough.
 */
export function stateBuffers(p: Tensor, count: number): Tensor[] {
  if (p.dtype === float32 && p.numel() >= WASM_MIN) {
    const ts = residentZeros(p.shape, count);
    if (ts !== null) return ts;
  }
  return Array.from({ length: count }, () => zerosLike(p));
}

/**
 * After loadStateDict: move the loaded copies of these state keys into an arena, each
 * parameter's together. They are the optimizer's own (loadStateDict copies every tensor), so
 * nothing else holds their arrays yet.
 */
export function adoptState(state: Map<Tensor, ParamState>, keys: readonly string[]): void {
  for (const s of state.values()) {
    const ts: Tensor[] = [];
    for (const k of keys) {
      const t = s[k];
      if (t instanceof Tensor && t.dtype === float32 && t.numel() >= WASM_MIN) ts.push(t);
    }
    adopt(ts);
  }
}
