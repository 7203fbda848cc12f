/**
 * Properties of the shape algebra, checked against small independent
 * references: broadcasting, reshape/permute round trips, reductions, matmul,
 * and that errors are raised exactly when PyTorch's shape rules say so.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./tensor";

const dim = fc.integer({ min: 0, max: 4 });
const shapeArb = (maxRank = 4, maxDim = 4) => fc.array(fc.integer({ min: 0, max: maxDim }), { maxLength: maxRank });

/** NumPy's broadcasting rule, written out: null when the shapes are incompatible. */
function refBroadcast(a: number[], b: number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return null;
  }
  return out;
}

/** Shape pairs that are often (not always) broadcast-compatible: b derives from a. */
const shapePair = shapeArb().chain((a) =>
  fc.tuple(
    fc.constant(a),
    fc
      .tuple(
        fc.integer({ min: 0, max: a.length }),
        fc.array(fc.constantFrom("same", "one", "any"), { minLength: a.length, maxLength: a.length }),
        fc.array(dim, { minLength: a.length, maxLength: a.length }),
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
      )
      .map(([drop, how, sizes, lead]) => [
        ...lead,
        ...a.slice(drop).map((d, i) => (how[i + drop] === "same" ? d : how[i + drop] === "one" ? 1 : sizes[i + drop])),
      ]),
  ),
);

/** Row-major values 0..n-1 as float64 (exact in every test below). */
const iota = (shape: number[]): Tensor => torch.arange(shape.reduce((p, s) => p * s, 1), { dtype: torch.float64 }).reshape(shape);

function permutationArb(n: number) {
  return fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );
}

describe("broadcasting", () => {
  it("broadcastShapes agrees with the reference and is symmetric", () => {
    fc.assert(
      fc.property(shapePair, ([a, b]) => {
        const ref = refBroadcast(a, b);
        if (ref === null) {
          expect(() => torch.broadcastShapes("add", a, b)).toThrow(torch.RuntimeError);
          expect(() => torch.broadcastShapes("add", b, a)).toThrow(torch.RuntimeError);
        } else {
          expect(torch.broadcastShapes("add", a, b)).toEqual(ref);
          expect(torch.broadcastShapes("add", b, a)).toEqual(ref);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("binary ops produce the broadcast shape and the broadcast values, or raise exactly when incompatible", () => {
    fc.assert(
      fc.property(shapePair, ([a, b]) => {
        const ref = refBroadcast(a, b);
        const x = iota(a);
        const y = iota(b).mul(10);
        if (ref === null) {
          expect(() => x.add(y)).toThrow(torch.RuntimeError);
          return;
        }
        const z = x.add(y);
        expect([...z.shape]).toEqual(ref);
        // every element is x[bcast idx] + y[bcast idx]
        expect(z.equal(x.expand(ref).contiguous().add(y.expand(ref).contiguous()))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the error names the op, both shapes and the offending dim", () => {
    expect(() => torch.ones(2, 3).mul(torch.ones(4, 1, 2))).toThrow(/mul.*size of tensor a \(3\).*tensor b \(2\).*dimension 2.*\[2,3\].*\[4,1,2\]/);
  });
});

describe("reshape and permute", () => {
  /** A shape and a random re-factorisation of its numel (with an optional -1). */
  const reshapeCase = shapeArb(4, 4).chain((s) => {
    const n = s.reduce((p, d) => p * d, 1);
    const divisors = Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
    const factorise = fc.array(fc.constantFrom(...(divisors.length ? divisors : [1])), { maxLength: 3 }).map((fs) => {
      const out: number[] = [];
      let rest = n;
      for (const f of fs) if (rest % f === 0) (out.push(f), (rest /= f));
      out.push(rest);
      return out;
    });
    return fc.tuple(fc.constant(s), factorise, fc.nat());
  });

  it("reshape there and back gives the same values, with -1 inferred", () => {
    fc.assert(
      fc.property(reshapeCase, ([s, target, k]) => {
        const x = iota(s);
        const withInfer = target.slice();
        if (target.reduce((p, d) => p * d, 1) > 0) withInfer[k % target.length] = -1;
        const y = x.reshape(withInfer);
        expect([...y.shape]).toEqual(target);
        expect(y.reshape(s).equal(x)).toBe(true);
        expect(Array.from(y.toTypedArray())).toEqual(Array.from(x.toTypedArray()));
      }),
      { numRuns: 300 },
    );
  });

  it("reshape of a non-contiguous view keeps row-major order", () => {
    fc.assert(
      fc.property(reshapeCase, ([s, target]) => {
        fc.pre(s.length >= 2);
        const x = iota(s).transpose(0, -1);
        const y = x.reshape(target);
        expect(Array.from(y.toTypedArray())).toEqual(Array.from(x.contiguous().toTypedArray()));
      }),
      { numRuns: 200 },
    );
  });

  it("permute by p then by p⁻¹ is the identity, a view of the same storage", () => {
    fc.assert(
      fc.property(shapeArb(5, 3).chain((s) => fc.tuple(fc.constant(s), permutationArb(s.length))), ([s, p]) => {
        const x = iota(s);
        const inv = new Array<number>(p.length);
        p.forEach((d, i) => (inv[d] = i));
        const y = x.permute(p);
        expect([...y.shape]).toEqual(p.map((d) => s[d]));
        const back = y.permute(inv);
        expect(back.equal(x)).toBe(true);
        expect(back._storage).toBe(x._storage);
        // element [i0, i1, ...] of y is x at the permuted index
        if (x.numel() > 0) {
          const idx = s.map((d, i) => (i * 7) % Math.max(d, 1));
          expect(Number(y.get(...p.map((d) => idx[d])))).toBe(Number(x.get(...idx)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("view succeeds exactly when no copy is needed (contiguous input always views)", () => {
    fc.assert(
      fc.property(reshapeCase, ([s, target]) => {
        const x = iota(s);
        const v = x.view(target);
        expect(v._storage).toBe(x._storage);
      }),
    );
  });
});

describe("reductions", () => {
  const subsetCase = shapeArb(4, 4).chain((s) => fc.tuple(fc.constant(s), fc.subarray(s.map((_, i) => i)), fc.boolean()));

  it("sum over some dims and then the rest equals the total", () => {
    fc.assert(
      fc.property(subsetCase, ([s, dims, keepdim]) => {
        const x = iota(s);
        const total = x.numel() === 0 ? 0 : ((x.numel() - 1) * x.numel()) / 2;
        expect(Number(x.sum())).toBe(total);
        const partial = x.sum(dims, { keepdim });
        const expectShape = keepdim ? s.map((d, i) => (dims.includes(i) || dims.length === 0 ? 1 : d)) : dims.length === 0 ? [] : s.filter((_, i) => !dims.includes(i));
        expect([...partial.shape]).toEqual(expectShape);
        expect(Number(partial.sum())).toBe(total);
        // negative dims name the same axes
        expect(x.sum(dims.map((d) => d - s.length), { keepdim }).equal(partial)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("sum of a permuted view equals the sum of the original along the matching dims", () => {
    fc.assert(
      fc.property(
        shapeArb(4, 3).chain((s) => fc.tuple(fc.constant(s), permutationArb(s.length))),
        ([s, p]) => {
          fc.pre(s.length > 0);
          const x = iota(s);
          const y = x.permute(p);
          expect(y.sum(0).equal(x.sum(p[0]).permute(p.slice(1).map((d) => (d > p[0] ? d - 1 : d))))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Naive reference matmul over nested JS arrays (1-D operands promoted and demoted as in PyTorch). */
function refMatmul(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  const as = [...a.shape];
  const bs = [...b.shape];
  const A = a.ndim === 1 ? a.unsqueeze(0) : a;
  const B = b.ndim === 1 ? b.unsqueeze(1) : b;
  const [M, K] = [...A.shape].slice(-2);
  const N = B.shape[B.ndim - 1];
  const batch = refBroadcast([...A.shape].slice(0, -2), [...B.shape].slice(0, -2))!;
  const Ae = A.expand([...batch, M, K]).contiguous().toTypedArray();
  const Be = B.expand([...batch, K, N]).contiguous().toTypedArray();
  const nb = batch.reduce((p, s) => p * s, 1);
  const values: number[] = [];
  for (let q = 0; q < nb; q++) {
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let acc = 0;
        for (let k = 0; k < K; k++) acc += Ae[q * M * K + i * K + k] * Be[q * K * N + k * N + j];
        values.push(acc);
      }
    }
  }
  const shape = [...batch, ...(as.length === 1 ? [] : [M]), ...(bs.length === 1 ? [] : [N])];
  return { shape, values };
}

describe("matmul", () => {
  const small = fc.integer({ min: 1, max: 5 });
  const batchPair = fc.tuple(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }));
  const operand = (batch: number[], rows: number, cols: number, trans: boolean, seed: number): Tensor => {
    const n = batch.reduce((p, s) => p * s, 1) * rows * cols;
    const vals = torch.arange(n, { dtype: torch.float64 }).mul(7).add(seed).remainder(11).sub(5);
    // trans: build [.., cols, rows] and view it transposed, so the kernel sees a non-contiguous operand
    return trans ? vals.reshape([...batch, cols, rows]).mT : vals.reshape([...batch, rows, cols]);
  };

  it("matches a naive product for broadcast batches, transposed views and 1-D operands", () => {
    fc.assert(
      fc.property(small, small, small, batchPair, fc.boolean(), fc.boolean(), fc.constantFrom("mm", "vec-left", "vec-right", "dot"), (M, K, N, [ba, bb], ta, tb, kind) => {
        // make the batch shapes broadcast-compatible by setting clashing dims of b to 1
        const n = Math.min(ba.length, bb.length);
        const bb2 = bb.map((d, i) => {
          const j = ba.length - bb.length + i;
          return j >= 0 && i >= bb.length - n && ba[j] !== d ? 1 : d;
        });
        let a = operand(ba, M, K, ta, 1);
        let b = operand(bb2, K, N, tb, 2);
        if (kind === "vec-left" || kind === "dot") a = torch.arange(K, { dtype: torch.float64 }).sub(2);
        if (kind === "vec-right" || kind === "dot") b = torch.arange(K, { dtype: torch.float64 }).mul(-1).add(1);
        const ref = refMatmul(a, b);
        const got = torch.matmul(a, b);
        expect([...got.shape]).toEqual(ref.shape);
        expect(Array.from(got.toTypedArray())).toEqual(ref.values);
      }),
      { numRuns: 300 },
    );
  });

  it("float32 products agree with the float64 reference within float32 rounding", () => {
    fc.assert(
      fc.property(small, fc.integer({ min: 1, max: 40 }), small, fc.boolean(), (M, K, N, trans) => {
        const a = torch.linspace(-1, 1, M * K, { dtype: torch.float32 }).reshape(M, K);
        const b0 = torch.linspace(2, -1, K * N, { dtype: torch.float32 });
        const b = trans ? b0.reshape(N, K).t() : b0.reshape(K, N);
        const ref = refMatmul(a.double(), b.double());
        const got = Array.from(a.mm(b).toTypedArray());
        got.forEach((v, i) => expect(Math.abs(v - ref.values[i])).toBeLessThanOrEqual(1e-5 * K));
      }),
    );
  });

  it("raises exactly when the inner dims differ", () => {
    fc.assert(
      fc.property(small, small, small, small, (M, K, K2, N) => {
        const f = () => torch.matmul(torch.ones(M, K), torch.ones(K2, N));
        if (K === K2) expect([...f().shape]).toEqual([M, N]);
        else expect(f).toThrow(/matmul.*cannot be multiplied \(\d+x\d+ and \d+x\d+\)/);
      }),
    );
  });
});

describe("errors exactly where PyTorch's shape rules say", () => {
  it("reshape: one -1 at most, sizes must multiply to numel", () => {
    fc.assert(
      fc.property(shapeArb(3, 4), fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 4 }), (s, target) => {
        const n = s.reduce((p, d) => p * d, 1);
        const infer = target.filter((d) => d === -1).length;
        const rest = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
        const ok = infer === 0 ? rest === n : infer === 1 && rest !== 0 && n % rest === 0;
        const f = () => torch.zeros(s).reshape(target);
        if (ok) expect(f().numel()).toBe(n);
        else expect(f).toThrow(torch.RuntimeError);
      }),
      { numRuns: 500 },
    );
  });

  it("cat: same rank, equal sizes off the cat dim; dim in range", () => {
    fc.assert(
      // (a is never a 1-D empty tensor: PyTorch would skip it and take the rank from b)
      fc.property(shapeArb(3, 3).filter((s) => s.length > 0 && !(s.length === 1 && s[0] === 0)), shapeArb(3, 3), fc.integer({ min: -4, max: 3 }), (a, b, d) => {
        const f = () => torch.cat([torch.zeros(a), torch.ones(b)], d);
        const legacyEmpty = b.length === 1 && b[0] === 0; // PyTorch skips 1-D empty tensors
        const inRange = d >= -a.length && d < a.length;
        const nd = d < 0 ? d + a.length : d;
        const ok = inRange && (legacyEmpty || (a.length === b.length && a.every((s, i) => i === nd || s === b[i])));
        if (ok) {
          const r = f();
          expect(r.shape[nd]).toBe(a[nd] + (legacyEmpty ? 0 : b[nd]));
        } else if (!inRange) expect(f).toThrow(torch.IndexError);
        else expect(f).toThrow(torch.RuntimeError);
      }),
      { numRuns: 500 },
    );
  });

  it("integer indices and dims: in range or IndexError", () => {
    fc.assert(
      fc.property(shapeArb(3, 4).filter((s) => s.length > 0), fc.integer({ min: -6, max: 6 }), fc.integer({ min: -5, max: 5 }), (s, i, d) => {
        const x = torch.zeros(s);
        if (i >= -s[0] && i < s[0]) expect([...x.get(i).shape]).toEqual(s.slice(1));
        else expect(() => x.get(i)).toThrow(torch.IndexError);
        const dimOk = d >= -s.length && d < s.length;
        for (const f of [() => x.sum(d), () => x.select(d, 0), () => x.transpose(0, d), () => x.cumsum(d), () => x.size(d)]) {
          if (!dimOk) expect(f).toThrow(torch.IndexError);
        }
        if (dimOk) expect([...x.sum(d).shape]).toEqual(s.filter((_, k) => k !== (d + s.length) % s.length));
        expect(() => x.unsqueeze(s.length + 1)).toThrow(torch.IndexError);
        expect([...x.unsqueeze(-(s.length + 1)).shape]).toEqual([1, ...s]);
      }),
      { numRuns: 300 },
    );
  });

  it("expand: sizes match or are 1, leading dims are new", () => {
    fc.assert(
      fc.property(shapePair, ([a, b]) => {
        const canExpand = a.length <= b.length && a.every((d, i) => d === 1 || d === b[b.length - a.length + i]);
        const f = () => torch.zeros(a).expand(b);
        if (canExpand) expect([...f().shape]).toEqual(b);
        else expect(f).toThrow(torch.RuntimeError);
      }),
      { numRuns: 300 },
    );
  });
});
