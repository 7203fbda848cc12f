// Small-tensor calls, where a call's fixed cost (argument checks, dispatch, allocation)
// dominates: a 4×8 float32 tensor, as in a tiny model or a d2l toy example (issue 13: the
// argument checks derived from the op signatures must cost nothing measurable here).
import { uniform } from "../lib/data.mjs";

const R = 4, C = 8;
const CASES = [
  { id: "small add 4×8", run: (t, a, b) => a.add(b), stmt: "a.add(b)" },
  { id: "small mul scalar 4×8", run: (t, a) => a.mul(2), stmt: "a.mul(2)" },
  { id: "small exp 4×8", run: (t, a) => a.exp(), stmt: "a.exp()" },
  { id: "small sum dim=1 keepdim 4×8", run: (t, a) => a.sum(1, { keepdim: true }), stmt: "a.sum(1, keepdim=True)" },
  { id: "small softmax dim=1 4×8", run: (t, a) => a.softmax(1), stmt: "a.softmax(1)" },
  { id: "small sub_ alpha 4×8", run: (t, a, b) => a.sub_(b, { alpha: 1e-6 }), stmt: "a.sub_(b, alpha=1e-6)" },
  { id: "small zeros 4×8", run: (t) => t.zeros(R, C), stmt: `torch.zeros(${R}, ${C})` },
];

export const workloads = CASES.map(({ id, run, stmt }) => ({
  id,
  group: "small tensors (float32, 4×8: the fixed cost of a call)",
  unit: "µs",
  work: 1,
  torchtsEngines: ["ts"],
  targets: [],
  torchts: ({ pkg }) => {
    const t = pkg("tensor");
    const a = t.tensor(uniform(R * C, -1, 1, 4)).reshape(R, C), b = t.tensor(uniform(R * C, -1, 1, 5)).reshape(R, C);
    return () => run(t, a, b);
  },
  pytorch: { setup: `a = torch.rand(${R}, ${C}) * 2 - 1\nb = torch.rand(${R}, ${C}) * 2 - 1\n`, stmt },
}));
