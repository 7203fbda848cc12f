// Reductions along one dim of a 1024×1024 float32 matrix: sum, and max with
// its indices (torch.max(x, dim) returns both; tfjs' max returns values only).
// torchts runs through the public Tensor methods, as the other workloads do (and
// so ab.mjs can run them on two builds whose kernel signatures differ).
import { uniform } from "../lib/data.mjs";

const R = 1024, C = 1024;

export const workloads = [];
for (const dim of [0, 1]) {
  // dim 0 reduces the outer axis (kernel sumMiddle/maxMiddle with outer 1); dim 1 the inner one.
  workloads.push({
    id: `sum dim=${dim} ${R}×${C}`,
    group: "reductions (float32)",
    unit: "ns/element",
    work: R * C,
    // Sums over the last dim are shared with the worker (where the host addon loads): the 1-thread column shows the rest.
    torchtsEngines: dim === 1 ? ["ts-js", "ts-wasm1", "ts"] : ["ts-js", "ts"],
    targets: [{ text: "within 2× of PyTorch", check: (m, faster) => faster("pytorch") >= 0.5 }],
    torchts: ({ pkg }) => {
      const x = pkg("tensor").fromTypedArray(uniform(R * C, -1, 1, 6), [R, C]);
      return () => x.sum(dim);
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
    torchts: ({ pkg }) => {
      const x = pkg("tensor").fromTypedArray(uniform(R * C, -1, 1, 7), [R, C]);
      return () => x.max(dim);
    },
    tfjs: (tf) => {
      const x = tf.tensor2d(uniform(R * C, -1, 1, 7), [R, C]);
      return () => tf.max(x, dim).dispose();
    },
    pytorch: { setup: `x = torch.rand(${R}, ${C}) * 2 - 1\n`, stmt: `torch.max(x, ${dim})` },
  });
}
