/**
 * PyTorch's module repr (module.py `__repr__` and `_addindent`): the class name, then the
 * extra repr and one `(key): child` line per child, indented by two spaces per level.
 * One extra line and no children print on one line: `Linear(in_features=2, out_features=1, bias=True)`.
 */
import type { Module } from "./module";

/** Indent every line but the first by `n` spaces. */
export function addIndent(s: string, n: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  const first = lines.shift()!;
  return first + "\n" + lines.map((l) => " ".repeat(n) + l).join("\n");
}

export function moduleRepr(m: Module, children: ReadonlyMap<string, Module | null>): string {
  const extra = m.extraRepr();
  const extraLines = extra === "" ? [] : extra.split("\n");
  const childLines: string[] = [];
  for (const [key, child] of children) childLines.push(`(${key}): ${addIndent(child === null ? "None" : String(child), 2)}`);
  const lines = extraLines.concat(childLines);
  let s = m.constructor.name + "(";
  if (lines.length > 0) {
    if (extraLines.length === 1 && childLines.length === 0) s += extraLines[0];
    else s += "\n  " + lines.join("\n  ") + "\n";
  }
  return s + ")";
}

import { pyFloatRepr } from "@torchts/tensor/py-format";

/**
 * A number as Python prints the value a user passed: an integer as an int (`Dropout(1)` has
 * `p=1`, as Python's `nn.Dropout(1)`), anything else as `repr(float)` (`0.5`, `1e-05`).
 */
export function pyNum(x: number): string {
  return Number.isInteger(x) ? String(x) : pyFloatRepr(x);
}
export function pyBool(b: boolean): string {
  return b ? "True" : "False";
}
