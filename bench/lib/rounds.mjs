// The measuring loop shared by run.mjs (engines side by side) and ab.mjs (two builds of
// torchts): the workloads, then interleaved rounds with a machine probe before each.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const WORKLOADS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "workloads");

/** Every case of bench/workloads/*.mjs (in file-name order) whose id matches `filter`. */
export async function loadWorkloads(filter = /.*/) {
  const cases = [];
  for (const f of fs.readdirSync(WORKLOADS).filter((f) => f.endsWith(".mjs")).sort()) {
    const mod = await import(pathToFileURL(path.join(WORKLOADS, f)).href);
    for (const c of mod.workloads) if (filter.test(c.id)) cases.push(c);
  }
  if (cases.length === 0) throw new Error(`no workload matches ${filter}`);
  return cases;
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Rotates the engine order per round and per case, so no engine always runs first (or after another). */
export const rotate = (r, ci, live) => {
  const shift = (r + ci) % live.length;
  return [...live.slice(shift), ...live.slice(0, shift)];
};

/**
 * Runs `rounds` rounds: in each, every case on every engine in the order `order(r, ci, live)`
 * gives. An engine listed k times there gets k timed blocks of budgetMs / k (and maxCalls / k)
 * each, whose calls are pooled: so two engines can alternate in short blocks (A B B A) and see
 * the same machine. The median call of an engine's pooled blocks is its sample for the round.
 * The first round warms each engine up (for budgetMs) before its first block; with
 * warmupRound, an unrecorded round (r = -1) of such warm-ups and blocks comes first instead, so
 * every recorded round runs after the whole process (JIT, heap size, worker) has settled.
 * Returns { rounds: [{ [caseId]: { [engineKey]: ms } }], probes: GFLOPS before each recorded
 * round and after the last, errors: ["case on engine: message"] }. A case whose prepare()
 * throws on an engine is skipped there.
 */
export async function runRounds({ cases, engines, rounds: n, budgetMs, maxCalls = 200, probe = null, order = rotate, progress = () => {}, warmupRound = false }) {
  const live = engines.filter((e) => e.ok);
  // prepared[caseId][engineKey] = the engine's callable, created lazily with the engine active.
  const prepared = {};
  const rounds = [], probes = [], errors = [];
  for (let r = warmupRound ? -1 : 0; r < n; r++) {
    const warm = r === (warmupRound ? -1 : 0);
    if (probe) {
      // also in the warm-up round, unrecorded: the probe's first calls may still run in V8's baseline tier
      const gflops = probe();
      if (r >= 0) probes.push(gflops);
    }
    const round = {};
    for (let ci = 0; ci < cases.length; ci++) {
      const c = cases[ci];
      round[c.id] = {};
      prepared[c.id] ??= {};
      const seq = order(r, ci, live);
      const times = {};
      for (const e of seq) {
        await e.activate();
        if (!(e.key in prepared[c.id])) {
          try {
            prepared[c.id][e.key] = await e.prepare(c);
          } catch (err) {
            prepared[c.id][e.key] = null;
            errors.push(`${c.id} on ${e.label}: ${err.message}`);
          }
        }
        const p = prepared[c.id][e.key];
        if (p === null || p === undefined) continue;
        const k = seq.filter((x) => x === e).length;
        // No forced GC between blocks: a full GC makes the allocator hand memory back to the OS,
        // and first-touch page faults on this VM cost up to ~15 ns per float32 element.
        const block = await e.time(p, { budgetMs: budgetMs / k, maxCalls: Math.max(1, Math.round(maxCalls / k)), warmup: warm && !(e.key in times), warmupMs: budgetMs });
        (times[e.key] ??= []).push(...block);
      }
      for (const [key, ts] of Object.entries(times)) round[c.id][key] = median(ts);
      progress(r, ci, c);
    }
    if (r >= 0) rounds.push(round);
  }
  if (probe) probes.push(probe());
  return { rounds, probes, errors };
}

/** The probe line of a report: the figures, and whether the machine kept its speed (within 15 %). */
export function probeNote(probes) {
  if (probes.length === 0) return "no machine probe (no build here has the probe's sgemm)";
  const steady = Math.max(...probes) <= 1.15 * Math.min(...probes);
  return (
    `machine probe (raw WebAssembly sgemm 256², GFLOPS) ${probes.map((p) => p.toFixed(0)).join(" → ")}` +
    (steady ? " (steady)" : " — the machine changed speed during this run: absolute figures mix its phases, ratios do not")
  );
}
