/**
 * PyTorch 1.13.1's results (fixtures/gen_nn.py → nn.json): the notes' networks (printing,
 * names, state-dict keys, forward and every parameter gradient) and every loss with every
 * reduction and option, errors included.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";
import { NETWORKS, wave } from "./networks.testing";

type JsonNum = number | "nan" | "inf" | "-inf";
interface JsonTensor {
  dtype: "float32" | "float64" | "int64" | "bool";
  shape: number[];
  data: JsonNum[];
}
type GradSummary = { full: JsonTensor } | { sum: number; abs: number; proj: number; shape: number[] } | null;
interface NetCase {
  name: string;
  repr: string;
  namedParameters: [string, number[]][];
  stateDictKeys: string[];
  namedModules: string[];
  inputShape: number[];
  output: JsonTensor;
  grads: Record<string, GradSummary>;
}
interface LossCase {
  desc: string;
  input: JsonTensor;
  target: JsonTensor;
  options: Record<string, unknown>;
  value?: JsonTensor;
  grad?: JsonTensor;
  error?: [string, string];
}
const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/nn.json"), "utf8")) as {
  networks: NetCase[];
  losses: LossCase[];
  reprs: Record<string, string>;
};

const num = (v: JsonNum) => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);
function decode(t: JsonTensor): Tensor {
  return torch.tensor(t.data.map(num), { dtype: torch.dtypes[t.dtype] }).reshape(t.shape);
}
function expectClose(actual: Tensor, expected: JsonTensor, tol = 1e-10): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.contiguous().toTypedArray();
  expected.data.forEach((e, i) => {
    const x = Number(a[i]);
    const y = num(e);
    if (Number.isNaN(y)) expect(x).toBeNaN();
    else expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * (1 + Math.abs(y)));
  });
}

describe("the notes' networks against PyTorch", () => {
  for (const c of fixture.networks) {
    it(c.name, () => {
      expect(String(NETWORKS[c.name]())).toBe(c.repr);
      const net = NETWORKS[c.name]().double();
      expect(net.namedParameters().map(([n, p]) => [n, [...p.shape]])).toEqual(c.namedParameters);
      expect([...net.stateDict().keys()]).toEqual(c.stateDictKeys);
      expect(net.namedModules().map(([n]) => n)).toEqual(c.namedModules);
      // the weights: wave(shape, k) for the k-th state-dict entry (a tied layer's twice, as PyTorch's loop)
      const sd = new Map([...net.stateDict()].map(([k, v], i) => [k, wave([...v.shape], i)]));
      expect(String(net.loadStateDict(sd))).toBe("<All keys matched successfully>");
      const out = net(wave(c.inputShape, 0.5).mul(10)) as Tensor;
      expectClose(out, c.output);
      if (out.requiresGrad) out.sum().backward();
      for (const [name, p] of net.namedParameters()) {
        const g = c.grads[name];
        if (g === null) {
          expect(p.grad).toBeNull();
          continue;
        }
        const grad = p.grad!;
        if ("full" in g) expectClose(grad, g.full, 1e-9);
        else {
          const flat = grad.reshape(-1);
          const w = torch.arange(flat.numel(), { dtype: torch.float64 }).add(1).sin();
          expect(Number(flat.sum())).toBeCloseTo(g.sum, 8);
          expect(Number(flat.abs().sum())).toBeCloseTo(g.abs, 8);
          expect(Number(flat.mul(w).sum())).toBeCloseTo(g.proj, 8);
        }
      }
    });
  }
});

const FNS: Record<string, (x: Tensor, y: Tensor, o: Record<string, unknown>) => Tensor> = {
  mse: (x, y, o) => nn.functional.mseLoss(x, y, o as never),
  l1: (x, y, o) => nn.functional.l1Loss(x, y, o as never),
  smooth_l1: (x, y, o) => nn.functional.smoothL1Loss(x, y, o as never),
  huber: (x, y, o) => nn.functional.huberLoss(x, y, o as never),
  bce: (x, y, o) => nn.functional.binaryCrossEntropy(x, y, o as never),
  bce_logits: (x, y, o) => nn.functional.binaryCrossEntropyWithLogits(x, y, o as never),
  nll: (x, y, o) => nn.functional.nllLoss(x, y, o as never),
  cross_entropy: (x, y, o) => nn.functional.crossEntropy(x, y, o as never),
};
const CAMEL: Record<string, string> = { ignore_index: "ignoreIndex", label_smoothing: "labelSmoothing", pos_weight: "posWeight" };

describe("losses against PyTorch (every reduction and option, and the errors)", () => {
  for (const [i, c] of fixture.losses.entries()) {
    const opts = Object.fromEntries(
      Object.entries(c.options).map(([k, v]) => [CAMEL[k] ?? k, typeof v === "object" && v !== null ? decode(v as JsonTensor) : v]),
    );
    it(`${i}: ${c.desc} ${JSON.stringify(Object.keys(c.options))} ${c.input.shape}`, () => {
      const x = decode(c.input).requiresGrad_();
      const y = decode(c.target);
      if (c.error) {
        let err: unknown;
        try {
          FNS[c.desc](x, y, opts);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(torch.TorchError);
        expect((err as Error).name).toBe(c.error[0]);
        expect((err as Error).message).toContain(c.error[1]);
        return;
      }
      const v = FNS[c.desc](x, y, opts);
      expectClose(v, c.value!);
      const [g] = torch.grad(v.sum(), [x]);
      expectClose(g!, c.grad!);
    });
  }
});

/** A module whose extraRepr spans two lines (PyTorch indents each line). */
class MultiLine extends nn.Module {
  l = new nn.Linear(1, 1);
  override extraRepr() {
    return "a=1\nb=2";
  }
}

describe("layer reprs against PyTorch", () => {
  const T = torch;
  const build: Record<string, () => nn.Module> = {
    "Linear(2, 1)": () => new nn.Linear(2, 1),
    "Linear(2, 1, bias=False)": () => new nn.Linear(2, 1, { bias: false }),
    "Dropout(0.2)": () => new nn.Dropout(0.2),
    "Dropout()": () => new nn.Dropout(),
    "Flatten()": () => new nn.Flatten(),
    "ReLU()": () => new nn.ReLU(),
    "ReLU(inplace=True)": () => new nn.ReLU({ inplace: true }),
    "LeakyReLU()": () => new nn.LeakyReLU(),
    "LeakyReLU(0.2)": () => new nn.LeakyReLU(0.2),
    "PReLU()": () => new nn.PReLU(),
    "PReLU(3)": () => new nn.PReLU(3),
    "Sigmoid()": () => new nn.Sigmoid(),
    "Tanh()": () => new nn.Tanh(),
    "GELU()": () => new nn.GELU(),
    "GELU(tanh)": () => new nn.GELU({ approximate: "tanh" }),
    "Softmax(1)": () => new nn.Softmax({ dim: 1 }),
    "Softmax()": () => new nn.Softmax(),
    "LogSoftmax(1)": () => new nn.LogSoftmax(1),
    "Identity()": () => new nn.Identity(),
    "Unflatten(1, (2, 5))": () => new nn.Unflatten(1, [2, 5]),
    "MSELoss()": () => new nn.MSELoss(),
    "CrossEntropyLoss(none)": () => new nn.CrossEntropyLoss({ reduction: "none" }),
    "Sequential()": () => new nn.Sequential(),
    ModuleList: () => new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU()]),
    ModuleDict: () =>
      new nn.ModuleDict(
        new Map<string, nn.Module>([
          ["b", new nn.ReLU()],
          ["1", new nn.Tanh()],
          ["a", new nn.Linear(1, 1)],
        ]),
      ),
    "Sequential(OrderedDict)": () =>
      new nn.Sequential(
        new Map<string, nn.Module>([
          ["hidden", new nn.Linear(4, 8)],
          ["10", new nn.ReLU()],
          ["2", new nn.Linear(8, 1)],
        ]),
      ),
    "Flatten(0, 2)": () => new nn.Flatten(0, 2),
    "Unflatten(1, (4,))": () => new nn.Unflatten(1, [4]),
    "Softmax(dim=-1)": () => new nn.Softmax({ dim: -1 }),
    "LeakyReLU(0.2, True)": () => new nn.LeakyReLU(0.2, true),
    "LeakyReLU(2)": () => new nn.LeakyReLU(2),
    "LeakyReLU(1e-5)": () => new nn.LeakyReLU(1e-5),
    "Dropout(0.3, True)": () => new nn.Dropout(0.3, true),
    "Dropout(0)": () => new nn.Dropout(0),
    "Dropout(1)": () => new nn.Dropout(1),
    "Dropout(1e-3)": () => new nn.Dropout(1e-3),
    "PReLU(3, 0.1)": () => new nn.PReLU(3, 0.1),
    "PReLU(0)": () => new nn.PReLU(0),
    "Linear(3, 4, False)": () => new nn.Linear(3, 4, false),
    "Linear(0, 0)": () => new nn.Linear(0, 0),
    "Identity(54, unused=1)": () => new nn.Identity(54, { unused: 1 }),
    "ReLU(True)": () => new nn.ReLU(true),
    "GELU('tanh')": () => new nn.GELU("tanh"),
    "LogSoftmax()": () => new nn.LogSoftmax(),
    "HuberLoss('sum', 2)": () => new nn.HuberLoss("sum", 2),
    "SmoothL1Loss(beta=2)": () => new nn.SmoothL1Loss({ beta: 2 }),
    "CrossEntropyLoss(w, label_smoothing=0.1)": () => new nn.CrossEntropyLoss(T.ones(3), { labelSmoothing: 0.1 }),
    "BCEWithLogitsLoss(pos_weight)": () => new nn.BCEWithLogitsLoss({ posWeight: T.ones(3) }),
    "nested empty containers": () => new nn.Sequential(new nn.Sequential(), new nn.ModuleList(), new nn.ModuleDict()),
    "extra_repr on two lines": () => new MultiLine(),
  };
  for (const [k, expected] of Object.entries(fixture.reprs)) {
    it(k, () => {
      expect(T).toBeDefined();
      expect(String(build[k]())).toBe(expected);
    });
  }
});
