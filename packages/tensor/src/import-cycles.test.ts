/**
 * tensor.ts holds the Tensor's data and metadata and imports no op module at runtime:
 * the op families attach their methods to it (methods.ts), so a module may use Tensor
 * at load time (`class Parameter extends Tensor`). Runtime import cycles in every
 * package are scripts/check-layers.mjs's job; this pins the one rule it cannot know.
 * Imports TypeScript erases (type-only) do not count (scripts/runtime-imports.mjs).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf } from "../../../scripts/runtime-imports.mjs";

/** The leaf modules tensor.ts may load: data, metadata (the device) and printing, no ops. */
const ALLOWED = ["./dtype", "./storage", "./shape", "./size", "./errors", "./hooks", "./format", "./format-html", "./device"];

describe("tensor.ts", () => {
  it("imports no op module at runtime", () => {
    const file = join(__dirname, "tensor.ts");
    const local = importsOf(file, readFileSync(file, "utf8")).filter((i) => i.runtime && i.spec.startsWith("."));
    expect(local.length).toBeGreaterThan(3);
    expect(local.map((i) => i.spec).filter((s) => !ALLOWED.includes(s))).toEqual([]);
  });
  it("would be caught importing one", () => {
    const text = `import type { UnaryMethods } from "./elementwise";\nimport { unary } from "./elementwise";\nexport const f = unary;\n`;
    const imports = importsOf("probe.ts", text);
    expect(imports.filter((i) => i.runtime).map((i) => i.spec)).toEqual(["./elementwise"]);
  });
});
