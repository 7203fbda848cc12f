/**
 * No runtime import cycle inside @torchts/tensor: a module may only use what
 * it imports at load time if that module has finished loading, so a cycle
 * breaks as soon as one of its modules uses an import at module level (as
 * `class Parameter extends Tensor` would). Each source file is compiled to
 * CommonJS as the build does, so `import type` and type-only imports, which
 * TypeScript erases, do not count; every remaining `require("./…")` is an edge.
 *
 * Also runnable as a report: `npx vitest run packages/tensor/src/import-cycles.test.ts`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const SRC = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(name) && !/\.(test|testing)\.ts$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The package-internal modules `file` requires at runtime, as paths relative to src. */
function runtimeImports(file: string): string[] {
  const js = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const out: string[] = [];
  for (const m of js.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) out.push(relative(SRC, resolve(dirname(file), m[1])) + ".ts");
  return out;
}

/** The strongly connected components with more than one module (or a module importing itself): Tarjan's algorithm. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("runtime imports inside packages/tensor/src", () => {
  const graph = new Map(sources(SRC).map((f) => [relative(SRC, f), runtimeImports(f)]));

  test("the cycle finder sees a cycle when there is one", () => {
    const g = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(cycles(new Map([["a.ts", ["a.ts"]]]))).toEqual([["a.ts"]]);
  });

  test("tensor.ts imports no op module at runtime", () => {
    const ops = graph.get("tensor.ts")!.filter((m) => !["dtype.ts", "storage.ts", "shape.ts", "size.ts", "errors.ts", "hooks.ts", "format.ts", "format-html.ts"].includes(m));
    expect(ops).toEqual([]);
  });

  test("there is no import cycle", () => {
    const found = cycles(graph);
    const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
    console.log(`import-cycles: ${graph.size} modules, ${edges} runtime imports, ${found.length} cycles${found.map((c) => `\n  ${c.join(" -> ")}`).join("")}`);
    expect(found).toEqual([]);
  });
});
