// What one MLP training step keeps alive: a 784-256-10 MLP, batch 256, float32,
// forward + cross-entropy (logSoftmax, gather, mean) + backward + SGD, in torchts tensor ops.
//
// Two measures, after the forward (when the graph is largest, before backward frees it):
// - graph: bytes of the distinct storages that graph nodes hold as saved tensors, walked
//   from the loss's gradFn (storages the caller holds anyway, x and the parameters, listed apart);
// - arrayBuffers: process.memoryUsage().arrayBuffers after a forced GC, minus the same figure
//   before the forward (so parameters, data and last step's grads are not counted).
// The median over steps 3..N is printed (steps 1-2 are warm-up).
//
//   pnpm turbo run build --filter @torchts/autograd && node --expose-gc bench/memory-mlp.mjs [--steps 10] [--json]
import { createRequire } from "node:module";
import os from "node:os";

const require = createRequire(import.meta.url);
// MEMORY_MLP_AUTOGRAD: another build of @torchts/autograd (its dist/index.js), to compare before/after
const torch = require(process.env.MEMORY_MLP_AUTOGRAD ?? "../packages/autograd/dist/index.js");
if (typeof global.gc !== "function") throw new Error("run with node --expose-gc");

const args = process.argv.slice(2);
const steps = Number(args[args.indexOf("--steps") + 1] || 10) || 10;
const asJson = args.includes("--json");

torch.manualSeed(0);
const [B, D, H, C] = [256, 784, 256, 10];
const x = torch.randn([B, D]);
const labels = torch.randint(0, C, [B]);
const W1 = torch.randn([D, H]).mul(0.05).requiresGrad_();
const b1 = torch.zeros([H], { requiresGrad: true });
const W2 = torch.randn([H, C]).mul(0.05).requiresGrad_();
const b2 = torch.zeros([C], { requiresGrad: true });
const params = [W1, b1, W2, b2];
const held = new Set([x, ...params].map((t) => t._storage));

function forward() {
  const logits = x.matmul(W1).add(b1).relu().matmul(W2).add(b2);
  return logits.logSoftmax(1).gather(1, labels.unsqueeze(1)).mean().neg();
}

/** Distinct storages saved by the nodes reachable from `root`. */
function graphBytes(root) {
  const seen = new Set([root]);
  const stack = [root];
  const storages = new Set();
  let nodes = 0;
  let savedTensors = 0;
  while (stack.length > 0) {
    const n = stack.pop();
    nodes++;
    for (const s of n.saved ?? []) {
      if (s == null) continue;
      savedTensors++;
      storages.add(s.tensor._storage);
    }
    for (const e of n.next) if (e !== null && !seen.has(e)) (seen.add(e), stack.push(e));
  }
  let total = 0;
  let own = 0;
  for (const st of storages) {
    total += st.data.byteLength;
    if (!held.has(st)) own += st.data.byteLength;
  }
  return { nodes, savedTensors, total, own };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** arrayBuffers once garbage is collected: V8 frees backing stores on a background thread, so collect, wait, collect again. */
async function settledArrayBuffers() {
  global.gc();
  await new Promise((r) => setTimeout(r, 20));
  global.gc();
  return process.memoryUsage().arrayBuffers;
}
const rows = [];
for (let step = 0; step < steps; step++) {
  const before = await settledArrayBuffers();
  const loss = forward();
  const afterForward = (await settledArrayBuffers()) - before;
  const g = graphBytes(loss.gradFn);
  loss.backward();
  torch.noGrad(() => {
    for (const p of params) {
      p.sub_(p.grad.mul(0.1));
      p.grad.zero_();
    }
  });
  rows.push({ loss: loss.item(), afterForward, ...g });
}
const kept = rows.slice(2);
const MB = 1024 * 1024;
const result = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  node: process.version,
  nodes: rows[0].nodes,
  savedTensors: rows[0].savedTensors,
  graphMB: median(kept.map((r) => r.total)) / MB,
  graphOwnMB: median(kept.map((r) => r.own)) / MB,
  arrayBuffersMB: median(kept.map((r) => r.afterForward)) / MB,
  loss: [rows[0].loss, rows[rows.length - 1].loss],
};
if (process.env.MEMORY_MLP_DEBUG) console.error(rows.map((r) => (r.afterForward / MB).toFixed(3)).join(" "));
if (asJson) console.log(JSON.stringify(result));
else {
  console.log(`MLP ${D}-${H}-${C}, batch ${B}, float32; ${result.cpu}, Node ${result.node}`);
  console.log(`graph: ${result.nodes} nodes, ${result.savedTensors} saved tensors`);
  console.log(`saved storages reachable from the loss: ${result.graphMB.toFixed(2)} MB (${result.graphOwnMB.toFixed(2)} MB not held by the caller)`);
  console.log(`arrayBuffers after forward + gc, over the step's start: ${result.arrayBuffersMB.toFixed(2)} MB`);
  console.log(`loss: ${result.loss[0].toFixed(4)} -> ${result.loss[1].toFixed(4)}`);
}
