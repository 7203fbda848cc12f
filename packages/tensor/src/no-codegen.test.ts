/**
 * No code is compiled from strings in @torchts/tensor (issue 21): every function is TypeScript that
 * tsc checks and the build emits, and workers start from a module path. The JS elementwise loops
 * are generated at build time instead (scripts/gen-js-elementwise.mjs, kernels/loops/).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

/** Each pattern is written so that this file's own source does not match it. */
const PATTERNS: [string, RegExp][] = [
  ["the Function constructor", /(^|[^.\w$])Function\s*\(/],
  ["an eval call", /(^|[^.\w$])eval\s*\(/],
  ["an eval worker", /\beval\s*:\s*true\b/],
  ["a worker from source text", /new\s+Worker\s*\(\s*[`'"]/],
  ["the vm module", /\bvm\.(runIn\w*|Script|compileFunction)\b|["']node:vm["']/],
];

/**
 * Files allowed to compile code from strings, each with the reason: none since signature.ts's
 * argument checkers became TypeScript (issue 21). The test below fails for an entry no longer needed.
 */
const ALLOWED: Record<string, string> = {};

/** The patterns a source text uses, with their line numbers. */
function findCodegen(text: string): string[] {
  const hits: string[] = [];
  text.split("\n").forEach((line, i) => {
    for (const [what, re] of PATTERNS) if (re.test(line)) hits.push(`${what} (line ${i + 1})`);
  });
  return hits;
}

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

test("the scan recognises each pattern", () => {
  const F = "Func" + "tion", E = "ev" + "al", W = "new Wor" + "ker(", VM = "no" + "de:vm";
  expect(findCodegen(`const f = new ${F}("a", "return a");`)).toEqual(["the Function constructor (line 1)"]);
  expect(findCodegen(`x = ${F}("return 1")();\n${E}("1 + 1")`)).toEqual(["the Function constructor (line 1)", "an eval call (line 2)"]);
  expect(findCodegen(`${W}src, { ${E}: true })`)).toEqual(["an eval worker (line 1)"]);
  expect(findCodegen(W + "`const x = 1`)")).toEqual(["a worker from source text (line 1)"]);
  expect(findCodegen(`require("${VM}")`)).toEqual(["the vm module (line 1)"]);
  // methods and words that merely contain the names are not code generation
  expect(findCodegen(`net.${E}(); evaluate(src); obj.${F}(1); type ${F}Like = 1; new Worker(path)`)).toEqual([]);
});

test("no file of packages/tensor/src compiles code from strings, except the allowed ones", () => {
  const root = join(__dirname);
  const found: Record<string, string[]> = {};
  for (const file of sources(root)) {
    const hits = findCodegen(readFileSync(file, "utf8"));
    if (hits.length > 0) found[relative(root, file)] = hits;
  }
  const unexpected = Object.entries(found).filter(([f]) => !(f in ALLOWED));
  expect(unexpected, "compile from strings: generate TypeScript at build time instead").toEqual([]);
  const stale = Object.keys(ALLOWED).filter((f) => !(f in found));
  expect(stale, "allowed but no longer needed: remove these entries from ALLOWED").toEqual([]);
});
