/**
 * Relaxed SIMD on Node 20. Its V8 (11.3) implements WebAssembly relaxed SIMD, but only behind
 * `--experimental-wasm-relaxed-simd`; V8 11.4 turned it on (Node 22 and 24). Without it the
 * optimizers run the plain SIMD128 build, which emulates each float32 FMA in double and takes
 * about twice as long (BENCHMARKS.md, "SGD momentum on Node 20"). So when the relaxed module does
 * not compile on that V8, the flag is switched on for its one compilation and off again. A
 * compiled module keeps the features it was compiled with (its lazy and optimised compilations
 * too), so nothing else in the process ever sees the flag: a module compiled afterwards is
 * validated exactly as before.
 */

/** V8's relaxed-SIMD flag, and the one V8 we support where it is off by default (Node 20's). */
const FLAG = "experimental-wasm-relaxed-simd";
const FLAGGED_V8 = /^11\.3\./;

interface V8Flags {
  setFlagsFromString(flags: string): void;
}

/** Node's `v8` module where V8 has relaxed SIMD behind the flag; null elsewhere (other V8s, browsers). */
function flaggedV8(): V8Flags | null {
  const p = (globalThis as { process?: { versions?: { v8?: string } } }).process;
  if (typeof p?.versions?.v8 !== "string" || !FLAGGED_V8.test(p.versions.v8)) return null;
  try {
    // resolved lazily so bundlers for the browser never see node:v8
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("node:v8") as V8Flags;
  } catch {
    return null;
  }
}

/**
 * `compile()` (a compilation of a module using relaxed SIMD), retried once with V8's flag on
 * where the V8 has the feature behind it; the flag is off again before this returns. Throws what
 * the compilation throws when neither attempt compiles.
 * @example const m = withRelaxedSimd(() => new WebAssembly.Module(bytes));
 */
export function withRelaxedSimd<T>(compile: () => T): T {
  try {
    return compile();
  } catch (e) {
    const v8 = flaggedV8();
    if (v8 === null) throw e;
    // the first attempt failed, so the flag was off: switch it off again after
    v8.setFlagsFromString(`--${FLAG}`);
    try {
      return compile();
    } finally {
      v8.setFlagsFromString(`--no-${FLAG}`);
    }
  }
}
