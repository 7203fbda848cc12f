/**
 * The broadcast fast paths of elementwise.ts (one-element operands, rows repeated
 * along leading dims) must agree with the general path (a materialised expand).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const ops = ["add", "sub", "mul", "div", "maximum", "minimum", "pow"] as const;

describe("broadcast fast paths", () => {
  it("row-broadcast operands (either side) equal the materialised broadcast", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 32, max: 80 }),
        fc.boolean(),
        fc.constantFrom(...ops),
        fc.constantFrom(torch.float32, torch.float64),
        (rows, inner, biasLeft, op, dtype) => {
          const big = torch.rand([rows, inner], { dtype }).add(0.5);
          const bias = torch.rand([inner], { dtype }).add(0.5);
          const full = bias.expand(rows, inner).contiguous();
          const apply = (x: torch.Tensor, y: torch.Tensor) => (x[op] as (o: torch.Tensor) => torch.Tensor).call(x, y);
          const fast = biasLeft ? apply(bias, big) : apply(big, bias);
          const slow = biasLeft ? apply(full, big) : apply(big, full);
          expect(fast.shape).toEqual(slow.shape);
          expect(fast.equal(slow)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a one-element tensor operand behaves like the broadcast tensor", () => {
    for (const op of ops) {
      const a = torch.rand([5, 7]).add(0.5);
      const s = torch.tensor([[1.75]], { dtype: torch.float32 });
      const fast = (a[op] as (o: torch.Tensor) => torch.Tensor).call(a, s);
      const slow = (a[op] as (o: torch.Tensor) => torch.Tensor).call(a, s.expand(5, 7).contiguous());
      expect(fast.equal(slow)).toBe(true);
    }
  });

  it("dtype promotion is unchanged by the fast paths", () => {
    const a = torch.rand([4, 40]);
    const b = torch.rand([40], { dtype: torch.float64 });
    expect(a.add(b).dtype).toBe(torch.float64);
    expect(a.add(torch.tensor(2.5, { dtype: torch.float64 })).dtype).toBe(torch.float32);
  });
});
