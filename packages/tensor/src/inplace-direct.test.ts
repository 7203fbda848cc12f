/**
 * The direct in-place path (inplace-direct.ts): with no tracer installed (this package alone),
 * add_, sub_, mul_, div_ and clamp_ on a contiguous float target compute into its storage.
 * They must allocate no storage, give the out-of-place result bit for bit, reach every view
 * of the storage and bump the version; the other cases keep today's copy semantics.
 */
import { afterAll, describe, expect, it } from "vitest";
import * as torch from "./index";
import { allocationCount } from "./dtype";
import { getBackend, setBackend } from "./kernels/registry";
import type { Tensor } from "./tensor";
import type { TensorLike } from "./tensor-types";

type Case = { name: string; run: (x: Tensor, o: TensorLike) => Tensor; ref: (x: Tensor, o: TensorLike) => Tensor };
const CASES: Case[] = [
  { name: "add_", run: (x, o) => x.add_(o), ref: (x, o) => x.add(o) },
  { name: "add_ alpha", run: (x, o) => x.add_(o, { alpha: -1.3 }), ref: (x, o) => x.add(o, { alpha: -1.3 }) },
  { name: "sub_", run: (x, o) => x.sub_(o), ref: (x, o) => x.sub(o) },
  { name: "sub_ alpha", run: (x, o) => x.sub_(o, { alpha: 0.5 }), ref: (x, o) => x.sub(o, { alpha: 0.5 }) },
  { name: "sub_ alpha 0.1", run: (x, o) => x.sub_(o, { alpha: 0.1 }), ref: (x, o) => x.sub(o, { alpha: 0.1 }) },
  { name: "mul_", run: (x, o) => x.mul_(o), ref: (x, o) => x.mul(o) },
  { name: "div_", run: (x, o) => x.div_(o), ref: (x, o) => x.div(o) },
];

const gen = () => torch.manualSeed(7);
/** Values in [-3, 3) with a few zeros, so div_ meets ±inf and 0/0. */
function values(shape: number[], dtype: torch.DType): Tensor {
  const t = torch.rand(shape, { dtype }).mul(6).sub(3);
  const flat = t.reshape([-1]);
  if (flat.shape[0] > 3) flat.narrow(0, 0, 2).zero_();
  return t;
}

/** Same shape, dtype and bits (NaN payloads aside; -0 and +0 differ). */
function sameBits(got: Tensor, want: Tensor, what: string): void {
  expect(got.shape, what).toEqual(want.shape);
  expect(got.dtype, what).toBe(want.dtype);
  const g = got.contiguous()._values(), w = want.contiguous()._values();
  for (let i = 0; i < w.length; i++) {
    if (!Object.is(g[i], w[i]) && !(g[i] !== g[i] && w[i] !== w[i])) {
      throw new Error(`${what}: element ${i} is ${g[i]}, expected ${w[i]}`);
    }
  }
}

const backend = getBackend();
afterAll(() => setBackend(backend));

describe.each(["js", "wasm"] as const)("direct in-place ops (%s kernels)", (name) => {
  it.each([torch.float32, torch.float64])("equal the out-of-place ops bit for bit, for each operand kind (%s)", (dtype) => {
    setBackend(name);
    gen();
    const shape = [40, 70]; // 2800 elements: above the WebAssembly threshold
    const operands: [string, () => TensorLike][] = [
      ["same-shape tensor", () => values(shape, dtype)],
      ["number", () => 1.7],
      ["integer number", () => 3],
      ["one-element tensor", () => values([1], dtype).add(5)],
      ["0-d float64 tensor", () => torch.tensor(0.3, { dtype: torch.float64 })],
      ["row of 70 (broadcast)", () => values([70], dtype)],
      ["row of 1x70 (broadcast)", () => values([1, 70], dtype)],
      ["column broadcast", () => values([40, 1], dtype)],
    ];
    for (const c of CASES) {
      for (const [what, make] of operands) {
        const base = values(shape, dtype);
        const other = make();
        const x = base.clone();
        const want = c.ref(x, other);
        const v0 = x._storage.version;
        expect(c.run(x, other), `${c.name}, ${what}`).toBe(x);
        sameBits(x, want, `${c.name} with a ${what} (${dtype})`);
        expect(x._storage.version, `${c.name}, ${what}`).toBe(v0 + 1);
      }
    }
    // the short row has its own shape: [5, 7] target
    const t = values([5, 7], dtype);
    const row = values([7], dtype);
    const want = t.mul(row);
    t.mul_(row);
    sameBits(t, want, "mul_ with a row of 7");
  });

  it("clamp_ equals clamp, and takes the direct path", () => {
    setBackend(name);
    gen();
    for (const dtype of [torch.float32, torch.float64]) {
      const x = values([1000], dtype);
      x.narrow(0, 5, 1).fill_(NaN);
      for (const [lo, hi] of [[-1, 2], [null, 0.5], [-0.25, null], [2, 1]] as const) {
        const y = x.clone();
        const a0 = allocationCount();
        y.clamp_(lo, hi);
        expect(allocationCount() - a0).toBe(0);
        sameBits(y, x.clamp(lo, hi), `clamp_(${lo}, ${hi})`);
        const z = x.clone();
        z.clamp_({ min: lo, max: hi });
        sameBits(z, x.clamp(lo, hi), `clamp_({ min: ${lo}, max: ${hi} })`);
      }
      expect(() => x.clone().clamp_()).toThrow(/At least one of 'min' or 'max'/);
    }
  });
});

describe("direct in-place ops: storage", () => {
  const N = 1 << 20;
  it("allocate no storage on 1M float32 elements (add_, mul_, sub_ with alpha, div_, clamp_), also through a slice view", () => {
    gen();
    const x = torch.rand([N]);
    const y = torch.rand([N]);
    const big = torch.rand([N + 100]);
    const view = big.narrow(0, 50, N); // contiguous, at an offset
    const ops: [string, (t: Tensor) => unknown][] = [
      ["add_(y)", (t) => t.add_(y)],
      ["mul_(2)", (t) => t.mul_(2)],
      ["sub_(y, { alpha: 0.5 })", (t) => t.sub_(y, { alpha: 0.5 })],
      ["add_(1, { alpha: 2 })", (t) => t.add_(1, { alpha: 2 })],
      ["div_(y)", (t) => t.div_(y)],
      ["mul_(one-element tensor)", (t) => t.mul_(torch.ones([1]).mul(0.5))],
      ["clamp_(-1, 1)", (t) => t.clamp_(-1, 1)],
      ["add_(itself)", (t) => t.add_(t)],
    ];
    for (const [what, op] of ops) {
      for (const t of [x, view]) {
        op(t); // warm-up: sub_'s scratch for alpha·y is allocated once per dtype
        const extra = what.startsWith("mul_(one") ? 3 : 0; // the operand's own ones() and mul
        const a0 = allocationCount();
        op(t);
        expect(allocationCount() - a0, what).toBe(extra);
      }
    }
    // the counter does count: the out-of-place op allocates its result
    const a0 = allocationCount();
    x.add(y);
    expect(allocationCount() - a0).toBe(1);
  });

  it("reach every view of the target's storage, and leave the rest of it alone", () => {
    const base = torch.arange(0, 10, { dtype: torch.float32 });
    const target = base.narrow(0, 2, 6);
    const alias = base.reshape([2, 5]);
    const v0 = base._storage.version;
    target.mul_(10).sub_(torch.ones([6]), { alpha: 0.5 });
    expect(base.tolist()).toEqual([0, 1, 19.5, 29.5, 39.5, 49.5, 59.5, 69.5, 8, 9]);
    expect(alias.tolist()).toEqual([[0, 1, 19.5, 29.5, 39.5], [49.5, 59.5, 69.5, 8, 9]]);
    expect(base._storage.version).toBe(v0 + 2);
    expect(alias._storage.version).toBe(v0 + 2);
  });

  it("a partly overlapping operand raises PyTorch's overlap error; the very same elements do not", () => {
    const x = torch.arange(0, 6, { dtype: torch.float64 });
    expect(() => x.narrow(0, 1, 5).add_(x.narrow(0, 0, 5))).toThrow(/^add_: unsupported operation: some elements of the input tensor and the written-to tensor/);
    const y = torch.arange(0, 6, { dtype: torch.float64 });
    expect(() => y.narrow(0, 0, 5).mul_(y.narrow(0, 1, 5))).toThrow(/^mul_: unsupported operation/);
    expect(y.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
    y.narrow(0, 1, 5).mul_(y.narrow(0, 1, 5));
    expect(y.tolist()).toEqual([0, 1, 4, 9, 16, 25]);
  });

  it("non-contiguous targets and other dtypes keep the out-of-place path and its errors", () => {
    const x = torch.arange(0, 6, { dtype: torch.float32 }).reshape([2, 3]);
    const t = x.t();
    t.add_(torch.tensor([1, 2]));
    expect(x.tolist()).toEqual([[1, 2, 3], [5, 6, 7]]);
    const i = torch.tensor([1, 2, 3]);
    expect(() => i.div_(2)).toThrow(/result type Float can't be cast to the desired output type Long$/);
    expect(() => torch.ones([3]).add_(torch.ones([2, 3]))).toThrow(/doesn't match the broadcast shape/);
    expect(() => torch.ones([3], { dtype: torch.float32 }).sub_(torch.tensor([true, false, true]))).toThrow(/Subtraction/);
    const f = torch.ones([3], { dtype: torch.float32 });
    f.add_(torch.ones([3], { dtype: torch.float64 }));
    expect(f.dtype).toBe(torch.float32);
    expect(f.tolist()).toEqual([2, 2, 2]);
    const u = torch.tensor([250, 3], { dtype: torch.uint8 });
    u.add_(10);
    expect(u.tolist()).toEqual([4, 13]);
  });
});
