#!/usr/bin/env node
// Checks the code under packages/*/src and packages/*/test; fails (exit 1) on
//  1. an import that points up the layers, or a package import that the importing
//     package's package.json does not declare;
//       tensor → autograd → nn → optim;  probability → tensor + autograd;  data → tensor;
//       plot → the errors subpath of tensor only ("tensor/errors": one file, no kernels);
//       loaders, serialization → tensor;  torchts (umbrella) → all;  d2l → all, umbrella included
//  2. an import cycle among the files of one package. Only runtime imports count:
//     `import type` / `export type` (and `import { type A }`) are erased by
//     TypeScript, and so is an import whose bindings the file uses only as types;
//     neither can form a runtime cycle. A lazy `require()` / `import()` counts: it
//     hides a cycle, it does not break it. Every file of each cycle is reported;
//  3. a source file over 500 lines: every .ts/.mts/.cts/.js/.mjs/.cjs file (not .d.ts)
//     under packages/*/src and packages/*/test, tests and generated files included.
// Usage: node scripts/check-layers.mjs [root]   (root defaults to this repository)
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { builtinModules } from "node:module";
import { importsOf } from "./runtime-imports.mjs";

const MAX_LINES = 500;
const ALLOWED = {
  tensor: [],
  autograd: ["tensor"],
  nn: ["tensor", "autograd"],
  optim: ["tensor", "autograd", "nn"],
  data: ["tensor"],
  probability: ["tensor", "autograd"],
  plot: ["tensor/errors"],
  loaders: ["tensor"], // torch.utils.data, datasets, transforms
  serialization: ["tensor"], // torch.save / torch.load, safetensors
  torchts: ["tensor", "autograd", "nn", "optim", "data", "probability", "plot", "loaders", "serialization"], // the umbrella: re-exports only
  d2l: ["tensor", "autograd", "nn", "optim", "data", "probability", "plot", "loaders", "serialization", "torchts"], // the book's helpers, on top
};
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
// tensor's ./internal subpath (the tracer seam and the primitives) may change in any release of
// the fixed version group, so only autograd imports it; other packages extend autograd through defineOp
const INTERNAL_USERS = ["autograd"];
const root = resolve(process.argv[2] ?? new URL("..", import.meta.url).pathname);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const rootDev = new Set(Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies ?? {}));
const problems = [];

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (CODE.test(name) && !name.endsWith(".d.ts")) yield p;
  }
}

function lineCount(text) {
  if (text === "") return 0;
  const n = text.split("\n").length;
  return text.endsWith("\n") ? n - 1 : n; // what `wc -l` says for a file ending in a newline
}

// Resolves a relative (or own-package) specifier to one of the package's files.
function resolveLocal(spec, from, pkg, manifest, files) {
  let base;
  if (spec.startsWith(".")) base = resolve(dirname(from), spec);
  else if (spec === `@torchts/${pkg.name}` || spec.startsWith(`@torchts/${pkg.name}/`)) {
    const sub = "." + spec.slice(`@torchts/${pkg.name}`.length);
    const target = manifest.exports?.[sub]?.["@torchts/source"];
    if (typeof target !== "string") return null;
    base = resolve(pkg.dir, target);
  } else return null;
  const stem = base.replace(/\.(m|c)?js$/, "");
  for (const c of [base, ...["ts", "mts", "cts", "js", "mjs", "cjs"].flatMap((e) => [`${stem}.${e}`, join(base, `index.${e}`)])])
    if (files.has(c)) return c;
  return null;
}

// Tarjan's strongly connected components; each one with more than one file (or a self-import) is a cycle.
function cycles(graph) {
  const index = new Map(), low = new Map(), stack = [], on = new Set(), found = [];
  let next = 0;
  const strong = (v) => {
    index.set(v, next); low.set(v, next++); stack.push(v); on.add(v);
    for (const w of graph.get(v).keys()) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = [];
    let w;
    do { w = stack.pop(); on.delete(w); scc.push(w); } while (w !== v);
    if (scc.length > 1 || graph.get(v).has(v)) found.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) strong(v);
  return found;
}

// A shortest way round the cycle from its first file, as an example of the circle.
function shortestLoop(graph, start, members) {
  const prev = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of graph.get(queue[i]).keys()) {
      if (w === start) {
        const path = [start];
        for (let v = queue[i]; v !== start; v = prev.get(v)) path.splice(1, 0, v);
        return [...path, start];
      }
      if (members.has(w) && !prev.has(w)) { prev.set(w, queue[i]); queue.push(w); }
    }
  }
  return [start];
}

for (const name of readdirSync(join(root, "packages")).sort()) {
  const dir = join(root, "packages", name);
  if (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "src"))) continue;
  const pkg = { name, dir };
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const runtime = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  if (!(name in ALLOWED)) problems.push(`packages/${name}: not in the layer map of scripts/check-layers.mjs — add it`);
  const files = new Set(["src", "test"].filter((d) => existsSync(join(dir, d))).flatMap((d) => [...walk(join(dir, d))]));
  const graph = new Map(); // file → Map(imported file → line of the import)
  for (const file of files) {
    const where = relative(root, file);
    const text = readFileSync(file, "utf8");
    const lines = lineCount(text);
    if (lines > MAX_LINES) problems.push(`${where}: ${lines} lines (limit ${MAX_LINES}): split it by concept`);
    // test files, test-only helpers (*.test.ts, *.testing.ts) and test/ may use devDependencies
    const isTest = /\.(test|testing)\.[a-z]+$/.test(file) || relative(dir, file).startsWith("test/");
    const edges = new Map();
    graph.set(file, edges);
    for (const { spec, line, runtime: kept } of importsOf(file, text)) {
      if (spec.startsWith(".") || spec.startsWith(`@torchts/${name}`)) {
        const target = kept && resolveLocal(spec, file, pkg, manifest, files);
        if (target && !edges.has(target)) edges.set(target, line);
        if (spec.startsWith(".")) continue;
      }
      if (builtins.has(spec)) continue;
      const dep = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (dep.startsWith("@torchts/")) {
        const target = dep.slice("@torchts/".length);
        // an entry names a whole package ("tensor") or one subpath of it ("tensor/errors")
        const allowed = ALLOWED[name] ?? [];
        if (!allowed.includes(target) && !allowed.includes(spec.slice("@torchts/".length)) && target !== name) {
          problems.push(`${where}: @torchts/${name} may not import ${dep} (layers: ${name} → ${(ALLOWED[name] ?? []).join(", ") || "nothing"})`);
          continue;
        }
        if (spec === "@torchts/tensor/internal" && !INTERNAL_USERS.includes(name)) {
          problems.push(`${where}: @torchts/tensor/internal is for ${INTERNAL_USERS.join(", ")} only (the fixed version group); use defineOp from @torchts/autograd`);
          continue;
        }
        if (target === name) continue;
      }
      const declared = runtime.has(dep) || (isTest && (dev.has(dep) || rootDev.has(dep)));
      if (!declared) problems.push(`${where}: imports "${dep}" which packages/${name}/package.json does not declare${isTest ? " (even as a devDependency)" : " in dependencies"}`);
    }
  }
  const rel = (f) => relative(dir, f);
  for (const scc of cycles(graph)) {
    const members = new Set(scc);
    const lines = scc.map((f) => {
      const into = [...graph.get(f)].filter(([t]) => members.has(t)).map(([t, line]) => `${rel(t)} (line ${line})`);
      return `      ${rel(f)} → ${into.join(", ")}`;
    });
    problems.push(
      `packages/${name}: runtime import cycle through ${scc.length} file(s), e.g. ${shortestLoop(graph, scc[0], members).map(rel).join(" → ")}; ` +
      `each file and what it imports inside the cycle:\n${lines.join("\n")}`,
    );
  }
}

if (problems.length) {
  console.error("check-layers: " + problems.length + " problem(s)\n" + problems.map((p) => "  - " + p).join("\n"));
  process.exit(1);
}
console.log("check-layers: ok");
