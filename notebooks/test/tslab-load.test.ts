/**
 * Every workspace package, loaded the way a notebook loads it: through the
 * tslab kernel, which type-checks the cell with its own TypeScript 5.0 and
 * Node10 resolution (top-level "types"/"main", no "exports") and require()s
 * the BUILT dist. A package tslab cannot type-check or require fails here.
 *
 * Packages are discovered from packages/*\/package.json; each must also be a
 * dependency of notebooks/package.json (that is how the kernel finds them).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { codeCells, NOTEBOOKS, notebookFrom, readNotebook, ROOT, runScript, skipRunner, streamText, ts, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

interface Pkg {
  name: string;
  dir: string;
  main: string;
  types: string;
}

const packages: Pkg[] = readdirSync(join(ROOT, "packages"))
  .filter((d) => existsSync(join(ROOT, "packages", d, "package.json")))
  .map((d) => {
    const json = JSON.parse(readFileSync(join(ROOT, "packages", d, "package.json"), "utf8"));
    return { name: json.name, dir: join(ROOT, "packages", d), main: json.main, types: json.types };
  })
  .filter((p) => !JSON.parse(readFileSync(join(p.dir, "package.json"), "utf8")).private);

const built = (p: Pkg) => Boolean(p.main) && existsSync(join(p.dir, p.main));
// On CI every package must be built (the root scripts build first); locally, unbuilt ones are left out.
const loadable = process.env.CI === "true" ? packages : packages.filter(built);

/** Extra use of a package's API, run only when it exports the names listed. */
const snippets: Record<string, { needs: string[]; code: string; expect: string }> = {
  "@torchts/plot": {
    needs: ["plot"],
    code: 'const svg = await pkg.plot([0, 1, 2], [[0, 1, 4], [0, 2, 4]], { legend: ["a", "b"], hlines: [{ y: 2 }] });\nconsole.log(svg.startsWith("<svg"), svg.includes(">b<"));',
    expect: "true true",
  },
  "@torchts/tensor": {
    needs: ["tensor"],
    code: "console.log(pkg.tensor([1, 2, 3]).sum().item());",
    expect: "6",
  },
};

/**
 * Each package's runtime exports and their typeof, as plain Node require()s
 * them from notebooks/. A child process, because this one runs with vitest's
 * "@torchts/source" condition, which would load TypeScript sources.
 */
function exportsSeenByNode(names: string[]): Record<string, Record<string, string>> {
  const script = `
    const out = {};
    for (const name of ${JSON.stringify(names)}) {
      const mod = require(name);
      out[name] = Object.fromEntries(Object.keys(mod).filter((k) => k !== "__esModule").sort().map((k) => [k, typeof mod[k]]));
    }
    process.stdout.write(JSON.stringify(out));`;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: NOTEBOOKS, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`require() of the built packages failed in Node:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const ident = (name: string) => "p_" + name.replace(/[^A-Za-z0-9]/g, "_");

describe("workspace packages in tslab", () => {
  test("every package has top-level main and types (tslab ignores exports) and is a notebooks dependency", () => {
    const deps = JSON.parse(readFileSync(join(NOTEBOOKS, "package.json"), "utf8")).dependencies ?? {};
    for (const p of packages) {
      expect(p.main, `${p.name}: package.json needs a top-level "main"`).toBeTruthy();
      expect(p.types, `${p.name}: package.json needs a top-level "types"`).toBeTruthy();
      expect(deps[p.name], `add "${p.name}": "workspace:*" to notebooks/package.json dependencies`).toBe("workspace:*");
    }
  });

  test.skipIf(skipRunner)(
    "a notebook imports every built package, type-checks against its types and gets the same exports Node does",
    async () => {
      expect(loadable.length).toBeGreaterThan(0);
      for (const p of loadable) expect(built(p), `${p.name} has no ${p.main}: build it first (turbo run build)`).toBe(true);
      const expected = exportsSeenByNode(loadable.map((p) => p.name));
      const cells: string[] = [];
      for (const p of loadable) {
        const names = Object.keys(expected[p.name]!);
        const id = ident(p.name);
        // Touching every export by name makes tslab's type-check fail for any the types lack.
        const touch = names.filter((n) => /^[A-Za-z_$][\w$]*$/.test(n)).map((n) => `${id}.${n}`);
        cells.push(
          ts(
            `import * as ${id} from "${p.name}";\n` +
              // A statement, not a declaration: tslab emits .d.ts for top-level declarations.
              `void [${touch.join(", ")}];\n` +
              `console.log(JSON.stringify(Object.fromEntries(Object.keys(${id}).filter((k) => k !== "__esModule").sort().map((k) => [k, typeof (${id} as any)[k]]))));`,
          ),
        );
        const snippet = snippets[p.name];
        if (snippet && snippet.needs.every((n) => n in expected[p.name]!)) {
          cells.push(ts(`{\n  const pkg = ${id};\n  ${snippet.code.replace(/\n/g, "\n  ")}\n}`));
        }
      }
      const path = await notebookFrom("tslab-load", cells.join("\n"));
      const r = await runScript("run_notebooks.py", [path], 300000);
      expect(r.code, r.stdout + r.stderr).toBe(0);

      const outputs = codeCells(readNotebook(path)).map((c) => streamText(c).trim());
      let i = 0;
      for (const p of loadable) {
        expect(JSON.parse(outputs[i++]!), `${p.name}: exports seen in tslab`).toEqual(expected[p.name]);
        const snippet = snippets[p.name];
        if (snippet && snippet.needs.every((n) => n in expected[p.name]!)) expect(outputs[i++], `${p.name}: snippet`).toBe(snippet.expect);
      }
    },
    300000,
  );
});
