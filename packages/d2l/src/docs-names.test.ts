/**
 * Every `d2l.*` name that docs/pytorch-to-torchts.md's d2l table maps exists in @torchts/d2l.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import * as d2l from "./index";

it("the d2l table in docs/pytorch-to-torchts.md names only what @torchts/d2l exports", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "pytorch-to-torchts.md"), "utf8");
  const section = doc.slice(doc.indexOf("## d2l (`@torchts/d2l`"));
  const end = section.indexOf("\n## ", 3);
  const names = new Set<string>();
  for (const line of (end < 0 ? section : section.slice(0, end)).split("\n")) {
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const ours = line.split("|").map((c) => c.trim())[2] ?? "";
    for (const m of ours.matchAll(/\bd2l\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  }
  expect(names.size).toBeGreaterThan(15);
  expect([...names].filter((n) => !(n in d2l))).toEqual([]);
});
