/**
 * The notes' networks in TypeScript, written as the notes write them (chapters 2–6), for the
 * fixture test (fixtures/gen_nn.py builds the same in PyTorch) and the examples tests.
 */
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

const F = nn.functional;

/** The notes' 6.1 MLP. */
export class MLP61 extends nn.Module {
  net = new nn.Sequential(new nn.Linear(20, 64), new nn.ReLU(), new nn.Linear(64, 32), new nn.ReLU());
  linear = new nn.Linear(32, 16);
  override forward(X: Tensor) {
    return this.linear(this.net(X));
  }
}

/** d2l 5.1's MLP (the one 6.4 saves). */
export class MLP51 extends nn.Module {
  hidden = new nn.Linear(20, 256);
  out = new nn.Linear(256, 10);
  override forward(X: Tensor) {
    return this.out(F.relu(this.hidden(X)));
  }
}

/** 6.3: a layer without parameters. */
export class CenteredLayer extends nn.Module {
  override forward(X: Tensor) {
    return X.sub(X.mean());
  }
}

/** 6.3: a layer with parameters, whose forward reads `.data` (so no gradient reaches them). */
export class MyLinear extends nn.Module {
  weight: nn.Parameter;
  bias: nn.Parameter;
  constructor(inUnits: number, units: number) {
    super();
    this.weight = new nn.Parameter(torch.randn(inUnits, units));
    this.bias = new nn.Parameter(torch.randn(units));
  }
  override forward(X: Tensor) {
    const linear = torch.matmul(X, this.weight.data).add(this.bias.data);
    return F.relu(linear);
  }
}

function block1() {
  return new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 4), new nn.ReLU());
}
function block2() {
  const net = new nn.Sequential();
  for (let i = 0; i < 4; i++) net.addModule(`block ${i}`, block1());
  return net;
}
function tied() {
  const shared = new nn.Linear(8, 8);
  return new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), shared, new nn.ReLU(), shared, new nn.ReLU(), new nn.Linear(8, 1));
}

export const NETWORKS: Record<string, () => nn.Module> = {
  linreg: () => new nn.Sequential(new nn.Linear(2, 1)),
  softmax: () => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10)),
  mlp: () => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10)),
  dropout: () =>
    new nn.Sequential(
      new nn.Flatten(),
      new nn.Linear(784, 256),
      new nn.ReLU(),
      new nn.Dropout(0.2),
      new nn.Linear(256, 256),
      new nn.ReLU(),
      new nn.Dropout(0.5),
      new nn.Linear(256, 10),
    ).eval(),
  mlp61: () => new MLP61(),
  mlp51: () => new MLP51(),
  rgnet: () => new nn.Sequential(block2(), new nn.Linear(4, 1)),
  tied,
  centered: () => new nn.Sequential(new nn.Linear(8, 128), new CenteredLayer()),
  mylinear: () => new nn.Sequential(new MyLinear(64, 8), new MyLinear(8, 1)),
  prelu: () =>
    new nn.Sequential(
      new nn.Linear(5, 3),
      new nn.PReLU(3),
      new nn.Linear(3, 4),
      new nn.LeakyReLU(0.1),
      new nn.Linear(4, 4),
      new nn.GELU(),
      new nn.Linear(4, 4),
      new nn.Tanh(),
      new nn.Linear(4, 4),
      new nn.Sigmoid(),
      new nn.Linear(4, 3),
      new nn.LogSoftmax({ dim: 1 }),
    ),
};

/** gen_nn.py's `wave`: 0.1·sin(0.37·i + k) over the flat index, float64. */
export function wave(shape: number[], k: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 0.1 * Math.sin(0.37 * i + k);
  return torch.fromTypedArray(v, shape);
}
