// Where the float32 SGD-with-momentum step over the MLP 784-256-10 (203,530 parameters) spends
// its time, beside PyTorch 1.13's single-tensor step, interleaved round by round in one run:
//   step     opt.step() (what bench/workloads/optim.mjs measures)
//   kernel   the update kernel alone (wasm/update.c's sgd_f32) over parameter, gradient and
//            buffer already in one arena: no copies, no JS around it
//   copy     one staging copy of all 203,530 floats in CHUNK pieces, as the step makes three
//            (parameter in, gradient in, parameter out)
//   pytorch  torch.optim.SGD(params, lr=0.01, momentum=0.9, foreach=False).step()
// It exists for issue 16's Node 20 figure: with SIMD128 alone (no fused multiply-add), the
// exact float32 FMA costs more than PyTorch's whole step; the relaxed-SIMD build (on Node 20
// since optim's relaxed-simd.ts) halves the kernel (BENCHMARKS.md, "SGD momentum on Node 20").
//
//   node bench/optim-breakdown.mjs [--rounds 15] [--kernels simd128|relaxed-simd]
import { createRequire } from "node:module";
import os from "node:os";
import { startPytorch } from "./lib/pytorch.mjs";

const require = createRequire(import.meta.url);
const dist = (p) => require(`../packages/${p}`);
const torch = dist("autograd/dist/index.js");
const optim = dist("optim/dist/index.js");
const { residentZeros, arenaOf } = dist("optim/dist/wasm-memory.js");
const { CHUNK } = dist("optim/dist/arena.js");
const { _useKernels } = dist("optim/dist/wasm-module.js");

const ROUNDS = Number(process.argv[process.argv.indexOf("--rounds") + 1] || 15);
const kinds = process.argv.indexOf("--kernels");
if (kinds > 0 && !_useKernels(process.argv[kinds + 1])) throw new Error(`kernels ${process.argv[kinds + 1]} not available here`);
const SHAPES = [[256, 784], [256], [10, 256], [10]];
const N = 203530;
const fill = (a, seed) => {
  let x = seed;
  for (let i = 0; i < a.length; i++) a[i] = ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.1;
  return a;
};
const params = SHAPES.map((s, i) => {
  const p = torch.fromTypedArray(fill(new Float32Array(s.reduce((a, b) => a * b, 1)), 20 + i), s).requiresGrad_();
  p.grad = torch.fromTypedArray(fill(new Float32Array(p.numel()), 30 + i), s);
  return p;
});
const opt = new optim.SGD(params, { lr: 0.01, momentum: 0.9 });
opt.step();

const [P, G, B] = residentZeros([N], 3);
const arena = arenaOf(P._storage.data);
const ex = arena.kernels();
fill(P._storage.data, 1), fill(G._storage.data, 2);
const [p0, g0, b0] = [P, G, B].map((t) => t._storage.data.byteOffset);
const src = fill(new Float32Array(N), 3);
const parts = {
  step: () => opt.step(),
  kernel: () => ex.sgd_f32(p0, g0, b0, N, Math.fround(-0.01), 0, Math.fround(0.9), 1, 0, 0, 0, 0),
  copy: () => {
    for (let i = 0; i < N; i += CHUNK) arena.heap.set(src.subarray(i, Math.min(N, i + CHUNK)), arena.slots[0] >> 2);
  },
};

const py = await startPytorch();
if (py.ok) {
  await py.call({
    op: "prepare", id: "sgd",
    setup: "import torch\nparams = []\nfor s in [(256, 784), (256,), (10, 256), (10,)]:\n" +
      "    p = (torch.rand(s) * 0.1 - 0.05).requires_grad_()\n    p.grad = torch.rand(s) * 0.02 - 0.01\n    params.append(p)\n" +
      "opt = torch.optim.SGD(params, lr=0.01, momentum=0.9, foreach=False)\n",
    stmt: "opt.step()",
  });
}

/** Median µs per call of f over `reps` calls. */
function time(f, reps = 200) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) f();
  return Number(process.hrtime.bigint() - t0) / reps / 1e3;
}
const times = { step: [], kernel: [], copy: [], pytorch: [] };
for (const f of Object.values(parts)) time(f, 2000); // warm-up: V8's optimised wasm and JS
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, f] of Object.entries(parts)) times[k].push(time(f));
  if (py.ok) {
    const t = (await py.call({ op: "time", id: "sgd", budget_ms: 40, max_calls: 400, warmup: r === 0 })).times_ms;
    times.pytorch.push(median(t) * 1e3);
  }
}
py.ok && py.close();

function median(a) {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
}
const med = Object.fromEntries(Object.entries(times).filter(([, v]) => v.length).map(([k, v]) => [k, median(v)]));
console.log(`${os.cpus()[0].model}, Node ${process.versions.node}, kernels ${optim.optimKernels()}, ${ROUNDS} rounds, load ${os.loadavg()[0].toFixed(1)}`);
for (const [k, v] of Object.entries(med)) {
  console.log(`${k.padEnd(8)} ${v.toFixed(1).padStart(7)} µs${med.pytorch ? `  ${(v / med.pytorch).toFixed(2)}× PyTorch's step` : ""}`);
}
console.log(`kernel + 3 copies = ${(med.kernel + 3 * med.copy).toFixed(1)} µs; the step's remainder ${(med.step - med.kernel - 3 * med.copy).toFixed(1)} µs`);
