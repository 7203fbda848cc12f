/** The notes' chapters 2–6 snippets, written as close to line for line as TypeScript allows. */
import { describe, expect, it } from "vitest";
import * as torch from "@torchts/autograd";
import type { Tensor } from "@torchts/autograd";
import * as nn from "./index";

const F = nn.functional;

describe("the notes' nn snippets", () => {
  it("2.1-2.3: concise linear regression (hand SGD in place of optim)", () => {
    torch.manualSeed(0);
    const trueW = torch.tensor([2, -3.4]);
    const features = torch.normal(0, 1, [1000, 2]);
    const labels = features.matmul(trueW).add(4.2).add(torch.normal(0, 0.01, [1000])).reshape(-1, 1);
    const net = new nn.Sequential(new nn.Linear(2, 1));
    net[0].weight.data.normal_(0, 0.01);
    net[0].bias.data.fill_(0);
    const loss = new nn.MSELoss();
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let i = 0; i < 1000; i += 10) {
        const X = features.get(`${i}:${i + 10}`);
        const y = labels.get(`${i}:${i + 10}`);
        const l = loss(net(X), y);
        net.zeroGrad();
        l.backward();
        torch.noGrad(() => net.parameters().forEach((p) => p.sub_(p.grad!.mul(0.03))));
      }
    }
    expect(Number(net[0].weight.data.sub(trueW.reshape(1, 2)).abs().max())).toBeLessThan(0.01);
    expect(Math.abs(Number(net[0].bias.data) - 4.2)).toBeLessThan(0.01);
  });

  it("3.2 / 4.1: init_weights through apply, type(m) == nn.Linear", () => {
    const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
    const initWeights = (m: nn.Module) => {
      if (m instanceof nn.Linear) nn.init.normal_(m.weight, { std: 0.01 });
    };
    expect(net.apply(initWeights)).toBe(net);
    expect(Number(net[1].weight.std())).toBeLessThan(0.0105);
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });
    expect(loss(net(torch.rand(4, 1, 28, 28)), torch.tensor([0, 1, 2, 3])).shape).toEqual([4]);
  });

  it("6.2: parameter access, initialisation, my_init, direct writes, tied parameters", () => {
    const net = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 1));
    const X = torch.rand(2, 4);
    net(X);
    expect([...net[2].stateDict().keys()]).toEqual(["weight", "bias"]);
    expect(String(net[2].bias).startsWith("Parameter containing:\ntensor([")).toBe(true);
    expect(net[2].weight.grad).toBeNull();
    expect(net[0].namedParameters().map(([n, p]: [string, nn.Parameter]) => [n, [...p.shape]])).toEqual([["weight", [8, 4]], ["bias", [8]]]);
    expect(net.namedParameters().map(([n]) => n)).toEqual(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(net.stateDict().get("2.bias")!.data.shape).toEqual([1]);
    const initNormal = (m: nn.Module) => {
      if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, { mean: 0, std: 0.01 });
        nn.init.zeros_(m.bias!);
      }
    };
    net.apply(initNormal);
    const initConstant = (m: nn.Module) => {
      if (m instanceof nn.Linear) {
        nn.init.constant_(m.weight, 1);
        nn.init.zeros_(m.bias!);
      }
    };
    net.apply(initConstant);
    expect(net[0].weight.data.get(0).tolist()).toEqual([1, 1, 1, 1]);
    net[0].apply((m: nn.Module) => m instanceof nn.Linear && nn.init.xavierUniform_(m.weight));
    net[2].apply((m: nn.Module) => m instanceof nn.Linear && nn.init.constant_(m.weight, 42));
    expect(net[2].weight.data.get(0).tolist()).toEqual(Array(8).fill(42));
    const seen: string[] = [];
    const myInit = (m: nn.Module) => {
      if (m instanceof nn.Linear) {
        seen.push(`Init ${m.namedParameters()[0][0]} ${m.namedParameters()[0][1].shape}`);
        nn.init.uniform_(m.weight, -10, 10);
        m.weight.data.mul_(m.weight.data.abs().ge(5));
      }
    };
    net.apply(myInit);
    expect(seen).toEqual(["Init weight torch.Size([8, 4])", "Init weight torch.Size([1, 8])"]);
    net[0].weight.data.set(":", net[0].weight.data.add(1));
    net[0].weight.data.set(0, 0, 42);
    expect(Number(net[0].weight.data.get(0).get(0))).toBe(42);

    const shared = new nn.Linear(8, 8);
    const tied = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), shared, new nn.ReLU(), shared, new nn.ReLU(), new nn.Linear(8, 1));
    tied(X);
    expect(torch.equal(tied[2].weight.data.get(0), tied[4].weight.data.get(0))).toBe(true);
    tied[2].weight.data.set(0, 0, 100);
    expect(torch.equal(tied[2].weight.data.get(0), tied[4].weight.data.get(0))).toBe(true);
  });

  it("6.3: CenteredLayer and MyLinear", () => {
    class CenteredLayer extends nn.Module {
      override forward(X: Tensor) {
        return X.sub(X.mean());
      }
    }
    const layer = new CenteredLayer();
    expect(layer(torch.tensor([1, 2, 3, 4, 5], { dtype: torch.float32 })).tolist()).toEqual([-2, -1, 0, 1, 2]);
    const net = new nn.Sequential(new nn.Linear(8, 128), new CenteredLayer());
    expect(Math.abs(Number(net(torch.rand(4, 8)).mean()))).toBeLessThan(1e-6);
    class MyLinear extends nn.Module {
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
    const linear = new MyLinear(5, 3);
    expect(linear.weight.shape).toEqual([5, 3]);
    expect(String(linear)).toBe("MyLinear()");
    const net2 = new nn.Sequential(new MyLinear(64, 8), new MyLinear(8, 1));
    expect(net2(torch.rand(2, 64)).shape).toEqual([2, 1]);
  });

  it("6.4: save and load the parameters through stateDict", () => {
    class MLP extends nn.Module {
      hidden = new nn.Linear(20, 256);
      output = new nn.Linear(256, 10);
      override forward(x: Tensor) {
        return this.output(F.relu(this.hidden(x)));
      }
    }
    const net = new MLP();
    const X = torch.randn(2, 20);
    const Y = net(X);
    const clone = new MLP();
    expect(String(clone.loadStateDict(net.stateDict()))).toBe("<All keys matched successfully>");
    expect(String(clone.eval())).toBe(
      "MLP(\n  (hidden): Linear(in_features=20, out_features=256, bias=True)\n  (output): Linear(in_features=256, out_features=10, bias=True)\n)",
    );
    expect(torch.equal(clone(X), Y)).toBe(true);
  });
});
