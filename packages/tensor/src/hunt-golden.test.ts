/**
 * A differential hunt against PyTorch 1.13.1 (fixtures/gen_hunt.py): random shapes (0-d to 4-d,
 * size-0 and size-1 dims), dtypes and broadcasting pairs through creation, elementwise ops,
 * reductions, matmul, indexing, views and printing. Exact ops compare bit for bit, errors by
 * class and message. Regenerate with `/usr/bin/python3 packages/tensor/fixtures/gen_hunt.py`.
 */
import { describe, expect, it } from "vitest";
import { describeGolden, readFixture } from "./golden.testing";

const fixture = readFixture("hunt.json");

describe(`random cases match PyTorch ${fixture.torch}`, () => {
  it("draws many cases, errors and exact comparisons among them", () => {
    expect(fixture.cases.length).toBeGreaterThan(2000);
    expect(fixture.cases.filter((c) => c.expect.kind === "error").length).toBeGreaterThan(300);
    expect(fixture.cases.filter((c) => c.exact === true).length).toBeGreaterThan(1200);
  });
  describeGolden(fixture, {
    messages: true,
    wordings: [
      {
        pytorch: /^torch\.clamp: At least one of 'min' or 'max' must not be None/,
        torchts: /^clamp: At least one of 'min' or 'max' must not be None/,
        why: "torchts's messages start with the function's own name, without Python's `torch.` prefix",
      },
      {
        pytorch: /^\w+\(\) received an invalid combination of arguments/,
        torchts: /^\w+\(\): argument '\w+' \(position \d\) must be/,
        why: "the signature checker names the offending argument instead of listing the overloads (docs/pytorch-to-torchts.md, call convention)",
      },
      {
        pytorch: /^(size mismatch, got \d+, \d+x\d+,\d+|mat1 and mat2 shapes cannot be multiplied)/,
        torchts: /^matmul: mat1 and mat2 shapes cannot be multiplied/,
        why: "for N-D operands PyTorch reports the folded (batch-flattened, maybe transposed) product it computes; torchts the operands' last two dims and shapes",
      },
    ],
  });
});
