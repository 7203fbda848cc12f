// @torchts/nn workloads: the cost of going through modules (issue 15).
//   - the MLP 784→256→10 training step of training.mjs, written with nn.Sequential,
//     nn.CrossEntropyLoss and the same hand-written SGD update (compare with the raw-tensor row
//     "MLP 784-256-10 train step, batch 256": within 10 %), and PyTorch's nn version;
//   - nn.CrossEntropyLoss forward + backward at 256×10 (within 1.5× of PyTorch's).
// A build without @torchts/nn (an A/B base before it) skips these rows.
import { uniform } from "../lib/data.mjs";

const B = 256, D = 784, H = 256, K = 10, LR = 0.1;
const labels = (n, seed) => Int32Array.from(uniform(n, 0, K, seed), (v) => Math.min(K - 1, Math.floor(v)));

function nnOf(pkg) {
  try {
    return pkg("nn");
  } catch {
    return null; // this build has no @torchts/nn
  }
}

export const workloads = [
  {
    id: "MLP 784-256-10 train step, batch 256, nn.Sequential + CrossEntropyLoss",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts-js", "ts-wasm1", "ts"],
    targets: [{ text: "≤ 8 ms", check: (m) => m.ts <= 8 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const nn = nnOf(pkg);
      if (nn === null) return null;
      const net = new nn.Sequential(new nn.Linear(D, H), new nn.ReLU(), new nn.Linear(H, K));
      // the raw row's initial values (transposed: Linear keeps [out, in])
      torch.noGrad(() => {
        net[0].weight.copy_(torch.fromTypedArray(uniform(D * H, -0.05, 0.05, 11), [D, H]).t());
        net[0].bias.zero_();
        net[2].weight.copy_(torch.fromTypedArray(uniform(H * K, -0.1, 0.1, 12), [H, K]).t());
        net[2].bias.zero_();
      });
      const loss = new nn.CrossEntropyLoss();
      const params = net.parameters();
      const X = torch.fromTypedArray(uniform(B * D, 0, 1, 1), [B, D]);
      const y = torch.tensor(labels(B, 2)).long();
      return () => {
        const l = loss(net(X), y);
        l.backward();
        torch.noGrad(() => {
          for (const q of params) {
            q.sub_(q.grad.mul(LR));
            q.grad.zero_();
          }
        });
      };
    },
    tfjs: null,
    pytorch: {
      setup: [
        "torch.manual_seed(0)",
        "net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))",
        "loss = torch.nn.CrossEntropyLoss()",
        "params = list(net.parameters())",
        "X = torch.rand(256, 784)",
        "y = torch.randint(0, 10, (256,))",
        "def step():",
        "    l = loss(net(X), y)",
        "    l.backward()",
        "    with torch.no_grad():",
        "        for q in params:",
        "            q -= 0.1 * q.grad",
        "            q.grad.zero_()",
        "",
      ].join("\n"),
      stmt: "step()",
    },
  },
  {
    id: "nn.CrossEntropyLoss fwd+bwd 256x10",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    targets: [{ text: "within 1.5× of PyTorch", check: (m, faster) => faster("pytorch") >= 1 / 1.5 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const nn = nnOf(pkg);
      if (nn === null) return null;
      const loss = new nn.CrossEntropyLoss();
      const logits = torch.fromTypedArray(uniform(B * K, -3, 3, 5), [B, K]).requiresGrad_();
      const y = torch.tensor(labels(B, 6)).long();
      return () => {
        loss(logits, y).backward();
        logits.grad = null;
      };
    },
    tfjs: null,
    pytorch: {
      setup: "loss = torch.nn.CrossEntropyLoss()\nlogits = (torch.rand(256, 10) * 6 - 3).requires_grad_()\ny = torch.randint(0, 10, (256,))\n",
      stmt: "loss(logits, y).backward(); logits.grad = None",
    },
  },
];
