// Reductions along one dim of a 1024×1024 float32 matrix: sum, and max with
// its indices (torch.max(x, dim) returns both; tfjs' max returns values only).
import { uniform } from "../lib/data.mjs";

const R = 1024, C = 1024;

export const workloads = [];
for (const dim of [0, 1]) {
  // dim 0 reduces the middle axis of [1, R, C]; dim 1 the inner axis of [R, C].
  workloads.push({
    id: `sum dim=${dim} ${R}×${C}`,
    group: "reductions (float32)",
    unit: "ns/element",
    work: R * C,
    // Sums over the last dim are shared with the worker (where the host addon loads): the 1-thread column shows the rest.
    torchtsEngines: dim === 1 ? ["ts-js", "ts-wasm1", "ts"] : ["ts-js", "ts"],
    targets: [{ text: "within 2× of PyTorch", check: (m, faster) => faster("pytorch") >= 0.5 }],
    torchts: ({ kernels }) => {
      const x = uniform(R * C, -1, 1, 6);
      return dim === 0
        ? () => kernels.sumMiddle(x, new Float32Array(C), 1, R, C)
        : () => kernels.sumInner(x, new Float32Array(R), R, C);
    },
    tfjs: (tf) => {
      const x = tf.tensor2d(uniform(R * C, -1, 1, 6), [R, C]);
      return () => tf.sum(x, dim).dispose();
    },
    pytorch: { setup: `x = torch.rand(${R}, ${C}) * 2 - 1\n`, stmt: `torch.sum(x, ${dim})` },
  });
  workloads.push({
    id: `max dim=${dim} ${R}×${C}`,
    group: "reductions (float32)",
    unit: "ns/element",
    work: R * C,
    torchtsEngines: ["ts-js", "ts"],
    targets: [{ text: "within 2× of PyTorch", check: (m, faster) => faster("pytorch") >= 0.5 }],
    torchts: ({ kernels }) => {
      const x = uniform(R * C, -1, 1, 7);
      const n = dim === 0 ? C : R;
      return dim === 0
        ? () => kernels.maxMiddle(x, new Float32Array(n), new Float64Array(n), 1, R, C)
        : () => kernels.maxInner(x, new Float32Array(n), new Float64Array(n), R, C);
    },
    tfjs: (tf) => {
      const x = tf.tensor2d(uniform(R * C, -1, 1, 7), [R, C]);
      return () => tf.max(x, dim).dispose();
    },
    pytorch: { setup: `x = torch.rand(${R}, ${C}) * 2 - 1\n`, stmt: `torch.max(x, ${dim})` },
  });
}
