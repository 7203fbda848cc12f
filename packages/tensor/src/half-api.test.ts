/**
 * float16/bfloat16 through the API: creation, casts, views, indexing, in-place ops,
 * and the clear error for every op that does not compute on them.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const words = (t: torch.Tensor): number[] => Array.from(t.contiguous().toTypedArray());

describe.each([
  ["float16", torch.float16, 0x3c00, "Half"],
  ["bfloat16", torch.bfloat16, 0x3f80, "BFloat16"],
] as const)("%s through the API", (name, d, one, scalarType) => {
  it("dtype metadata, alias and creation functions", () => {
    expect(d.itemsize).toBe(2);
    expect(d.isFloatingPoint).toBe(true);
    expect(d.scalarType).toBe(scalarType);
    expect(String(d)).toBe(`torch.${name}`);
    if (name === "float16") expect(torch.half).toBe(torch.float16);
    expect(torch.zeros([2, 2], { dtype: d }).toTypedArray()).toBeInstanceOf(Uint16Array);
    expect(words(torch.ones([3], { dtype: d }))).toEqual([one, one, one]);
    expect(words(torch.full([2], 1, { dtype: d }))).toEqual([one, one]);
    expect(torch.empty([4], { dtype: d }).dtype).toBe(d);
    expect(torch.zerosLike(torch.ones([2], { dtype: d })).dtype).toBe(d);
    expect(torch.tensor([[1, 2], [3, 4]], { dtype: d }).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(torch.tensor(2.5, { dtype: d }).item()).toBe(2.5);
    expect(torch.tensor(Uint16Array.of(one), { dtype: d }).item()).toBe(1);
    expect(() => torch.tensor(Uint16Array.of(one))).toThrow(/Uint16Array has no dtype of its own/);
  });
  it("casts: half(), bfloat16(), float(), double(), to(dtype), to({ dtype }) and back", () => {
    const x = torch.tensor([0.1, -2, 1e-3]);
    const h = x.to(d);
    expect(h.dtype).toBe(d);
    expect(words(name === "float16" ? x.half() : x.bfloat16())).toEqual(words(h));
    expect(words(x.to({ dtype: d }))).toEqual(words(h));
    expect(h.float().dtype).toBe(torch.float32);
    expect(h.double().tolist()).toEqual(h.float().tolist());
    expect(h.to(d)).toBe(h);
    expect(h.to(name === "float16" ? torch.bfloat16 : torch.float16).float().tolist()).toEqual(
      h.float().to(name === "float16" ? torch.bfloat16 : torch.float16).float().tolist(),
    );
    expect(torch.tensor([1.5, -1.5], { dtype: d }).long().tolist()).toEqual([1, -1]);
    expect(torch.tensor([true, false]).to(d).tolist()).toEqual([1, 0]);
  });
  it("views, reshape, clone, contiguous and indexing copy words", () => {
    const x = torch.arange(12, { dtype: torch.float32 }).div(7).to(d);
    const m = x.reshape(3, 4);
    expect(m.t().contiguous().float().tolist()).toEqual(m.float().t().tolist());
    expect(m.t().reshape(12).float().tolist()).toEqual(m.float().t().reshape(12).tolist());
    expect(m.clone().dtype).toBe(d);
    expect(m.get(1).float().tolist()).toEqual(m.float().get(1).tolist());
    expect(m.get(":", 2).float().tolist()).toEqual(m.float().get(":", 2).tolist());
    expect(m.get(torch.tensor([2, 0])).float().tolist()).toEqual(m.float().get(torch.tensor([2, 0])).tolist());
    expect(m.flatten().dtype).toBe(d);
    expect(m.unsqueeze(0).shape).toEqual([1, 3, 4]);
    const y = torch.zeros([2, 3], { dtype: d });
    y.set(0, 1, 0.1);
    y.set(1, torch.tensor([1, 2, 3]));
    expect(words(y.get(0, 1).reshape(1))).toEqual(words(torch.tensor([0.1], { dtype: d })));
    expect(y.get(1).tolist()).toEqual([1, 2, 3]);
    y.fill_(2);
    expect(y.float().sum().item()).toBe(12);
    y.zero_();
    expect(words(y)).toEqual([0, 0, 0, 0, 0, 0]);
    y.copy_(torch.ones([2, 3]));
    expect(words(y)).toEqual(new Array(6).fill(one));
  });
  it("in-place add_, sub_, mul_, div_ round like the out-of-place ops", () => {
    const a = torch.tensor([1.5, 0.1, -3], { dtype: d });
    const b = torch.tensor([0.3, 0.7, 2], { dtype: d });
    const want = words(a.add(b).mul(b).sub(a).div(b));
    const c = a.clone();
    c.add_(b).mul_(b).sub_(a).div_(b);
    expect(words(c)).toEqual(want);
    const f = torch.ones([3]);
    f.add_(b); // float32 target: computed in float32
    expect(f.dtype).toBe(torch.float32);
    expect(f.tolist()).toEqual(b.float().add(1).tolist());
    expect(() => torch.ones([3], { dtype: torch.int64 }).add_(b)).toThrow(/can't be cast|cast/);
  });
  it("every other op raises, naming the op and the dtype (no values computed from words)", () => {
    const x = torch.tensor([1, 2, 3], { dtype: d });
    const msg = (op: string) => new RegExp(`"${op}" not implemented for '${scalarType}'`);
    expect(() => x.exp()).toThrow(msg("exp"));
    expect(() => x.sum()).toThrow(msg("sum"));
    expect(() => x.mean()).toThrow(msg("mean"));
    expect(() => x.matmul(x)).toThrow(msg("matmul"));
    expect(() => torch.relu(x)).toThrow(msg("relu"));
    expect(() => x.lt(1)).toThrow(msg("lt"));
    expect(() => torch.cat([x, x])).toThrow(msg("cat"));
    expect(() => torch.ones([3]).mul(x.exp())).toThrow(msg("exp"));
    expect(() => x.add(x, { alpha: 2 })).toThrow(/alpha other than 1/);
    expect(() => torch.div(1, x)).toThrow(/number by a tensor/);
    expect(() => x.div(x, { roundingMode: "floor" })).toThrow(/roundingMode/);
    expect(() => x.normal_()).toThrow(msg("normal_"));
  });
});

describe("mixed 16-bit floats", () => {
  it("float16 with bfloat16 computes in float32; int with float16 gives float16", () => {
    const h = torch.tensor([0.1], { dtype: torch.float16 });
    const b = torch.tensor([0.1], { dtype: torch.bfloat16 });
    const s = h.add(b);
    expect(s.dtype).toBe(torch.float32);
    expect(s.item()).toBe(Math.fround(Number(h.item()) + Number(b.item())));
    expect(torch.tensor([1, 2]).mul(torch.tensor(0.5, { dtype: torch.float16 })).dtype).toBe(torch.float16);
  });
});

describe("legacy type names", () => {
  it("x.type() is torch.HalfTensor / torch.BFloat16Tensor, and x.type(name) casts", () => {
    expect(torch.ones([1], { dtype: torch.float16 }).type()).toBe("torch.HalfTensor");
    expect(torch.ones([1], { dtype: torch.bfloat16 }).type()).toBe("torch.BFloat16Tensor");
    expect(torch.ones([1]).type("torch.HalfTensor").dtype).toBe(torch.float16);
  });
});

describe("paths that would write or read numbers in 16-bit words raise", () => {
  const d = { dtype: torch.float16 } as const;
  it("creators other than tensor/zeros/ones/full/empty(Like)", () => {
    const msg = (op: string) => new RegExp(`"${op}" not implemented for 'Half'`);
    expect(() => torch.arange(5, d)).toThrow(msg("arange"));
    expect(() => torch.linspace(0, 1, 5, d)).toThrow(msg("linspace"));
    expect(() => torch.eye(2, d)).toThrow(msg("eye"));
    expect(() => torch.randn([3], d)).toThrow(/not implemented for 'Half'/);
    expect(() => torch.rand([3], { dtype: torch.bfloat16 })).toThrow(/not implemented for 'BFloat16'/);
    expect(() => torch.randint(0, 5, [3], d)).toThrow(/not implemented for 'Half'/);
    expect(() => torch.randperm(3, d)).toThrow(/not implemented for 'Half'/);
    expect(() => torch.normal(0, 1, [3], d)).toThrow(/not implemented for 'Half'/);
    expect(() => torch.zeros([3], d).uniform_()).toThrow(/"uniform_" not implemented for 'Half'/);
    expect(() => torch.bernoulli(torch.full([3], 0.5, d))).toThrow(/not implemented for 'Half'/);
    expect(() => torch.zeros([3]).bernoulli_(torch.full([3], 0.5, d))).toThrow(/bernoulli_.*Half/);
    expect(() => torch.multinomial(torch.ones([3], d), 1)).toThrow(/not implemented for 'Half'/);
  });
  it("equal and isnan compare values; allclose raises", () => {
    const a = torch.tensor([0, NaN, 1], d);
    const b = torch.tensor([-0, NaN, 1], d);
    expect(torch.equal(a.get("::2"), b.get("::2"))).toBe(true); // +0 and -0 are equal values, not equal words
    expect(torch.equal(a, b)).toBe(false); // NaN != NaN
    expect(torch.isnan(a).tolist()).toEqual([false, true, false]);
    expect(() => torch.allclose(a, b)).toThrow(/"allclose" not implemented for 'Half'/);
  });
});
