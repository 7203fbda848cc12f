import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mallocTuning } from "./memory";
import "./kernels/registry";

const dist = join(__dirname, "..", "dist", "index.js");

/** RSS (MiB) before, at the peak of 24 live 4 MiB tensors, and after they are collected, in a fresh process. */
function rssAfterFree(env: Record<string, string>): { before: number; peak: number; after: number; tuning: { applied: boolean } } {
  const script = `
    const t = require(${JSON.stringify(dist)});
    const rss = () => process.memoryUsage().rss / 2 ** 20;
    (async () => {
      const before = rss();
      let keep = [];
      for (let i = 0; i < 24; i++) keep.push(t.ones(1 << 20));
      const peak = rss();
      keep = null;
      for (let i = 0; i < 5; i++) { global.gc(); await new Promise((r) => setTimeout(r, 20)); }
      console.log(JSON.stringify({ before, peak, after: rss(), tuning: t.mallocTuning() }));
    })();`;
  const out = execFileSync(process.execPath, ["--expose-gc", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
  return JSON.parse(out);
}

describe("allocator tuning (memory.ts)", () => {
  const linuxX64 = process.platform === "linux" && process.arch === "x64";

  it.runIf(linuxX64)("is applied when the package loads on Linux x64 with glibc", () => {
    expect(mallocTuning()).toEqual({ applied: true, reason: "glibc keeps freed memory for reuse" });
  });

  it.runIf(linuxX64)("keeps freed tensor memory mapped for reuse; TORCHTS_MALLOC=system returns it to the OS", () => {
    const tuned = rssAfterFree({});
    expect(tuned.tuning.applied).toBe(true);
    expect(tuned.peak - tuned.before).toBeGreaterThan(80); // 96 MiB of tensors were live
    expect(tuned.after).toBeGreaterThan(tuned.peak - 16);
    const system = rssAfterFree({ TORCHTS_MALLOC: "system" });
    expect(system.tuning).toEqual({ applied: false, reason: "TORCHTS_MALLOC=system" });
    expect(system.after).toBeLessThan(system.peak - 64);
  });
});
