/**
 * What every published package carries (issue 19): the supported Node versions, stated once in
 * the README and the same in its `engines` field (the release rehearsal runs on each), and a
 * README that shows how to install and import it.
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

describe("package READMEs", () => {
  it("every published package's README shows how to install and import it", () => {
    const missing: string[] = [];
    for (const d of readdirSync(join(root, "packages"))) {
      const p = join(root, "packages", d, "package.json");
      if (!existsSync(p)) continue;
      const m = JSON.parse(readFileSync(p, "utf8")) as { name: string; private?: boolean };
      if (m.private) continue;
      const readme = join(root, "packages", d, "README.md");
      const text = existsSync(readme) ? readFileSync(readme, "utf8") : "";
      if (!new RegExp(`npm install [^\\n]*${m.name.replace("/", "\\/")}`).test(text)) missing.push(`${m.name}: no "npm install ${m.name}"`);
      if (!text.includes(`from "${m.name}"`) && !text.includes(`require("${m.name}")`)) missing.push(`${m.name}: no import of "${m.name}"`);
    }
    expect(missing).toEqual([]);
  });
});
