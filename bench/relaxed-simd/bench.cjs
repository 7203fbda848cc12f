// Times sgemm from plain.wasm and relaxed.wasm (built by run.sh beside this file), interleaved; median GFLOPS.
const fs = require("fs");
const variants = {};
for (const v of ["plain", "relaxed"]) {
  const mem = new WebAssembly.Memory({ initial: 2048, maximum: 32768 });
  try { variants[v] = { ex: new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(`${__dirname}/${v}.wasm`)), { env: { memory: mem } }).exports, mem }; }
  catch (e) { console.log(v, "does not load:", e.message); }
}
const n = Number(process.argv[2] || 512);
const rounds = 7, res = {};
for (const [v, { ex, mem }] of Object.entries(variants)) {
  const base = ex.__heap_base.value; const A = base, B = A + n*n*4, C = B + n*n*4, S = C + n*n*4;
  const f = new Float32Array(mem.buffer); for (let i = 0; i < 3*n*n; i++) f[A/4 + i] = Math.random();
  res[v] = [];
}
for (let r = 0; r < rounds; r++) for (const [v, { ex }] of Object.entries(variants)) {
  const base = ex.__heap_base.value; const A = base, B = A + n*n*4, C = B + n*n*4, S = C + n*n*4;
  const reps = Math.max(1, Math.round(2e9 / (2*n*n*n)));
  const t0 = process.hrtime.bigint(); for (let i = 0; i < reps; i++) ex.sgemm(0, 0, n, n, n, A, n, B, n, C, n, S);
  res[v].push(2*n*n*n*reps / Number(process.hrtime.bigint() - t0));
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(process.version, `n=${n}`, Object.entries(res).map(([v, a]) => `${v} ${med(a).toFixed(1)} GFLOPS`).join(", "), res.relaxed ? `ratio ${(med(res.relaxed)/med(res.plain)).toFixed(3)}` : "");
