/** The selection table: one record per kernel fills the registry, on either backend. */
import { describe, expect, test, vi } from "vitest";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { KERNELS, type KernelRecord, pick, selectKernels } from "./select";
import { kernels, setBackend } from "./registry";
import type { UnaryKernel } from "./types";

describe("selection records", () => {
  test("the WebAssembly records are exactly the ops declared `wasm: true`, plus the six comparisons", () => {
    const unary = Object.entries(KERNELS.unary).filter(([, r]) => r.wasm).map(([op]) => op);
    expect(unary.sort()).toEqual(UNARY_DECLS.filter((d) => d.spec.wasm).map((d) => d.op).sort());
    const binary = Object.entries(KERNELS.binary).filter(([, r]) => r.wasm).map(([op]) => op);
    const declared = BINARY_DECLS.filter((d) => d.spec.wasm).map((d) => d.op);
    expect(binary.sort()).toEqual([...declared, "eq", "ge", "gt", "le", "lt", "ne"].sort());
    // comparisons run on the calling thread only; the declared ops share large jobs with the worker
    expect(KERNELS.binary.lt.threadMin).toBeUndefined();
    expect(KERNELS.binary.add).toMatchObject({ wasmMin: 64, threadMin: 1 << 18 });
    expect(KERNELS.binaryScalar.mul).toMatchObject({ wasmMin: 64, threadMin: 1 << 18 });
  });

  test("the measured crossovers are kept", () => {
    expect(KERNELS.gemm).toMatchObject({ wasmMin: 256, threadMin: 96 ** 3 });
    expect(KERNELS.sumInner).toMatchObject({ wasmMin: 256, threadMin: 1 << 18 });
    expect(KERNELS.softmaxInner.wasmMin).toBe(256);
    expect(KERNELS.where.wasmMin).toBe(64);
    for (const k of ["prodAxis", "allAnyAxis", "scanRows", "cast", "clamp", "take", "put"] as const) expect(KERNELS[k].wasm).toBeUndefined();
  });

  test("pick: the JS kernel, or the WebAssembly factory given its record's sizes (threadMin absent: never)", () => {
    const js: UnaryKernel = () => {};
    const built: UnaryKernel = () => {};
    const wasm = vi.fn(() => built);
    const r: KernelRecord<UnaryKernel> = { js, wasm, wasmMin: 10 };
    expect(pick(r, false)).toBe(js);
    expect(pick(r, true)).toBe(built);
    expect(wasm).toHaveBeenCalledWith(js, { wasmMin: 10, threadMin: Infinity });
    expect(pick({ js }, true)).toBe(js);
  });

  test("the registry holds the records' kernels: JS ones on the js backend, built ones where a record has WebAssembly", () => {
    setBackend("js");
    expect(kernels.unary.exp).toBe(KERNELS.unary.exp.js);
    expect(kernels.gemm).toBe(KERNELS.gemm.js);
    setBackend("auto");
    expect(kernels.unary.exp).not.toBe(KERNELS.unary.exp.js);
    expect(kernels.unary.sign).toBe(KERNELS.unary.sign.js);
    expect(kernels.cast).toBe(KERNELS.cast.js);
    // a fresh set each time, so the registry may mutate its copy
    expect(selectKernels(false)!.unary).not.toBe(selectKernels(false)!.unary);
  });

  test("below wasmMin a WebAssembly kernel computes exactly what the JS one does; above it, float32-close", () => {
    const w = selectKernels(true)!;
    for (const n of [1, 63, 64, 1000]) {
      const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 3);
      const a = new Float32Array(n), b = new Float32Array(n);
      w.unary.exp(x, a, n);
      KERNELS.unary.exp.js(x, b, n);
      if (n < 64) expect(a).toEqual(b);
      else for (let i = 0; i < n; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(4e-7 * b[i]);
    }
  });
});
