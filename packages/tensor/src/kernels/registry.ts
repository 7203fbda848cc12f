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
import { jsKernels } from "./js";

export type BackendName = "js" | "wasm" | "auto";

/** The kernels every tensor op calls. Mutated in place by setBackend. */
export const kernels: Kernels = jsKernels();

let active: "js" | "wasm" = "js";

/** Builds the WebAssembly kernel set over a JS base, or null when WebAssembly is unavailable. */
let wasmFactory: ((base: Kernels) => Kernels | null) | null = null;

/** @internal Registers the WebAssembly kernel factory (wasm.ts calls this). */
export function registerWasmFactory(f: (base: Kernels) => Kernels | null): void {
  wasmFactory = f;
}

/**
 * Selects the kernel implementation. Throws when "wasm" is requested and
 * WebAssembly cannot be instantiated; "auto" falls back to "js" silently.
 * @example setBackend("js"); // force the plain-TypeScript kernels
 */
export function setBackend(name: BackendName): void {
  if (name !== "js" && name !== "wasm" && name !== "auto") {
    throw new RuntimeError(`setBackend: unknown backend "${String(name)}" (expected "js", "wasm" or "auto")`);
  }
  const base = jsKernels();
  if (name !== "js") {
    const w = wasmFactory === null ? null : wasmFactory(base);
    if (w !== null) {
      Object.assign(kernels, w);
      active = "wasm";
      return;
    }
    if (name === "wasm") throw new RuntimeError("setBackend: the WebAssembly kernels could not be instantiated in this runtime");
  }
  Object.assign(kernels, base);
  active = "js";
}

/** The backend in use: "js" or "wasm" (never "auto"). */
export function getBackend(): "js" | "wasm" {
  return active;
}

function initialBackend(): BackendName {
  const v = typeof process !== "undefined" ? process.env.TORCHTS_BACKEND : undefined;
  if (v === undefined || v === "") return "auto";
  if (v === "js" || v === "wasm" || v === "auto") return v;
  throw new RuntimeError(`TORCHTS_BACKEND="${v}" is not a backend (expected "js", "wasm" or "auto")`);
}

setBackend(initialBackend());
