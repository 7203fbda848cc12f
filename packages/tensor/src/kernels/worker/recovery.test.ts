/**
 * The caller's recovery after a worker failure, made deterministic with `callerLast`: the caller
 * starts its part only once the worker has finished, so the worker takes every chunk up to the
 * one it fails on and the caller has stored what it found before it redoes that chunk. Without
 * the switch, whether a skipped store shows depends on which chunk the worker was in when the
 * caller looked (kernels/wasm.test.ts covers those timings).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { selectKernels } from "../select";
import type { Kernels } from "../types";
import { compareGemm, makeProblem, runGemm } from "../gemm-reference.testing";
import { configureWorkerForTests, workerStats } from "./share";

let wasm: Kernels;
beforeAll(async () => {
  wasm = selectKernels(true)!;
  // the worker starts on the first large product and reports ready asynchronously
  const t0 = { transA: false, transB: false, M: 300, N: 260, K: 270, aOff: 0, bOff: 0, cOff: 0, padA: 0, padB: 0, padC: 0, seed: 1 };
  runGemm(wasm.gemm, t0, makeProblem(t0, Float32Array));
  for (let i = 0; i < 50 && !workerStats().workerReady; i++) await new Promise((r) => setTimeout(r, 100));
  expect(workerStats().workerReady).toBe(true);
});
afterAll(() => configureWorkerForTests({ workerOnly: false, backoff: true }));

// M = 200: chunks start at rows 0, 52, 92, ... (a quarter of what is left, at least 28)
let seed = 100;
const t = { transA: false, transB: true, M: 200, N: 140, K: 270, aOff: 1, bOff: 2, cOff: 3, padA: 2, padB: 1, padC: 1, seed: 9 };

test.each([
  ["the shared arena", false],
  ["direct copies", true],
])("a chunk the worker failed on is redone and stored, through %s", (_, direct) => {
  for (const failAt of [0, 52, 92]) {
    for (const dtype of [Float32Array, Float64Array] as const) {
      configureWorkerForTests({ workerOnly: false, backoff: false, failAt, direct, callerLast: true });
      const before = workerStats();
      // a new seed each time: the arena's rows left from the last product must not be this one's
      const ti = { ...t, seed: seed++ };
      const p = makeProblem(ti, dtype);
      runGemm(wasm.gemm, ti, p);
      expect(compareGemm(ti, p, dtype === Float32Array ? 1e-5 : 1e-12), `failAt ${failAt}, direct ${direct}`).toBeNull();
      // the worker took the chunks before the failed one (and the job was shared at all)
      expect(workerStats().sharedJobs - before.sharedJobs).toBe(1);
      expect(workerStats().workerChunks - before.workerChunks).toBe(failAt === 0 ? 0 : failAt === 52 ? 1 : 2);
    }
  }
});

test("a worker failing while packing a shared product: the caller packs, computes and stores everything", () => {
  for (const workerOnly of [false, true]) {
    configureWorkerForTests({ workerOnly, backoff: false, failAt: -1, direct: false, callerLast: !workerOnly });
    const ti = { ...t, seed: seed++ };
    const p = makeProblem(ti, Float32Array);
    runGemm(wasm.gemm, ti, p);
    expect(compareGemm(ti, p, 1e-5), `workerOnly ${workerOnly}`).toBeNull();
  }
});
