import { describe, expect, test } from "vitest";
import { evaluate } from "./fixture-expr.testing";

describe("the fixture expression evaluator", () => {
  const x = { v: 3, add(n: number) { return { v: this.v + n, add: this.add }; }, *[Symbol.iterator]() { yield 1; yield 2; } };
  test("calls keep `this`, statements bind, `return` gives the value", () => {
    expect(evaluate("x.add(2).add(1).v", { x })).toBe(6);
    expect(evaluate("const y = x.add(1); const z = y.add(y.v); return z.v", { x })).toBe(8);
    expect(evaluate("x['add'](1)['v']", { x })).toBe(4);
  });
  test("numbers, strings, arrays with spread, objects, arrows", () => {
    expect(evaluate("[2 ** 3 ** 2, 2 ** 40 + 3, -1.5e-2, 'a:b', \"c\", ...x]", { x })).toEqual([2 ** 9, 2 ** 40 + 3, -0.015, "a:b", "c", 1, 2]);
    expect(evaluate("{ dtype: null, keepdim: true, n: -Infinity }", {})).toEqual({ dtype: null, keepdim: true, n: -Infinity });
    expect(evaluate("((r, s) => [r, s.v])(1, x)", { x })).toEqual([1, 3]);
    expect(evaluate("(1 + 2) === 3", {})).toBe(true);
  });
  test("anything outside the grammar is an error naming the position", () => {
    expect(() => evaluate("x.v * 2", { x })).toThrow(SyntaxError);
    expect(() => evaluate("x.v; y", { x })).toThrow(/y is not defined/);
    expect(() => evaluate("process.exit(1)", {})).toThrow(/process is not defined/);
    expect(() => evaluate("x.v x.v", { x })).toThrow(/expected ';' or the end at 'x' \(4\)/);
    expect(() => evaluate("`t`", {})).toThrow(SyntaxError);
    expect(() => evaluate("x.nope()", { x })).toThrow(/not a function/);
  });
});
