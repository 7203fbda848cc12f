// The WebAssembly fills take their output through the module's memory in pieces
// (random-wasm.ts's CHUNK = 32768): the stream must not notice the pieces, and the
// memory must never grow (a grow detaches its ArrayBuffer, which slows typed-array
// accesses process-wide).
import { afterAll, describe, expect, it } from "vitest";
import { getBackend, setBackend } from "./kernels/registry";
import { Generator } from "./random";
import { fillNormal, fillUniform } from "./random-fill";

const backend = getBackend();
afterAll(() => setBackend(backend));

/** The fill through the TypeScript path and through WebAssembly, from the same seed. */
function both(n: number, fill: (out: Float32Array, g: Generator) => void): [Float32Array, Float32Array, number[]] {
  const out: Float32Array[] = [];
  const after: number[] = [];
  for (const name of ["js", "wasm"] as const) {
    setBackend(name);
    const g = new Generator();
    g.manualSeed(7);
    const a = new Float32Array(n);
    fill(a, g);
    out.push(a);
    after.push(g._mt.next, g._mt.left);
  }
  return [out[0], out[1], after];
}

describe("WebAssembly random fills in pieces", () => {
  // around one piece, one piece + 16 (the last piece's limit), two pieces, odd tails
  const sizes = [16, 17, 511, 512, 32768, 32784, 32785, 32799, 65536, 65537, 65552 + 15, 100_003];
  it.each(sizes)("normal_ over %i floats: the TypeScript path's bits and stream position", (n) => {
    const [js, wasm, after] = both(n, (a, g) => fillNormal(a, 0.5, 2, g));
    expect(Buffer.from(wasm.buffer).equals(Buffer.from(js.buffer))).toBe(true);
    expect(after.slice(2)).toEqual(after.slice(0, 2));
  });
  it.each(sizes)("uniform_ over %i floats: the same", (n) => {
    const [js, wasm, after] = both(n, (a, g) => fillUniform(a, -1, 3, g));
    expect(Buffer.from(wasm.buffer).equals(Buffer.from(js.buffer))).toBe(true);
    expect(after.slice(2)).toEqual(after.slice(0, 2));
  });
  it("never grows the module's memory, however large the fill", () => {
    // (this package's TypeScript lib has no WebAssembly types)
    const proto = (globalThis as unknown as { WebAssembly: { Memory: { prototype: { grow(pages: number): number } } } }).WebAssembly.Memory.prototype;
    const grow = proto.grow;
    let grows = 0;
    proto.grow = function (this: unknown, pages: number) {
      grows++;
      return grow.call(this, pages);
    };
    try {
      setBackend("wasm");
      const g = new Generator();
      g.manualSeed(1);
      const a = new Float32Array(3_000_001);
      fillNormal(a, 0, 1, g);
      fillUniform(a, 0, 1, g);
      expect(a.every(Number.isFinite)).toBe(true);
    } finally {
      proto.grow = grow;
    }
    expect(grows).toBe(0);
  });
});
