import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

const F = nn.functional;
const f64 = (...shape: number[]) => torch.randn(shape, { dtype: torch.float64, requiresGrad: true });

describe("float64 gradcheck of every layer and loss", () => {
  const layers: [string, () => nn.Module][] = [
    ["Linear", () => new nn.Linear(3, 2).double()],
    ["PReLU(3)", () => new nn.PReLU(3).double()],
    ["LeakyReLU", () => new nn.LeakyReLU(0.2)],
    ["ReLU", () => new nn.ReLU()],
    ["Sigmoid", () => new nn.Sigmoid()],
    ["Tanh", () => new nn.Tanh()],
    ["GELU", () => new nn.GELU()],
    ["GELU tanh", () => new nn.GELU({ approximate: "tanh" })],
    ["Softmax", () => new nn.Softmax(1)],
    ["LogSoftmax", () => new nn.LogSoftmax(1)],
    ["Flatten", () => new nn.Flatten()],
    ["Dropout eval", () => new nn.Dropout(0.3).eval()],
  ];
  for (const [name, make] of layers) {
    it(name, () => {
      const m = make();
      const x = f64(4, 3).mul(2).detach().add(0.05).requiresGrad_();
      expect(torch.gradcheck((xx) => m(xx) as Tensor, [x])).toBe(true);
      // parameters' gradients: perturb them through a functional twin
      if (name === "Linear") {
        const w = f64(2, 3), b = f64(2);
        expect(torch.gradcheck((xx, ww, bb) => F.linear(xx, ww, bb), [x, w, b])).toBe(true);
      }
      if (name === "PReLU(3)") {
        const w = torch.tensor([0.1, 0.3, -0.2], { dtype: torch.float64, requiresGrad: true });
        expect(torch.gradcheck((xx, ww) => F.prelu(xx, ww), [x, w])).toBe(true);
      }
    });
  }

  const target = torch.tensor([2, 0, 1, 2]);
  const probs = torch.softmax(torch.randn(4, 3, { dtype: torch.float64 }), 1);
  const weight = torch.tensor([0.5, 1, 2], { dtype: torch.float64 });
  const y = torch.rand(4, 3, { dtype: torch.float64 });
  const losses: [string, (x: Tensor) => Tensor][] = [
    ["MSELoss", (x) => new nn.MSELoss()(x, y)],
    ["L1Loss sum", (x) => new nn.L1Loss({ reduction: "sum" })(x, y.add(0.5))],
    ["SmoothL1Loss", (x) => new nn.SmoothL1Loss({ beta: 0.5 })(x, y)],
    ["HuberLoss none", (x) => new nn.HuberLoss({ delta: 0.7, reduction: "none" })(x, y)],
    ["BCELoss", (x) => new nn.BCELoss({ weight: y })(x.sigmoid(), y)],
    ["BCEWithLogitsLoss", (x) => new nn.BCEWithLogitsLoss({ posWeight: weight })(x, y)],
    ["NLLLoss", (x) => new nn.NLLLoss({ weight })(x.logSoftmax(1), target)],
    ["CrossEntropyLoss", (x) => new nn.CrossEntropyLoss()(x, target)],
    ["CrossEntropyLoss weight ignore smooth", (x) => new nn.CrossEntropyLoss({ weight, ignoreIndex: 1, labelSmoothing: 0.2 })(x, target)],
    ["CrossEntropyLoss none", (x) => new nn.CrossEntropyLoss({ reduction: "none" })(x, target)],
    ["CrossEntropyLoss probabilities", (x) => new nn.CrossEntropyLoss({ labelSmoothing: 0.1 })(x, probs)],
  ];
  for (const [name, fn] of losses) {
    it(name, () => {
      expect(torch.gradcheck(fn, [f64(4, 3)])).toBe(true);
    });
  }

  it("cross-entropy's gradient is (softmax(o) − y)/N (the notes' 3.3), and its node is NllLossBackward0", () => {
    const o = f64(5, 4);
    const t = torch.tensor([0, 3, 1, 1, 2]);
    const l = F.crossEntropy(o, t);
    expect(String(l.gradFn)).toBe("<NllLossBackward0>");
    l.backward();
    const expected = o.detach().softmax(1).sub(F.oneHot(t, 4).double()).div(5);
    expect(torch.allclose(o.grad!, expected, { atol: 1e-12 })).toBe(true);
  });

  it("PReLU is one PreluBackward0 node, with second derivatives through it", () => {
    const x = f64(2, 3, 4);
    const w = torch.tensor([0.1, 0.3, -0.2], { dtype: torch.float64, requiresGrad: true });
    expect(F.prelu(x, w).gradFn!.name).toBe("PreluBackward0");
    expect(F.prelu(x, torch.tensor([0.25], { dtype: torch.float64 })).gradFn!.name).toBe("PreluBackward0");
    const r = torch.randn(2, 3, 4, { dtype: torch.float64 });
    const gradOf = (xx: Tensor, ww: Tensor) =>
      torch.enableGrad(() => torch.grad(F.prelu(xx, ww).square().sum(), [xx, ww], { createGraph: true })[0]!.mul(r).sum());
    expect(torch.gradcheck(gradOf, [x, w])).toBe(true);
  });

  it("cross-entropy has second derivatives (double backward through the fused op)", () => {
    const o = f64(3, 4);
    const t = torch.tensor([1, 0, 3]);
    const r = torch.randn(3, 4, { dtype: torch.float64 });
    // gradcheck's finite differences run without grad mode: the inner grad needs it back
    const gradOf = (x: Tensor) => torch.enableGrad(() => torch.grad(F.crossEntropy(x, t), [x], { createGraph: true })[0]!.mul(r).sum());
    expect(torch.gradcheck(gradOf, [o])).toBe(true);
  });
});

describe("Dropout", () => {
  it("training: zeros or x/(1−p), with about p zeros; eval(): the same tensor", () => {
    torch.manualSeed(3);
    const d = new nn.Dropout(0.25);
    const x = torch.ones(100000);
    const y = d(x);
    const vals = new Set(Array.from(y.toTypedArray()));
    expect([...vals].sort()).toEqual([0, 4 / 3].map((v) => Math.fround(v)).sort());
    // zeros ~ Binomial(1e5, 0.25): |z| < 5 fails with probability below 1e-6
    const zeros = 100000 - Number(y.ne(0).sum());
    expect(Math.abs(zeros - 25000) / Math.sqrt(100000 * 0.25 * 0.75)).toBeLessThan(5);
    d.eval();
    expect(d(x)).toBe(x);
    expect(new nn.Dropout(1)(x).abs().sum().item()).toBe(0);
    expect(new nn.Dropout(0)(x)).toBe(x);
  });

  it("seeded by manualSeed", () => {
    torch.manualSeed(11);
    const a = new nn.Dropout()(torch.ones(50));
    torch.manualSeed(11);
    const b = new nn.Dropout()(torch.ones(50));
    expect(torch.equal(a, b)).toBe(true);
  });

  it("property: eval() makes Dropout the identity for every p and shape", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), (p, shape) => {
        const x = torch.randn(shape);
        return new nn.Dropout(p).eval()(x) === x;
      }),
      { numRuns: 50 },
    );
  });

  it("p outside [0, 1] raises PyTorch's ValueError", () => {
    expect(() => new nn.Dropout(1.5)).toThrow("dropout probability has to be between 0 and 1, but got 1.5");
    expect(() => F.dropout(torch.ones(2), -0.1)).toThrow(torch.ValueError);
  });
});

describe("bad input is a clear error", () => {
  it("Linear fed the wrong width names both shapes", () => {
    const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(748, 256));
    expect(() => net(torch.ones(256, 1, 28, 28))).toThrow("mat1 and mat2 shapes cannot be multiplied (256x784 and 748x256)");
  });
  it("layer sizes must be non-negative integers", () => {
    expect(() => new nn.Linear(-1, 2)).toThrow("Trying to create tensor with negative dimension -1: [2, -1]");
    expect(() => new nn.Linear(2.5, 1)).toThrow(torch.TypeError);
    expect(() => new nn.Linear("2" as never, 1)).toThrow("Linear(): argument 'in_features' (position 0) must be int, not string");
    expect(new nn.Linear(0, 2)(torch.ones(3, 0)).shape).toEqual([3, 2]);
  });
  it("class targets outside [0, C), or float where long is needed", () => {
    const x = torch.randn(3, 4);
    expect(() => F.crossEntropy(x, torch.tensor([0, 10, 1]))).toThrow("Target 10 is out of bounds.");
    expect(() => F.crossEntropy(x, torch.tensor([0, 1, 1], { dtype: torch.float32 }))).toThrow("expected scalar type Long but found Float");
    expect(() => new nn.CrossEntropyLoss({ reduction: "avg" as never })(x, torch.tensor([0, 1, 2]))).toThrow("avg is not a valid value for reduction");
    expect(() => new nn.CrossEntropyLoss({ weights: 1 } as never)).toThrow("did you mean 'weight'");
  });
  it("oneHot", () => {
    expect(F.oneHot(torch.tensor([0, 2]), 3).tolist()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(F.oneHot(torch.tensor([1])).shape).toEqual([1, 2]);
    expect(() => F.oneHot(torch.tensor([3]), 3)).toThrow("Class values must be smaller than num_classes.");
    expect(() => F.oneHot(torch.tensor([1.5]))).toThrow("one_hot is only applicable to index tensor.");
  });
});

describe("gradient clipping (the notes' 4.6)", () => {
  it("clipGradNorm_ scales to maxNorm and returns the norm before; clipGradValue_ clamps", () => {
    const p = new nn.Parameter(torch.zeros(4));
    const q = new nn.Parameter(torch.zeros(3));
    p.grad = torch.tensor([3, 0, 0, 0], { dtype: torch.float32 });
    q.grad = torch.tensor([4, 0, 0], { dtype: torch.float32 });
    const n = nn.utils.clipGradNorm_([p, q], 1);
    expect(Number(n)).toBeCloseTo(5, 6);
    expect(Number(torch.cat([p.grad!, q.grad!]).norm())).toBeCloseTo(1, 5);
    expect(Number(nn.utils.clipGradNorm_([p, q], 10, Infinity))).toBeCloseTo(0.8, 5);
    nn.utils.clipGradValue_([p, q], 0.1);
    expect(Number(torch.cat([p.grad!, q.grad!]).abs().max())).toBeCloseTo(0.1, 6);
    expect(() => nn.utils.clipGradNorm_(3 as never, 1)).toThrow(torch.TypeError);
  });
});

describe("shape algebra (fast-check)", () => {
  const shapes = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 });
  it("Flatten(s, e) then Unflatten(s, the flattened sizes) is the identity on shapes and values", () => {
    fc.assert(
      fc.property(shapes, fc.nat(), fc.nat(), (shape, a, b) => {
        const n = shape.length;
        const s = a % n;
        const e = s + (b % (n - s));
        const x = torch.randn(shape);
        const flat = new nn.Flatten(s, e)(x);
        const size = shape.slice(s, e + 1).reduce((p, q) => p * q, 1);
        expect(flat.shape).toEqual([...shape.slice(0, s), size, ...shape.slice(e + 1)]);
        return torch.equal(new nn.Unflatten(s, shape.slice(s, e + 1))(flat), x);
      }),
      { numRuns: 60 },
    );
  });
  it("Linear(in, out) maps [..., in] to [..., out], and agrees with x·Wᵀ + b row by row", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 5 }), (shape, out) => {
        const lin = new nn.Linear(shape[shape.length - 1], out);
        const x = torch.randn(shape);
        const y = lin(x);
        expect(y.shape).toEqual([...shape.slice(0, -1), out]);
        const rows = x.reshape(-1, shape[shape.length - 1]);
        const ref = rows.matmul(lin.weight.t()).add(lin.bias!);
        return torch.allclose(y.reshape(-1, out), ref, { atol: 1e-6 });
      }),
      { numRuns: 60 },
    );
  });
});

describe("Linear's node is named as PyTorch's", () => {
  it("AddmmBackward0, MmBackward0 without bias; N-d inputs through matmul", () => {
    expect(String(new nn.Linear(2, 1)(torch.ones(3, 2)).gradFn)).toBe("<AddmmBackward0>");
    expect(String(new nn.Linear(2, 1, { bias: false })(torch.ones(3, 2)).gradFn)).toBe("<MmBackward0>");
    const lin = new nn.Linear(2, 3).double();
    const x = torch.randn(4, 5, 2, { dtype: torch.float64, requiresGrad: true });
    expect(torch.gradcheck((a) => lin(a), [x])).toBe(true);
    const r = torch.randn(4, 3, { dtype: torch.float64 });
    const w = torch.randn(3, 2, { dtype: torch.float64, requiresGrad: true });
    const x2 = torch.randn(4, 2, { dtype: torch.float64, requiresGrad: true });
    const gradOf = (ww: Tensor) => torch.enableGrad(() => torch.grad(F.linear(x2, ww).square().mul(r).sum(), [ww], { createGraph: true })[0]!.sum());
    expect(torch.gradcheck(gradOf, [w])).toBe(true);
  });
});

describe("MSELoss as PyTorch's node", () => {
  it("prints MseLossBackward0, and has second derivatives", () => {
    const x = torch.randn(3, 2, { dtype: torch.float64, requiresGrad: true });
    const y = torch.randn(3, 2, { dtype: torch.float64, requiresGrad: true });
    expect(String(new nn.MSELoss()(x, y).gradFn)).toBe("<MseLossBackward0>");
    expect(torch.gradcheck((a, b) => F.mseLoss(a, b, { reduction: "sum" }), [x, y])).toBe(true);
    const r = torch.randn(3, 2, { dtype: torch.float64 });
    const gradOf = (a: Tensor) => torch.enableGrad(() => torch.grad(F.mseLoss(a.square(), y.detach()), [a], { createGraph: true })[0]!.mul(r).sum());
    expect(torch.gradcheck(gradOf, [x])).toBe(true);
  });
});
