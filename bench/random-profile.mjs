// The float32 random fills' WebAssembly module (packages/tensor/wasm/random.c) by part, for
// randn(1M)'s budget: the uniform draw alone (rng_uniform_f32), the whole normal fill
// (rng_normal_f32: the draw, then Box-Muller), and the copy of the result out of the module's
// memory (what random-wasm.ts does after each call). With --base REV (or REV,REV2,...), those
// revisions' committed modules run beside this tree's, interleaved in each round, and the normal
// fills must give the same bits. --mean and --std time normal_(mean, std) (the fused ·std + mean).
//
//   node bench/random-profile.mjs [--base REV[,REV...]] [--rounds 30] [--n 1000000] [--mean M --std S]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const binary = "packages/tensor/src/random-wasm-binary.ts";
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? dflt : args[i + 1];
};
const N = Number(opt("n", 1_000_000));
const ROUNDS = Number(opt("rounds", 30));
const bases = opt("base")?.split(",") ?? [];
const MEAN = Math.fround(Number(opt("mean", 0)));
const STD = Math.fround(Number(opt("std", 1)));

const moduleOf = (source) => Buffer.from(/"([A-Za-z0-9+/=]+)"/.exec(source)[1], "base64");
const builds = [];
for (const base of bases) builds.push({ name: `base ${base}`, bytes: moduleOf(execFileSync("git", ["show", `${base}:${binary}`], { cwd: root, encoding: "utf8" })) });
builds.push({ name: "this tree", bytes: moduleOf(fs.readFileSync(path.join(root, binary), "utf8")) });

for (const b of builds) {
  b.ex = new WebAssembly.Instance(new WebAssembly.Module(b.bytes), {}).exports;
  b.st = (b.ex.__heap_base.value + 15) & ~15;
  b.out = b.st + 628 * 4;
  const need = b.out + N * 4;
  if (need > b.ex.memory.buffer.byteLength) b.ex.memory.grow(Math.ceil((need - b.ex.memory.buffer.byteLength) / 65536));
  b.times = { uniform: [], normal: [], copy: [] };
}

/** mt19937 seeded with 0 (PyTorch's counters: left = 1, next = 0), as the module reads it. */
function seed(b) {
  const s = new Uint32Array(b.ex.memory.buffer, b.st, 626);
  s[0] = 0;
  for (let i = 1; i < 624; i++) s[i] = (Math.imul(1812433253, s[i - 1] ^ (s[i - 1] >>> 30)) + i) >>> 0;
  s[624] = 1;
  s[625] = 0;
}
const now = () => process.hrtime.bigint();
const perElement = (t0) => Number(now() - t0) / N;
const sink = new Float32Array(N);

// a second of warm-up, not recorded: V8 runs the module's first calls in its baseline
// compiler and switches to the optimised code (compiled in the background) on later calls
for (const t0 = now(); now() - t0 < 1_000_000_000n; ) {
  for (const b of builds) {
    seed(b);
    b.ex.rng_normal_f32(b.st, b.out, N, MEAN, STD);
    b.ex.rng_uniform_f32(b.st, b.out, N, 0, 1);
  }
}
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    seed(b);
    let t = now();
    b.ex.rng_uniform_f32(b.st, b.out, N, 0, 1);
    b.times.uniform.push(perElement(t));
    seed(b);
    t = now();
    b.ex.rng_normal_f32(b.st, b.out, N, MEAN, STD);
    b.times.normal.push(perElement(t));
    t = now();
    sink.set(new Float32Array(b.ex.memory.buffer, b.out, N));
    b.times.copy.push(perElement(t));
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const cell = (a, min = Math.min(...a)) => `${median(a).toFixed(2)} (min ${min.toFixed(2)})`;
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const what = MEAN === 0 && STD === 1 ? "" : `, normal_(${MEAN}, ${STD})`;
console.log(`random.c by part, ${N} float32 elements${what}, ns/element, median (min) of ${ROUNDS} interleaved rounds; node ${process.version}, ${cpu}, load average ${os.loadavg()[0].toFixed(1)}`);
console.log("| module | uniform draw | normal fill (draw + Box-Muller) | Box-Muller alone (difference) | copy out |");
console.log("|---|---|---|---|---|");
for (const b of builds) {
  const { uniform, normal, copy } = b.times;
  // per-round differences for the median; the difference of the minima for the min
  const transform = normal.map((v, i) => v - uniform[i]);
  const tmin = Math.min(...normal) - Math.min(...uniform);
  console.log(`| ${b.name} | ${cell(uniform)} | ${cell(normal)} | ${cell(transform, tmin)} | ${cell(copy)} |`);
}
if (builds.length >= 2) {
  const bits = builds.map((b) => {
    seed(b);
    b.ex.rng_normal_f32(b.st, b.out, N, MEAN, STD);
    return new Uint32Array(b.ex.memory.buffer, b.out, N).slice();
  });
  let differ = 0;
  for (let i = 0; i < N; i++) if (bits.some((b) => b[i] !== bits[0][i])) differ++;
  console.log(differ === 0 ? "The normal fills are bit-equal." : `The normal fills differ in ${differ} elements.`);
  if (differ !== 0) process.exitCode = 1;
}
