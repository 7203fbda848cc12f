import { describe, expect, test } from "vitest";
// @ts-expect-error plain ESM module without types
import { abRows, abVerdict, SLOWER_LIMIT, verdictCounts } from "./ab-report.mjs";
// @ts-expect-error plain ESM module without types
import { markdownTable, replaceMarked, summarise, textTable } from "./report.mjs";

describe("the A/B verdict (issue 12's rule)", () => {
  test("the limit is 5 % more time per call", () => {
    expect(SLOWER_LIMIT).toBe(1.05);
  });
  test("B more than 5 % slower with disjoint ranges is a REGRESSION", () => {
    const v = abVerdict([10, 10.2, 9.9, 10.1, 10], [10.8, 10.9, 11, 10.7, 10.6]);
    expect(v.verdict).toBe("REGRESSION");
    expect(v.ratio).toBeCloseTo(10.8 / 10);
    expect(v.overlap).toBe(false);
  });
  test("overlapping min–max ranges excuse a slower median", () => {
    // B's median 8 % slower, but A's slowest round (11) is slower than B's fastest (10.5)
    const v = abVerdict([10, 10, 10, 10, 11], [10.5, 10.8, 10.8, 10.9, 11]);
    expect(v.ratio).toBeCloseTo(1.08);
    expect(v.verdict).toBe("ok, ranges overlap");
    // ranges touching at one value count as overlapping
    expect(abVerdict([1, 2], [2, 3]).overlap).toBe(true);
  });
  test("at most 5 % slower is ok even with disjoint ranges; the boundary itself is ok", () => {
    expect(abVerdict([10, 10, 10], [10.4, 10.4, 10.4]).verdict).toBe("ok");
    expect(abVerdict([1, 1, 1], [1.05, 1.05, 1.05]).verdict).toBe("ok");
    expect(abVerdict([1, 1, 1], [1.0501, 1.0501, 1.0501]).verdict).toBe("REGRESSION");
  });
  test("the mirror image is 'faster': A's median more than 5 % above B's, ranges disjoint", () => {
    expect(abVerdict([11, 11.1, 11.2], [10, 10, 10]).verdict).toBe("faster");
    expect(abVerdict([11, 11.1, 9.9], [10, 10, 10]).verdict).toBe("ok");
    expect(abVerdict([10.4, 10.4, 10.4], [10, 10, 10]).verdict).toBe("ok");
  });
  test("a row one build did not run is n/a; rounds one build missed drop out of the paired ratio", () => {
    expect(abVerdict([], [1, 2]).verdict).toBe("n/a");
    expect(abVerdict([undefined, undefined], [1, 2]).verdict).toBe("n/a");
    const v = abVerdict([2, undefined, 4], [3, 9, 6]);
    expect(v.paired).toBeCloseTo(1.5); // rounds 1 and 3: 3/2 and 6/4
    expect(v.ratio).toBeCloseTo(6 / 3); // medians of [2, 4] and [3, 9, 6]
  });
  test("'flags from' says how much slower B would have had to be for this run to flag it: A's spread, at least 5 %", () => {
    expect(abVerdict([10, 12, 15], [10, 12, 15]).resolution).toBeCloseTo(1.5);
    expect(abVerdict([10, 10.1, 10.2], [10, 10, 10]).resolution).toBe(1.05);
    // just beyond it, a uniform slowdown is flagged; just below, the ranges still overlap
    expect(abVerdict([10, 12, 15], [15.1, 18.1, 22.6]).verdict).toBe("REGRESSION");
    expect(abVerdict([10, 12, 15], [14.9, 17.9, 22.4]).verdict).toBe("ok, ranges overlap");
  });
  test("a row the overlap excused although B was > 5 % slower in every round is marked (the verdict stays the rule's)", () => {
    // the machine's phases make the ranges overlap, but every round pairs B 10 % above A
    const a = [10, 14, 10, 14, 12], b = a.map((x) => x * 1.1);
    const v = abVerdict(a, b);
    expect(v.verdict).toBe("ok, ranges overlap");
    expect(v.slowerEveryRound).toBe(true);
    expect(abVerdict([10, 14, 10, 14, 12], [11, 15.6, 10.4, 15.6, 13.2]).slowerEveryRound).toBe(false); // round 3: 4 %
    expect(abVerdict([10, 14], [11, 15.4]).slowerEveryRound).toBe(false); // too few rounds to say
    const { rows } = abRows(summarise([mlp], engines, [0, 1, 2, 3, 4].map((i) => ({ "MLP step": { "A:ts": a[i], "B:ts": b[i] } }))), [{ a: "A:ts", b: "B:ts", name: "torchts" }], { a: "A", b: "B" });
    expect(rows[2][7]).toBe("ok, ranges overlap; B slower in every round");
  });
  test("the paired ratio follows each round, so a machine that slows down between rounds cancels out", () => {
    // B is 2 % slower in every round; the machine ran at half speed in rounds 2 and 3
    const a = [10, 20, 20, 10, 10], b = a.map((x) => x * 1.02);
    const v = abVerdict(a, b);
    expect(v.paired).toBeCloseTo(1.02);
    expect(v.verdict).toBe("ok");
  });
});

const gemm = { id: "matmul 512 A·B", group: "matmul", unit: "GFLOPS", work: 2 * 512 ** 3 };
const mlp = { id: "MLP step", group: "training", unit: "ms", work: 1 };
const engines = [
  { key: "A:ts", ok: true },
  { key: "B:ts", ok: true },
];
// ms per call, per round: matmul B 10 % slower in every round (a regression); MLP the same code
const rounds = [
  { "matmul 512 A·B": { "A:ts": 4.0, "B:ts": 4.4 }, "MLP step": { "A:ts": 5.0, "B:ts": 5.1 } },
  { "matmul 512 A·B": { "A:ts": 4.1, "B:ts": 4.5 }, "MLP step": { "A:ts": 5.2, "B:ts": 4.9 } },
  { "matmul 512 A·B": { "A:ts": 4.0, "B:ts": 4.4 }, "MLP step": { "A:ts": 5.1, "B:ts": 5.0 } },
];

describe("the A/B table", () => {
  const pairs = [{ a: "A:ts", b: "B:ts", name: "torchts" }];
  const labels = { a: "A (base 1410a2f)", b: "B (this tree)" };
  test("one row per workload: both builds in the row's unit with min–max, B/A in time, the verdict", () => {
    const { rows, verdicts } = abRows(summarise([gemm, mlp], engines, rounds), pairs, labels);
    expect(rows[0]).toEqual(["workload", "unit", "A (base 1410a2f)", "B (this tree)", "B/A time", "B/A paired", "flags from", "verdict"]);
    expect(rows[1]).toEqual({ group: "matmul" });
    // GFLOPS: higher is better, yet B/A is in time, so the slower B shows > 1
    const g = (ms: number) => (2 * 512 ** 3) / (ms * 1e6);
    expect(rows[2][2]).toBe(`${g(4.0).toFixed(1)} (${g(4.1).toFixed(1)}–${g(4.0).toFixed(1)})`); // 67.1 (65.5–67.1)
    // flags from: A's rounds span 4.0–4.1 ms, so 5 % is what this run could resolve
    expect(rows[2].slice(4)).toEqual(["1.100", "1.100", "1.050", "REGRESSION"]);
    // A's rounds span 5.0–5.2 ms (1.04×), less than the rule's 5 %: so 1.05
    expect(rows[4]).toEqual(["MLP step", "ms", "5.10 (5.00–5.20)", "5.00 (4.90–5.10)", "0.980", "0.980", "1.050", "ok"]);
    expect(verdicts.map((v: { id: string; verdict: string }) => [v.id, v.verdict])).toEqual([
      ["matmul 512 A·B", "REGRESSION"],
      ["MLP step", "ok"],
    ]);
    expect(verdictCounts(verdicts)).toBe("1 REGRESSION, 1 ok");
  });
  test("with several torchts variants each row names its variant; a variant one build lacks is n/a", () => {
    const two = [...pairs, { a: "A:ts-js", b: "B:ts-js", name: "torchts JS" }];
    const eng = [...engines, { key: "A:ts-js", ok: true }, { key: "B:ts-js", ok: true }];
    const rs = rounds.map((r) => ({ ...r, "MLP step": { ...r["MLP step"], "A:ts-js": 40 } }));
    const { rows, verdicts } = abRows(summarise([mlp], eng, rs), two, labels);
    expect(rows.slice(2).map((r: string[]) => [r[0], r[3], r[7]])).toEqual([
      ["MLP step [torchts]", "5.00 (4.90–5.10)", "ok"],
      ["MLP step [torchts JS]", "–", "n/a"],
    ]);
    expect(verdictCounts(verdicts)).toBe("1 ok, 1 n/a");
    // a workload neither build runs in a variant (its torchtsEngines leave it out) has no row there
    const none = abRows(summarise([mlp], eng, rounds), two, labels);
    expect(none.rows.slice(2).map((r: string[]) => r[0])).toEqual(["MLP step [torchts]"]);
  });
  test("renders as text and as markdown, groups as their own rows", () => {
    const { rows } = abRows(summarise([gemm], engines, rounds), pairs, labels);
    const text = textTable(rows).split("\n");
    expect(text[0]).toMatch(/^workload\s+unit\s+A \(base 1410a2f\)\s+B \(this tree\)\s+B\/A time\s+B\/A paired\s+flags from\s+verdict$/);
    expect(text[2]).toBe("[matmul]");
    expect(text[3]).toMatch(/^matmul 512 A·B\s+GFLOPS\s+.*\s1\.100\s+1\.100\s+1\.050\s+REGRESSION$/);
    const md = markdownTable(rows).split("\n");
    expect(md[1]).toBe("|---|---|---:|---:|---:|---:|---:|---:|");
    expect(md[2]).toBe("| **matmul** | | | | | | | |");
    expect(md[3]).toMatch(/^\| matmul 512 A·B \| GFLOPS \| .* \| 1\.100 \| 1\.100 \| 1\.050 \| REGRESSION \|$/);
  });
  test("a report replaces its own marked block and leaves the rest of the file alone", () => {
    const doc = "# B\n\n<!-- bench:ab:begin -->\nold\n<!-- bench:ab:end -->\n\n<!-- bench:begin -->\nkeep\n<!-- bench:end -->\n";
    const block = "<!-- bench:ab:begin -->\nnew $& $1\n<!-- bench:ab:end -->";
    expect(replaceMarked(doc, "bench:ab", block)).toBe(doc.replace("old", () => "new $& $1"));
    expect(replaceMarked("# B\n", "bench:x", "<!-- bench:x:begin -->\n<!-- bench:x:end -->")).toBe("# B\n\n<!-- bench:x:begin -->\n<!-- bench:x:end -->\n");
  });
});
