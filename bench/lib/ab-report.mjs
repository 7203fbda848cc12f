// The A/B verdict (issue 12) and its table: two builds of torchts, per workload row.
//
// The rule: a row whose median gets more than 5 % slower is a regression, unless the two
// builds' min–max ranges overlap. "Slower" is read in time per call, whatever unit the row
// is shown in (a GFLOPS row regresses when B's median call takes > 1.05× A's), and the
// ranges are those of the per-round samples (each round's median call).

/** B may take up to this many times A's median time per call before a row can be a regression. */
export const SLOWER_LIMIT = 1.05;

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The verdict for one row from the per-round times (ms per call) of A and of B:
 *   REGRESSION  B's median > SLOWER_LIMIT × A's, and B's slowest-to-fastest range lies wholly above A's
 *   faster      the mirror image: A's median > SLOWER_LIMIT × B's, ranges disjoint
 *   ok          anything else ("ok, ranges overlap" when the medians alone would have said REGRESSION)
 *   n/a         a build did not run the row
 * ratio: B's median time / A's (> 1: B slower); paired: the median of the per-round ratios
 * (rounds where both ran), which cancels the machine's speed changes between rounds;
 * resolution: how much slower B would have had to be, uniformly, for the rule to flag this row
 * in this run: max(SLOWER_LIMIT, A's slowest round / A's fastest). A noisy run excuses more.
 * slowerEveryRound: B took more than SLOWER_LIMIT × A's time in every round both ran (at least
 * 3). Not part of the rule: it marks rows the overlap excused although every pairing went one way.
 */
export function abVerdict(aMs, bMs) {
  const a = aMs.filter((v) => v !== undefined), b = bMs.filter((v) => v !== undefined);
  if (a.length === 0 || b.length === 0) return { verdict: "n/a", ratio: NaN, paired: NaN, overlap: false, resolution: NaN, slowerEveryRound: false };
  const ratio = median(b) / median(a);
  const perRound = [];
  for (let i = 0; i < Math.min(aMs.length, bMs.length); i++) if (aMs[i] !== undefined && bMs[i] !== undefined) perRound.push(bMs[i] / aMs[i]);
  const paired = perRound.length ? median(perRound) : NaN;
  const overlap = Math.min(...b) <= Math.max(...a) && Math.min(...a) <= Math.max(...b);
  let verdict = "ok";
  if (ratio > SLOWER_LIMIT) verdict = overlap ? "ok, ranges overlap" : "REGRESSION";
  else if (ratio * SLOWER_LIMIT < 1 && !overlap) verdict = "faster";
  const resolution = Math.max(SLOWER_LIMIT, Math.max(...a) / Math.min(...a));
  const slowerEveryRound = perRound.length >= 3 && perRound.every((x) => x > SLOWER_LIMIT);
  return { verdict, ratio, paired, overlap, resolution, slowerEveryRound };
}

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
}

const cell = (c) => (c === undefined ? "–" : c.rounds > 1 ? `${fmt(c.median)} (${fmt(c.min)}–${fmt(c.max)})` : fmt(c.median));

/**
 * Rows for textTable/markdownTable (report.mjs) and the verdicts, from summarise()'s output
 * over A and B engines. `pairs`: [{ a: engineKey, b: engineKey, name }] — one per torchts
 * variant compared; with several, each row's workload id gets the variant's name. A workload
 * neither build ran in a variant (not meant for it) has no row there; one only one build ran is n/a.
 * Returns { rows, verdicts: [{ id, verdict, ratio, paired }] }.
 */
export function abRows(summary, pairs, { a: labelA, b: labelB }) {
  const rows = [["workload", "unit", labelA, labelB, "B/A time", "B/A paired", "flags from", "verdict"]];
  const verdicts = [];
  let group = null;
  for (const row of summary) {
    if (row.case.group !== group) {
      group = row.case.group;
      rows.push({ group });
    }
    for (const p of pairs) {
      const ca = row.cells[p.a], cb = row.cells[p.b];
      if (!ca && !cb) continue; // the workload is not meant for this variant (torchtsEngines)
      const v = abVerdict(ca?.byRound ?? [], cb?.byRound ?? []);
      const id = pairs.length > 1 ? `${row.case.id} [${p.name}]` : row.case.id;
      verdicts.push({ id, ...v });
      const r = (x) => (Number.isNaN(x) ? "" : `${x.toFixed(3)}`);
      const note = v.slowerEveryRound && v.verdict !== "REGRESSION" ? `; B slower in every round` : "";
      rows.push([id, row.case.unit, cell(ca), cell(cb), r(v.ratio), r(v.paired), r(v.resolution), v.verdict + note]);
    }
  }
  return { rows, verdicts };
}

/** One line: how many rows got each verdict. */
export function verdictCounts(verdicts) {
  const n = {};
  for (const v of verdicts) n[v.verdict] = (n[v.verdict] ?? 0) + 1;
  return ["REGRESSION", "faster", "ok", "ok, ranges overlap", "n/a"].filter((k) => n[k]).map((k) => `${n[k]} ${k}`).join(", ");
}
