#!/usr/bin/env node
// torchts benchmark harness: every workload in bench/workloads/*.mjs, on every
// engine (PyTorch, tfjs-cpu, tfjs-wasm, torchts JS / WASM 1 thread / default),
// in one process, several interleaved rounds with the engine order rotated.
//
//   node bench/run.mjs [--rounds 3] [--budget 200] [--filter regex] [--engines a,b]
//                      [--markdown BENCHMARKS.md [--section NAME]] [--json out.json] [--quick] [--malloc-system]
//
// Prints one table of medians (min–max over rounds) with ratios, then the
// issue's targets as PASS/FAIL. --markdown rewrites the table in that file
// between its <!-- bench:begin --> and <!-- bench:end --> markers (with
// --section NAME: <!-- bench:NAME:begin --> ... <!-- bench:NAME:end -->).
// Needs a build of @torchts/tensor (pnpm turbo run build --filter @torchts/tensor).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngines, ENGINE_LABELS } from "./lib/engines.mjs";
import { commandLine, markdownTable, replaceMarked, summarise, tableRows, targetLines, textTable } from "./lib/report.mjs";
import { loadWorkloads, probeNote, runRounds } from "./lib/rounds.mjs";
import { createProbe } from "./lib/probe.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

// Memory: @torchts/tensor tells glibc to keep freed memory for reuse when it loads (packages/tensor/src/
// memory.ts), because on this VM the first touch of a page glibc had returned to the OS costs ~18 µs.
// That setting is process-wide, so the tfjs engines in this process get it too. --malloc-system re-runs
// the harness with TORCHTS_MALLOC=system (glibc's defaults), to show what the setting is worth.
const systemMalloc = args.includes("--malloc-system");
if (systemMalloc && process.env.TORCHTS_MALLOC !== "system") {
  const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env: { ...process.env, TORCHTS_MALLOC: "system" } });
  process.exit(r.status ?? 1);
}
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const quick = args.includes("--quick");
const ROUNDS = Number(opt("rounds", quick ? 1 : 3));
const BUDGET_MS = Number(opt("budget", quick ? 60 : 200));
const MAX_CALLS = 200;
const filter = new RegExp(opt("filter", ".*"));
const engineKeys = opt("engines", Object.keys(ENGINE_LABELS).join(",")).split(",");

const cases = await loadWorkloads(filter);
const engines = await createEngines(engineKeys);
const mallocNote = mallocDescription();
const live = engines.filter((e) => e.ok);

/** What the process's allocator does, as @torchts/tensor reports it (it loads with the torchts engines). */
function mallocDescription() {
  const t = engines.find((e) => e.key.startsWith("ts") && e.ok)?.tensor;
  if (!t) return "allocator: glibc defaults (no torchts engine loaded)";
  const m = t.mallocTuning();
  return m.applied ? "allocator: glibc keeping freed memory (set by @torchts/tensor at load)" : `allocator: glibc defaults (${m.reason})`;
}
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`torchts bench: node ${process.version}, ${os.cpus().length} cores (${cpu}), ${ROUNDS} round(s), ${BUDGET_MS} ms per timed block, ${mallocNote}`);
for (const e of engines) console.log(`  ${e.label.padEnd(20)} ${e.ok ? e.note ?? "" : `NOT RUN: ${e.reason}`}`);

const t0 = Date.now();
const loadBefore = os.loadavg()[0];
const probe = createProbe(process.env.TORCHTS_DIST ?? path.join(here, "..", "packages", "tensor", "dist"));
const { rounds, probes, errors } = await runRounds({
  cases,
  engines,
  rounds: ROUNDS,
  budgetMs: BUDGET_MS,
  maxCalls: MAX_CALLS,
  probe,
  progress: (r, ci, c) => process.stderr.write(`\rround ${r + 1}/${ROUNDS}: ${ci + 1}/${cases.length} ${c.id.padEnd(30)}`),
});
process.stderr.write(`\r${" ".repeat(60)}\r`);
// How fast the machine itself was: the same raw sgemm before each round and after the last.
const probeLine = probeNote(probes);
console.log(probeLine);
for (const e of errors) console.log(`NOT RUN: ${e}`);
// Other processes on a 2-core machine distort the two-thread numbers most: say how busy it was.
const loadNote = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`;
for (const e of live) e.close?.();

const summary = summarise(cases, live, rounds);
const rows = tableRows(summary, live);
console.log(`\n${textTable(rows)}\n`);
console.log("Ratios: how many times faster torchts (default: WASM, 2 threads where it pays) is; > 1 is faster.");
const targets = targetLines(summary);
if (targets.length) {
  console.log("\nTargets (issues 2 and 4):");
  for (const t of targets) console.log(`  ${t.verdict.padEnd(4)} ${t.text}`);
}
console.log(`\n${((Date.now() - t0) / 1000).toFixed(0)} s, ${loadNote}`);

const md = opt("markdown");
if (md) {
  const file = path.resolve(md);
  const stamp = new Date().toISOString().slice(0, 10);
  const cmd = commandLine("node bench/run.mjs", args);
  // --section NAME writes its own block (<!-- bench:NAME:begin -->), e.g. for a subset run beside the full table.
  const section = opt("section");
  const tag = section ? `bench:${section}` : "bench";
  const block = [
    `<!-- ${tag}:begin -->`,
    `Measured ${stamp} with \`${cmd}\`: node ${process.version}, ${os.cpus().length} cores (${cpu}), medians of ${ROUNDS} interleaved round(s), (min–max) over rounds; ${mallocNote}; ${loadNote}; ${probeLine}.`,
    "",
    ...engines.map((e) => `- **${e.label}**: ${e.ok ? e.note ?? "" : `not run: ${e.reason}`}`),
    "",
    markdownTable(rows),
    "",
    "Targets (issues 2 and 4):",
    "",
    ...targets.map((t) => `- ${t.verdict === "PASS" ? "✅" : t.verdict === "FAIL" ? "❌" : "–"} ${t.text}`),
    `<!-- ${tag}:end -->`,
  ].join("\n");
  fs.writeFileSync(file, replaceMarked(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "", tag, block));
  console.log(`wrote the table into ${path.relative(process.cwd(), file)}`);
}
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ node: process.version, cpu, rounds: ROUNDS, probes, summary: summary.map((s) => ({ id: s.case.id, unit: s.case.unit, ...s.cells })) }, null, 1));
