/**
 * Every op against PyTorch 1.13.1: fixtures/ops.json holds, per case, a Python
 * expression, its TypeScript twin, the inputs and what PyTorch returned (or
 * raised). Regenerate with `/usr/bin/python3 packages/tensor/fixtures/gen_ops.py`.
 */
import { describe, expect, it } from "vitest";
import { describeGolden, readFixture } from "./golden.testing";

const fixture = readFixture("ops.json");

describe(`ops match PyTorch ${fixture.torch}`, () => {
  it("has a broad fixture", () => {
    expect(fixture.cases.length).toBeGreaterThan(2000);
    expect(fixture.cases.filter((c) => c.expect.kind === "error").length).toBeGreaterThan(150);
  });
  describeGolden(fixture);
});
