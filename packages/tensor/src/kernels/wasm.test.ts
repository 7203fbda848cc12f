/**
 * Differential tests: the WebAssembly kernels against the plain-TypeScript ones
 * (the reference), over random sizes (1, primes, non-multiples of the SIMD
 * width and tiles, sizes across the chunk length) and special values.
 */
import { beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { jsKernels } from "./js";
import { configureWorkerForTests, workerStats } from "./worker/share";
import { selectKernels } from "./select";
import type { Kernels } from "./types";
import { getRuntime } from "./wasm-runtime";
import { compareGemm, gemmCases, makeProblem, runGemm } from "./gemm-reference.testing";

const gemmCase = gemmCases(fc);

const js = jsKernels();
let wasm: Kernels;
beforeAll(() => {
  const w = selectKernels(true);
  expect(w, "WebAssembly SIMD kernels should instantiate on Node 20").not.toBeNull();
  wasm = w!;
});

const SPECIALS = [0, -0, 1, -1, NaN, Infinity, -Infinity, 1e-40, -1e-40, 1e-30, 88.5, 88.8, -87.5, -104, -110, 100, 3e38, 1.17549435e-38];

/** Sizes around the SIMD widths, the JS fallback threshold and the 16384-element chunk. */
const size = fc.oneof(
  fc.constantFrom(1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 127, 128, 129, 131, 257, 1021, 16383, 16384, 16385, 40009),
  fc.integer({ min: 1, max: 3000 }),
);

function values(n: number, seed: number, lo: number, hi: number, specials: boolean): Float32Array {
  const a = new Float32Array(n);
  let s = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const u = (s >>> 0) / 2 ** 32;
    a[i] = specials && (s & 63) === 0 ? SPECIALS[(s >>> 8) % SPECIALS.length] : lo + (hi - lo) * u;
  }
  return a;
}

/** Same NaN-ness, same infinities, else within `ulps` float32 ulps (relative) or a subnormal-sized absolute error. */
function mismatch(got: Float32Array | Float64Array, want: Float32Array | Float64Array, ulps: number): string | null {
  for (let i = 0; i < want.length; i++) {
    const g = got[i], w = want[i];
    if (Number.isNaN(w) ? Number.isNaN(g) : g === w) continue;
    if (Math.abs(g - w) <= ulps * 2 ** -23 * Math.abs(w) + 2e-38) continue;
    return `at ${i}: got ${g}, expected ${w}`;
  }
  return null;
}

describe("elementwise: WebAssembly vs TypeScript", () => {
  const unaryOps = ["exp", "log", "tanh", "sigmoid", "relu", "neg", "abs", "sqrt", "square", "reciprocal"] as const;
  const ranges: Record<string, [number, number]> = { exp: [-90, 90], log: [0, 100], sqrt: [0, 100] };
  // ulps of tolerance: the polynomial/rational fits are ≤ 2 and 5.3 ulp; simple ops are exact.
  const tol: Record<string, number> = { exp: 3, log: 3, tanh: 8, sigmoid: 4 };
  for (const op of unaryOps) {
    test(`${op}`, () => {
      fc.assert(
        fc.property(size, fc.integer(), fc.boolean(), (n, seed, specials) => {
          const [lo, hi] = ranges[op] ?? [-10, 10];
          const x = values(n, seed, lo, hi, specials);
          const a = new Float32Array(n), b = new Float32Array(n);
          wasm.unary[op](x, a, n);
          js.unary[op](x, b, n);
          expect(mismatch(a, b, tol[op] ?? 0)).toBeNull();
        }),
        { numRuns: 60 },
      );
    });
  }
  const binaryOps = ["add", "sub", "mul", "div", "maximum", "minimum"] as const;
  for (const op of binaryOps) {
    test(`${op} and ${op} with a scalar, including out aliasing an input`, () => {
      fc.assert(
        fc.property(size, fc.integer(), fc.boolean(), fc.double(), (n, seed, specials, s) => {
          const x = values(n, seed, -10, 10, specials), y = values(n, seed ^ 0x9e3779b9, -10, 10, specials);
          const a = new Float32Array(n), b = new Float32Array(n);
          wasm.binary[op](x, y, a, n);
          js.binary[op](x, y, b, n);
          expect(mismatch(a, b, 0)).toBeNull();
          wasm.binaryScalar[op]!(x, s, a, n);
          js.binaryScalar[op]!(x, s, b, n);
          expect(mismatch(a, b, 0)).toBeNull();
          const inPlace = x.slice();
          wasm.binary[op](inPlace, y, inPlace, n);
          js.binary[op](x, y, b, n);
          expect(mismatch(inPlace, b, 0)).toBeNull();
        }),
        { numRuns: 40 },
      );
    });
  }
  for (const op of ["lt", "le", "gt", "ge", "eq", "ne"] as const) {
    test(`${op} into bool bytes, with a tensor or a scalar, NaN and ties`, () => {
      fc.assert(
        fc.property(size, fc.integer(), fc.boolean(), fc.constantFrom(0, 0.5, -1, NaN, Infinity, 0.1), (n, seed, specials, s) => {
          // small integers make ties, so == and <= are exercised
          const x = values(n, seed, -3, 3, specials).map((v) => (v === v && Number.isFinite(v) ? Math.round(v) : v));
          const y = values(n, seed ^ 0x5bd1e995, -3, 3, specials).map((v) => (v === v && Number.isFinite(v) ? Math.round(v) : v));
          const a = new Uint8Array(n), b = new Uint8Array(n);
          wasm.binary[op](x, y, a, n);
          js.binary[op](x, y, b, n);
          expect(a).toEqual(b);
          wasm.binaryScalar[op]!(x, s, a, n);
          js.binaryScalar[op]!(x, s, b, n);
          expect(a).toEqual(b);
        }),
        { numRuns: 40 },
      );
    });
  }
  test("where: tensor and scalar branches, any non-zero condition byte", () => {
    fc.assert(
      fc.property(size, fc.integer(), fc.boolean(), fc.constantFrom(0, 2.5, NaN, -Infinity), (n, seed, specials, s) => {
        const x = values(n, seed, -10, 10, specials), y = values(n, seed ^ 0x2545f491, -10, 10, specials);
        const cond = Uint8Array.from(values(n, seed ^ 0x68e31da4, 0, 3, false), (v) => Math.floor(v) % 2);
        for (const [p, q] of [[x, y], [s, y], [x, s], [s, -s]] as const) {
          const a = new Float32Array(n), b = new Float32Array(n);
          wasm.where(cond, p, q, a, n);
          js.where(cond, p, q, b, n);
          expect(mismatch(a, b, 0)).toBeNull();
        }
      }),
      { numRuns: 40 },
    );
  });
  test("non-float32 arrays and ops without a WebAssembly version fall back to TypeScript", () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i - 150.5);
    const a = new Float64Array(300), b = new Float64Array(300);
    wasm.unary.exp(x, a, 300);
    js.unary.exp(x, b, 300);
    expect(a).toEqual(b);
    const m = new Uint8Array(300);
    wasm.binary.gt(Float32Array.from(x), new Float32Array(300), m, 300);
    expect(m.reduce((s, v) => s + v, 0)).toBe(149);
  });
});

describe("reductions: WebAssembly vs TypeScript", () => {
  const shape = fc.record({
    outer: fc.oneof(fc.constantFrom(1, 2, 3, 7), fc.integer({ min: 1, max: 40 })),
    red: fc.oneof(fc.constantFrom(1, 2, 5, 8, 13, 255, 1025), fc.integer({ min: 1, max: 300 })),
    inner: fc.oneof(fc.constantFrom(1, 3, 4, 9, 513), fc.integer({ min: 1, max: 40 })),
    seed: fc.integer(),
    ties: fc.boolean(),
    specials: fc.boolean(),
  });
  function input(t: { outer: number; red: number; inner: number; seed: number; ties: boolean; specials: boolean }): Float32Array {
    const x = values(t.outer * t.red * t.inner, t.seed, -5, 5, t.specials);
    // Small integers make ties, which must report the first index.
    if (t.ties) for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) x[i] = Math.round(x[i]);
    return x;
  }
  test("sumInner and sumMiddle", () => {
    fc.assert(
      fc.property(shape, (t) => {
        const x = input({ ...t, specials: false });
        const { outer, red, inner } = t;
        const a = new Float32Array(outer * inner), b = new Float32Array(outer * inner);
        wasm.sumMiddle(x, a, outer, red, inner);
        js.sumMiddle(x, b, outer, red, inner);
        for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-6 * 5 * red + 1e-6);
        const c = new Float32Array(outer), d = new Float32Array(outer);
        wasm.sumInner(x, c, outer, red * inner);
        js.sumInner(x, d, outer, red * inner);
        for (let i = 0; i < d.length; i++) expect(Math.abs(c[i] - d[i])).toBeLessThanOrEqual(1e-6 * 5 * red * inner + 1e-6);
      }),
      { numRuns: 80 },
    );
  });
  for (const kind of ["max", "min"] as const) {
    test(`${kind}Inner and ${kind}Middle: values and first indices, NaN wins`, () => {
      fc.assert(
        fc.property(shape, (t) => {
          const x = input(t);
          const { outer, red, inner } = t;
          const mid = kind === "max" ? ["maxMiddle", "maxInner"] as const : ["minMiddle", "minInner"] as const;
          const a = new Float32Array(outer * inner), b = new Float32Array(outer * inner);
          const ia = new Float64Array(outer * inner), ib = new Float64Array(outer * inner);
          wasm[mid[0]](x, a, ia, outer, red, inner);
          js[mid[0]](x, b, ib, outer, red, inner);
          expect(mismatch(a, b, 0)).toBeNull();
          expect(ia).toEqual(ib);
          const c = new Float32Array(outer), d = new Float32Array(outer);
          const ic = new Float64Array(outer), id = new Float64Array(outer);
          wasm[mid[1]](x, c, ic, outer, red * inner);
          js[mid[1]](x, d, id, outer, red * inner);
          expect(mismatch(c, d, 0)).toBeNull();
          expect(ic).toEqual(id);
          wasm[mid[1]](x, c, null, outer, red * inner);
          expect(mismatch(c, d, 0)).toBeNull();
        }),
        { numRuns: 80 },
      );
    });
  }
});

describe("softmax rows: WebAssembly vs TypeScript", () => {
  const shape = fc.record({
    outer: fc.oneof(fc.constantFrom(1, 2, 3, 7, 33), fc.integer({ min: 1, max: 60 })),
    inner: fc.oneof(fc.constantFrom(1, 2, 3, 4, 5, 10, 17, 1000, 5003), fc.integer({ min: 1, max: 64 })),
    seed: fc.integer(),
    scale: fc.constantFrom(1, 10, 60),
    specials: fc.boolean(),
  });
  test("softmaxInner and logSoftmaxInner, including NaN and infinite entries", () => {
    fc.assert(
      fc.property(shape, ({ outer, inner, seed, scale, specials }) => {
        const x = values(outer * inner, seed, -scale, scale, specials);
        const a = new Float32Array(x.length), b = new Float32Array(x.length);
        const rowMax = new Float64Array(outer).fill(-Infinity);
        for (let k = 0; k < x.length; k++) {
          const o = Math.floor(k / inner);
          if (x[k] > rowMax[o] || x[k] !== x[k]) rowMax[o] = x[k];
        }
        // |x - max| for the tolerance, capped (beyond it, probabilities are 0 in both)
        const spread = (k: number) => Math.min(200, Math.abs(x[k] - rowMax[Math.floor(k / inner)]));
        // x - max is rounded to float32 (as PyTorch does; the TS kernel keeps float64), so the
        // error grows with |x - max|: relatively for softmax, absolutely for log-softmax
        let bad: string | null = null;
        const check = (k: number, tol: number) => {
          const ok = Number.isNaN(b[k]) ? Number.isNaN(a[k]) : !Number.isFinite(b[k]) ? a[k] === b[k] : Math.abs(a[k] - b[k]) <= tol;
          if (!ok && bad === null) bad = `at ${k} (row max ${rowMax[Math.floor(k / inner)]}, x ${x[k]}): got ${a[k]}, expected ${b[k]} ± ${tol}`;
        };
        wasm.softmaxInner(x, a, outer, inner);
        js.softmaxInner(x, b, outer, inner);
        for (let k = 0; k < b.length; k++) check(k, (spread(k) + 8) * 2 ** -23 * Math.abs(b[k]) + 1e-38);
        expect(bad, "softmax").toBeNull();
        wasm.logSoftmaxInner(x, a, outer, inner);
        js.logSoftmaxInner(x, b, outer, inner);
        for (let k = 0; k < b.length; k++) check(k, 4 * 2 ** -23 * (spread(k) + Math.abs(b[k]) + Math.log(inner) + 1));
        expect(bad, "log-softmax").toBeNull();
      }),
      { numRuns: 120 },
    );
  });
});

describe("gemm: WebAssembly vs the naive product", () => {
  test("float32: small A·B on the unpacked path (M a multiple of 4, N of 8, up to 2·64³), padded rows", () => {
    fc.assert(
      fc.property(gemmCase, fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 12 }), (t0, m4, n8) => {
        const t = { ...t0, transA: false, transB: false, M: 4 * m4, N: 8 * n8, K: Math.min(t0.K, 64) };
        const p = makeProblem(t, Float32Array);
        runGemm(wasm.gemm, t, p);
        expect(compareGemm(t, p, 1e-5)).toBeNull();
      }),
      { numRuns: 80 },
    );
  });
  test("float32: random shapes, trans flags, leading dimensions and offsets", () => {
    fc.assert(
      fc.property(gemmCase, (t) => {
        const p = makeProblem(t, Float32Array);
        runGemm(wasm.gemm, t, p);
        expect(compareGemm(t, p, 1e-5)).toBeNull();
      }),
      { numRuns: 120 },
    );
  });
  test("float64: random shapes, trans flags, leading dimensions and offsets", () => {
    fc.assert(
      fc.property(gemmCase, (t) => {
        const p = makeProblem(t, Float64Array);
        runGemm(wasm.gemm, t, p);
        expect(compareGemm(t, p, 1e-12)).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
  test("packing op(B) with K = 0 or N = 0 is a no-op (it trapped on a division by zero)", () => {
    const rt = getRuntime()!;
    const p = rt.operands;
    rt.f32.fill(7, p >> 2, (p >> 2) + 16);
    for (const ex of [rt.ex.sgemm_pack_b, rt.ex.dgemm_pack_b]) {
      expect(() => ex(0, 8, 0, p, 8, p, 0, 1)).not.toThrow();
      expect(() => ex(1, 0, 5, p, 5, p, 0, 1)).not.toThrow();
    }
    expect(Array.from(rt.f32.subarray(p >> 2, (p >> 2) + 16))).toEqual(new Array(16).fill(7));
  });

  test("large products split across the worker thread agree too, direct and through the shared memory", async () => {
    // The worker starts on the first large product and reports ready asynchronously.
    const t0 = { transA: false, transB: false, M: 300, N: 260, K: 270, aOff: 3, bOff: 1, cOff: 2, padA: 1, padB: 0, padC: 3, seed: 5 };
    runGemm(wasm.gemm, t0, makeProblem(t0, Float32Array));
    for (let i = 0; i < 50 && !workerStats().workerReady; i++) await new Promise((r) => setTimeout(r, 100));
    expect(workerStats().workerReady).toBe(true);
    for (const direct of [true, false]) {
      const before = workerStats();
      for (const [transA, transB, workerOnly] of [[false, false, true], [true, false, false], [false, true, true], [true, true, false]]) {
        // workerOnly: the calling thread takes no chunk, so the worker's results are checked too.
        configureWorkerForTests({ workerOnly, backoff: false, direct });
        for (const [M, N] of [[200, 140], [130, 233], [37, 500]]) {
          const t = { ...t0, transA, transB, M, N };
          for (const [Arr, tol] of [[Float32Array, 1e-5], [Float64Array, 1e-12]] as const) {
            const p = makeProblem(t, Arr);
            const chunks = workerStats().workerChunks;
            runGemm(wasm.gemm, t, p);
            expect(compareGemm(t, p, tol), `direct ${direct}`).toBeNull();
            // worker-only: every chunk, hence every row checked above, came from the worker
            if (workerOnly) expect(workerStats().workerChunks).toBeGreaterThan(chunks);
          }
        }
      }
      expect(workerStats().sharedJobs - before.sharedJobs).toBe(24);
      // Direct jobs need the host addon, which this project's CI machines (Linux x64, glibc) load.
      expect(workerStats().directJobs - before.directJobs).toBe(direct ? 24 : 0);
    }
    configureWorkerForTests({ workerOnly: false, backoff: true });
  });

  test("a worker that throws while packing or on a chunk: the caller redoes its part, results stay exact", async () => {
    for (let i = 0; i < 50 && !workerStats().workerReady; i++) await new Promise((r) => setTimeout(r, 100));
    expect(workerStats().workerReady).toBe(true);
    // M = 200, N = 140, K = 270: chunks start at rows 0, 52, 92, ... (a quarter of what is left, at least 28)
    const t = { transA: false, transB: true, M: 200, N: 140, K: 270, aOff: 1, bOff: 2, cOff: 0, padA: 2, padB: 1, padC: 1, seed: 9 };
    for (const direct of [true, false]) {
      for (const failAt of [-1, 0, 52]) {
        for (const workerOnly of [true, false]) {
          configureWorkerForTests({ workerOnly, backoff: false, failAt, direct });
          const p = makeProblem(t, Float32Array);
          runGemm(wasm.gemm, t, p);
          expect(compareGemm(t, p, 1e-5), `failAt ${failAt}, workerOnly ${workerOnly}, direct ${direct}`).toBeNull();
        }
      }
    }
    configureWorkerForTests({ workerOnly: false, backoff: true, failAt: null });
  });

  test("large elementwise ops shared with the worker (direct jobs): unary, binary, scalar, in place, failures", async () => {
    const n = 300001; // 18 chunks of 16384 and a short one
    const a = values(n, 21, -5, 5, true), b = values(n, 22, 0.5, 5, false);
    wasm.unary.exp(a, new Float32Array(n), n); // starts the worker if no test did
    for (let i = 0; i < 50 && !workerStats().workerReady; i++) await new Promise((r) => setTimeout(r, 100));
    const cases: [string, (x: Float32Array, out: Float32Array) => void, (x: Float32Array, out: Float32Array) => void][] = [
      ["sigmoid", (x, o) => wasm.unary.sigmoid(x, o, n), (x, o) => js.unary.sigmoid(x, o, n)],
      ["log", (x, o) => wasm.unary.log(x, o, n), (x, o) => js.unary.log(x, o, n)],
      ["add", (x, o) => wasm.binary.add(x, b, o, n), (x, o) => js.binary.add(x, b, o, n)],
      ["div", (x, o) => wasm.binary.div(b, x, o, n), (x, o) => js.binary.div(b, x, o, n)],
      ["mul 2.5", (x, o) => wasm.binaryScalar.mul!(x, 2.5, o, n), (x, o) => js.binaryScalar.mul!(x, 2.5, o, n)],
    ];
    const same = (got: Float32Array, want: Float32Array, what: string) => {
      let bad: string | null = null;
      for (let i = 0; i < n && bad === null; i++) {
        const ok = Number.isNaN(want[i]) ? Number.isNaN(got[i]) : Math.abs(got[i] - want[i]) <= 4e-7 * Math.abs(want[i]) + 1e-30 || got[i] === want[i];
        if (!ok) bad = `${what} at ${i}: ${got[i]} vs ${want[i]}`;
      }
      expect(bad).toBeNull();
    };
    for (const failAt of [null, -1, 0, 16384 * 5]) {
      for (const workerOnly of [true, false]) {
        configureWorkerForTests({ workerOnly, backoff: false, failAt });
        for (const [name, run, ref] of cases) {
          const want = new Float32Array(n), got = new Float32Array(n);
          ref(a, want);
          const before = workerStats();
          run(a, got);
          expect(workerStats().directJobs - before.directJobs, name).toBe(1);
          same(got, want, `${name}, failAt ${failAt}, workerOnly ${workerOnly}`);
          // in place: out is the input
          const x = a.slice();
          run(x, x);
          same(x, want, `${name} in place`);
        }
      }
    }
    configureWorkerForTests({ workerOnly: false, backoff: false, failAt: null });
    // An output overlapping its input at another offset is never shared: chunk order would matter.
    const buf = new Float32Array(n + 8);
    buf.set(a.subarray(0, n), 8);
    const before = workerStats();
    wasm.unary.neg(buf.subarray(8), buf.subarray(0, n), n);
    expect(workerStats().directJobs).toBe(before.directJobs);
    configureWorkerForTests({ workerOnly: false, backoff: true, failAt: null });
  });

  test("large row sums shared with the worker (direct jobs) agree with TypeScript, also when the worker fails", async () => {
    const outer = 600, inner = 513; // chunks of floor(32768 / 513) = 63 rows, at 0, 63, 126, ...
    const x = values(outer * inner, 17, -5, 5, false);
    const want = new Float32Array(outer);
    js.sumInner(x, want, outer, inner);
    wasm.sumInner(x, new Float32Array(outer), outer, inner); // starts the worker if no test did
    for (let i = 0; i < 50 && !workerStats().workerReady; i++) await new Promise((r) => setTimeout(r, 100));
    for (const failAt of [null, -1, 0, 63]) {
      for (const workerOnly of [true, false]) {
        configureWorkerForTests({ workerOnly, backoff: false, failAt });
        const before = workerStats();
        const got = new Float32Array(outer);
        wasm.sumInner(x, got, outer, inner);
        for (let i = 0; i < outer; i++) expect(Math.abs(got[i] - want[i]), `row ${i}, failAt ${failAt}`).toBeLessThanOrEqual(1e-6 * 5 * inner);
        expect(workerStats().directJobs - before.directJobs).toBe(1);
        if (workerOnly && failAt === null) expect(workerStats().workerChunks - before.workerChunks).toBe(Math.ceil(outer / 63));
      }
    }
    configureWorkerForTests({ workerOnly: false, backoff: true, failAt: null });
  });
});
