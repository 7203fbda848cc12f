// One optimizer step over the MLP 784→256→10's 203,530 float32 parameters
// (W1 [256,784], b1, W2 [10,256], b2), gradients fixed: the update alone.
// torchts runs @torchts/optim's fused update (one pass per parameter, no
// temporaries); PyTorch runs torch.optim with foreach=False, its single-tensor
// update (the order torchts reproduces). tfjs has no comparable optimizer object.
import { uniform } from "../lib/data.mjs";

const SHAPES = [[256, 784], [256], [10, 256], [10]];

function torchtsParams(torch) {
  return SHAPES.map((s, i) => {
    const n = s.reduce((a, b) => a * b, 1);
    const p = torch.fromTypedArray(uniform(n, -0.05, 0.05, 20 + i), s).requiresGrad_();
    p.grad = torch.fromTypedArray(uniform(n, -0.01, 0.01, 30 + i), s);
    return p;
  });
}

const PY_PARAMS = `
params = []
for s in [(256, 784), (256,), (10, 256), (10,)]:
    p = (torch.rand(s) * 0.1 - 0.05).requires_grad_()
    p.grad = torch.rand(s) * 0.02 - 0.01
    params.append(p)
`;

export const workloads = [
  {
    id: "Adam step, 203,530 params",
    group: "optimizer step (float32, MLP 784-256-10)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts"],
    targets: [{ text: "≤ PyTorch's single-tensor Adam (issue 16)", check: (m) => m.ts <= m.pytorch }],
    torchts: ({ pkg }) => {
      const opt = new (pkg("optim").Adam)(torchtsParams(pkg("autograd")), { lr: 1e-3 });
      return () => opt.step();
    },
    pytorch: { setup: PY_PARAMS + "opt = torch.optim.Adam(params, lr=1e-3, foreach=False)\n", stmt: "opt.step()" },
  },
  {
    id: "SGD momentum step, 203,530 params",
    group: "optimizer step (float32, MLP 784-256-10)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts"],
    targets: [{ text: "≤ 1.5× PyTorch's single-tensor SGD (issue 16)", check: (m) => m.ts <= 1.5 * m.pytorch }],
    torchts: ({ pkg }) => {
      const opt = new (pkg("optim").SGD)(torchtsParams(pkg("autograd")), { lr: 0.01, momentum: 0.9 });
      return () => opt.step();
    },
    pytorch: { setup: PY_PARAMS + "opt = torch.optim.SGD(params, lr=0.01, momentum=0.9, foreach=False)\n", stmt: "opt.step()" },
  },
];
