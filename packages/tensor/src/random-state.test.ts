/**
 * The generator's seed and state: PyTorch's seed rules (uint64, negative seeds
 * wrap), the 5056-byte state layout, and the property that restoring a saved
 * state replays any sequence of calls.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

type Call = (g: torch.Generator) => torch.Tensor;
const CALLS: Record<string, Call> = {
  rand: (g) => torch.rand(3, { generator: g }),
  rand64: (g) => torch.rand(5, { dtype: torch.float64, generator: g }),
  randnSmall: (g) => torch.randn(3, { generator: g }),
  randnBlock: (g) => torch.randn(21, { generator: g }),
  randn64: (g) => torch.randn(2, { dtype: torch.float64, generator: g }),
  randint: (g) => torch.randint(0, 7, [4], { generator: g }),
  randperm: (g) => torch.randperm(6, { generator: g }),
  uniform_: (g) => torch.empty([4]).uniform_(-1, 1, { generator: g }),
  normal_: (g) => torch.empty([2, 3]).t().normal_(0, 2, { generator: g }),
  bernoulli_: (g) => torch.empty([5]).bernoulli_(0.4, { generator: g }),
  multinomial: (g) => torch.multinomial(torch.tensor([0.2, 0.5, 0.3]), 2, { generator: g }),
  multinomialRep: (g) => torch.multinomial(torch.tensor([0.2, 0.5, 0.3]), 4, true, { generator: g }),
  bigDraw: (g) => torch.rand(700, { generator: g }), // crosses a twist of the 624-word state
};
const names = Object.keys(CALLS);

function run(g: torch.Generator, seq: string[]): number[] {
  return seq.flatMap((n) => Array.from(CALLS[n](g).toTypedArray() as ArrayLike<number>));
}

describe("Generator state", () => {
  it("setState(getState()) replays any sequence of calls", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.array(fc.constantFrom(...names), { maxLength: 6 }),
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 6 }),
        (seed, before, after) => {
          const g = new torch.Generator().manualSeed(seed);
          run(g, before);
          const state = g.getState();
          const first = run(g, after);
          g.manualSeed(seed + 1); // anything in between
          run(g, ["rand", "randnSmall"]);
          g.setState(state);
          expect(run(g, after)).toEqual(first);
          // and a fresh generator given the state continues identically too
          const h = new torch.Generator().setState(state);
          expect(run(h, after)).toEqual(first);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the state is PyTorch's 5056-byte uint8 layout", () => {
    const g = new torch.Generator().manualSeed(0);
    const s = g.getState();
    expect(s.dtype).toBe(torch.uint8);
    expect([...s.shape]).toEqual([5056]);
    const b = s.toTypedArray() as Uint8Array;
    expect(Array.from(b.subarray(8, 16))).toEqual([1, 0, 0, 0, 1, 0, 0, 0]); // left = 1, seeded = 1
    torch.randn(3, { generator: g }); // the scalar path leaves a cached deviate: normal_is_valid = 1
    expect((g.getState().toTypedArray() as Uint8Array)[5040]).toBe(1);
  });

  it("seeds: PyTorch's default, uint64 wrapping, bigints, initialSeed", () => {
    expect(new torch.Generator().initialSeed()).toBe(67280421310721);
    expect(new torch.Generator().manualSeed(-1).initialSeed()).toBe(18446744073709551615n);
    expect(new torch.Generator().manualSeed(2n ** 63n).initialSeed()).toBe(9223372036854775808n);
    // seeds equal modulo 2^32 seed the same mt19937 state (PyTorch keeps the full seed for initialSeed)
    const a = torch.rand(4, { generator: new torch.Generator().manualSeed(5) });
    const b = torch.rand(4, { generator: new torch.Generator().manualSeed(2 ** 32 + 5) });
    expect(a.equal(b)).toBe(true);
    torch.manualSeed(2.7); // torch.manual_seed takes int(seed)
    expect(torch.initialSeed()).toBe(2);
    const s = new torch.Generator().seed();
    expect(typeof s === "number" || typeof s === "bigint").toBe(true);
  });

  it("bad seeds and states raise as PyTorch does", () => {
    const g = new torch.Generator();
    expect(() => g.manualSeed(1.5)).toThrow(/manual_seed expected a long, but got float/);
    expect(() => g.manualSeed(NaN)).toThrow(/manual_seed expected a long, but got float/);
    expect(() => torch.manualSeed(NaN)).toThrow(torch.ValueError);
    expect(() => g.manualSeed(2n ** 64n)).toThrow(/Overflow when unpacking long/);
    expect(() => g.manualSeed(-(2n ** 63n) - 1n)).toThrow(/Overflow/);
    expect(() => g.manualSeed("3" as never)).toThrow(/expected a long, but got string/);
    expect(() => torch.manualSeed("3" as never)).toThrow(torch.TypeError);
    expect(() => g.setState(torch.zeros(100, { dtype: torch.uint8 }))).toThrow(/size 5056 but found the input RNG state size to be 100/);
    expect(() => g.setState(torch.zeros(5056))).toThrow(torch.TypeError);
    expect(() => g.setState(torch.zeros(5056, { dtype: torch.uint8 }))).toThrow(/Invalid mt19937 state/);
    expect(() => torch.rand(3, { generator: 5 as never })).toThrow(/rand.*generator/);
  });
});

describe("the WebAssembly float32 fills", () => {
  it("give the TypeScript fills' values and leave the same state", async () => {
    const { fillNormal, fillUniform, uniformF32 } = await import("./random-fill");
    const { normalBlock16F32 } = await import("./normal-avx");
    for (const [seed, n] of [[0, 5000], [7, 1027], [2 ** 31 - 1, 20000]]) {
      const a = new torch.Generator().manualSeed(seed);
      const b = new torch.Generator().manualSeed(seed);
      torch.rand(100, { generator: a }); // start mid-stream
      torch.rand(100, { generator: b });
      const wa = new Float32Array(n);
      fillNormal(wa, 0.5, 2, a); // WebAssembly (n >= 512)
      // the TypeScript reference: uniforms per block, Box-Muller, the tail from fresh words
      const ja = new Float32Array(n);
      const full = n - (n % 16);
      for (let i = 0; i < full; i += 16) {
        uniformF32(ja, 0, 1, b, i, i + 16);
        normalBlock16F32(ja, i, 0.5, 2);
      }
      if (full !== n) {
        uniformF32(new Float32Array(n - full), 0, 1, b);
        uniformF32(ja, 0, 1, b, n - 16, n);
        normalBlock16F32(ja, n - 16, 0.5, 2);
      }
      expect(Array.from(wa)).toEqual(Array.from(ja));
      const ua = new Float32Array(n);
      const ub = new Float32Array(n);
      fillUniform(ua, -3, 5, a);
      uniformF32(ub, -3, 5, b);
      expect(Array.from(ua)).toEqual(Array.from(ub));
      expect(Array.from(a.getState().toTypedArray())).toEqual(Array.from(b.getState().toTypedArray()));
    }
  });
});
