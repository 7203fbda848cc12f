#!/usr/bin/env node
// Writes the elementwise loops of the plain-TypeScript kernels (src/kernels/js-*.generated.ts)
// from the op declarations (unary-ops.ts, binary-ops.ts, logical-ops.ts: `expr`, `intExpr`, flags).
//
// Why generated source and not one generic loop: V8 keeps type feedback per function literal, so a
// loop shared by several array classes (Float32Array, Float64Array, Uint8Array, ...) turns
// polymorphic and runs 2-4x slower. One literal per (op, operand classes, output kind) keeps every
// loop monomorphic with the op's expression inlined. Only the kinds the op layer hands over directly
// get a literal (see `kindsOf`); js-elementwise.ts casts any other operand to float32/float64 first.
//
// Usage (after `pnpm build`, which it reads the declarations from):
//   node packages/tensor/scripts/gen-js-elementwise.mjs           # rewrite the generated files
//   node packages/tensor/scripts/gen-js-elementwise.mjs --check   # rewrite nothing; exit 1 if stale
// js-elementwise-generated.test.ts runs the same check on the sources, so a stale file fails the tests.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Operand kinds: the array class of an input (bool and uint8 read alike; int64 is a Float64Array). */
const CLASS = { u8: "Uint8Array", i8: "Int8Array", i16: "Int16Array", i32: "Int32Array", f32: "Float32Array", f64: "Float64Array" };
/** Output kinds: a class, plus `b` (bool: any non-zero stores 1). int64 and float64 store alike (f64). */
const OUT_CLASS = { b: "Uint8Array", ...CLASS };
const NARROW = ["u8", "i8", "i16", "i32"];

/**
 * The (input kind, output kind) pairs an op gets a loop for: what the op layer hands over without a
 * cast. Every type computes in its own type (predicates: into bool); narrow integer results also from
 * float64 operands, which is what js-elementwise.ts casts mixed operands to (exactly).
 */
function kindsOf(spec, unary) {
  if (spec.predicate) return Object.keys(CLASS).map((k) => [k, "b"]);
  const pairs = [["f32", "f32"], ["f64", "f64"]];
  if (unary && spec.toFloat) return pairs;
  for (const k of NARROW) pairs.push([k, k], ["f64", k]);
  // a unary op that keeps bool as bool (sign): its bool result, normalised to 0/1
  if (unary && !spec.noBool && spec.boolError === undefined && !spec.boolToInt64) pairs.push(["f64", "b"]);
  return pairs;
}

/** The expression for an output kind: a bool output stores any non-zero (NaN too) as 1, as a cast to bool does. */
function outputExpr(spec, out) {
  if (out === "b") return spec.predicate ? spec.expr : `((${spec.expr}) !== 0 ? 1 : 0)`;
  return NARROW.includes(out) ? (spec.intExpr ?? spec.expr) : spec.expr;
}

/** Whether a binary loop computes in float32 (PyTorch's result dtype is float32: operands are rounded to it). */
function inFloat32(a, b, out) {
  return out === "f32" || (a !== "f64" && b !== "f64" && (a === "f32" || b === "f32"));
}

/** Element i of `arr` (kind k); rounded to float32 when the loop computes in float32 and k is wider. */
function read(arr, k, i, f32) {
  return f32 && (k === "i32" || k === "f64") ? `Math.fround(${arr}[${i}])` : `${arr}[${i}]`;
}

/** Renames the operands `v`, `a`, `b` of an expression (whole words only). */
function sub(expr, names) {
  return expr.replace(/\b[vab]\b/g, (m) => names[m] ?? m);
}

/**
 * One loop, unrolled by 4, all loads before all stores: a store to a typed array may alias any other
 * typed array, so V8 re-checks every later load; grouping the loads keeps add at 0.9 ns/element.
 */
function loop(name, params, setup, load, store) {
  const at = (j) => (j === 0 ? "i" : `i + ${j}`);
  const block = (f) => [0, 1, 2, 3].map((j) => f(at(j), j));
  return [
    `function ${name}(${params}): void {`,
    ...setup.map((s) => `  ${s}`),
    `  let i = 0;`,
    `  for (const n4 = n - 3; i < n4; i += 4) {`,
    `    ${block(load).join(" ")}`,
    `    ${block(store).join(" ")}`,
    `  }`,
    `  for (; i < n; i++) { ${load("i", 0)} ${store("i", 0)} }`,
    `}`,
  ];
}

function unaryLoop(d, [k, o]) {
  const e = outputExpr(d.spec, o);
  const f32 = o === "f32";
  return loop(`${d.op}_${k}_${o}`, `x: ${CLASS[k]}, out: ${OUT_CLASS[o]}, n: number`, [],
    (i, j) => `const v${j} = ${read("x", k, i, f32)};`, (i, j) => `out[${i}] = ${sub(e, { v: `v${j}` })};`);
}

/**
 * A binary op's (operand, operand, output) kinds: both operands of each pair of kindsOf, and the mixed
 * float operands the op layer passes often enough to deserve a loop: a float32 tensor with an int64 or
 * float64 one, or with a bool mask (float32 result); float32 with float64 into float64.
 */
function binaryKindsOf(spec) {
  const same = kindsOf(spec, false).map(([k, o]) => [k, k, o]);
  if (spec.predicate) return same;
  const mixed = [["f32", "f64", "f32"], ["f32", "u8", "f32"], ["f32", "f64", "f64"]];
  return [...same, ...mixed.flatMap(([a, b, o]) => [[a, b, o], [b, a, o]])];
}

function binaryLoop(d, [ka, kb, o]) {
  const e = outputExpr(d.spec, o);
  const f32 = inFloat32(ka, kb, o);
  return loop(`${d.op}_${ka}_${kb}_${o}`, `x: ${CLASS[ka]}, y: ${CLASS[kb]}, out: ${OUT_CLASS[o]}, n: number`, [],
    (i, j) => `const a${j} = ${read("x", ka, i, f32)}, b${j} = ${read("y", kb, i, f32)};`,
    (i, j) => `out[${i}] = ${sub(e, { a: `a${j}`, b: `b${j}` })};`);
}

function scalarLoop(d, [k, o]) {
  const e = outputExpr(d.spec, o);
  // a JS scalar is "weak" (a Python scalar): a float32 tensor keeps float32 arithmetic, the scalar rounded first
  // (js-elementwise.ts scalarInFloat32: a float32 result, or a float32 tensor compared with it)
  const f32 = o === "f32" || (k === "f32" && o === "b");
  return loop(`${d.op}_${k}_s_${o}`, `x: ${CLASS[k]}, b: number, out: ${OUT_CLASS[o]}, n: number`, f32 ? ["b = Math.fround(b);"] : [],
    (i, j) => `const a${j} = ${read("x", k, i, f32)};`, (i, j) => `out[${i}] = ${sub(e, { a: `a${j}` })};`);
}

/** The scalar functions of js-scalar.ts the expressions may call. */
const SCALAR_HELPERS = ["rint", "powC", "ipow", "floorDiv", "remainder", "maximum", "minimum"];

/** The import lines for the helpers `texts` call: js-scalar.ts's, and those a declaration brings (by its `helpers`). */
function helperImports(decls, texts) {
  const body = texts.join("\n");
  const calls = (name) => new RegExp(`\\b${name}\\(`).test(body);
  const lines = [];
  const own = SCALAR_HELPERS.filter(calls);
  if (own.length > 0) lines.push(`import { ${own.sort().join(", ")} } from "../js-scalar";`);
  for (const d of decls) {
    for (const name of Object.keys(d.spec.helpers ?? {})) {
      if (!calls(name)) continue;
      lines.push(`import { ${d.op} as ${d.op}Decl } from "../../unary-ops";`);
      lines.push(`const ${name} = ${d.op}Decl.spec.helpers!.${name}; // declared with the op (unary-ops.ts)`);
    }
  }
  return lines;
}

const HEADER = [
  `// GENERATED by packages/tensor/scripts/gen-js-elementwise.mjs from the op declarations: do not edit.`,
  `// Regenerate after changing a declaration: pnpm build && node packages/tensor/scripts/gen-js-elementwise.mjs`,
];
const MAX_LINES = 480; // scripts/check-layers.mjs allows 500 per file, generated ones included

/** The parts of one family (unary, binary, binaryScalar): ops packed in order into files of <= MAX_LINES lines. */
function parts(family, decls, kindsFor, loopsOf, keyOf, nameOf) {
  const out = [];
  let cur = null;
  for (const d of decls) {
    const loops = loopsOf(d);
    const row = `  ${d.op}: { ${kindsFor(d.spec).map((p) => `"${keyOf(p)}": ${nameOf(d, p)}`).join(", ")} },`;
    if (cur === null || cur.lines + loops.length + 1 > MAX_LINES) {
      cur = { loops: [], rows: [], ops: [], lines: HEADER.length + 12 };
      out.push(cur);
    }
    cur.loops.push(...loops);
    cur.rows.push(row);
    cur.ops.push(d);
    cur.lines += loops.length + 1;
  }
  return out.map((p, i) => {
    const body = [...p.loops, "", `/** The loops of this file by op, then by "input kinds>output kind". */`, `export const LOOPS = {`, ...p.rows, `};`];
    const text = [
      ...HEADER,
      `// ${family} loops, part ${i + 1} of ${out.length}: ${p.ops.map((d) => d.op).join(", ")}.`,
      ...helperImports(p.ops, body),
      "",
      ...body,
      "",
    ].join("\n");
    return [`${family}-${i + 1}.generated.ts`, text];
  });
}

/** The generated files, by path under src/kernels/, from the declarations (UNARY_DECLS, BINARY_DECLS). */
export function generate(unaryDecls, binaryDecls) {
  const fns = (decls, params) =>
    decls.map((d) => {
      const int = d.spec.intExpr === undefined ? "" : `, int: (${params}) => ${d.spec.intExpr}`;
      return `  ${d.op}: { expr: (${params}) => ${d.spec.expr}${int} },`;
    });
  const fnTable = (name, type, params, decls) => [
    `export const ${name}: { readonly [op in ${type}]: { expr: (${params}) => number; int?: (${params}) => number } } = {`,
    ...fns(decls, params),
    `};`,
  ];
  const unaryKinds = (spec) => kindsOf(spec, true), scalarKinds = (spec) => kindsOf(spec, false);
  const families = [
    ["unary", unaryDecls, unaryKinds, (d) => unaryKinds(d.spec).flatMap((p) => unaryLoop(d, p)), ([k, o]) => `${k}>${o}`, (d, [k, o]) => `${d.op}_${k}_${o}`],
    ["binary", binaryDecls, binaryKindsOf, (d) => binaryKindsOf(d.spec).flatMap((p) => binaryLoop(d, p)), ([a, b, o]) => `${a},${b}>${o}`, (d, [a, b, o]) => `${d.op}_${a}_${b}_${o}`],
    ["binary-scalar", binaryDecls, scalarKinds, (d) => scalarKinds(d.spec).flatMap((p) => scalarLoop(d, p)), ([k, o]) => `${k},s>${o}`, (d, [k, o]) => `${d.op}_${k}_s_${o}`],
  ];
  const files = {};
  const imports = [], tables = [];
  for (const [family, decls, kindsFor, loopsOf, keyOf, nameOf] of families) {
    const ps = parts(family, decls, kindsFor, loopsOf, keyOf, nameOf);
    const names = ps.map(([file], i) => {
      files[`loops/${file}`] = ps[i][1];
      const id = `${family.replace("-s", "S")}${i + 1}`;
      imports.push(`import { LOOPS as ${id} } from "./${file.replace(/\.ts$/, "")}";`);
      return id;
    });
    const name = `${family.replace("-", "_").toUpperCase()}_LOOPS`;
    const type = family === "unary" ? "UnaryOp" : "BinaryOp";
    tables.push("", `export const ${name}: { readonly [op in ${type}]: Readonly<Record<string, Loop>> } = { ${names.map((n) => `...${n}`).join(", ")} };`);
  }
  // monomorphic casts of an operand chunk into float32/float64 scratch (js-elementwise.ts, mixed operands)
  const casts = [];
  const castRows = [];
  for (const to of ["f32", "f64"]) {
    for (const k of Object.keys(CLASS)) {
      if (k === to) continue;
      casts.push(
        `function cast_${k}_${to}(x: ${CLASS[k]}, o: number, s: ${CLASS[to]}, n: number): void {`,
        `  for (let i = 0; i < n; i++) s[i] = x[o + i];`,
        `}`,
      );
      castRows.push(`"${k}>${to}": cast_${k}_${to}`);
    }
  }
  const fnTables = [
    ...fnTable("UNARY_FNS", "UnaryOp", "v: number", unaryDecls),
    ...fnTable("BINARY_FNS", "BinaryOp", "a: number, b: number", binaryDecls),
  ];
  files["loops/index.generated.ts"] = [
    ...HEADER,
    `// One loop per (op, operand kind, output kind), so V8 keeps each monomorphic (js-elementwise.ts explains).`,
    `import type { BinaryOp, UnaryOp } from "../../elementwise-decls";`,
    ...imports,
    ...helperImports([...unaryDecls, ...binaryDecls], fnTables),
    "",
    `/** A generated loop; js-elementwise.ts calls it with the arrays its key names (e.g. "f32,f32>f32": two Float32Array operands, a Float32Array output). */`,
    `export type Loop = (...args: never[]) => void;`,
    ...tables,
    "",
    ...casts,
    `/** Copies n elements of x from o into s (float32 rounds), one loop per pair of array classes: "i32>f64". */`,
    `export const CASTS: Readonly<Record<string, Loop>> = { ${castRows.join(", ")} };`,
    "",
    "/** Each op's expression as a function: the reference loop of js-elementwise.ts (for operand kinds no loop covers). */",
    ...fnTables,
    "",
  ].join("\n");
  return files;
}

// CLI: read the declarations from the build, write (or check) the files.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const pkg = new URL("..", import.meta.url).pathname;
  const { UNARY_DECLS, BINARY_DECLS } = createRequire(import.meta.url)(join(pkg, "dist/elementwise-decls.js"));
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [name, text] of Object.entries(generate(UNARY_DECLS, BINARY_DECLS))) {
    const path = join(pkg, "src/kernels", name);
    mkdirSync(dirname(path), { recursive: true });
    let old = "";
    try {
      old = readFileSync(path, "utf8");
    } catch {}
    if (old === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(path, text), console.log(`wrote ${path} (${text.split("\n").length - 1} lines)`);
  }
  if (check && stale > 0) process.exit(1);
}
