// Random tensors from the global generator: torch.rand and torch.randn of 1M float32
// elements (issue 14's target: within 2× of PyTorch's time). tfjs draws from its own
// generator (seedrandom's Alea), so its column is only a reference.
const N = 1_000_000;

export const workloads = [];
for (const op of ["rand", "randn"]) {
  workloads.push({
    id: `${op} 1M`,
    group: "random (float32)",
    unit: "ns/element",
    work: N,
    torchtsEngines: ["ts"],
    targets: [{ text: "within 2× of PyTorch", check: (m, faster) => faster("pytorch") >= 0.5 }],
    torchts: ({ pkg }) => {
      const torch = pkg("tensor");
      torch.manualSeed(0);
      return () => torch[op](N);
    },
    tfjs: (tf) => (op === "rand" ? () => tf.randomUniform([N]).dispose() : () => tf.randomNormal([N]).dispose()),
    pytorch: { setup: "torch.manual_seed(0)\n", stmt: `torch.${op}(${N})` },
  });
}
