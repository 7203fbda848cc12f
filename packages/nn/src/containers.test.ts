import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as torch from "@torchts/autograd";
import * as nn from "./index";

const layers = () => [new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2), new nn.Tanh()];

describe("Sequential", () => {
  it("indexing: net[i], get(-1), slices keep the original keys, length, iteration", () => {
    const net = new nn.Sequential(...layers());
    expect(net.length).toBe(4);
    expect(net[0]).toBeInstanceOf(nn.Linear);
    expect(net.get(-1)).toBeInstanceOf(nn.Tanh);
    expect(String(net.get("1:3"))).toBe("Sequential(\n  (1): ReLU()\n  (2): Linear(in_features=8, out_features=2, bias=True)\n)");
    expect(net.get(torch.slice(null, null, 2)).length).toBe(2);
    expect([...net].map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear", "Tanh"]);
    expect(() => net.get(4)).toThrow("index 4 is out of range");
    expect(() => net.get(-5)).toThrow(torch.IndexError);
  });

  it("nested indexing: rgnet[0][1][0].bias", () => {
    const block = () => new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU());
    const inner = new nn.Sequential();
    for (let i = 0; i < 2; i++) inner.addModule(`block ${i}`, block());
    const rgnet = new nn.Sequential(inner, new nn.Linear(8, 1));
    expect(rgnet[0]["block 1"][0].bias.shape).toEqual([8]);
    // PyTorch's net[i] is positional whatever the names: the notes' rgnet[0][1][0].bias
    expect(rgnet[0][1]).toBe(rgnet[0]["block 1"]);
    expect(rgnet[0][1][0].bias).toBe(rgnet[0]["block 1"][0].bias);
    expect(rgnet[0][2]).toBeUndefined();
    expect(rgnet.get(0).get(1).get(0).bias).toBe(rgnet[0]["block 1"][0].bias);
    expect(rgnet.namedParameters()[0][0]).toBe("0.block 0.0.weight");
  });

  it("net[i] by position over names: Map constructor, addModule, set, append, delete", () => {
    const [a, b, c, d] = layers();
    const net = new nn.Sequential(new Map<string, nn.Module>([["hidden", a], ["act", b]]));
    const byName = net as unknown as Record<string, nn.Module | undefined>;
    expect([net[0], net[1], net[2]]).toEqual([a, b, undefined]);
    expect(byName.hidden).toBe(a);
    net.addModule("0", c); // a name that is a position number: net[0] stays the first child
    expect(net.namedChildren().map(([n]) => n)).toEqual(["hidden", "act", "0"]);
    expect([net[0], net[1], net[2]]).toEqual([a, b, c]);
    (net as unknown as Record<number, nn.Module>)[1] = d; // assigning net[i] replaces the child at position i, under its name
    expect(byName.act).toBe(d);
    expect(net.namedChildren().map(([n, m]) => [n, m.constructor.name])).toEqual([["hidden", "Linear"], ["act", "Tanh"], ["0", "Linear"]]);
    net.set(-1, b);
    expect(net[2]).toBe(b);
    expect(String(net)).toContain("(0): ReLU()");
    net.delete(0); // renumbers: names become positions
    expect(net.namedChildren().map(([n]) => n)).toEqual(["0", "1"]);
    expect([net[0], net[1], net[2]]).toEqual([d, b, undefined]);
    expect(byName.hidden).toBeUndefined();
    // reversed integer names: indexing is positional, as PyTorch's __getitem__
    const rev = new nn.Sequential(new Map<string, nn.Module>([["1", a], ["0", b]]));
    expect([rev[0], rev[1]]).toEqual([a, b]);
    rev.set(0, c);
    expect([rev[0], rev[1]]).toEqual([c, b]);
    expect(rev.namedChildren().map(([n]) => n)).toEqual(["1", "0"]);
    expect(rev(torch.rand(2, 8)).shape).toEqual([2, 2]);
  });

  it("append, insert, delete (renumbering), set", () => {
    const net = new nn.Sequential(new nn.Linear(2, 2));
    net.append(new nn.ReLU()).append(new nn.Linear(2, 1));
    expect(net.namedChildren().map(([n]) => n)).toEqual(["0", "1", "2"]);
    net.delete(1);
    expect(net.namedChildren().map(([n, m]) => [n, m.constructor.name])).toEqual([["0", "Linear"], ["1", "Linear"]]);
    expect(net[2]).toBeUndefined();
    net.insert(1, new nn.Sigmoid());
    expect(net[1]).toBeInstanceOf(nn.Sigmoid);
    net.set(-1, new nn.Identity());
    expect(net[2]).toBeInstanceOf(nn.Identity);
    expect([...net.stateDict().keys()]).toEqual(["0.weight", "0.bias"]);
  });

  it("a non-module is refused", () => {
    expect(() => new nn.Sequential(torch.relu as never)).toThrow("function is not a Module subclass");
    expect(() => new nn.Sequential(new nn.ReLU(), torch.ones(2) as never)).toThrow("torch.FloatTensor is not a Module subclass");
    expect(() => new nn.Sequential().append(3 as never)).toThrow(torch.TypeError);
  });

  it("property: slicing keeps parameters shared (same Parameter objects)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 3 }), (a, b, s) => {
        const net = new nn.Sequential(...layers());
        const part = net.get({ start: a, stop: b, step: s });
        const all = new Set(net.parameters());
        return part.parameters().every((p: nn.Parameter) => all.has(p));
      }),
    );
  });
});

describe("ModuleList and ModuleDict", () => {
  it("ModuleList: index, slice renumbers, append/extend/insert, no forward", () => {
    const l = new nn.ModuleList(layers());
    expect(l.length).toBe(4);
    expect(l.get("2:").namedChildren().map(([n]: [string, nn.Module]) => n)).toEqual(["0", "1"]);
    l.insert(0, new nn.Identity());
    expect(l[0]).toBeInstanceOf(nn.Identity);
    expect(() => l(torch.ones(1) as never)).toThrow('Module [ModuleList] is missing the required "forward" function');
    expect(() => l.extend(3 as never)).toThrow("ModuleList.extend should be called with an iterable");
    expect(l.parameters()).toHaveLength(4);
  });

  it("ModuleDict: insertion order with integer-like keys, get/set/delete, KeyError", () => {
    const d = new nn.ModuleDict({ b: new nn.ReLU() });
    d.set("1", new nn.Tanh());
    d.set("a", new nn.Linear(1, 1));
    expect(d.keys()).toEqual(["b", "1", "a"]);
    expect(d.get("a")).toBeInstanceOf(nn.Linear);
    expect(() => d.get("zz")).toThrow(nn.KeyError);
    d.delete("1");
    expect([...d]).toEqual(["b", "a"]);
    expect([...d.stateDict().keys()]).toEqual(["a.weight", "a.bias"]);
  });
});

describe("state dicts", () => {
  it("values share memory with the model; loading copies (with a cast) and reports keys", () => {
    const net = new nn.Sequential(new nn.Linear(3, 2));
    const sd = net.stateDict();
    sd.get("0.bias")!.fill_(9);
    expect(net[0].bias.tolist()).toEqual([9, 9]);
    const src = new Map([["0.weight", torch.ones(2, 3, { dtype: torch.float64 })], ["0.bias", torch.zeros(2)]]);
    expect(String(net.loadStateDict(src))).toBe("<All keys matched successfully>");
    src.get("0.weight")!.fill_(5); // no aliasing
    expect(Number(net[0].weight.sum())).toBe(6);
    expect(String(net)).toContain("Linear(in_features=3");
  });

  it("strict: false still reports missing and unexpected keys; a size mismatch still raises", () => {
    const net = new nn.Sequential(new nn.Linear(3, 2));
    const r = net.loadStateDict({ "0.weight": torch.ones(2, 3), extra: torch.ones(1) }, { strict: false });
    expect(r.missingKeys).toEqual(["0.bias"]);
    expect(r.unexpectedKeys).toEqual(["extra"]);
    expect(String(r)).toBe("_IncompatibleKeys(missing_keys=['0.bias'], unexpected_keys=['extra'])");
    expect(() => net.loadStateDict({ "0.weight": torch.ones(3, 3), "0.bias": torch.ones(2) }, { strict: false })).toThrow(
      "size mismatch for 0.weight: copying a param with shape torch.Size([3, 3]) from checkpoint, the shape in current model is torch.Size([2, 3]).",
    );
    expect(() => net.loadStateDict(3 as never)).toThrow("Expected state_dict to be dict-like, got <class 'int'>.");
    expect(() => net.loadStateDict({ "0.weight": 1, "0.bias": torch.ones(2) })).toThrow(
      `While copying the parameter named "0.weight", expected torch.Tensor or Tensor-like object from checkpoint but received <class 'int'>`,
    );
  });

  it("property: loadStateDict(stateDict()) is the identity, into a fresh model too", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (i, o, bias) => {
        const a = new nn.Sequential(new nn.Linear(i, o, { bias }), new nn.ReLU(), new nn.Linear(o, 2));
        const b = new nn.Sequential(new nn.Linear(i, o, { bias }), new nn.ReLU(), new nn.Linear(o, 2));
        const before = [...a.stateDict()].map(([k, v]) => [k, v.clone()] as const);
        a.loadStateDict(a.stateDict());
        b.loadStateDict(a.stateDict());
        return before.every(([k, v]) => torch.equal(a.stateDict().get(k)!, v) && torch.equal(b.stateDict().get(k)!, v));
      }),
      { numRuns: 30 },
    );
  });

  it("prints as PyTorch's OrderedDict", () => {
    const lin = new nn.Linear(1, 1, { bias: false });
    lin.weight.data.fill_(0.5);
    expect(String(lin.stateDict())).toBe("OrderedDict([('weight', tensor([[0.5000]]))])");
  });
});
