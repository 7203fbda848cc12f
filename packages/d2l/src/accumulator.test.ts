import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { Accumulator } from "./accumulator";
import { Timer } from "./timer";

describe("Accumulator", () => {
  it("sums numbers, booleans and one-element tensors per slot", () => {
    const m = new Accumulator(3);
    expect(m.data).toEqual([0, 0, 0]);
    m.add(1.5, torch.tensor(2), true);
    m.add(0.25, torch.tensor([3.5]), 0);
    expect(m.data).toEqual([1.75, 5.5, 1]);
    expect([m.get(0), m.get(-1)]).toEqual([1.75, 1]);
    m.reset();
    expect(m.data).toEqual([0, 0, 0]);
  });

  it("checks its arguments (a wrong count is an error, where d2l's zip would drop sums)", () => {
    expect(() => new Accumulator(-1)).toThrow(torch.RuntimeError);
    expect(() => new Accumulator("2" as never)).toThrow(/Accumulator\(\): argument 'n' \(position 0\) must be an integer, not string/);
    const m = new Accumulator(2);
    expect(() => m.add(1)).toThrow(/expected 2 values \(one per sum\), got 1/);
    expect(() => m.add(1, "2" as never)).toThrow(/Accumulator.add\(\): argument 'value 1' \(position 1\) must be a number or a one-element Tensor, not string/);
    expect(() => m.add(1, torch.ones(2))).toThrow(/only one element tensors/);
    expect(() => m.get(2)).toThrow(torch.IndexError);
    expect(() => m.get(-3)).toThrow(/list index out of range/);
    expect(() => m.get(0.5)).toThrow(/must be an integer/);
    expect(m.data).toEqual([0, 0]); // failed adds changed nothing
  });
});

describe("Timer", () => {
  it("records seconds; avg, sum and cumsum over them", async () => {
    const t = new Timer();
    await new Promise((r) => setTimeout(r, 20));
    const first = t.stop();
    expect(first).toBeGreaterThan(0.015);
    expect(first).toBeLessThan(2);
    t.start();
    t.stop();
    expect(t.times.length).toBe(2);
    expect(t.sum()).toBeCloseTo(t.times[0] + t.times[1], 12);
    expect(t.avg()).toBeCloseTo(t.sum() / 2, 12);
    expect(t.cumsum()).toEqual([t.times[0], t.times[0] + t.times[1]]);
  });

  it("says why avg() has nothing to average", () => {
    const t = new Timer();
    expect(() => t.avg()).toThrow(/no times recorded yet/);
    expect(t.sum()).toBe(0);
    expect(t.cumsum()).toEqual([]);
  });
});
