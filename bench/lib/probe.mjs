// A fixed yardstick for this VM's speed at a moment: torchts's own WebAssembly
// sgemm on 256×256 operands already in its memory (no JS, no allocation), on a
// private instance. The harness runs it before every round and after the last,
// so a table can be read against how fast the machine itself was meanwhile
// (on these VMs the same loop swings between ~31 and ~50 GFLOPS for minutes).
import { createRequire } from "node:module";
import * as path from "node:path";

const require = createRequire(import.meta.url);

export function createProbe(dist) {
  const { WASM_BASE64 } = require(path.join(dist, "kernels", "wasm-binary.js"));
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 32768 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(WASM_BASE64, "base64")), { env: { memory } }).exports;
  const n = 256, base = ex.__heap_base.value;
  const A = base, B = A + n * n * 4, C = B + n * n * 4, S = C + n * n * 4;
  const need = S + ex.sgemm_scratch_floats() * 4 + 64;
  if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(memory.buffer);
  for (let i = 0; i < 2 * n * n; i++) f32[A / 4 + i] = ((i * 7919) % 1000) / 1000 - 0.5;
  /** Median GFLOPS of sgemm calls over about `ms` milliseconds. */
  const measure = (ms = 100) => {
    const rates = [];
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const t0 = performance.now();
      ex.sgemm(0, 0, n, n, n, A, n, B, n, C, n, S);
      rates.push((2 * n ** 3) / ((performance.now() - t0) * 1e6));
    }
    rates.sort((a, b) => a - b);
    return rates[rates.length >> 1];
  };
  // WebAssembly starts in V8's baseline tier (~3 GFLOPS here): run it once so the optimised code
  // is being compiled by the first measurement (a busy machine still delayed it: ab.mjs probes in its warm-up round too).
  measure(50);
  return measure;
}
