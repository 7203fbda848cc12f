// torch.save / torch.load of a 100 MB state dict (25 float32 tensors of 1M elements), torchts
// beside PyTorch 1.13 (/usr/bin/python3) on the same dict shape: MB/s each way (median of the
// rounds, after one warm-up), to a file in the OS temp directory (page cache; fsync included for
// torchts, whose saves are atomic), and the peak extra memory (ArrayBuffers + RSS) of each step.
//
//   pnpm turbo run build --filter @torchts/serialization && node --expose-gc bench/serialization.mjs [--rounds 5] [--json]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const torch = require("../packages/tensor/dist/index.js");
const { save, load } = require("../packages/serialization/dist/index.js");
if (typeof global.gc !== "function") throw new Error("run with node --expose-gc");
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 5) || 5;
const MB = 1e6;
const N = 25;
const sd = new Map();
for (let i = 0; i < N; i++) sd.set(`layer${i}.weight`, torch.rand(1000, 1000));
const bytes = N * 1000 * 1000 * 4;
const dir = mkdtempSync(join(os.tmpdir(), "torchts-bench-"));
const path = join(dir, "sd.pt");

function measure(f) {
  global.gc();
  const m0 = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const r = f();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const m1 = process.memoryUsage();
  void r; // not kept: each round frees the last one's tensors, as the Python loop does
  return { s, extra: Math.max(m1.arrayBuffers - m0.arrayBuffers, 0), rss: m1.rss - m0.rss };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [name, f] of [
  ["torchts save(sd, path)", () => save(sd, path)],
  ["torchts load(path)", () => load(path)],
  ["torchts save(sd) → bytes", () => save(sd)],
]) {
  f();
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(measure(f));
  rows.push({ name, mbps: bytes / MB / median(runs.map((r) => r.s)), extraMB: Math.max(...runs.map((r) => r.extra)) / MB });
}
const b = save(sd);
{
  load(b);
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(measure(() => load(b)));
  rows.push({ name: "torchts load(bytes)", mbps: bytes / MB / median(runs.map((r) => r.s)), extraMB: Math.max(...runs.map((r) => r.extra)) / MB });
}
const py = spawnSync("/usr/bin/python3", ["-c", `
import time, torch, statistics, json, sys
torch.manual_seed(0)
sd = {f"layer{i}.weight": torch.rand(1000, 1000) for i in range(${N})}
p = ${JSON.stringify(join(dir, "py.pt"))}
out = {}
for name, f in [("save", lambda: torch.save(sd, p)), ("load", lambda: torch.load(p))]:
    f()
    ts = []
    for _ in range(${rounds}):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    out[name] = ${bytes / MB} / statistics.median(ts)
print(json.dumps(out))
`], { cwd: os.tmpdir(), encoding: "utf8" });
if (py.status === 0) {
  const p = JSON.parse(py.stdout);
  rows.push({ name: "PyTorch 1.13 torch.save(sd, path)", mbps: p.save }, { name: "PyTorch 1.13 torch.load(path)", mbps: p.load });
} else console.error("PyTorch run failed:", py.stderr.slice(-400));
rmSync(dir, { recursive: true, force: true });
const cpu = os.cpus()[0]?.model ?? "?";
if (args.includes("--json")) console.log(JSON.stringify({ cpu, node: process.version, rows }));
else {
  console.log(`CPU: ${cpu}; Node ${process.version}; 100 MB state dict (25 × float32 [1000, 1000]); median of ${rounds}`);
  console.log("| step | MB/s | peak extra ArrayBuffer MB |\n|---|---:|---:|");
  for (const r of rows) console.log(`| ${r.name} | ${r.mbps.toFixed(0)} | ${r.extraMB === undefined ? "" : r.extraMB.toFixed(0)} |`);
  const t = (n) => rows.find((r) => r.name.startsWith(n))?.mbps ?? 0;
  console.log(`target ≥ 500 MB/s: save ${t("torchts save(sd, path)") >= 500 ? "PASS" : "FAIL"}, load ${t("torchts load(path)") >= 500 ? "PASS" : "FAIL"}`);
}
