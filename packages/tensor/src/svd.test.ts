/**
 * torch.linalg.svd / svdvals: singular values against PyTorch 1.13.1 (fixtures/svd.json,
 * from gen_svd.py), and, since singular vectors are unique only up to sign, reconstruction
 * U diag(S) Vh = A and orthonormality of U and Vh for random shapes (fast-check).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Tensor } from "./tensor";

interface Case { name: string; dtype: "float32" | "float64"; shape: number[]; values: number[]; svdvals: number[]; norm2: number[]; normNeg2: number[]; nuc: number[] }
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/svd.json"), "utf8")) as { cases: Case[] };

const close = (got: number[], want: number[], tol: number) => {
  expect(got.length).toBe(want.length);
  const scale = Math.max(1, ...want.map(Math.abs));
  got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThanOrEqual(tol * scale));
};
const maxAbs = (t: Tensor) => (t.numel() === 0 ? 0 : (t.abs().max().item() as number));

/** ‖U diag(S) Vh − A‖ and ‖UᴴU − I‖, ‖Vh Vhᴴ − I‖ (reduced) for a float64 A. */
function check(A: Tensor, full: boolean, tol: number): void {
  const { U, S, Vh } = torch.linalg.svd(A, { fullMatrices: full });
  const [m, n] = A.shape.slice(-2);
  const k = Math.min(m, n);
  const batch = A.shape.slice(0, -2);
  expect(U.shape).toEqual([...batch, m, full ? m : k]);
  expect(S.shape).toEqual([...batch, k]);
  expect(Vh.shape).toEqual([...batch, full ? n : k, n]);
  const Uk = U.narrow(-1, 0, k);
  const Vk = Vh.narrow(-2, 0, k);
  expect(maxAbs(Uk.mul(S.unsqueeze(-2)).matmul(Vk).sub(A))).toBeLessThanOrEqual(tol * Math.max(1, maxAbs(A)));
  expect(maxAbs(U.mT.matmul(U).sub(torch.eye(U.shape.at(-1)!, { dtype: A.dtype })))).toBeLessThanOrEqual(tol);
  expect(maxAbs(Vh.matmul(Vh.mT).sub(torch.eye(Vh.shape.at(-2)!, { dtype: A.dtype })))).toBeLessThanOrEqual(tol);
  const s = S.reshape(-1, k).tolist() as number[][];
  for (const row of s) for (let i = 1; i < row.length; i++) expect(row[i]).toBeLessThanOrEqual(row[i - 1]);
}

describe("linalg.svdvals and the SVD norms match PyTorch (LAPACK)", () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const A = torch.tensor(c.values, { dtype: torch[c.dtype] }).reshape(c.shape);
      const tol = c.dtype === "float32" ? 2e-6 : 1e-12;
      close(torch.linalg.svdvals(A).reshape(-1).tolist() as number[], c.svdvals, tol);
      const mats = A.reshape(-1, ...c.shape.slice(-2));
      close([...mats].map((m) => torch.linalg.norm(m, 2).item() as number), c.norm2, tol);
      close([...mats].map((m) => torch.linalg.norm(m, -2).item() as number), c.normNeg2, tol);
      close([...mats].map((m) => torch.linalg.norm(m, "nuc").item() as number), c.nuc, tol);
      close([...mats].map((m) => m.norm("nuc").item() as number), c.nuc, tol);
      check(A.double(), true, 1e-12);
    });
  }
});

describe("linalg.svd", () => {
  it("reconstructs A with orthonormal U and Vh, full and reduced, for random shapes", () => {
    const dims = fc.tuple(fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(dims, ([batch, m, n, full, rankDrop]) => {
        let A = torch.randn([...batch, m, n], { dtype: torch.float64 });
        // rank-deficient inputs too: zero some columns' contribution
        if (rankDrop > 0 && n > rankDrop) A = A.matmul(torch.diag(torch.tensor(Array.from({ length: n }, (_, i) => (i < rankDrop ? 0 : 1)), { dtype: torch.float64 })));
        check(A, full, 1e-11);
      }),
      { numRuns: 150 },
    );
  });

  it("float32 in, float32 out; destructures as [U, S, Vh]; empty matrices as PyTorch", () => {
    const A = torch.tensor([[3, 1, 2], [1, 4, 0.5]], { dtype: torch.float32 });
    const [U, S, Vh] = torch.linalg.svd(A);
    expect([U.dtype, S.dtype, Vh.dtype]).toEqual([torch.float32, torch.float32, torch.float32]);
    expect(U.mul(S.unsqueeze(-2)).matmul(Vh.narrow(0, 0, 2)).sub(A).abs().max().item()).toBeLessThan(1e-5);
    const e = torch.linalg.svd(torch.zeros(0, 3));
    expect([e.U.shape, e.S.shape, e.Vh.shape]).toEqual([[0, 0], [0], [3, 3]]);
    expect(e.Vh.tolist()).toEqual(torch.eye(3).tolist());
  });

  it("raises PyTorch's errors", () => {
    expect(() => torch.linalg.svd(torch.ones(3))).toThrow(/^linalg.svd: The input tensor A must have at least 2 dimensions/);
    expect(() => torch.linalg.svd(torch.ones(2, 2, { dtype: torch.int64 }))).toThrow(/^linalg.svd: Expected a floating point or complex tensor as input. Got Long/);
    expect(() => torch.linalg.svd(torch.ones(2, 2), { full_matrices: false } as never)).toThrow(/unknown option 'full_matrices' \(did you mean 'fullMatrices'\?\)/);
    expect(() => torch.linalg.svdvals(torch.tensor([[NaN, 1], [0, 1]]))).toThrow(/failed to converge/);
    const A = torch.tensor([[3, 1, 2], [1, 4, 0.5]]);
    expect(() => A.norm("abc" as never)).toThrow(/^norm: only valid string values are 'fro' and 'nuc', found abc/);
    expect(() => torch.linalg.norm(A, "abc" as never)).toThrow(/^linalg.matrix_norm: Order abc not supported\./);
    expect(() => torch.linalg.norm(A, 3)).toThrow(/^linalg.matrix_norm: Order 3 not supported\./);
    expect(() => torch.ones(2, 2, 2).norm("nuc")).toThrow(/Expected a tensor with 2 dimensions, but got a tensor with 3 dimensions instead/);
    expect(() => torch.ones(3).norm("nuc")).toThrow(/but got a tensor with 1 dimension instead/);
    expect(() => A.norm("nuc", { dim: 0 })).toThrow(/nuclear norm requires a 'dim' argument of size 2/);
    expect(() => torch.linalg.norm(torch.ones(3), "nuc")).toThrow(/^linalg.matrix_norm: The input tensor A must have at least 2 dimensions/);
  });

  it("the nuclear norm over two dims keeps or drops them as PyTorch", () => {
    const x = torch.ones(2, 2, 2);
    expect(x.norm("nuc", { dim: [0, 2] }).tolist()).toEqual([2, 2].map((v) => expect.closeTo(v, 12)));
    expect(torch.tensor([[3, 1, 2], [1, 4, 0.5]]).norm("nuc", { keepdim: true }).shape).toEqual([1, 1]);
  });
});
