/**
 * Random creation ops: shapes, dtypes, ranges, seeding, the in-place fills
 * through views and the argument errors. PyTorch's exact streams are checked in
 * random-golden.test.ts; the generator's state in random-state.test.ts.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("random tensors", () => {
  it("rand/randn: shape and dtype as PyTorch (float32 unless asked)", () => {
    const a = torch.rand(2, 3);
    expect(String(a.shape)).toBe("torch.Size([2, 3])");
    expect(a.dtype).toBe(torch.float32);
    expect(torch.randn([3, 4], { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect([...torch.randn(3, 4).shape]).toEqual([3, 4]);
    expect([...torch.rand([]).shape]).toEqual([]);
    const u = Array.from(torch.rand(1000).toTypedArray());
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    const n = torch.randn(20000, { dtype: torch.float64 });
    expect(Math.abs(Number(n.mean()))).toBeLessThan(0.05);
    expect(Math.abs(Number(n.std()) - 1)).toBeLessThan(0.05);
  });

  it("randint: int64 in [low, high)", () => {
    const r = torch.randint(3, 7, [500]);
    expect(r.dtype).toBe(torch.int64);
    const v = Array.from(r.toTypedArray());
    expect(v.every((x) => Number.isInteger(x) && x >= 3 && x < 7)).toBe(true);
    expect(new Set(v).size).toBe(4);
    expect([...torch.randint(10, [2, 2]).shape]).toEqual([2, 2]);
  });

  it("normal and randperm", () => {
    const g = torch.normal(5, 0.5, [4000]);
    expect(g.dtype).toBe(torch.float32);
    expect(Math.abs(Number(g.mean()) - 5)).toBeLessThan(0.05);
    const m = torch.normal(torch.tensor([0, 100], { dtype: torch.float32 }), 1);
    expect([...m.shape]).toEqual([2]);
    expect(Number(m.get(1))).toBeGreaterThan(90);
    const p = torch.randperm(10);
    expect(p.dtype).toBe(torch.int64);
    expect((p.tolist() as number[]).slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("manualSeed and Generator make draws reproducible", () => {
    torch.manualSeed(42);
    const a = torch.randn(5);
    torch.manualSeed(42);
    expect(torch.randn(5).equal(a)).toBe(true);
    const g1 = new torch.Generator().manualSeed(7);
    const g2 = new torch.Generator().manualSeed(7);
    expect(torch.rand([4], { generator: g1 }).equal(torch.rand([4], { generator: g2 }))).toBe(true);
  });

  it("normal_ and uniform_ fill through views", () => {
    const x = torch.zeros(3, 4);
    x.get(":", "1:3").uniform_(2, 3);
    const v = x.tolist() as number[][];
    for (const row of v) {
      expect(row[0]).toBe(0);
      expect(row[3]).toBe(0);
      expect(row[1] >= 2 && row[1] < 3 && row[2] >= 2 && row[2] < 3).toBe(true);
    }
    x.get(0).normal_(10, 0.1);
    expect(Math.abs(Number(x.get(0).mean()) - 10)).toBeLessThan(1);
  });

  it("bad arguments raise", () => {
    expect(() => torch.rand(-1)).toThrow(torch.RuntimeError);
    expect(() => torch.randn([2], { dtype: torch.int64 })).toThrow(/randn.*floating point/);
    expect(() => torch.randint(5, 5, [2])).toThrow(/randint.*from=5 >= to=5/);
    expect(() => torch.normal(0, -1, [2])).toThrow(/normal.*std >= 0/);
    expect(() => torch.zeros(2, { dtype: torch.int64 }).normal_()).toThrow(torch.DTypeError);
    expect(() => torch.zeros(2).uniform_(1, 0)).toThrow(/uniform_.*from=1 > to=0/);
  });
});

describe("seeding", () => {
  it("the first draw after manualSeed is uniform across small seeds (the seed is mixed into the state)", () => {
    const first: number[] = [];
    for (let s = 0; s < 400; s++) {
      torch.manualSeed(s);
      first.push(torch.rand(1, { dtype: torch.float64 }).item() as number);
    }
    const mean = first.reduce((a, b) => a + b, 0) / first.length;
    // the mean of 400 U(0,1) draws has sd 0.0144: ±0.08 is over 5 sd
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.08);
    expect(first.filter((v) => v > 0.9).length).toBeLessThan(80);
  });
});
