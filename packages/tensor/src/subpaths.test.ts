/**
 * Every `exports` subpath (`@torchts/tensor/errors`, ...) also resolves for
 * resolvers that ignore `exports` (TypeScript's Node10 mode, which tslab uses):
 * a stub folder whose package.json points at the same files, shipped in `files`.
 * A subpath module imports nothing, so that it loads alone (except ./internal, which
 * holds autograd's building blocks and loads the whole package).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { "@torchts/source": string; types: string; default: string }>;
  files: string[];
};
const subpaths = Object.entries(manifest.exports).filter(([k]) => k !== "." && k !== "./package.json");

describe("subpath exports", () => {
  it("there are subpaths to check", () => {
    expect(subpaths.map(([k]) => k)).toEqual(expect.arrayContaining(["./errors", "./py-format", "./internal"]));
  });
  for (const [key, target] of subpaths) {
    it(`${key}: a stub package.json for Node10 resolution, the same files, shipped, importing nothing`, () => {
      if (typeof target === "string") throw new Error(`${key}: expected conditions`);
      const dir = key.slice(2);
      const stubPath = join(root, dir, "package.json");
      expect(existsSync(stubPath), `${dir}/package.json`).toBe(true);
      const stub = JSON.parse(readFileSync(stubPath, "utf8")) as { main: string; types: string };
      expect(join(root, dir, stub.main)).toBe(join(root, target.default));
      expect(join(root, dir, stub.types)).toBe(join(root, target.types));
      expect(manifest.files).toContain(`${dir}/package.json`);
      const src = readFileSync(join(root, target["@torchts/source"]), "utf8");
      // ./internal is the exception: autograd's building blocks need the whole op layer loaded
      if (key === "./internal") expect(src).toMatch(/^import "\.\/index";/m);
      else expect(src).not.toMatch(/^\s*(import|export)\s[^;]*\sfrom\s/m);
    });
  }
});
