// Turns per-round timings into the table: medians, min–max spread, ratios, targets.
import { ENGINE_LABELS } from "./engines.mjs";

const HIGHER_IS_BETTER = { GFLOPS: true };

/** ms per call -> the case's unit. */
export function toUnit(c, ms) {
  if (c.unit === "GFLOPS") return c.work / (ms * 1e6);
  if (c.unit === "ns/element") return (ms * 1e6) / c.work;
  if (c.unit === "µs") return ms * 1e3;
  return ms;
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Summary per case and engine: median over rounds of the per-round medians, min and max of those. */
export function summarise(cases, engines, rounds) {
  return cases.map((c) => {
    const cells = {};
    for (const e of engines) {
      const per = rounds.map((r) => r[c.id]?.[e.key]).filter((v) => v !== undefined);
      if (per.length === 0) continue;
      const vals = per.map((ms) => toUnit(c, ms));
      // ms per round, by round index (undefined where the engine did not run)
      const byRound = rounds.map((r) => r[c.id]?.[e.key]);
      cells[e.key] = { median: toUnit(c, median(per)), min: Math.min(...vals), max: Math.max(...vals), rounds: vals.length, byRound };
    }
    return { case: c, cells };
  });
}

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/** How many times faster torchts ("ts") is than `other`: > 1 means torchts is faster. */
/**
 * How many times faster torchts is than `other`: the median over rounds of the per-round
 * ratio of times. Within a round an engine's block follows the other's by a fraction of a
 * second, so both see the same machine; this VM changes speed for minutes at a time, which a
 * ratio of the two medians (taken from different rounds) would mix in. NaN when either is missing.
 */
export function speedup(row, other) {
  const t = row.cells.ts?.byRound, o = row.cells[other]?.byRound;
  if (!t || !o) return NaN;
  const rs = [];
  for (let i = 0; i < t.length; i++) if (t[i] !== undefined && o[i] !== undefined) rs.push(o[i] / t[i]);
  return rs.length ? median(rs) : NaN;
}

function ratio(row, other) {
  const r = speedup(row, other);
  return Number.isNaN(r) ? "" : `${r.toFixed(2)}×`;
}

export const RATIOS = [
  ["tfjs-wasm", "ts ÷ tfjs-wasm"],
  ["tfjs-cpu", "ts ÷ tfjs-cpu"],
  ["pytorch", "ts ÷ PyTorch"],
];

/** Rows of strings: header first. Groups become their own rows. */
export function tableRows(summary, engines) {
  const keys = engines.filter((e) => e.ok).map((e) => e.key);
  const header = ["workload", "unit", ...keys.map((k) => ENGINE_LABELS[k]), ...RATIOS.filter(([k]) => keys.includes(k)).map(([, l]) => l)];
  const rows = [header];
  let group = null;
  for (const row of summary) {
    if (row.case.group !== group) {
      group = row.case.group;
      rows.push({ group });
    }
    const cells = keys.map((k) => {
      const c = row.cells[k];
      return c ? (c.rounds > 1 ? `${fmt(c.median)} (${fmt(c.min)}–${fmt(c.max)})` : fmt(c.median)) : "–";
    });
    rows.push([row.case.id, row.case.unit, ...cells, ...RATIOS.filter(([k]) => keys.includes(k)).map(([k]) => ratio(row, k))]);
  }
  return rows;
}

export function textTable(rows) {
  const plain = rows.filter(Array.isArray);
  const widths = plain[0].map((_, i) => Math.max(...plain.map((r) => [...r[i]].length)));
  const line = (r) => r.map((s, i) => (i < 2 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join("  ");
  const out = [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows.slice(1)) out.push(Array.isArray(r) ? line(r) : `[${r.group}]`);
  return out.join("\n");
}

export function markdownTable(rows) {
  const out = [`| ${rows[0].join(" | ")} |`, `|${rows[0].map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  for (const r of rows.slice(1)) out.push(Array.isArray(r) ? `| ${r.join(" | ")} |` : `| **${r.group}** |${" |".repeat(rows[0].length - 1)}`);
  return out.join("\n");
}

/** PASS / FAIL / n/a lines for every case target. */
export function targetLines(summary) {
  const out = [];
  for (const row of summary) {
    for (const t of row.case.targets ?? []) {
      const medians = Object.fromEntries(Object.entries(row.cells).map(([k, c]) => [k, c.median]));
      // A target reading an engine that did not run (filtered out, or no PyTorch) is n/a, not FAIL.
      let missing = false;
      const view = new Proxy(medians, { get: (o, k) => (k in o ? o[k] : ((missing = true), NaN)) });
      const faster = (other) => {
        const r = speedup(row, other);
        if (Number.isNaN(r)) missing = true;
        return r;
      };
      let verdict;
      try {
        verdict = t.check(view, faster) ? "PASS" : "FAIL";
      } catch {
        verdict = "n/a";
      }
      if (missing) verdict = "n/a";
      out.push({ verdict, text: `${row.case.id}: ${t.text}` });
    }
  }
  return out;
}

/** `a` as a shell would take it: quoted when it is not a plain word (a --filter regex), so a recorded command can be pasted. */
export const shellArg = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `"${a.replace(/(["\\$`])/g, "\\$1")}"`);

/** The command line that produced a report: `script` and its arguments without `--markdown FILE`. */
export function commandLine(script, args) {
  return `${script}${args.filter((a, i) => a !== "--markdown" && args[i - 1] !== "--markdown").map((a) => ` ${shellArg(a)}`).join("")}`;
}

/**
 * `text` with the block between <!-- TAG:begin --> and <!-- TAG:end --> replaced by `block`
 * (which carries both markers), or with `block` appended when the markers are not there yet.
 */
export function replaceMarked(text, tag, block) {
  const re = new RegExp(`<!-- ${tag}:begin -->[\\s\\S]*<!-- ${tag}:end -->`);
  return re.test(text) ? text.replace(re, () => block) : `${text}${text ? "\n" : ""}${block}\n`;
}
