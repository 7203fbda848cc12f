import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

describe("a module is a callable object", () => {
  it("net(X) runs forward; net.forward(X) too; instanceof and constructor work", () => {
    const net = new nn.Sequential(new nn.Linear(3, 2));
    const X = torch.rand(4, 3);
    expect(torch.equal(net(X), net.forward(X))).toBe(true);
    expect(net).toBeInstanceOf(nn.Sequential);
    expect(net).toBeInstanceOf(nn.Module);
    expect(net[0].constructor).toBe(nn.Linear);
    expect(typeof net).toBe("function");
  });

  it("console.log / util.inspect show the module, not a function", () => {
    const net = new nn.Sequential(new nn.Linear(2, 1));
    expect(inspect(net)).toBe("Sequential(\n  (0): Linear(in_features=2, out_features=1, bias=True)\n)");
    expect(`${net}`).toBe(inspect(net));
  });

  it("the base class's own state survives the returned function (training, registries)", () => {
    const m = new nn.Linear(2, 2);
    expect(m.training).toBe(true);
    m.eval();
    expect(m.training).toBe(false);
    expect(m.parameters()).toHaveLength(2);
  });

  it("subclasses may use #private fields, parameter properties and fields named name or length", () => {
    class Named extends nn.Module {
      override name = "encoder";
      override length = 3;
      #secret = 41;
      lin = new nn.Linear(1, 1);
      constructor(readonly scale: number) {
        super();
      }
      reveal() {
        return this.#secret + 1;
      }
      override forward(x: Tensor) {
        return this.lin(x).mul(this.scale);
      }
    }
    const m = new Named(2);
    expect(m.name).toBe("encoder");
    expect(m.length).toBe(3);
    expect(m.reveal()).toBe(42);
    expect(m.scale).toBe(2);
    expect(m(torch.ones(1, 1)).shape).toEqual([1, 1]);
    expect(m.namedParameters().map(([n]) => n)).toEqual(["lin.weight", "lin.bias"]);
  });

  it("a module without forward raises PyTorch's NotImplementedError", () => {
    class NoForward extends nn.Module {}
    expect(() => new NoForward()(torch.ones(1))).toThrow('Module [NoForward] is missing the required "forward" function');
    expect(() => new NoForward()(torch.ones(1))).toThrow(torch.NotImplementedError);
  });

  it("forward pre-hooks and hooks run, may replace arguments and output, and are removable", () => {
    const lin = new nn.Linear(2, 2);
    const seen: string[] = [];
    const pre = lin.registerForwardPreHook((_m, args) => {
      seen.push("pre");
      return [(args[0] as Tensor).mul(0)];
    });
    const post = lin.registerForwardHook((_m, _a, out) => {
      seen.push("post");
      return (out as Tensor).add(1);
    });
    const y = lin(torch.ones(1, 2));
    expect(seen).toEqual(["pre", "post"]);
    expect(torch.allclose(y, lin.bias!.add(1).unsqueeze(0))).toBe(true);
    pre.remove();
    post.remove();
    expect(torch.allclose(lin(torch.zeros(1, 2)), lin.bias!.unsqueeze(0))).toBe(true);
    expect(seen).toHaveLength(2);
  });
});

describe("registration and PyTorch's orders", () => {
  it("own parameters first, then buffers, then children (not assignment order)", () => {
    class B extends nn.Module {
      lin: nn.Linear;
      w: nn.Parameter;
      constructor() {
        super();
        this.registerBuffer("running", torch.zeros(2));
        this.registerBuffer("tmp", torch.zeros(2), { persistent: false });
        this.lin = new nn.Linear(1, 1);
        this.w = new nn.Parameter(torch.ones(1));
      }
    }
    const b = new B();
    expect([...b.stateDict().keys()]).toEqual(["w", "running", "lin.weight", "lin.bias"]);
    expect(b.namedParameters().map(([n]) => n)).toEqual(["w", "lin.weight", "lin.bias"]);
    expect(b.namedBuffers().map(([n]) => n)).toEqual(["running", "tmp"]);
    expect(String(b)).toBe("B(\n  (lin): Linear(in_features=1, out_features=1, bias=True)\n)");
  });

  it("integer-like names keep insertion order (Maps, not objects)", () => {
    const net = new nn.Sequential(new Map<string, nn.Module>([["10", new nn.ReLU()], ["2", new nn.Tanh()], ["block 0", new nn.ReLU()]]));
    expect(net.namedChildren().map(([n]) => n)).toEqual(["10", "2", "block 0"]);
    expect(net["10" as unknown as number]).toBeInstanceOf(nn.ReLU);
  });

  it("assignment after registration follows __setattr__: a plain tensor on a parameter's name raises", () => {
    const lin = new nn.Linear(2, 1);
    lin.parameters(); // registers the fields
    expect(() => {
      (lin as unknown as { weight: Tensor }).weight = torch.ones(1, 2);
    }).toThrow("cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)");
    lin.bias = null;
    expect(lin.namedParameters().map(([n]) => n)).toEqual(["weight"]);
    expect([...lin.stateDict().keys()]).toEqual(["weight"]);
    lin.bias = new nn.Parameter(torch.zeros(1));
    expect(lin.namedParameters().map(([n]) => n)).toEqual(["weight", "bias"]);
  });

  it("a plain tensor field is an ordinary attribute (d2l's FixedHiddenMLP.rand_weight)", () => {
    class Fixed extends nn.Module {
      randWeight = torch.rand(20, 20);
      linear = new nn.Linear(20, 20);
    }
    expect([...new Fixed().stateDict().keys()]).toEqual(["linear.weight", "linear.bias"]);
  });

  it("deleting a field unregisters it", () => {
    class M extends nn.Module {
      a?: nn.Linear = new nn.Linear(1, 1);
      b = new nn.Linear(1, 1);
    }
    const m = new M();
    expect(m.children()).toHaveLength(2);
    delete m.a;
    expect(m.namedChildren().map(([n]) => n)).toEqual(["b"]);
  });

  it("registration errors name the problem as PyTorch does", () => {
    const m = new nn.Linear(1, 1);
    expect(() => m.registerParameter("a.b", null)).toThrow('parameter name can\'t contain "."');
    expect(() => m.registerBuffer("", null)).toThrow('buffer name can\'t be empty string ""');
    expect(() => m.addModule("forward", new nn.ReLU())).toThrow("attribute 'forward' already exists");
    expect(() => m.addModule("x", torch.ones(1) as never)).toThrow("torch.FloatTensor is not a Module subclass");
    expect(() => m.registerParameter("p", torch.ones(1) as never)).toThrow("cannot assign 'torch.FloatTensor' object to parameter 'p'");
    expect(() => m.addModule("a.b", new nn.ReLU())).toThrow(nn.KeyError);
  });

  it("tied layers: namedParameters once, stateDict under both keys, apply once", () => {
    const shared = new nn.Linear(8, 8);
    const net = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), shared, new nn.ReLU(), shared, new nn.ReLU(), new nn.Linear(8, 1));
    const calls: string[] = [];
    net.apply((m) => calls.push(m.constructor.name));
    expect(calls).toEqual(["Linear", "ReLU", "Linear", "ReLU", "ReLU", "Linear", "Sequential"]);
    expect(net[2].weight).toBe(net[4].weight);
    // the shared layer's gradient is the sum of both uses
    net(torch.rand(3, 4)).sum().backward();
    expect(net[2].weight.grad).toBe(net[4].weight.grad);
  });
});

describe("the module API's arguments: PyTorch's positional order or one options object", () => {
  const shared = new nn.Linear(2, 2);
  const tied = new nn.Sequential(shared, new nn.ReLU(), shared);
  const names = (ps: [string, unknown][]) => ps.map(([n]) => n);
  it("namedParameters(prefix, recurse, removeDuplicate), parameters(recurse), namedModules(memo, prefix, removeDuplicate)", () => {
    // PyTorch 1.13's names (named_parameters(prefix='net'), named_modules(prefix='p'), remove_duplicate=False)
    expect(names(tied.namedParameters("net"))).toEqual(["net.0.weight", "net.0.bias"]);
    expect(names(tied.namedParameters({ prefix: "net" }))).toEqual(["net.0.weight", "net.0.bias"]);
    expect(names(tied.namedParameters("", true, false))).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(names(tied.namedParameters({ removeDuplicate: false }))).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(tied.parameters(false)).toEqual([]);
    expect(tied.parameters({ recurse: false })).toEqual([]);
    expect(shared.parameters(false)).toHaveLength(2);
    expect(names(tied.namedModules(undefined, "p"))).toEqual(["p", "p.0", "p.1"]);
    expect(names(tied.namedModules({ prefix: "p" }))).toEqual(["p", "p.0", "p.1"]);
    expect(names(tied.namedModules(new Set(), "", false))).toEqual(["", "0", "1", "2"]);
  });
  it("loadStateDict(sd, strict), zeroGrad(setToNone), registerBuffer(name, t, persistent)", () => {
    const lin = new nn.Linear(2, 1);
    expect(String(lin.loadStateDict({ weight: torch.ones(1, 2), x: torch.ones(1) }, false))).toBe(
      "_IncompatibleKeys(missing_keys=['bias'], unexpected_keys=['x'])",
    );
    lin(torch.ones(1, 2)).sum().backward();
    lin.zeroGrad(false);
    expect(Number(lin.weight.grad!.abs().sum())).toBe(0);
    lin.registerBuffer("running", torch.zeros(1), false);
    expect([...lin.stateDict().keys()]).toEqual(["weight", "bias"]);
    expect([...lin.stateDict({ keepVars: true }).values()].every((v) => v instanceof nn.Parameter)).toBe(true);
  });
  it("an unknown key, a value given twice or a value of the wrong type raises, naming the method", () => {
    expect(() => tied.namedParameters({ prefx: "a" } as never)).toThrow(/namedParameters\(\): unknown option 'prefx' \(did you mean 'prefix'\?\)/);
    expect(() => tied.namedParameters("a", { prefix: "b" } as never)).toThrow("namedParameters() got multiple values for argument 'prefix'");
    expect(() => tied.namedParameters(3 as never)).toThrow(/namedParameters\(\): argument 'prefix' .* must be str/);
    expect(() => tied.parameters("yes" as never)).toThrow(/parameters\(\): argument 'recurse' .* must be bool/);
    expect(() => tied.stateDict({ keep_vars: true } as never)).toThrow(/stateDict\(\): unknown option 'keep_vars'/);
    expect(() => tied.stateDict("x." as never)).toThrow(/stateDict\(\): options must be a plain object/);
    expect(() => tied.zeroGrad({ setToNon: true } as never)).toThrow(/zeroGrad\(\): unknown option 'setToNon'/);
    expect(() => tied.namedModules({ prefx: "p" } as never)).toThrow(/namedModules\(\): unknown option 'prefx'/);
    expect(() => tied.namedModules([] as never)).toThrow(/namedModules\(\): argument 'memo'/);
    expect(() => new nn.Linear(2, 1).loadStateDict({}, { strcit: false } as never)).toThrow(/loadStateDict\(\): unknown option 'strcit'/);
  });
});

describe("train/eval, zeroGrad, requiresGrad_, to", () => {
  it("train(non-bool) raises; eval reaches every descendant", () => {
    const net = new nn.Sequential(new nn.Sequential(new nn.Dropout()), new nn.Linear(1, 1));
    net.eval();
    expect(net.modules().every((m) => !m.training)).toBe(true);
    expect(() => net.train("yes" as never)).toThrow("training mode is expected to be boolean");
  });

  it("zeroGrad sets grads to null by default, zeros with setToNone false", () => {
    const lin = new nn.Linear(2, 1);
    lin(torch.ones(1, 2)).sum().backward();
    lin.zeroGrad({ setToNone: false });
    expect(Number(lin.weight.grad!.abs().sum())).toBe(0);
    lin.zeroGrad();
    expect(lin.weight.grad).toBeNull();
  });

  it("requiresGrad_(false) freezes every parameter", () => {
    const lin = new nn.Linear(2, 1).requiresGrad_(false);
    expect(lin.parameters().every((p) => !p.requiresGrad)).toBe(true);
  });

  it("double()/float()/to() convert in place and keep the Parameter objects", () => {
    const lin = new nn.Linear(2, 1);
    const w = lin.weight;
    lin.double();
    expect(lin.weight).toBe(w);
    expect(w.dtype).toBe(torch.float64);
    expect(w.requiresGrad).toBe(true);
    lin.to(torch.float32);
    expect(w.dtype).toBe(torch.float32);
    expect(lin(torch.ones(1, 2)).dtype).toBe(torch.float32);
  });
});

describe("Parameter", () => {
  it("is a leaf even from a computed tensor, requires grad, prints as PyTorch", () => {
    const src = torch.randn(3, { requiresGrad: true }).mul(2);
    const p = new nn.Parameter(src);
    expect(p.isLeaf).toBe(true);
    expect(p.requiresGrad).toBe(true);
    expect(String(new nn.Parameter(torch.ones(2)))).toBe("Parameter containing:\ntensor([1., 1.], requires_grad=True)");
    expect(p.mul(2)).not.toBeInstanceOf(nn.Parameter);
    expect(() => new nn.Parameter(torch.arange(3))).toThrow(torch.RuntimeError);
  });
});

describe(".data as the notes use it", () => {
  it("writes are invisible to autograd and backward sees the new values", () => {
    const lin = new nn.Linear(2, 1);
    const x = torch.tensor([[1, 2]], { dtype: torch.float32 });
    const y = lin(x.mul(1).requiresGrad_()).sum();
    lin.weight.data.fill_(3); // no version error, no history
    expect(lin.weight.isLeaf).toBe(true);
    y.backward();
    expect(lin.weight.grad!.tolist()).toEqual([[1, 2]]);
  });

  it("normal_, fill_, *= mask, [:] += 1 and [0, 0] = 42 write through", () => {
    const net = new nn.Sequential(new nn.Linear(4, 8));
    net[0].weight.data.normal_(0, 0.01);
    net[0].bias.data.fill_(0);
    expect(Number(net[0].bias.abs().sum())).toBe(0);
    nn.init.uniform_(net[0].weight, -10, 10);
    net[0].weight.data.mul_(net[0].weight.data.abs().ge(5));
    const w = net[0].weight.data.contiguous().toTypedArray();
    expect(Array.from(w as Float32Array).every((v) => v === 0 || Math.abs(v) >= 5)).toBe(true);
    net[0].weight.data.set(":", net[0].weight.data.add(1));
    net[0].weight.data.set(0, 0, 42);
    expect(Number(net[0].weight.get(0, 0))).toBe(42);
    expect(net[0].weight.data.requiresGrad).toBe(false);
    expect(net[0].weight.requiresGrad).toBe(true);
  });

  it("6.3's MyLinear (forward through .data) gives an output without grad", () => {
    class MyLinear extends nn.Module {
      weight = new nn.Parameter(torch.randn(5, 3));
      bias = new nn.Parameter(torch.randn(3));
      override forward(X: Tensor) {
        return nn.functional.relu(torch.matmul(X, this.weight.data).add(this.bias.data));
      }
    }
    expect(new MyLinear()(torch.rand(2, 5)).requiresGrad).toBe(false);
  });
});

describe("d2l 5.1's MySequential writes _modules directly", () => {
  it("the live registry orders children and state dict keys", () => {
    class MySequential extends nn.Module {
      constructor(...args: nn.Module[]) {
        super();
        args.forEach((module, idx) => this._modules.set(String(idx), module));
      }
      override forward(X: Tensor) {
        for (const block of this._modules.values()) X = block!(X);
        return X;
      }
    }
    const net = new MySequential(new nn.Linear(20, 256), new nn.ReLU(), new nn.Linear(256, 10));
    expect(net(torch.rand(2, 20)).shape).toEqual([2, 10]);
    expect([...net.stateDict().keys()]).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(String(net)).toBe(
      "MySequential(\n  (0): Linear(in_features=20, out_features=256, bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=256, out_features=10, bias=True)\n)",
    );
  });
});
