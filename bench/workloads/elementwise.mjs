// Elementwise float32 ops over 1M elements, producing a new output each call
// (the output allocation is part of the cost, as it is for a user). torchts runs
// through the public Tensor methods, so dispatch and allocation are measured too.
import { uniform } from "../lib/data.mjs";

const N = 1 << 20;
const UNARY = [
  { op: "exp", lo: -10, hi: 10 },
  { op: "log", lo: 0.001, hi: 100 },
  { op: "tanh", lo: -5, hi: 5 },
  { op: "sigmoid", lo: -10, hi: 10 },
];
const BINARY = ["add", "mul"];

export const workloads = [];
for (const { op, lo, hi } of UNARY) {
  workloads.push({
    id: `${op} 1M`,
    group: "elementwise (float32, 1M elements, new output)",
    unit: "ns/element",
    work: N,
    torchtsEngines: ["ts-js", "ts-wasm1", "ts"],
    targets: [{ text: "≤ 2 ns/element", check: (m) => m.ts <= 2 }],
    torchts: ({ pkg }) => {
      const x = pkg("tensor").tensor(uniform(N, lo, hi, 3));
      return () => x[op]();
    },
    tfjs: (tf) => {
      const x = tf.tensor1d(uniform(N, lo, hi, 3));
      return () => tf[op](x).dispose();
    },
    pytorch: { setup: `x = torch.rand(${N}) * ${hi - lo} + ${lo}\n`, stmt: `torch.${op}(x)` },
  });
}
for (const op of BINARY) {
  workloads.push({
    id: `${op} 1M`,
    group: "elementwise (float32, 1M elements, new output)",
    unit: "ns/element",
    work: N,
    torchtsEngines: ["ts-js", "ts-wasm1", "ts"],
    targets: [
      { text: "≤ 0.8 ns/element", check: (m) => m.ts <= 0.8 },
      ...(op === "add" ? [{ text: "plain TS ≤ 1.5 ns/element (issue 2)", check: (m) => m["ts-js"] <= 1.5 }] : []),
    ],
    torchts: ({ pkg }) => {
      const { tensor } = pkg("tensor");
      const a = tensor(uniform(N, -1, 1, 4)), b = tensor(uniform(N, -1, 1, 5));
      return () => a[op](b);
    },
    tfjs: (tf) => {
      const a = tf.tensor1d(uniform(N, -1, 1, 4)), b = tf.tensor1d(uniform(N, -1, 1, 5));
      return () => tf[op](a, b).dispose();
    },
    pytorch: { setup: `a = torch.rand(${N}) * 2 - 1\nb = torch.rand(${N}) * 2 - 1\n`, stmt: `torch.${op}(a, b)` },
  });
}

// In place (an optimizer's update): no output allocation is needed; the factors keep the
// values normal (no denormals, no inf) over thousands of calls. tfjs has no in-place ops.
const INPLACE = [
  { id: "add_ 1M", run: (a, b) => a.add_(b), stmt: "a.add_(b)" },
  { id: "mul_ 1M", run: (a) => a.mul_(1.0001), stmt: "a.mul_(1.0001)" },
  { id: "sub_ alpha 1M", run: (a, b) => a.sub_(b, { alpha: 0.01 }), stmt: "a.sub_(b, alpha=0.01)" },
];
for (const { id, run, stmt } of INPLACE) {
  workloads.push({
    id,
    group: "elementwise in place (float32, 1M elements)",
    unit: "ns/element",
    work: N,
    torchtsEngines: ["ts-js", "ts-wasm1", "ts"],
    targets: [],
    torchts: ({ pkg }) => {
      const { tensor } = pkg("tensor");
      const a = tensor(uniform(N, -1, 1, 4)), b = tensor(uniform(N, -1, 1, 5));
      return () => run(a, b);
    },
    pytorch: { setup: `a = torch.rand(${N}) * 2 - 1\nb = torch.rand(${N}) * 2 - 1\n`, stmt },
  });
}
