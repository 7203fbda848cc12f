// In-place activations without a temporary (session 8): x.relu_() / x.sigmoid_() / x.tanh_() on
// 1M float32 elements with nothing recorded compute into x's own storage; against the form they
// replace (x.copy_(x.relu()): a new tensor, then a copy). Interleaved pairs in one process, so a
// loaded machine slows both alike; prints the medians and the median per-pair ratio.
// Needs a build: pnpm turbo run build --filter @torchts/tensor
//   node bench/inplace-activations.mjs
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const torch = require("../packages/tensor/dist/index.js");
const x = torch.randn([1 << 20]);
const ms = (f) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const median = (a) => a.slice().sort((p, q) => p - q)[a.length >> 1];
for (const op of ["relu", "sigmoid", "tanh"]) {
  // repeated application keeps the values ordinary: sigmoid stays in (0, 1), tanh shrinks slowly
  x.normal_();
  const direct = () => x[`${op}_`]();
  const copied = () => x.copy_(x[op]());
  for (let i = 0; i < 10; i++) { direct(); copied(); }
  const a = [], b = [], r = [];
  for (let i = 0; i < 60; i++) {
    const p = ms(direct), q = ms(copied);
    a.push(p); b.push(q); r.push(q / p);
  }
  console.log(`${op}_: ${median(a).toFixed(3)} ms, copy_(${op}()): ${median(b).toFixed(3)} ms, median ratio ${median(r).toFixed(2)}`);
}
