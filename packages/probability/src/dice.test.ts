/**
 * The book's dice (d2l 1.6): one roll, 1000 rolls, and 500 groups of 10 rolls
 * whose running frequency estimates approach 1/6.
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Multinomial, empiricalMean } from "./index";

describe("rolling a fair die", () => {
  const fairProbs = torch.ones([6]).div(6);

  it("Multinomial(1, fairProbs).sample() is one roll: counts of shape [6] with a single 1", () => {
    torch.manualSeed(0);
    const roll = new Multinomial(1, fairProbs).sample();
    expect([...roll.shape]).toEqual([6]);
    expect(roll.dtype).toBe(torch.float32);
    expect(roll.sum().item()).toBe(1);
    expect(roll.eq(1).sum().item()).toBe(1);
  });

  it("sample([1000]) gives 1000 rolls; Multinomial(1000, fairProbs).sample() their counts, both near 1/6", () => {
    torch.manualSeed(1);
    const rolls = new Multinomial(1, fairProbs).sample([1000]);
    expect([...rolls.shape]).toEqual([1000, 6]);
    expect(rolls.sum(1).eq(1).all().item()).toBe(true);
    const counts = new Multinomial(1000, fairProbs).sample();
    expect(counts.sum().item()).toBe(1000);
    // each relative frequency is within 5 standard errors (√(p(1−p)/n) ≈ 0.0118) of 1/6
    for (const freq of [...(empiricalMean(rolls, { dim: 0 }).tolist() as number[]), ...(counts.div(1000).tolist() as number[])]) {
      expect(Math.abs(freq - 1 / 6)).toBeLessThan(5 * Math.sqrt((1 / 6) * (5 / 6) / 1000));
    }
  });

  it("500 groups of 10 rolls: the cumulative estimates approach 1/6", () => {
    torch.manualSeed(2);
    const counts = new Multinomial(10, fairProbs).sample([500]);
    expect([...counts.shape]).toEqual([500, 6]);
    expect(counts.sum(1).eq(10).all().item()).toBe(true);
    const cumCounts = counts.cumsum(0);
    const estimates = cumCounts.div(cumCounts.sum({ dim: 1, keepdim: true }));
    expect([...estimates.shape]).toEqual([500, 6]);
    expect(estimates.sum(1).sub(1).abs().max().item()).toBeLessThan(1e-5);
    const error = (row: number) => estimates.get(row).sub(1 / 6).abs().max().item() as number;
    // after 5000 rolls the standard error is ≈ 0.0053; 5 of them bound every category
    expect(error(499)).toBeLessThan(5 * Math.sqrt((1 / 6) * (5 / 6) / 5000));
    expect(error(499)).toBeLessThan(error(0));
  });
});
