/**
 * The supported Node versions are stated once in the README and the same in every
 * published package's `engines` field (issue 19); the release rehearsal runs on each.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const ENGINES = "^20.19.0 || ^22.12.0 || >=24.0.0";

describe("supported Node versions", () => {
  it("the README states them", () => {
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("Node 20 (20.19 or later), 22 (22.12 or later) and 24");
  });
  it("every published package says the same in engines.node", () => {
    const wrong: string[] = [];
    for (const d of readdirSync(join(root, "packages"))) {
      const p = join(root, "packages", d, "package.json");
      if (!existsSync(p)) continue;
      const m = JSON.parse(readFileSync(p, "utf8")) as { name: string; private?: boolean; engines?: { node?: string } };
      if (!m.private && m.engines?.node !== ENGINES) wrong.push(`${m.name}: ${m.engines?.node}`);
    }
    expect(wrong).toEqual([]);
  });
});
