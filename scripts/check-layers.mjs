#!/usr/bin/env node
// Fails on an import that points up the layers, or on a package import that
// the importing package's package.json does not declare.
//   tensor → autograd → nn → optim;  probability → tensor + autograd;  data → tensor;
//   plot → the errors subpath of tensor only ("tensor/errors": one file, no kernels)
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { builtinModules } from "node:module";

const ALLOWED = {
  tensor: [],
  autograd: ["tensor"],
  nn: ["tensor", "autograd"],
  optim: ["tensor", "autograd", "nn"],
  data: ["tensor"],
  probability: ["tensor", "autograd"],
  plot: ["tensor/errors"],
};
const root = new URL("..", import.meta.url).pathname;
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const problems = [];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|mts|cts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) yield p;
  }
}

for (const pkg of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", pkg);
  if (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "src"))) continue;
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const runtime = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
  const dev = new Set(Object.keys(manifest.devDependencies ?? {}));
  const rootDev = new Set(Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies ?? {}));
  if (!(pkg in ALLOWED)) problems.push(`packages/${pkg}: not in the layer map of scripts/check-layers.mjs — add it`);
  for (const file of walk(join(dir, "src"))) {
    // test files and test-only helpers (*.test.ts, *.testing.ts) may use devDependencies
    const isTest = /\.(test|testing)\.[a-z]+$/.test(file);
    const src = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const re = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g;
    for (const m of src.matchAll(re)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith(".") || builtins.has(spec)) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      const where = relative(root, file);
      if (name.startsWith("@torchts/")) {
        const target = name.slice("@torchts/".length);
        // an entry names a whole package ("tensor") or one subpath of it ("tensor/errors")
        const allowed = ALLOWED[pkg] ?? [];
        if (!allowed.includes(target) && !allowed.includes(spec.slice("@torchts/".length)) && target !== pkg) {
          problems.push(`${where}: @torchts/${pkg} may not import ${name} (layers: ${pkg} → ${(ALLOWED[pkg] ?? []).join(", ") || "nothing"})`);
          continue;
        }
      }
      const declared = runtime.has(name) || (isTest && (dev.has(name) || rootDev.has(name)));
      if (!declared) problems.push(`${where}: imports "${name}" which packages/${pkg}/package.json does not declare${isTest ? " (even as a devDependency)" : " in dependencies"}`);
    }
  }
}

if (problems.length) {
  console.error("check-layers: " + problems.length + " problem(s)\n" + problems.map((p) => "  - " + p).join("\n"));
  process.exit(1);
}
console.log("check-layers: ok");
