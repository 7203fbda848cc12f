import { describe, expect, test } from "vitest";
// @ts-expect-error plain ESM module without types
import { summarise, tableRows, targetLines, toUnit } from "./report.mjs";

const engines = [
  { key: "tfjs-wasm", ok: true },
  { key: "ts", ok: true },
];
const gemm = {
  id: "matmul 512", group: "matmul", unit: "GFLOPS", work: 2 * 512 ** 3,
  targets: [{ text: "≥ 1.2× tfjs-wasm", check: (_m: Record<string, number>, faster: (k: string) => number) => faster("tfjs-wasm") >= 1.2 }],
};
const exp = { id: "exp", group: "elementwise", unit: "ns/element", work: 1e6, targets: [{ text: "≤ 1.5 ns", check: (m: Record<string, number>) => m.ts <= 1.5 }] };

describe("bench report", () => {
  test("units: GFLOPS from flops per call, ns/element from elements per call", () => {
    expect(toUnit(gemm, 1)).toBeCloseTo(268.435456);
    expect(toUnit(exp, 1)).toBe(1);
  });
  test("medians over rounds, min–max spread, and ratios > 1 when torchts is faster, whatever the unit", () => {
    const rounds = [
      { "matmul 512": { "tfjs-wasm": 8, ts: 4 }, exp: { "tfjs-wasm": 7, ts: 1 } },
      { "matmul 512": { "tfjs-wasm": 10, ts: 5 }, exp: { "tfjs-wasm": 9, ts: 3 } },
      { "matmul 512": { "tfjs-wasm": 9, ts: 6 }, exp: { "tfjs-wasm": 8, ts: 2 } },
    ];
    const s = summarise([gemm, exp], engines, rounds);
    expect(s[0].cells.ts.median).toBeCloseTo(toUnit(gemm, 5));
    expect(s[0].cells.ts.min).toBeCloseTo(toUnit(gemm, 6));
    expect(s[1].cells.ts).toMatchObject({ median: 2, min: 1, max: 3 });
    const rows = tableRows(s, engines);
    expect(rows[0]).toEqual(["workload", "unit", "tfjs-wasm", "torchts", "ts ÷ tfjs-wasm"]);
    // ratios are medians of the per-round ratios: matmul 8/4, 10/5, 9/6 -> 2.00; exp 7/1, 9/3, 8/2 -> 4.00
    expect(rows[2][4]).toBe("2.00×");
    expect(rows[4][4]).toBe("4.00×");
    expect(targetLines(s).map((t: { verdict: string }) => t.verdict)).toEqual(["PASS", "FAIL"]);
    // an engine that did not run makes its targets n/a
    const onlyTs = summarise([gemm], [{ key: "ts", ok: true }], rounds);
    expect(targetLines(onlyTs)[0].verdict).toBe("n/a");
  });
  test("a ratio compares engines within each round, so a machine slowing down between rounds cancels out", () => {
    // torchts is 1.25x faster in every round, but the machine ran at half speed in round 2
    const rounds = [
      { "matmul 512": { "tfjs-wasm": 10, ts: 8 } },
      { "matmul 512": { "tfjs-wasm": 20, ts: 16 } },
      { "matmul 512": { "tfjs-wasm": 10, ts: 8 } },
    ];
    const s = summarise([gemm], engines, rounds);
    expect(tableRows(s, engines)[2][4]).toBe("1.25×");
    expect(targetLines(s)[0].verdict).toBe("PASS");
    // a round where only one engine ran does not count
    const partial = summarise([gemm], engines, [...rounds, { "matmul 512": { ts: 1 } }]);
    expect(tableRows(partial, engines)[2][4]).toBe("1.25×");
  });
});
