/** signature.ts: parsing PyTorch's notation, and the checks and normalisation compiled from it. */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { checkedOp, parseSignature } from "./signature";

describe("parseSignature", () => {
  it("reads kinds, nullability, defaults and the keyword-only marker", () => {
    const s = parseSignature("sum(Tensor input, int[1]? dim, bool keepdim=false, *, ScalarType? dtype)");
    expect(s.name).toBe("sum");
    expect(s.params.map((p) => [p.name, p.kind, p.nullable, p.def, p.kwOnly])).toEqual([
      ["input", "Tensor", false, undefined, false],
      ["dim", "int[1]", true, undefined, false],
      ["keepdim", "bool", false, false, false],
      ["dtype", "ScalarType", true, undefined, true],
    ]);
  });
  it("refuses what it cannot read (a typo in a declaration fails at load, not at a call)", () => {
    expect(() => parseSignature("sum(Tensr input)")).toThrow(/cannot parse parameter 'Tensr input'/);
    expect(() => parseSignature("sum Tensor input")).toThrow(/cannot parse/);
  });
});

describe("a compiled signature", () => {
  const seen: unknown[][] = [];
  const op = checkedOp<(...a: unknown[]) => unknown>("op(Tensor input, int dim, int[1]? dims, bool flag=true, *, float? scale)", (...a: unknown[]) => {
    seen.push(a);
    return a.length;
  });
  const call = (...a: unknown[]) => {
    seen.length = 0;
    op(...a);
    return seen[0];
  };
  const x = torch.ones(2);

  it("passes every parameter in order, with defaults, whether given positionally or by name", () => {
    expect(call(x, 1)).toEqual([x, 1, undefined, true, undefined]);
    expect(call(x, 1, [0, 1], false, { scale: 2 })).toEqual([x, 1, [0, 1], false, 2]);
    expect(call(x, { dim: 1, dims: 0, flag: false, scale: 0.5 })).toEqual([x, 1, 0, false, 0.5]);
    expect(call(x, 1, { flag: false })).toEqual([x, 1, undefined, false, undefined]);
    expect(call(x, 1, null)).toEqual([x, 1, undefined, true, undefined]);
  });
  it("the method form reads `this` as the first parameter and counts positions after it", () => {
    seen.length = 0;
    (op.method as (this: torch.Tensor, ...a: unknown[]) => unknown).call(x, 3, { scale: 1 });
    expect(seen[0]).toEqual([x, 3, undefined, true, 1]);
    expect(() => (op.method as (this: torch.Tensor, ...a: unknown[]) => unknown).call(x, 1.5)).toThrow(/op\(\): argument 'dim' \(position 1\) must be int, not number \(1\.5\)/);
  });
  it("names the function and the argument for every kind of misuse", () => {
    expect(() => op(1, 1)).toThrow(/op\(\): argument 'input' \(position 1\) must be Tensor, not number/);
    expect(() => op(x)).toThrow(/op\(\): argument 'dim' \(position 2\) must be int, not undefined/);
    expect(() => op(x, "1")).toThrow(/argument 'dim' \(position 2\) must be int, not string \("1"\)/);
    expect(() => op(x, 1, [0, 0.5])).toThrow(/argument 'dims' \(position 3\) must be int or Array of ints, not Array \(\[0, 0\.5\]\)/);
    expect(() => op(x, 1, null, 1)).toThrow(/argument 'flag' \(position 4\) must be bool, not number/);
    expect(() => op(x, 1, { scale: "2" })).toThrow(/op\(\): argument 'scale' must be float, not string/);
    expect(() => op(x, 1, { scal: 2 })).toThrow(/op\(\): unknown option 'scal' \(did you mean 'scale'\?\); op\(\) accepts: dim, axis, dims, flag, scale/);
    expect(() => op(x, 1, { dim: 2 })).toThrow(/op\(\): got multiple values for argument 'dim'/);
    expect(() => op(x, 1, [0], true, { scale: 1 }, 5)).toThrow(/op\(\) takes 4 positional arguments/);
    expect(() => op(x, 1, [0], true, 5)).toThrow(/op\(\) takes 4 positional arguments/);
    expect(() => op(x, { dim: 1 }, 2)).toThrow(/takes 4 positional arguments/);
    expect(() => op(x, 1, new Map())).toThrow(/op\(\): options must be a plain object/);
  });
  it("the checked function and method carry the op's name (a reserved word too)", () => {
    expect(op.name).toBe("op");
    expect(op.method.name).toBe("op");
    expect(torch.sum.name).toBe("sum");
    expect(torch.var.name).toBe("var");
    expect(torch.ones(2).var.name).toBe("var");
    expect(torch.ones(2).narrow.name).toBe("narrow");
  });
  it("a numbers-as-tensors op wraps the first number when no argument is a tensor; others refuse two numbers", () => {
    expect(torch.add(1, 2).dtype).toBe(torch.int64);
    expect(torch.add(true, true).item()).toBe(true);
    expect(torch.div(1, 2).item()).toBe(0.5);
    expect(() => torch.pow(2, 3)).toThrow(/pow\(\): argument 'input' \(position 1\) must be Tensor/);
    expect(torch.lt(7, torch.tensor([6, 8])).tolist()).toEqual([false, true]);
  });
});

describe("the creation functions' arguments", () => {
  it("sizes: integers or BigInts, separately or in one array; never a string, undefined, nested or mixed", () => {
    expect(torch.zeros(2n, 3).shape).toEqual([2, 3]);
    expect(torch.zeros([2n, 3n]).shape).toEqual([2, 3]);
    expect(torch.zeros([]).shape).toEqual([]);
    expect(torch.ones(2, undefined).shape).toEqual([2]);
    expect(() => torch.zeros()).toThrow(/zeros\(\): missing required argument 'size'/);
    expect(() => torch.zeros(undefined)).toThrow(/zeros\(\): argument 'size' \(position 1\) must be tuple of ints, not undefined/);
    expect(() => torch.zeros("3" as never)).toThrow(/zeros\(\): argument 'size' \(position 1\) must be tuple of ints, not string/);
    expect(() => torch.zeros(2, [3])).toThrow(/zeros\(\): argument 'size' must be tuple of ints, but found element of type Array at pos 2/);
    expect(() => torch.ones([2, 0.5])).toThrow(/ones\(\): argument 'size' must be tuple of ints, but found element of type number at pos 2 \(0\.5\)/);
    expect(() => torch.rand(2, { dtype: torch.float64, generater: null } as never)).toThrow(/rand\(\): unknown option 'generater' \(did you mean 'generator'\?\)/);
  });
  it("a tensor too large for JavaScript is PyTorch's can't-allocate RuntimeError, naming the bytes", () => {
    expect(() => torch.zeros(1e6, 1e6)).toThrow(torch.RuntimeError);
    expect(() => torch.zeros(1e6, 1e6, { dtype: torch.bool })).toThrow(/zeros\(\): can't allocate memory: you tried to allocate 1000000000000 bytes/);
    expect(() => torch.ones(1e6, 1e6).sum()).toThrow(/can't allocate memory/);
  });
  it("BigInt data is int64, exact within ±(2^53 − 1), refused beyond", () => {
    const t = torch.tensor([1n, -2n, 9007199254740991n]);
    expect(t.dtype).toBe(torch.int64);
    expect(t.tolist()).toEqual([1, -2, 9007199254740991]);
    expect(torch.tensor([1n, 2.5]).dtype).toBe(torch.float32);
    expect(() => torch.tensor([9007199254740992n])).toThrow(/tensor\(\): 9007199254740992n is beyond ±2\^53/);
    expect(() => torch.full([1], 2n ** 62n)).toThrow(torch.RuntimeError);
  });
  it("integer dtypes refuse NaN, ±inf and values beyond their range; 1e30 counts as a float", () => {
    expect(() => torch.ones(3).long().fill_(1e30)).toThrow(/fill_: value cannot be converted to type int64_t without overflow/);
    expect(() => torch.ones(3).long().fill_(NaN)).toThrow(/int64_t without overflow/);
    expect(() => torch.tensor([Infinity], { dtype: torch.int64 })).toThrow(/int64_t without overflow/);
    expect(torch.ones(1).long().fill_(2 ** 62).item()).toBe(2 ** 62);
    expect(torch.tensor([1e30]).dtype).toBe(torch.float32);
    expect(torch.full([1], 1e30).dtype).toBe(torch.float32);
    expect(torch.ones(1).long().add(1e30).dtype).toBe(torch.float32);
  });
  it("an int64 arange stops where int64 stops being exact; below that it is unchanged", () => {
    expect(() => torch.arange(2 ** 53, 2 ** 53 + 3)).toThrow(/arange\(\): int64 values beyond ±2\^53/);
    expect(torch.arange(2 ** 53 - 3, 2 ** 53 - 1).tolist()).toEqual([2 ** 53 - 3, 2 ** 53 - 2]);
    expect(torch.arange(2 ** 53, 2 ** 53 + 4, { dtype: torch.float64 }).numel()).toBe(4);
  });
  it("randint's bounds are integers, as PyTorch's binding requires", () => {
    expect(() => torch.randint(0.5, 10, [3])).toThrow(/randint\(\): argument 'low' \(position 1\) must be int/);
    expect(() => torch.randint(10, 3 as never)).toThrow(/randint\(\): argument 'size' \(position 3\) must be tuple of ints/);
    const r = torch.randint(3, 10, [100]);
    expect(r.min().item()).toBeGreaterThanOrEqual(3);
    expect(r.max().item()).toBeLessThan(10);
  });
});
