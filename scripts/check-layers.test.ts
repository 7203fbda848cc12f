/**
 * scripts/check-layers.mjs run on tiny throw-away repositories: it must fail on
 * an import cycle (runtime imports only) and on a file over 500 lines, naming the
 * files; and its runtime-import rule must agree with what TypeScript emits.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, test } from "vitest";
import { importsOf } from "./runtime-imports.mjs";

const CHECKER = join(__dirname, "check-layers.mjs");
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A repository with one package, `data`, holding `files` (paths relative to packages/data). */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "check-layers-"));
  made.push(root);
  const all: Record<string, string> = {
    "package.json": JSON.stringify({ private: true, devDependencies: {} }),
    "packages/data/package.json": JSON.stringify({ name: "@torchts/data", dependencies: {} }),
  };
  for (const [p, text] of Object.entries(files)) all[`packages/data/${p}`] = text;
  for (const [p, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

function check(root: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CHECKER, root], { encoding: "utf8", timeout: 30000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join("\n") + "\n";

describe("import cycles", () => {
  test("a clean package passes", () => {
    const root = repo({ "src/a.ts": `import { b } from "./b";\nexport const a = b + 1;\n`, "src/b.ts": "export const b = 1;\n" });
    expect(check(root)).toEqual({ status: 0, out: "check-layers: ok\n" });
  });

  test("a three-file cycle fails and names every file of it", () => {
    const root = repo({
      "src/a.ts": `import { b } from "./b";\nexport const a = () => b();\n`,
      "src/b.ts": `import { c } from "./c";\nexport const b = () => c();\n`,
      "src/c.ts": `// comment\nimport { a } from "./a.js";\nexport const c = () => a();\n`,
      "src/d.ts": `import { a } from "./a";\nexport const d = a;\n`, // imports the cycle, is not part of it
    });
    const { status, out } = check(root);
    expect(status).toBe(1);
    expect(out).toContain("packages/data: runtime import cycle through 3 file(s), e.g. src/a.ts → src/b.ts → src/c.ts → src/a.ts");
    expect(out).toContain("src/a.ts → src/b.ts (line 1)");
    expect(out).toContain("src/b.ts → src/c.ts (line 1)");
    expect(out).toContain("src/c.ts → src/a.ts (line 2)");
    expect(out).not.toContain("src/d.ts");
  });

  test("every cycle is reported, each through all its files, and a self-import is a cycle", () => {
    const root = repo({
      "src/a.ts": `import { b } from "./b";\nimport { c } from "./c";\nexport const a = () => b() + c();\n`,
      "src/b.ts": `import { a } from "./a";\nexport const b = () => a();\n`,
      "src/c.ts": `import { a } from "./a";\nexport const c = () => a();\n`,
      "test/self.ts": `import * as me from "./self";\nexport const s = () => me;\n`,
    });
    const { status, out } = check(root);
    expect(status).toBe(1);
    expect(out).toContain("check-layers: 2 problem(s)");
    expect(out).toContain("cycle through 3 file(s)");
    expect(out).toMatch(/src\/a\.ts → src\/b\.ts \(line 1\), src\/c\.ts \(line 2\)/);
    expect(out).toContain("cycle through 1 file(s), e.g. test/self.ts → test/self.ts");
  });

  test("type-only imports do not count; a lazy require(), an `extends` or an index import do", () => {
    const typeOnly = repo({
      "src/a.ts": `import { b } from "./b";\nexport class A { x = b; }\n`,
      "src/b.ts": `import type { A } from "./a";\nexport type { A as AA } from "./a";\nexport const b = 1;\nexport const f = (a: A) => a.x;\n`,
      "src/c.ts": `import { A } from "./a";\nimport { type A as A2 } from "./a";\nexport let c: A | A2 | undefined;\n`,
      "src/d.ts": `import { c } from "./c";\nexport const d = () => c;\n`,
    });
    expect(check(typeOnly).status).toBe(0);
    const backs = [
      `export function f() { return require("./a").A; }`,
      `export const f = () => import("./a");`,
      `import { A } from "./a";\nexport class B extends A {}`,
      `import "./index";`,
      `export * from "./a";`,
    ];
    // one package, one folder per way back from b.ts to a.ts: one cycle each
    const files: Record<string, string> = {};
    backs.forEach((back, k) => {
      files[`src/v${k}/index.ts`] = `export { A } from "./a";\n`;
      files[`src/v${k}/a.ts`] = `import { b } from "./b";\nexport class A { x = b; }\n`;
      files[`src/v${k}/b.ts`] = `${back}\nexport const b = 1;\n`;
    });
    const { status, out } = check(repo(files));
    expect(status).toBe(1);
    expect(out).toContain(`check-layers: ${backs.length} problem(s)`);
    backs.forEach((back, k) => expect(out, back).toContain(`src/v${k}/a.ts → src/v${k}/b.ts (line 1)`));
  });
});

describe("file length", () => {
  test("500 lines pass, 501 fail with the file and its line count; tests count too", () => {
    expect(check(repo({ "src/long.ts": lines(500), "src/long.test.ts": lines(500) })).status).toBe(0);
    const { status, out } = check(repo({ "src/long.ts": lines(501), "test/long.test.ts": lines(502), "src/ok.ts": lines(499) }));
    expect(status).toBe(1);
    expect(out).toContain("packages/data/src/long.ts: 501 lines (limit 500)");
    expect(out).toContain("packages/data/test/long.test.ts: 502 lines (limit 500)");
    expect(out).not.toContain("ok.ts");
  });

  test("a last line without a newline counts, as wc -l would not", () => {
    const { status, out } = check(repo({ "src/long.ts": lines(501).trimEnd() }));
    expect(status).toBe(1);
    expect(out).toContain("src/long.ts: 501 lines");
  });
});

describe("runtime imports", () => {
  // TypeScript's own answer: compile each file on its own and read the require() calls left in the output.
  function emitted(file: string, text: string): string[] {
    const js = ts.transpileModule(text, { fileName: file.replace(/\.mjs$/, ".ts"), compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    return [...new Set(importsOf(file.replace(/\.ts$/, ".js"), js).filter((i) => i.runtime).map((i) => i.spec))].sort();
  }
  const ours = (file: string, text: string) => [...new Set(importsOf(file, text).filter((i) => i.runtime).map((i) => i.spec))].sort();

  test("match what TypeScript emits for tricky cases", () => {
    const cases = [
      `import { A } from "./a"; let x: A;`,
      `import { A } from "./a"; const x = A;`,
      `import { A } from "./a"; let x: typeof A;`,
      `import { A } from "./a"; export class B implements A {}`,
      `import { A } from "./a"; export class B extends A {}`,
      `import { A } from "./a"; interface I extends A {}`,
      `import { A } from "./a"; const o = { A };`,
      `import { A } from "./a"; const o = { A: 1 }; o.A;`,
      `import { A } from "./a"; export { A };`,
      `import * as N from "./a"; let x: N.T;`,
      `import * as N from "./a"; N.f();`,
      `import D, { type T } from "./a"; let x: T = D;`,
      `import { type T } from "./a";`,
      `export { type T } from "./a";`,
      `export * as N from "./a";`,
      `import "./a";`,
      `import x = require("./a"); x();`,
      `import x = require("./a"); let y: x.T;`,
      `declare module "./a" { interface A { f(): void } }`,
      `import { A } from "./a"; declare const y: A;`,
      `import { A } from "./a"; function f<T extends A>(t: T) { return t as A; }`,
    ];
    for (const text of cases) expect(ours("x.ts", text), text).toEqual(emitted("x.ts", text));
  });

  test("match what TypeScript emits for every file of the repository's packages", { timeout: 240_000 }, () => {
    const root = join(__dirname, "..", "packages");
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (name === "node_modules" || name === "dist") continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs)$/.test(name) && !name.endsWith(".d.ts") && !name.endsWith("wasm-binary.ts")) files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(ours(f, text), f).toEqual(emitted(f, text));
    }
  });
});
