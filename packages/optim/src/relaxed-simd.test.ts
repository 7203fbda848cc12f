/**
 * Node 20's V8 has relaxed SIMD behind a flag: the optimizers' relaxed module compiles there with
 * the flag on for that compilation only, and the flag is off again afterwards, also when the
 * compilation fails. Elsewhere the flag is never touched.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { fmaCpu } from "./fma-cpu.testing";
import { withRelaxedSimd } from "./relaxed-simd";
import { OPTIM_WASM_RELAXED_BASE64 } from "./wasm-binary";
import { optimKernels, optimModule } from "./wasm-module";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = require("node:v8") as typeof import("node:v8");
// optim's lib has no WebAssembly types (wasm-module.ts declares the part it uses)
const WA = (globalThis as unknown as {
  WebAssembly: { Module: new (b: Uint8Array) => object; validate(b: Uint8Array): boolean; CompileError: ErrorConstructor };
}).WebAssembly;
const relaxedBytes = Buffer.from(OPTIM_WASM_RELAXED_BASE64, "base64");
const flagged = process.versions.v8.startsWith("11.3.");

afterEach(() => vi.restoreAllMocks());

describe("withRelaxedSimd", () => {
  it("compiles the relaxed module in this Node", () => {
    const spy = vi.spyOn(v8, "setFlagsFromString");
    expect(withRelaxedSimd(() => new WA.Module(relaxedBytes))).toBeInstanceOf(WA.Module);
    // Node 20: on for the compilation, off after; Node 22/24: never touched
    expect(spy.mock.calls).toEqual(flagged ? [["--experimental-wasm-relaxed-simd"], ["--no-experimental-wasm-relaxed-simd"]] : []);
  });

  it("leaves relaxed SIMD as the engine has it by default", () => {
    withRelaxedSimd(() => new WA.Module(relaxedBytes));
    expect(WA.validate(relaxedBytes)).toBe(!flagged);
  });

  it("switches the flag off again when the compilation throws, and throws its error", () => {
    const spy = vi.spyOn(v8, "setFlagsFromString");
    const bad = () => new WA.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255]));
    expect(() => withRelaxedSimd(bad)).toThrow(WA.CompileError);
    expect(spy.mock.calls.at(-1)?.[0] ?? "none").toBe(flagged ? "--no-experimental-wasm-relaxed-simd" : "none");
    expect(WA.validate(relaxedBytes)).toBe(!flagged);
  });

  it("returns at once when the first compilation succeeds", () => {
    const spy = vi.spyOn(v8, "setFlagsFromString");
    expect(withRelaxedSimd(() => 42)).toBe(42);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe("the optimizers' kernels", () => {
  it.runIf(fmaCpu)("are the relaxed build on every supported Node where relaxed_madd fuses", () => {
    expect(optimModule()?.relaxed).not.toBeNull();
    expect(optimKernels()).toBe("relaxed-simd");
    expect(WA.validate(relaxedBytes)).toBe(!flagged);
  });
});
