/**
 * Properties of the dtype layer that the golden fixtures sample: the scalar
 * conversion (fill values, scalar operands) agrees with the array cast for every
 * double, integers wrap modulo 2^bits, and the promotion lattice is a semilattice.
 */
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import * as torch from "./index";
import { DTYPES, castScalar, checkedScalar } from "./dtype";

const NARROW = [torch.uint8, torch.int8, torch.int16, torch.int32];

describe("casts", () => {
  test("castScalar of a non-integral double equals the array cast from float64 (x86's rules)", () => {
    fc.assert(
      fc.property(fc.double({ noDefaultInfinity: false }), fc.constantFrom(...NARROW), (v, d) => {
        fc.pre(!Number.isInteger(v));
        const viaArray = torch.tensor(Float64Array.of(v)).to(d).item();
        expect(castScalar(d, v)).toBe(viaArray);
      }),
    );
  });
  test("an integer wraps modulo 2^bits, as a Python int does (int64 -> narrow)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.constantFrom(...NARROW), (v, d) => {
        const bits = d.itemsize * 8;
        const m = ((v % 2 ** bits) + 2 ** bits) % 2 ** bits; // 0 .. 2^bits - 1
        const want = d === torch.uint8 || m < 2 ** (bits - 1) ? m : m - 2 ** bits;
        expect(castScalar(d, v)).toBe(want);
        expect(torch.tensor(Float64Array.of(v), { dtype: torch.int64 }).to(d).item()).toBe(want);
      }),
    );
  });
  test("checkedScalar refuses what PyTorch's checked conversion refuses", () => {
    expect(checkedScalar("full", torch.uint8, -1)).toBe(255);
    expect(checkedScalar("full", torch.uint8, -255)).toBe(1);
    expect(() => checkedScalar("full", torch.uint8, -256)).toThrow(torch.RuntimeError);
    expect(() => checkedScalar("full", torch.uint8, -0.5)).toThrow(/uint8_t without overflow/);
    expect(() => checkedScalar("full", torch.int8, 128)).toThrow(/int8_t/);
    expect(() => checkedScalar("full", torch.int32, NaN)).toThrow(/int without overflow/);
    expect(checkedScalar("full", torch.int32, -(2 ** 31))).toBe(-(2 ** 31));
    expect(checkedScalar("full", torch.int64, 2 ** 40)).toBe(2 ** 40); // int64 is not checked
  });
});

describe("promotion", () => {
  const dt = fc.constantFrom(...DTYPES);
  test("promoteTypes is commutative, idempotent and associative", () => {
    fc.assert(
      fc.property(dt, dt, dt, (a, b, c) => {
        expect(torch.promoteTypes(a, b)).toBe(torch.promoteTypes(b, a));
        expect(torch.promoteTypes(a, a)).toBe(a);
        expect(torch.promoteTypes(torch.promoteTypes(a, b), c)).toBe(torch.promoteTypes(a, torch.promoteTypes(b, c)));
      }),
    );
  });
  test("a JS scalar never widens an integer tensor; a float scalar gives the default float", () => {
    for (const d of NARROW) {
      const x = torch.zeros(2, { dtype: d });
      expect(torch.resultType(x, 2 ** 40)).toBe(d);
      expect(torch.resultType(x, 0.5)).toBe(torch.float32);
      expect(torch.resultType(x, torch.tensor(0.5, { dtype: torch.float64 }))).toBe(torch.float64);
    }
  });
});
