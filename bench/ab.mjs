#!/usr/bin/env node
// A/B: two builds of torchts in one process — A, the build before a change (a git revision,
// built and cached outside the repository), against B, the build after it (this work tree,
// or --head REV) — on the workloads of bench/workloads, in interleaved rounds (issue 12).
//
//   node bench/ab.mjs [--base REV] [--head REV] [--rounds 5] [--budget 200] [--filter regex]
//                     [--engines ts,ts-wasm1,ts-js] [--markdown BENCHMARKS.md [--section ab]]
//                     [--json out.json] [--report-only] [--cache DIR]
//
// --base defaults to `git merge-base HEAD main`. Each build is loaded from its own
// packages/*/dist, so each has its own module instances, kernel registry, WebAssembly memory
// and worker thread. Within a round every workload runs on A and on B back to back, in an
// order that alternates per round and per workload. Per row: the medians over rounds, their
// min–max, B/A in time per call, and the verdict of issue 12's rule (bench/lib/ab-report.mjs).
// Exits 1 when a row is a REGRESSION, unless --report-only.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { abRows, SLOWER_LIMIT, verdictCounts } from "./lib/ab-report.mjs";
import { DEFAULT_CACHE, defaultBase, describeRev, hasChanges, prepareBuild, resolveRev, staleDist } from "./lib/build-cache.mjs";
import { ENGINE_LABELS, loadTorchtsBuild, torchtsEngine, TORCHTS_VARIANTS } from "./lib/engines.mjs";
import { createProbe } from "./lib/probe.mjs";
import { commandLine, markdownTable, replaceMarked, summarise, textTable } from "./lib/report.mjs";
import { loadWorkloads, probeNote, runRounds } from "./lib/rounds.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ROUNDS = Number(opt("rounds", 5));
const BUDGET_MS = Number(opt("budget", 200));
const filter = new RegExp(opt("filter", ".*"));
const variants = opt("engines", "ts").split(",");
for (const v of variants) if (!(v in TORCHTS_VARIANTS)) throw new Error(`ab: --engines takes torchts variants (${Object.keys(TORCHTS_VARIANTS).join(", ")}), got "${v}"`);
const cacheDir = opt("cache", DEFAULT_CACHE);
const log = (s) => console.log(s);
const t0 = Date.now();

// The two builds.
const baseSha = resolveRev(ROOT, opt("base") ?? defaultBase(ROOT));
const headRev = opt("head");
const rootA = prepareBuild(ROOT, baseSha, { cacheDir, log });
let rootB = ROOT, nameB = "this tree";
if (headRev) {
  const headSha = resolveRev(ROOT, headRev);
  rootB = prepareBuild(ROOT, headSha, { cacheDir, log });
  nameB = describeRev(ROOT, headSha).split(" ")[0];
} else {
  const stale = staleDist(ROOT);
  if (stale.length) console.log(`WARNING: this tree's dist is older than its sources (${stale.join(", ")}): run pnpm build (pnpm bench:ab does)`);
}
const labelA = `A (base ${describeRev(ROOT, baseSha).split(" ")[0]})`;
const labelB = `B (${nameB})`;
const buildA = loadTorchtsBuild(rootA, null);
const buildB = loadTorchtsBuild(rootB, null);
if (buildA.tensor === buildB.tensor) throw new Error("ab: A and B resolved to the same module instance");

const cases = await loadWorkloads(filter);
const engines = [], pairs = [];
for (const v of variants) {
  const suffix = variants.length > 1 || v !== "ts" ? ` ${ENGINE_LABELS[v]}` : "";
  const a = await torchtsEngine(buildA, v, { key: `A:${v}`, label: `${labelA}${suffix}` });
  const b = await torchtsEngine(buildB, v, { key: `B:${v}`, label: `${labelB}${suffix}` });
  engines.push(a, b);
  pairs.push({ a: a.key, b: b.key, name: ENGINE_LABELS[v] });
}
const live = engines.filter((e) => e.ok);
for (const e of engines) if (!e.ok) throw new Error(`ab: ${e.label} cannot run: ${e.reason}`);

// The machine probe runs this tree's raw sgemm (or the base's, if this tree's has moved).
let probe = null;
for (const b of [buildB, buildA]) {
  try {
    probe = createProbe(b.dist);
    break;
  } catch {}
}

const cpu = cpuModel();
const mallocNote = [buildA, buildB].map((b) => (b.tensor.mallocTuning?.().applied ? "kept" : "glibc defaults")).join(" / ");
console.log(
  `torchts A/B: node ${process.version}, ${os.cpus().length} cores (${cpu}), ${ROUNDS} rounds, ${BUDGET_MS} ms per timed block, ${cases.length} workloads × ${variants.length} variant(s)`,
);
console.log(`  A: ${describeRev(ROOT, baseSha)}  (${rootA})`);
console.log(`  B: ${headRev ? describeRev(ROOT, resolveRev(ROOT, headRev)) : `the work tree at ${ROOT} (HEAD ${describeRev(ROOT, "HEAD")}${hasChanges(ROOT) ? ", with uncommitted changes" : ""})`}`);
for (const e of engines) console.log(`  ${e.label.padEnd(28)} ${e.note}`);

const loadBefore = os.loadavg()[0];
// Other processes take turns on the cores with both builds alike, but widen every range, and
// overlapping ranges excuse a slower median: say so (the "flags from" column shows how much).
if (loadBefore > os.cpus().length * 0.75) console.log(`WARNING: load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores: other processes are running; read the "flags from" column`);
const tRounds = Date.now();
// Per workload and variant, A and B alternate in half blocks, A B B A or B A A B (by round and
// workload): both see the same machine within a round, a drift over the four blocks cancels, and
// the first block (which pays for the garbage the previous workload left) alternates between them.
const order = (r, ci) => pairs.flatMap((p) => {
  const [a, b] = [live.find((e) => e.key === p.a), live.find((e) => e.key === p.b)];
  return (r + ci + 2) % 2 === 0 ? [a, b, b, a] : [b, a, a, b];
});
const { rounds, probes, errors } = await runRounds({
  cases,
  engines: live,
  rounds: ROUNDS,
  budgetMs: BUDGET_MS,
  probe,
  order,
  warmupRound: true,
  progress: (r, ci, c) => process.stderr.write(`\r${r < 0 ? "warm-up round" : `round ${r + 1}/${ROUNDS}`}: ${ci + 1}/${cases.length} ${c.id.padEnd(40)}`),
});
process.stderr.write(`\r${" ".repeat(70)}\r`);
const probeLine = probeNote(probes);
const loadNote = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after`;
const { rows, verdicts } = abRows(summarise(cases, live, rounds), pairs, { a: labelA, b: labelB });
const excused = verdicts.filter((v) => v.slowerEveryRound && v.verdict !== "REGRESSION").map((v) => v.id);
const counts = verdictCounts(verdicts) + (excused.length ? `; B more than ${SLOWER_LIMIT}× slower in every round, but not a regression by the rule: ${excused.join("; ")}` : "");
const wall = `${((Date.now() - t0) / 1000).toFixed(0)} s in all (rounds ${((Date.now() - tRounds) / 1000).toFixed(0)} s)`;

console.log(`\n${textTable(rows)}\n`);
console.log(`B/A time: B's median time per call over A's (> 1: B slower); paired: the median of the per-round ratios;`);
console.log(`flags from: the uniform slowdown of B this run would have flagged (A's slowest round over its fastest, at least ${SLOWER_LIMIT}).`);
console.log(`Rule (issue 12): REGRESSION when B's median takes more than ${SLOWER_LIMIT}× A's and the min–max ranges do not overlap.`);
for (const e of errors) console.log(`NOT RUN: ${e}`);
console.log(`\n${counts}. ${probeLine}; ${loadNote}; allocator ${mallocNote}; ${wall}.`);

const md = opt("markdown");
if (md) {
  const file = path.resolve(md);
  const tag = `bench:${opt("section", "ab")}`;
  const block = [
    `<!-- ${tag}:begin -->`,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`${commandLine("node bench/ab.mjs", args)}\`: node ${process.version}, ${os.cpus().length} cores (${cpu}), medians of ${ROUNDS} interleaved rounds, (min–max) over rounds; ${probeLine}; ${loadNote}; ${wall}.`,
    "",
    `- **A**: \`${describeRev(ROOT, baseSha)}\``,
    `- **B**: ${headRev ? `\`${describeRev(ROOT, resolveRev(ROOT, headRev))}\`` : `the work tree, HEAD \`${describeRev(ROOT, "HEAD")}\`${hasChanges(ROOT) ? " with uncommitted changes" : ""}`}`,
    `- ${engines.map((e) => `${e.label}: ${e.note}`).join("; ")}`,
    "",
    markdownTable(rows),
    "",
    `Verdicts: ${counts}.${errors.length ? ` Not run: ${errors.join("; ")}.` : ""}`,
    `<!-- ${tag}:end -->`,
  ].join("\n");
  fs.writeFileSync(file, replaceMarked(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "", tag, block));
  console.log(`wrote the table into ${path.relative(process.cwd(), file)}`);
}
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ node: process.version, cpu, base: baseSha, head: headRev ?? "work tree", rounds, probes, verdicts }, null, 1));

const regressions = verdicts.filter((v) => v.verdict === "REGRESSION");
if (regressions.length) {
  console.log(`\n${regressions.length} REGRESSION row(s): ${regressions.map((v) => v.id).join("; ")}`);
  if (!args.includes("--report-only")) process.exitCode = 1;
}

/** The CPU as /proc/cpuinfo names it, with its vector extensions (os.cpus() elsewhere). */
function cpuModel() {
  try {
    const info = fs.readFileSync("/proc/cpuinfo", "utf8");
    const model = /^model name\s*:\s*(.*)$/m.exec(info)?.[1] ?? "unknown CPU";
    const flags = /^flags\s*:\s*(.*)$/m.exec(info)?.[1].split(" ") ?? [];
    const simd = ["avx512f", "avx2", "fma"].filter((f) => flags.includes(f));
    return simd.length ? `${model}, ${simd.join(" ")}` : model;
  } catch {
    return os.cpus()[0]?.model ?? "unknown CPU";
  }
}

