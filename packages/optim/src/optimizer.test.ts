/** The Optimizer base: construction, groups, zeroGrad, step(closure), messages (PyTorch's, from the fixture). */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { golden } from "./fixtures.testing";
import * as optim from "./index";

const w = () => torch.zeros([2], { requiresGrad: true });
const E = golden.errors;

describe("validation messages are PyTorch's", () => {
  const cases: [string, () => unknown][] = [
    ["sgd_lr", () => new optim.SGD([w()], { lr: -0.1 })],
    ["sgd_momentum", () => new optim.SGD([w()], { lr: 0.1, momentum: -1 })],
    ["sgd_wd", () => new optim.SGD([w()], { lr: 0.1, weightDecay: -1 })],
    ["sgd_nesterov", () => new optim.SGD([w()], { lr: 0.1, nesterov: true })],
    ["sgd_no_lr", () => new optim.SGD([w()])],
    ["adam_beta0", () => new optim.Adam([w()], { betas: [1.0, 0.999] })],
    ["adam_beta1", () => new optim.Adam([w()], { betas: [0.9, -0.1] })],
    ["adam_eps", () => new optim.Adam([w()], { eps: -1e-8 })],
    ["empty", () => new optim.SGD([], { lr: 0.1 })],
    ["tensor", () => new optim.SGD(w() as never, { lr: 0.1 })],
    ["non_leaf", () => new optim.SGD([w().mul(2)], { lr: 0.1 })],
    ["rmsprop_alpha", () => new optim.RMSprop([w()], { alpha: -0.5 })],
    ["adagrad_lr_decay", () => new optim.Adagrad([w()], { lrDecay: -1 })],
    ["adagrad_init", () => new optim.Adagrad([w()], { initialAccumulatorValue: -1 })],
    ["plateau_factor", () => new optim.lrScheduler.ReduceLROnPlateau(new optim.SGD([w()], { lr: 0.1 }), { factor: 1.0 })],
    ["plateau_mode", () => new optim.lrScheduler.ReduceLROnPlateau(new optim.SGD([w()], { lr: 0.1 }), { mode: "up" as never })],
    ["lambda_count", () => new optim.lrScheduler.LambdaLR(new optim.SGD([w()], { lr: 0.1 }), [() => 1, () => 1])],
  ];
  it.each(cases)("%s", (key, fn) => {
    const [cls, message] = E[key];
    expect(fn).toThrow(message);
    try {
      fn();
    } catch (e) {
      expect((e as Error).name).toBe(cls);
      expect(e).toBeInstanceOf(torch.TorchError);
    }
  });

  it("one parameter in two groups; a non-tensor parameter", () => {
    const p = w();
    expect(() => new optim.SGD([{ params: [p] }, { params: [p] }], { lr: 0.1 })).toThrow(E.two_groups[1]);
    expect(() => new optim.SGD([1.0 as never], { lr: 0.1 })).toThrow("optimizer can only optimize Tensors, but one of the params is number");
  });

  it("argument types are checked at the boundary, naming the function and the option", () => {
    expect(() => new optim.SGD([w()], { lr: "0.1" as never })).toThrow(/SGD\(\): argument 'lr' must be a number, not string/);
    expect(() => new optim.Adam([w()], { betas: 0.9 as never })).toThrow(/Adam\(\): argument 'betas'/);
    expect(() => new optim.SGD([w()], { lr: 0.1, weight_decay: 0.1 } as never)).toThrow(/unknown option 'weight_decay' \(did you mean 'weightDecay'\?\)/);
    expect(() => new optim.SGD(5 as never, { lr: 0.1 })).toThrow(/SGD\(\): argument 'params' \(position 0\) must be an iterable of Tensors or dicts, not number/);
    expect(() => new optim.SGD([w()], { lr: 0.1 }).step(5 as never)).toThrow(/SGD.step\(\): argument 'closure'/);
    expect(() => new optim.SGD([w()], { lr: 0.1 }).zeroGrad({ setToNone: 1 } as never)).toThrow(/setToNone/);
  });
});

describe("parameter groups", () => {
  it("fill each group's missing options from the defaults, given keys first (PyTorch's order)", () => {
    const a = w(), b = w();
    const opt = new optim.SGD([{ params: [a], weightDecay: 0.1 }, { params: b, lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(Object.keys(opt.paramGroups[0])).toEqual(["params", "weightDecay", "lr", "momentum", "dampening", "nesterov", "maximize", "foreach", "differentiable"]);
    expect(opt.paramGroups[1]).toMatchObject({ lr: 0.5, momentum: 0.9, weightDecay: 0 });
    // identity, not toEqual: deep equality iterates a tensor's rows, new UnbindBackward0 views each time
    expect(opt.paramGroups[1].params.length).toBe(1);
    expect(opt.paramGroups[1].params[0]).toBe(b);
  });

  it("addParamGroup adds a group that then steps with its own lr", () => {
    const a = w(), b = w();
    const opt = new optim.SGD([a], { lr: 0.1 });
    opt.addParamGroup({ params: [b], lr: 1 });
    a.grad = torch.ones([2]);
    b.grad = torch.ones([2]);
    opt.step();
    expect(Array.from(a.toTypedArray())).toEqual([Math.fround(-0.1), Math.fround(-0.1)]);
    expect(Array.from(b.toTypedArray())).toEqual([-1, -1]);
    expect(() => opt.addParamGroup({ params: [a] })).toThrow("some parameters appear in more than one parameter group");
  });

  it("a generator of parameters is consumed once, as in Python", () => {
    const gen = (function* () {
      yield w();
    })();
    new optim.SGD(gen, { lr: 0.1 });
    expect(() => new optim.SGD(gen, { lr: 0.1 })).toThrow("optimizer got an empty parameter list");
  });
});

describe("zeroGrad and step", () => {
  it("zeroGrad sets grads to null by default (PyTorch ≥ 2.0), or zeroes them", () => {
    const a = w();
    a.sum().backward();
    const opt = new optim.SGD([a], { lr: 0.1 });
    opt.zeroGrad({ setToNone: false });
    expect(Array.from(a.grad!.toTypedArray())).toEqual([0, 0]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it("skips parameters without a gradient, creating no state for them", () => {
    const a = w(), b = w();
    const opt = new optim.Adam([a, b], { lr: 0.1 });
    a.grad = torch.ones([2]);
    opt.step();
    expect(opt.state.has(a)).toBe(true);
    expect(opt.state.has(b)).toBe(false);
    expect(Array.from(b.toTypedArray())).toEqual([0, 0]);
  });

  it("step before any backward changes nothing and returns null", () => {
    const a = w();
    expect(new optim.SGD([a], { lr: 0.1, momentum: 0.9 }).step()).toBeNull();
    expect(Array.from(a.toTypedArray())).toEqual([0, 0]);
  });

  it("runs the closure with grad mode on (even inside noGrad) and returns its loss", () => {
    const a = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    const opt = new optim.SGD([a], { lr: 0.1 });
    const loss = torch.noGrad(() => opt.step(() => {
      opt.zeroGrad();
      const l = a.pow(2).sum();
      l.backward();
      return l;
    }));
    expect(loss!.item()).toBe(5);
    expect(Array.from(a.toTypedArray())).toEqual([Math.fround(0.8), Math.fround(1.6)]);
  });

  it("a closure that throws leaves the parameters untouched", () => {
    const a = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    a.grad = torch.ones([2]);
    const opt = new optim.SGD([a], { lr: 0.1 });
    expect(() => opt.step(() => {
      throw new torch.ValueError("boom");
    })).toThrow("boom");
    expect(Array.from(a.toTypedArray())).toEqual([1, 2]);
  });

  it("updates in place: the model's tensor is the one updated, its version bumped (autograd's check)", () => {
    const a = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    const y = a.mul(a); // saves a
    a.grad = torch.ones([2]);
    new optim.SGD([a], { lr: 0.1 }).step();
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it("updates a non-contiguous parameter through its view", () => {
    const base = torch.tensor([[1, 2], [3, 4]], { dtype: torch.float32 });
    const p = base.t().requiresGrad_(true);
    p.grad = torch.ones([2, 2]);
    new optim.SGD([p], { lr: 1 }).step();
    expect(Array.from(base.toTypedArray())).toEqual([0, 1, 2, 3]);
  });

  it("repr is PyTorch's", () => {
    expect(new optim.SGD([w()], { lr: 0.03 }).toString()).toBe(
      "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    lr: 0.03\n    maximize: False\n    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)",
    );
  });
});
