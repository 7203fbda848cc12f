/**
 * The narrow integer dtypes (uint8, int8, int16, int32) against PyTorch 1.13.1:
 * promotion over every pair, casts of special values, overflow wrapping, every op
 * family over every dtype pairing with a new dtype, reductions, creation, indexing
 * and printing. Regenerate with `/usr/bin/python3 packages/tensor/fixtures/gen_dtypes.py`.
 */
import { describe, expect, it } from "vitest";
import { describeGolden, readFixture } from "./golden.testing";

const fixture = readFixture("dtypes.json");

describe(`narrow integer dtypes match PyTorch ${fixture.torch}`, () => {
  it("covers every new dtype, overflow and errors", () => {
    expect(fixture.cases.length).toBeGreaterThan(3000);
    for (const d of ["uint8", "int8", "int16", "int32"]) expect(fixture.cases.some((c) => c.name.includes(`[${d}`))).toBe(true);
    expect(fixture.cases.filter((c) => c.name.startsWith("overflow")).length).toBeGreaterThan(50);
    expect(fixture.cases.filter((c) => c.expect.kind === "error").length).toBeGreaterThan(100);
  });
  describeGolden(fixture);
});
