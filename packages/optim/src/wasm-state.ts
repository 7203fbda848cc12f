/**
 * Where the optimizers' state buffers live: a float32 buffer of at least WASM_MIN elements in
 * the WebAssembly memory (wasm-memory.ts), so the fused update reads and writes it in place;
 * anything else, and everything without WebAssembly, in an ordinary tensor.
 */
import { Tensor, float32, zerosLike } from "@torchts/autograd";
import type { ParamState } from "./state-dict";
import { WASM_MIN } from "./wasm-kernels";
import { adopt, residentZeros } from "./wasm-memory";

/** A zero state buffer shaped like `p` (PyTorch's `zeros_like(p, memory_format=preserve)`: contiguous here). */
export function stateBuffer(p: Tensor): Tensor {
  if (p.dtype === float32 && p.numel() >= WASM_MIN) {
    const t = residentZeros(p.shape);
    if (t !== null) return t;
  }
  return zerosLike(p);
}

/**
 * After loadStateDict: move the loaded copies of these state keys into the memory. They are the
 * optimizer's own (loadStateDict copies every tensor), so nothing else holds their arrays yet.
 */
export function adoptState(state: Map<Tensor, ParamState>, keys: readonly string[]): void {
  for (const s of state.values()) {
    for (const k of keys) {
      const t = s[k];
      if (t instanceof Tensor && t.dtype === float32 && t.numel() >= WASM_MIN) adopt(t);
    }
  }
}
