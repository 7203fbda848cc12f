import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hostAddon, mallocTuning } from "./memory";
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

describe("host addon: addresses and raw copies (memory.ts)", () => {
  const linuxX64 = process.platform === "linux" && process.arch === "x64";

  it.runIf(linuxX64)("address() points at a view's first element; copy2d copies rows between strides", () => {
    const host = hostAddon()!;
    expect(host).not.toBeNull();
    const buf = new Float32Array(64);
    expect(host.address(buf.subarray(5)) - host.address(buf)).toBe(20);
    // Three rows of 4 floats from a source with stride 7 into a destination with stride 5, at offset 2.
    const src = Float32Array.from({ length: 21 }, (_, i) => i + 1);
    const dst = new Float32Array(16).fill(-1);
    host.copy2d(host.address(dst) + 8, 20, host.address(src), 28, 3, 16);
    expect(Array.from(dst)).toEqual([-1, -1, 1, 2, 3, 4, -1, 8, 9, 10, 11, -1, 15, 16, 17, 18]);
    // Dense on both sides: one copy.
    const d2 = new Float64Array(4);
    host.copy2d(host.address(d2), 16, host.address(Float64Array.of(1, 2, 3, 4)), 16, 2, 16);
    expect(Array.from(d2)).toEqual([1, 2, 3, 4]);
    // Nothing to copy: no address is touched.
    host.copy2d(0, 0, 0, 0, 0, 16);
  });

  it.runIf(linuxX64)("rejects what is not a typed array, negative or missing numbers, and null addresses", () => {
    const host = hostAddon()!;
    expect(() => host.address([1, 2] as unknown as Float32Array)).toThrow(/address\(a\): a typed array/);
    const a = host.address(new Uint8Array(8));
    expect(() => host.copy2d(a, 8, a, 8, -1, 8)).toThrow(/non-negative integers/);
    expect(() => (host.copy2d as (...x: number[]) => void)(a, 8, a, 8, 1)).toThrow(/non-negative integers/);
    expect(() => host.copy2d(0, 8, a, 8, 1, 8)).toThrow(/non-negative integers/);
  });
});

describe("huge pages for large new arrays (memory.ts)", () => {
  const linuxX64 = process.platform === "linux" && process.arch === "x64";
  const thp = (() => {
    try {
      return /\[(always|madvise)\]/.exec(require("node:fs").readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8"))?.[1] ?? "never";
    } catch {
      return "never";
    }
  })();

  it.runIf(linuxX64)("hugepages() advises the whole 2 MiB pages inside an array, and checks its argument", () => {
    const host = hostAddon()!;
    const big = new Float32Array(10 << 20); // 40 MiB: at least 19 whole 2 MiB pages inside
    const advised = host.hugepages(big);
    expect(advised % (2 << 20)).toBe(0);
    expect(advised).toBeGreaterThanOrEqual(19 * (2 << 20));
    expect(host.hugepages(new Float32Array(16))).toBe(0);
    expect(() => (host.hugepages as (x: unknown) => number)({})).toThrow(/a typed array/);
  });

  /** AnonHugePages (MiB) of a fresh process after it filled a 128 MiB tensor. */
  function hugeAfterFill(env: Record<string, string>): number {
    const script = `
      const t = require(${JSON.stringify(dist)});
      const x = t.zeros(32 << 20); // 128 MiB: more than the heap top holds, so a fresh mapping
      x.fill_(1);
      const m = /AnonHugePages:\\s+(\\d+) kB/.exec(require("fs").readFileSync("/proc/self/smaps_rollup", "utf8"));
      console.log(m ? Number(m[1]) / 1024 : -1);`;
    return Number(execFileSync(process.execPath, ["-e", script], { env: { ...process.env, ...env }, encoding: "utf8" }));
  }

  it.runIf(linuxX64 && thp === "madvise")("a 128 MiB tensor gets huge pages; with TORCHTS_MALLOC=system it does not", () => {
    expect(hugeAfterFill({})).toBeGreaterThanOrEqual(64);
    expect(hugeAfterFill({ TORCHTS_MALLOC: "system" })).toBeLessThan(32);
  });
});
