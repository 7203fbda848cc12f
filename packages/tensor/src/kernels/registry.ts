/**
 * The kernel registry: tensor ops call `kernels.<name>(...)` on the mutable
 * object exported here, so switching backends swaps the functions in place.
 *
 * - "js": the plain-TypeScript kernels only.
 * - "wasm": WebAssembly SIMD kernels where they exist (float32), plain TS for the rest.
 * - "auto" (default): "wasm" when WebAssembly instantiates, else "js".
 *
 * The environment variable TORCHTS_BACKEND=js|wasm|auto sets the initial backend.
 */
import { RuntimeError } from "../errors";
import type { Kernels } from "./types";
import { selectKernels } from "./select";
import { getWorkerThreads, setWorkerThreads } from "./worker/share";
import { tuneMalloc } from "../memory";

export type BackendName = "js" | "wasm" | "auto";

/** The kernels every tensor op calls. Mutated in place by setBackend. */
export const kernels: Kernels = selectKernels(false)!;

let active: "js" | "wasm" = "js";

/**
 * Selects the kernel implementation. Throws when "wasm" is requested and
 * WebAssembly cannot be instantiated; "auto" falls back to "js" silently.
 * @example setBackend("js"); // force the plain-TypeScript kernels
 */
export function setBackend(name: BackendName): void {
  if (name !== "js" && name !== "wasm" && name !== "auto") {
    throw new RuntimeError(`setBackend: unknown backend "${String(name)}" (expected "js", "wasm" or "auto")`);
  }
  if (name !== "js") {
    // each kernel's record (select.ts) gives its WebAssembly version and the sizes it runs from
    const w = selectKernels(true);
    if (w !== null) {
      Object.assign(kernels, w);
      active = "wasm";
      return;
    }
    if (name === "wasm") throw new RuntimeError("setBackend: the WebAssembly kernels could not be instantiated in this runtime");
  }
  Object.assign(kernels, selectKernels(false));
  active = "js";
}

/** The backend in use: "js" or "wasm" (never "auto"). */
export function getBackend(): "js" | "wasm" {
  return active;
}

/**
 * torch.set_num_threads: how many threads a large job may use (1 or 2: the calling
 * thread plus at most one worker). The worker takes part in large float32/float64
 * matmuls, float32 sums over the last dim and float32 elementwise ops (kernels/worker/).
 * @example setNumThreads(1); // keep everything on the calling thread
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RuntimeError(`setNumThreads: expected a positive integer, got ${n}`);
  setWorkerThreads(n);
}

/** torch.get_num_threads: 1 or 2 (see setNumThreads). */
export function getNumThreads(): number {
  return getWorkerThreads();
}

function initialBackend(): BackendName {
  const v = typeof process !== "undefined" ? process.env.TORCHTS_BACKEND : undefined;
  if (v === undefined || v === "") return "auto";
  if (v === "js" || v === "wasm" || v === "auto") return v;
  throw new RuntimeError(`TORCHTS_BACKEND="${v}" is not a backend (expected "js", "wasm" or "auto")`);
}

// Before any tensor exists: keep freed memory for reuse (see memory.ts).
tuneMalloc();
setBackend(initialBackend());
