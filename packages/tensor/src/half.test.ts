/**
 * float16 and bfloat16 against PyTorch 1.13.1, bit for bit: casts from float64 and
 * float32 (edge cases, ties, double rounding, NaN, overflow, subnormals), decoding,
 * promotion over every pair, result types with scalars, printing, finfo, and the
 * arithmetic ops that compute through float32. Regenerate with
 * `/usr/bin/python3 packages/tensor/fixtures/gen_half.py`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

interface PrintCase { label: string; dtype: string; shape: number[]; bits: number[]; str: string }
interface ArithCase {
  dtype: string; a: number[]; b: number[]; i: number[]; c: (number | string)[];
  ops: Record<string, { dtype: string; bits?: number[]; values?: (number | string)[] }>;
}
const F = JSON.parse(readFileSync(join(__dirname, "../fixtures/half.json"), "utf8")) as {
  torch: string;
  cast: Record<string, unknown> & { from64: (number | string)[]; from32: (number | string)[] };
  decode: Record<string, number[]> & { patterns: number[] };
  promote: Record<string, Record<string, string>>;
  result_type: Record<string, string>;
  prints: PrintCase[];
  arith: ArithCase[];
  finfo: Record<string, string>;
  item: Record<string, number>;
};
const num = (v: number | string): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));
const D = { float16: torch.float16, bfloat16: torch.bfloat16 } as const;
type Name = keyof typeof D;
const words = (t: torch.Tensor): number[] => Array.from(t.contiguous().toTypedArray());
const fromWords = (w: number[], d: torch.DType, shape?: number[]): torch.Tensor => {
  const t = torch.tensor(Uint16Array.from(w), { dtype: d });
  return shape === undefined ? t : t.reshape(shape);
};
const isNanWord = (w: number, d: Name) => (d === "float16" ? (w & 0x7c00) === 0x7c00 && (w & 0x3ff) !== 0 : (w & 0x7f80) === 0x7f80 && (w & 0x7f) !== 0);

describe(`float16 and bfloat16 match PyTorch ${F.torch}`, () => {
  for (const name of ["float16", "bfloat16"] as Name[]) {
    const d = D[name];
    const c = F.cast[name] as Record<string, (number | boolean)[]>;
    it(`${name}: casts from float64 and float32 bit for bit (${F.cast.from64.length + F.cast.from32.length} values)`, () => {
      expect(words(torch.tensor(Float64Array.from(F.cast.from64.map(num))).to(d))).toEqual(c.from64);
      expect(words(torch.tensor(Float32Array.from(F.cast.from32.map(num))).to(d))).toEqual(c.from32);
      expect(words(torch.tensor(F.cast.from64.map(num), { dtype: d }))).toEqual(c.from64);
      expect(words(torch.tensor([0, 1, -7, 2049, 65504, 65519, 65520, 70000, 2 ** 24 + 1, -(2 ** 40)]).to(d))).toEqual(c.ints);
    });
    it(`${name}: NaN stays NaN with its sign (scalar conversions give PyTorch's word)`, () => {
      const nan = torch.tensor(Float64Array.from({ length: 18 }, (_, i) => (i % 2 ? -NaN : NaN)));
      const got = words(nan.to(d));
      got.forEach((w, i) => expect(isNanWord(w, name)).toBe(true));
      if (name === "float16") expect(got).toEqual(c.nan_from64);
      expect(words(torch.tensor([NaN], { dtype: d }))).toEqual(c.tensor_nan);
    });
    it(`${name}: decodes every 7th word and the specials to float32 exactly (NaN payloads kept)`, () => {
      const t = fromWords(F.decode.patterns, d).float();
      expect(Array.from(new Uint32Array(t.toTypedArray().buffer as ArrayBuffer))).toEqual(F.decode[name]);
    });
    it(`${name}: casts to bool, int64 and uint8 through float32`, () => {
      expect(torch.tensor([0.0, -0.0, 0.5, NaN, Infinity], { dtype: d }).bool().tolist()).toEqual(c.to_bool);
      expect(torch.tensor([1.5, -2.5, 100.0, 65504.0], { dtype: d }).long().tolist()).toEqual(c.to_int64);
      expect(torch.tensor([1.5, -2.5, 255.0, 300.0], { dtype: d }).byte().tolist()).toEqual(c.to_uint8);
    });
    it(`${name}: finfo and item`, () => {
      expect(torch.finfo(d).toString()).toBe(F.finfo[name]);
      expect(torch.tensor(0.1, { dtype: d }).item()).toBe(F.item[name]);
    });
  }

  it("promote_types over every pair of the ten dtypes", () => {
    const all = Object.keys(F.promote);
    expect(all.length).toBe(10);
    for (const a of all) for (const b of all) {
      expect(`${a}+${b}=${torch.promoteTypes(torch.dtypes[a as torch.DTypeName], torch.dtypes[b as torch.DTypeName]).name}`).toBe(`${a}+${b}=${F.promote[a][b]}`);
    }
  });

  it("result_type with scalars and 0-d tensors", () => {
    const r = F.result_type;
    const h = torch.ones([2], { dtype: torch.float16 });
    expect(String(torch.resultType(h, 1.5))).toBe(r.f16_tensor_float_scalar);
    expect(String(torch.resultType(h, 2))).toBe(r.f16_tensor_int_scalar);
    expect(String(torch.resultType(torch.ones([2], { dtype: torch.int64 }), torch.tensor(1, { dtype: torch.float16 })))).toBe(r.int_tensor_f16_0d);
    expect(String(torch.resultType(h, torch.tensor(1.0)))).toBe(r.f16_tensor_f32_0d);
    expect(String(torch.resultType(torch.ones([2], { dtype: torch.bfloat16 }), torch.tensor(1, { dtype: torch.float64 })))).toBe(r.bf16_tensor_f64_0d);
    expect(String(torch.resultType(torch.tensor(1, { dtype: torch.float16 }), torch.tensor(1, { dtype: torch.bfloat16 })))).toBe(r.f16_0d_bf16_0d);
    expect(String(torch.resultType(torch.ones([2], { dtype: torch.uint8 }), torch.tensor(1, { dtype: torch.bfloat16 })))).toBe(r.uint8_tensor_bf16_0d);
  });

  it(`prints as PyTorch (${F.prints.length} tensors)`, () => {
    for (const p of F.prints) {
      const t = fromWords(p.bits, D[p.dtype as Name], p.shape);
      expect(String(t), p.label).toBe(p.str);
    }
  });

  for (const a of F.arith) {
    it(`${a.dtype}: add, sub, mul, div, neg compute in float32 and round per op, bit for bit`, () => {
      const d = D[a.dtype as Name];
      const x = fromWords(a.a, d), y = fromWords(a.b, d), i = torch.tensor(a.i), c = torch.tensor(a.c.map(num));
      const got: Record<string, torch.Tensor> = {
        add: x.add(y), sub: torch.sub(x, y), mul: x.mul(y), div: x.div(y), neg: x.neg(),
        add_scalar: x.add(0.3), add_scalar_01: x.add(0.1), mul_scalar: x.mul(0.3), div_scalar: x.div(3), sub_scalar: x.sub(1.7),
        rsub_scalar: torch.sub(0.1, x), add_int: x.add(i), mul_int_scalar: x.mul(3), add_f32: x.add(c), mul_f32: x.mul(c),
      };
      for (const [op, e] of Object.entries(a.ops)) {
        const g = got[op];
        expect(g.dtype.name, op).toBe(e.dtype);
        if (e.bits) expect(words(g), op).toEqual(e.bits);
        else expect(g.tolist(), op).toEqual(e.values!.map(num));
      }
    });
  }
});
