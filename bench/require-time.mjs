// How long `require` of the umbrella takes, beside requiring its parts (issue 19: loading torchts
// costs no more than loading its parts; nothing heavy runs at import). Each sample is a fresh
// Node process timing only the require (process start excluded); medians of interleaved rounds.
// Usage: node bench/require-time.mjs [rounds=15]
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname } from "node:path";

const rounds = Number(process.argv[2] ?? 15);
const req = createRequire(new URL("../packages/torchts/package.json", import.meta.url));
const umbrellaDeps = Object.keys(JSON.parse(execFileSync("cat", [new URL("../packages/torchts/package.json", import.meta.url).pathname], { encoding: "utf8" })).dependencies);
const cases = {
  torchts: [req.resolve("torchts")],
  parts: umbrellaDeps.map((d) => req.resolve(d)),
  "@torchts/tensor": [req.resolve("@torchts/tensor")],
};
const time = (paths) => {
  const code = `const t0 = process.hrtime.bigint(); for (const p of ${JSON.stringify(paths)}) require(p); console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
  return Number(execFileSync(process.execPath, ["-e", code], { cwd: dirname(paths[0]), encoding: "utf8" }));
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) for (const [k, paths] of Object.entries(cases)) samples[k].push(time(paths));
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const cpu = execFileSync("sh", ["-c", "lscpu | sed -n 's/^Model name: *//p'"], { encoding: "utf8" }).trim();
console.log(`require time, median of ${rounds} fresh processes (${cpu}, Node ${process.version}):`);
for (const [k, v] of Object.entries(samples)) console.log(`  ${k.padEnd(18)} ${median(v).toFixed(1)} ms`);
console.log(`  umbrella / parts  ${(median(samples.torchts) / median(samples.parts)).toFixed(2)}`);
