import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invBatch, LinAlgError, luFactor, solveBatch } from "./linalg-kernels";

interface Err {
  type: string;
  message: string;
}
interface LUCase {
  n: number;
  a: number[][];
  lu: number[][];
  piv: number[];
  info: number;
}
interface InvCase {
  dtype: "float32" | "float64";
  shape: number[];
  a: number[];
  contiguous: boolean;
  expected: number[] | null;
  expected64: number[] | null;
  error: Err | null;
}
interface SolveCase {
  dtype: "float32" | "float64";
  a_shape: number[];
  b_shape: number[];
  a: number[];
  b: number[];
  contiguous: boolean;
  expected: number[] | null;
  expected64: number[] | null;
  error: Err | null;
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/linalg.json"), "utf8")) as {
  lu_factor: LUCase[];
  inv: InvCase[];
  solve: SolveCase[];
};

const storage = (dtype: string, xs: ArrayLike<number>) =>
  dtype === "float32" ? Float32Array.from(xs) : Float64Array.from(xs);

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, label: string) {
  expect(actual.length, label).toBe(expected.length);
  const scale = Math.max(1, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const tol = rtol * scale;
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`${label}[${i}]: ${actual[i]} vs ${expected[i]} (tol ${tol})`);
    }
  }
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

describe("luFactor matches torch.linalg.lu_factor_ex", () => {
  for (const [i, c] of fixture.lu_factor.entries()) {
    it(`case ${i}: n=${c.n}, info=${c.info}`, () => {
      const r = luFactor(c.a.flat(), c.n);
      expect(Array.from(r.piv)).toEqual(c.piv);
      expect(r.info).toBe(c.info);
      expectClose(r.lu, c.lu.flat(), 1e-12, "lu");
    });
  }

  it("reconstructs P A = L U (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * n, maxLength: n * n })),
        ),
        ([n, a]) => {
          const { lu, piv } = luFactor(a, n);
          const pa = a.slice();
          for (let k = 0; k < n; k++) {
            const p = piv[k] - 1;
            for (let j = 0; j < n; j++) [pa[k * n + j], pa[p * n + j]] = [pa[p * n + j], pa[k * n + j]];
          }
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let t = 0; t <= Math.min(i, j); t++) s += (t === i ? 1 : lu[i * n + t]) * lu[t * n + j];
              expect(Math.abs(s - pa[i * n + j])).toBeLessThanOrEqual(1e-9 * 10 * n);
            }
            if (i > 0) for (let t = 0; t < i; t++) expect(Math.abs(lu[i * n + t])).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

describe("invBatch matches torch.linalg.inv", () => {
  for (const [i, c] of fixture.inv.entries()) {
    const n = c.shape[c.shape.length - 1];
    const batch = c.shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const label = `case ${i}: ${c.dtype} (${c.shape.join(", ")})${c.contiguous ? "" : " transposed view"}`;
    it(label + (c.error ? " raises" : ""), () => {
      const a = storage(c.dtype, c.a);
      const out = storage(c.dtype, new Array(a.length).fill(0));
      const run = () => invBatch(a, batch, n, out, { batched: c.shape.length > 2, contiguous: c.contiguous });
      if (c.error) {
        const e = catchError(run);
        expect(e).toBeInstanceOf(LinAlgError);
        expect((e as Error).name).toBe("LinAlgError");
        expect((e as Error).message).toBe(c.error.message);
        return;
      }
      run();
      if (c.dtype === "float64") {
        expectClose(out, c.expected!, 1e-10, "inv");
      } else {
        // computed in double, rounded once: within float32 rounding of the exact answer
        expectClose(out, c.expected64!, 2e-7, "inv vs exact");
        expectClose(out, c.expected!, 1e-5, "inv vs torch float32");
      }
    });
  }

  it("inverts random diagonally dominant batches (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, batch, seed) => {
          const a = randomMatrices(batch, n, seed);
          const inv = invBatch(a, batch, n, new Float64Array(a.length));
          for (let b = 0; b < batch; b++) {
            const prod = matmul(a.subarray(b * n * n), inv.subarray(b * n * n), n, n, n);
            for (let i = 0; i < n; i++)
              for (let j = 0; j < n; j++) expect(Math.abs(prod[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
          }
        },
      ),
    );
  });

  it("handles empty batches and 0×0 matrices", () => {
    expect(invBatch(new Float64Array(0), 0, 3, new Float64Array(0))).toHaveLength(0);
    expect(invBatch(new Float64Array(0), 4, 0, new Float64Array(0))).toHaveLength(0);
  });

  it("rejects buffers shorter than the batch", () => {
    expect(() => invBatch(new Float64Array(8), 2, 2, new Float64Array(4))).toThrow(
      "invBatch: out has 4 elements, expected at least 8",
    );
  });
});

describe("solveBatch matches torch.linalg.solve", () => {
  for (const [i, c] of fixture.solve.entries()) {
    const n = c.a_shape[c.a_shape.length - 1];
    const k = c.b_shape[c.b_shape.length - 1];
    const batch = c.a_shape.slice(0, -2).reduce((x, y) => x * y, 1);
    const label = `case ${i}: ${c.dtype} A (${c.a_shape.join(", ")}) B (${c.b_shape.join(", ")})`;
    it(label + (c.contiguous ? "" : " transposed view") + (c.error ? " raises" : ""), () => {
      const a = storage(c.dtype, c.a);
      const b = storage(c.dtype, c.b);
      const out = storage(c.dtype, new Array(b.length).fill(0));
      const opts = { batched: c.a_shape.length > 2, contiguous: c.contiguous };
      const run = () => solveBatch(a, b, batch, n, k, out, opts);
      if (c.error) {
        const e = catchError(run);
        expect(e).toBeInstanceOf(LinAlgError);
        expect((e as Error).message).toBe(c.error.message);
        return;
      }
      run();
      if (c.dtype === "float64") {
        expectClose(out, c.expected!, 1e-10, "solve");
      } else {
        expectClose(out, c.expected64!, 2e-7, "solve vs exact");
        expectClose(out, c.expected!, 1e-5, "solve vs torch float32");
      }
    });
  }

  it("solves random systems to a small residual (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.boolean(),
        (n, k, seed, contiguous) => {
          const a = randomMatrices(1, n, seed);
          const b = Float64Array.from({ length: n * k }, (_, i) => Math.sin(seed + i));
          const x = solveBatch(a, b, 1, n, k, new Float64Array(n * k), { contiguous });
          const ax = matmul(a, x, n, n, k);
          for (let i = 0; i < n * k; i++) expect(Math.abs(ax[i] - b[i])).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it("names the batch element only for batched input by default", () => {
    const singular = new Float64Array([1, 2, 2, 4]);
    const eye = new Float64Array([1, 0, 0, 1]);
    const two = new Float64Array([...eye, ...singular]);
    const ones = new Float64Array(4).fill(1);
    expect(() => solveBatch(singular, ones.subarray(0, 2), 1, 2, 1, new Float64Array(2))).toThrow(
      /^torch\.linalg\.solve: The solver failed/,
    );
    expect(() => solveBatch(two, ones, 2, 2, 1, new Float64Array(4))).toThrow(
      /^torch\.linalg\.solve: \(Batch element 1\): The solver failed/,
    );
    expect(() => invBatch(two, 2, 2, new Float64Array(8))).toThrow(
      "linalg.inv: (Batch element 1): The diagonal element 2 is zero",
    );
  });
});

/** Deterministic diagonally dominant test matrices. */
function randomMatrices(batch: number, n: number, seed: number): Float64Array {
  const out = new Float64Array(batch * n * n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) out[b * n * n + i * n + i] += n + 1;
  return out;
}

function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, n: number, k: number): Float64Array {
  const c = new Float64Array(m * k);
  for (let i = 0; i < m; i++)
    for (let t = 0; t < n; t++) for (let j = 0; j < k; j++) c[i * k + j] += a[i * n + t] * b[t * k + j];
  return c;
}
