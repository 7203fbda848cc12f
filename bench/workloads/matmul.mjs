// matmul C = op(A)·op(B) for square n×n float32 matrices, in the three forms
// training uses: A·B (forward), Aᵀ·B and A·Bᵀ (backward). Every engine
// allocates its output on each call.
//
// A workload module exports `workloads`: an array of cases. A case has
//   id, group, unit ("GFLOPS" | "ns/element" | "ms"), work (flops or elements per call),
//   torchts(ctx) -> fn | null   ctx.pkg("tensor"): a built package; ctx.kernels: the kernel registry
//   tfjs(tf) -> fn | null       tf: @tensorflow/tfjs-core with the engine's backend active
//   pytorch: { setup, stmt }    Python source run by /usr/bin/python3 (torch imported)
//   torchtsEngines?: keys of the torchts variants to run (default all three)
//   targets?: [{ text, check(medians, faster) -> boolean }]  medians: engine key -> value in `unit`;
//                               faster(key): median over rounds of how many times faster torchts is
import { uniform } from "../lib/data.mjs";

const SIZES = [64, 128, 256, 512, 1024];
const FORMS = [
  { name: "A·B", ta: false, tb: false, py: "a @ b" },
  { name: "Aᵀ·B", ta: true, tb: false, py: "a.t() @ b" },
  { name: "A·Bᵀ", ta: false, tb: true, py: "a @ b.t()" },
];

export const workloads = [];
for (const n of SIZES) {
  for (const f of FORMS) {
    const targets = [
      { text: "≥ 1.2× tfjs-wasm", check: (m, faster) => faster("tfjs-wasm") >= 1.2 },
    ];
    if (n === 512) {
      targets.push({ text: "≥ 45 GFLOPS on one thread", check: (m) => m["ts-wasm1"] >= 45 });
      targets.push({ text: "≥ 80 GFLOPS on two threads", check: (m) => m.ts >= 80 });
      targets.push({ text: "plain TS ≥ 5 GFLOPS (issue 2)", check: (m) => m["ts-js"] >= 5 });
    }
    workloads.push({
      id: `matmul ${n} ${f.name}`,
      group: "matmul (float32)",
      unit: "GFLOPS",
      work: 2 * n ** 3,
      targets,
      torchts: ({ pkg }) => {
        const { tensor } = pkg("tensor");
        const A = tensor(uniform(n * n, -1, 1, 1)).reshape(n, n), B = tensor(uniform(n * n, -1, 1, 2)).reshape(n, n);
        // the transposed operand is a view: it reaches the kernel as a flag, as in backward
        const a = f.ta ? A.mT : A, b = f.tb ? B.mT : B;
        return () => a.matmul(b);
      },
      tfjs: (tf) => {
        const a = tf.tensor2d(uniform(n * n, -1, 1, 1), [n, n]), b = tf.tensor2d(uniform(n * n, -1, 1, 2), [n, n]);
        return () => tf.matMul(a, b, f.ta, f.tb).dispose();
      },
      pytorch: { setup: `a = torch.rand(${n}, ${n}) * 2 - 1\nb = torch.rand(${n}, ${n}) * 2 - 1\n`, stmt: f.py },
    });
  }
}
