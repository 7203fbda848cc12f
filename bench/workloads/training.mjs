// Tensor-level training workloads through @torchts/autograd (the path users take):
//   - the MLP 784→256→10 (ReLU, softmax cross-entropy) written from scratch:
//     W1, b1, W2, b2, backward, manual SGD under noGrad — one step at batch 256,
//     and one epoch of 60,000 synthetic samples (235 steps);
//   - softmax cross-entropy forward + backward at 256×10;
//   - d2l's linear regression from scratch (1000×2 samples, batch 10, 3 epochs).
// tfjs runs the same models with tf.variableGrads (gradients registered from
// tfjs-core's register_all_gradients); PyTorch runs them with autograd.
import { createRequire } from "node:module";
import { uniform } from "../lib/data.mjs";

const require = createRequire(import.meta.url);
let gradsRegistered = false;
function tfGrads(tf) {
  if (!gradsRegistered) {
    // tfjs-core's Node bundle registers no gradients; @tensorflow/tfjs registers them into the same core
    require("@tensorflow/tfjs");
    gradsRegistered = true;
  }
  return tf;
}

const B = 256, D = 784, H = 256, K = 10, LR = 0.1;
const labels = (n, seed) => Int32Array.from(uniform(n, 0, K, seed), (v) => Math.min(K - 1, Math.floor(v)));

/** The from-scratch MLP in torchts; returns step(X, y) -> loss tensor. */
function torchtsMlp(torch) {
  const p = (shape, scale, seed) => torch.fromTypedArray(uniform(shape[0] * (shape[1] ?? 1), -scale, scale, seed), shape).requiresGrad_();
  const W1 = p([D, H], 0.05, 11), b1 = torch.zeros([H], { requiresGrad: true });
  const W2 = p([H, K], 0.1, 12), b2 = torch.zeros([K], { requiresGrad: true });
  const params = [W1, b1, W2, b2];
  return (X, y) => {
    const h = X.matmul(W1).add(b1).relu();
    const logits = h.matmul(W2).add(b2);
    const loss = logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
    loss.backward();
    torch.noGrad(() => {
      for (const q of params) {
        q.sub_(q.grad.mul(LR));
        q.grad.zero_();
      }
    });
    return loss;
  };
}

function tfjsMlp(tf) {
  const W1 = tf.variable(tf.tensor2d(uniform(D * H, -0.05, 0.05, 11), [D, H]));
  const b1 = tf.variable(tf.zeros([H]));
  const W2 = tf.variable(tf.tensor2d(uniform(H * K, -0.1, 0.1, 12), [H, K]));
  const b2 = tf.variable(tf.zeros([K]));
  const vars = [W1, b1, W2, b2];
  return (X, Y) => {
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.relu(tf.add(tf.matMul(X, W1), b1));
      const logits = tf.add(tf.matMul(h, W2), b2);
      return tf.losses.softmaxCrossEntropy(Y, logits);
    }, vars);
    tf.tidy(() => {
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], LR)));
    });
    value.dispose();
    for (const k in grads) grads[k].dispose();
  };
}

const PY_MLP = `
torch.manual_seed(0)
W1 = (torch.rand(784, 256) * 0.1 - 0.05).requires_grad_()
b1 = torch.zeros(256, requires_grad=True)
W2 = (torch.rand(256, 10) * 0.2 - 0.1).requires_grad_()
b2 = torch.zeros(10, requires_grad=True)
params = [W1, b1, W2, b2]
def step(X, y):
    h = (X @ W1 + b1).relu()
    loss = torch.nn.functional.cross_entropy(h @ W2 + b2, y)
    loss.backward()
    with torch.no_grad():
        for q in params:
            q -= 0.1 * q.grad
            q.grad.zero_()
`;

export const workloads = [
  {
    id: "MLP 784-256-10 train step, batch 256",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts-js", "ts-wasm1", "ts"],
    targets: [{ text: "≤ 8 ms", check: (m) => m.ts <= 8 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const step = torchtsMlp(torch);
      const X = torch.fromTypedArray(uniform(B * D, 0, 1, 1), [B, D]);
      const y = torch.tensor(labels(B, 2)).long();
      return () => step(X, y);
    },
    tfjs: (tf) => {
      const step = tfjsMlp(tfGrads(tf));
      const X = tf.tensor2d(uniform(B * D, 0, 1, 1), [B, D]);
      const Y = tf.oneHot(tf.tensor1d(labels(B, 2), "int32"), K);
      return () => step(X, Y);
    },
    pytorch: { setup: PY_MLP + "X = torch.rand(256, 784)\ny = torch.randint(0, 10, (256,))\n", stmt: "step(X, y)" },
  },
  {
    id: "MLP epoch, 60000 samples, batch 256",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    torchtsEngines: ["ts-wasm1", "ts"],
    targets: [{ text: "≤ 2 s", check: (m) => m.ts <= 2000 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const step = torchtsMlp(torch);
      const N = 60000;
      const Xall = torch.fromTypedArray(uniform(N * D, 0, 1, 3), [N, D]);
      const yall = torch.tensor(labels(N, 4)).long();
      return () => {
        for (let i = 0; i < N; i += B) {
          const n = Math.min(B, N - i);
          step(Xall.narrow(0, i, n), yall.narrow(0, i, n));
        }
      };
    },
    tfjs: null,
    pytorch: {
      setup: PY_MLP + "XA = torch.rand(60000, 784)\nyA = torch.randint(0, 10, (60000,))\n",
      stmt: "for i in range(0, 60000, 256): step(XA[i:i+256], yA[i:i+256])",
    },
  },
  {
    id: "softmax cross-entropy fwd+bwd 256x10",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    targets: [{ text: "within 2× of PyTorch", check: (m, faster) => faster("pytorch") >= 0.5 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const logits = torch.fromTypedArray(uniform(B * K, -3, 3, 5), [B, K]).requiresGrad_();
      const y = torch.tensor(labels(B, 6)).long();
      return () => {
        logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg().backward();
        logits.grad = null;
      };
    },
    tfjs: (tf) => {
      tfGrads(tf);
      const logits = tf.tensor2d(uniform(B * K, -3, 3, 5), [B, K]);
      const Y = tf.oneHot(tf.tensor1d(labels(B, 6), "int32"), K);
      const g = tf.grad((l) => tf.losses.softmaxCrossEntropy(Y, l));
      return () => g(logits).dispose();
    },
    pytorch: {
      setup: "logits = (torch.rand(256, 10) * 6 - 3).requires_grad_()\ny = torch.randint(0, 10, (256,))\n",
      stmt: "torch.nn.functional.cross_entropy(logits, y).backward(); logits.grad = None",
    },
  },
  {
    id: "d2l linear regression, 1000x2, batch 10, 3 epochs",
    group: "training (float32)",
    unit: "ms",
    work: 1,
    targets: [{ text: "faster than PyTorch", check: (m, faster) => faster("pytorch") > 1 }],
    torchts: ({ pkg }) => {
      const torch = pkg("autograd");
      const N = 1000;
      const X = torch.fromTypedArray(uniform(N * 2, -2, 2, 7), [N, 2]);
      const trueW = torch.tensor([2, -3.4]);
      const y = X.mv(trueW).add(4.2).add(torch.fromTypedArray(uniform(N, -0.01, 0.01, 8), [N])).reshape(-1, 1);
      return () => {
        const w = torch.zeros([2, 1], { requiresGrad: true });
        const b = torch.zeros([1], { requiresGrad: true });
        for (let epoch = 0; epoch < 3; epoch++) {
          for (let i = 0; i < N; i += 10) {
            const Xb = X.narrow(0, i, 10), yb = y.narrow(0, i, 10);
            const l = Xb.matmul(w).add(b).sub(yb).square().div(2);
            l.sum().backward();
            torch.noGrad(() => {
              w.sub_(w.grad.mul(0.03 / 10));
              b.sub_(b.grad.mul(0.03 / 10));
              w.grad.zero_();
              b.grad.zero_();
            });
          }
        }
      };
    },
    tfjs: null,
    pytorch: {
      setup: "X = torch.rand(1000, 2) * 4 - 2\ny = (X @ torch.tensor([2, -3.4]) + 4.2).reshape(-1, 1)\n",
      stmt: [
        "w = torch.zeros(2, 1, requires_grad=True); b = torch.zeros(1, requires_grad=True)",
        "for epoch in range(3):",
        "    for i in range(0, 1000, 10):",
        "        l = ((X[i:i+10] @ w + b - y[i:i+10]) ** 2 / 2)",
        "        l.sum().backward()",
        "        with torch.no_grad():",
        "            w -= 0.03 / 10 * w.grad; b -= 0.03 / 10 * b.grad",
        "            w.grad.zero_(); b.grad.zero_()",
      ].join("\n"),
    },
  },
];
