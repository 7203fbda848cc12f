/** guardArity and checkArity: extra positional arguments fail as Python's do; trailing undefineds are absent. */
import { describe, expect, it } from "vitest";
import { TypeError as TorchTypeError, checkArity, guardArity } from "./errors";

class Counter {
  n = 0;
  add(k = 1): number {
    return (this.n += k);
  }
  reset(): void {
    this.n = 0;
  }
}
guardArity(Counter, { add: 1, reset: 0 });
/** The wrapped methods, called as plain JavaScript may call them (no help from the types). */
const loose = (c: Counter) => c as unknown as { add(...a: unknown[]): number; reset(...a: unknown[]): void };
class Sub extends Counter {
  override reset(..._xs: unknown[]): void {
    this.n = -1;
  }
}

describe("guardArity", () => {
  it("passes the declared arguments through, with this", () => {
    const c = new Counter();
    expect(c.add(2)).toBe(2);
    expect(c.add()).toBe(3);
    expect(loose(c).add(1, undefined)).toBe(4); // a trailing undefined is an absent argument
  });
  it("throws a TorchError TypeError naming Class.method for an extra argument", () => {
    expect(() => loose(new Counter()).add(1, { bogus: 1 })).toThrow(TorchTypeError);
    expect(() => loose(new Counter()).add(1, 2)).toThrow("Counter.add() takes at most 1 argument (2 given)");
    expect(() => loose(new Counter()).reset(0)).toThrow("Counter.reset() takes at most 0 arguments (1 given)");
  });
  it("keeps the method's name and length, and leaves a subclass's override alone", () => {
    expect(Counter.prototype.add.name).toBe("add");
    expect(Counter.prototype.add.length).toBe(0);
    const s = new Sub();
    s.reset(1, 2);
    expect(s.n).toBe(-1);
    expect(() => loose(s).add(1, 2)).toThrow("Counter.add()");
  });
  it("refuses a table naming a method the class lacks", () => {
    expect(() => guardArity(Counter, { missing: 0 })).toThrow("guardArity: Counter.missing is not a method");
  });
});

describe("checkArity", () => {
  function f(a?: unknown, b?: unknown): unknown[] {
    checkArity("f", arguments, 2);
    return [a, b];
  }
  it("counts the arguments given, trailing undefineds aside", () => {
    expect(f(1, 2)).toEqual([1, 2]);
    expect((f as (...a: unknown[]) => unknown)(1, 2, undefined)).toEqual([1, 2]);
    expect(() => (f as (...a: unknown[]) => unknown)(1, 2, 3)).toThrow("f() takes at most 2 arguments (3 given)");
    expect(() => (f as (...a: unknown[]) => unknown)(1, 2, null)).toThrow(TorchTypeError);
  });
});
