/**
 * Every `torch.*` name that docs/pytorch-to-torchts.md maps exists on the umbrella
 * (issue 19): a reader who follows the table with `import * as torch from "torchts"` finds it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

/** The `torch.a.b.c` chains in the torchts column of every table row. */
function mappedNames(): string[] {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "pytorch-to-torchts.md"), "utf8");
  const names = new Set<string>();
  for (const line of doc.split("\n")) {
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const cells = line.split("|").map((c) => c.trim());
    const ours = cells[2] ?? "";
    for (const code of ours.match(/`[^`]+`/g) ?? []) {
      for (const m of code.matchAll(/(?<![\w$."'])torch((?:\.[A-Za-z_$][\w$]*)+)/g)) names.add(`torch${m[1]}`); // not inside a string: "torch.FloatTensor" is a value
    }
  }
  return [...names].sort();
}

describe("the umbrella exposes what the mapping table maps", () => {
  const names = mappedNames();
  it("the table maps names (the parser finds them)", () => {
    expect(names.length).toBeGreaterThan(50);
    expect(names).toContain("torch.tensor");
  });
  it.each(names)("%s", (name) => {
    let v: unknown = torch;
    for (const part of name.split(".").slice(1)) {
      expect(v, `${name}: nothing at .${part}`).toBeTruthy();
      v = (v as Record<string, unknown>)[part];
    }
    expect(v, name).not.toBeUndefined();
  });
});
