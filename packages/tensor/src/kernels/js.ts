/**
 * The plain-TypeScript implementation of every kernel: the fallback when
 * WebAssembly is unavailable or slower, and the reference the WebAssembly
 * kernels are tested against. Each is the `js` of its record in select.ts.
 */
import type { Kernels } from "./types";
import { selectKernels } from "./select";

/** A fresh object each call, so a registry can mutate its copy freely. */
export function jsKernels(): Kernels {
  return selectKernels(false)!;
}
