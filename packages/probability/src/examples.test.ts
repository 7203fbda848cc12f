/** The numbers shown in the doc comments and the README. */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { Beta, Binomial, Categorical, Exponential, Gamma, Normal, Poisson, Uniform, bayes, condition, klDivergence, variance } from "./index";

const near = (t: torch.Tensor, expected: number[] | number, digits = 4) => {
  const values = [t.tolist()].flat() as number[];
  [expected].flat().forEach((e, i) => expect(values[i]).toBeCloseTo(e, digits));
};

describe("documented examples", () => {
  it("distributions", () => {
    near(new Normal(torch.tensor([0.0, 1.0]), 2).logProb(torch.tensor([0.5, 0])), [-1.6433, -1.7371]);
    near(new Uniform(0, 5).logProb(torch.tensor(1.0)), -1.6094);
    near(new Exponential(torch.tensor([0.5, 2])).mean, [2, 0.5]);
    near(new Poisson(torch.tensor([0.5, 40])).logProb(torch.tensor([0, 40])), [-0.5, -2.7655]);
    near(new Gamma(2, 3).mean, 0.6667);
    near(new Beta(2, 3).mean, 0.4);
    near(new Beta(2, 3).logProb(torch.tensor(0.5)), 0.4055);
    near(new Categorical(torch.ones([6])).logProb(torch.tensor(2)), -1.7918);
    near(new Binomial(10, torch.tensor([0.2, 0.7])).mean, [2, 7]);
    near(klDivergence(new Normal(0, 1), new Normal(1, 2)), 0.4431);
  });
  it("README: rsample gradient and logProb", () => {
    const loc = torch.tensor([0.5], { requiresGrad: true });
    const m = new Normal(loc, 2);
    m.rsample([100]).mean().backward();
    near(loc.grad!, 1, 6);
    near(m.logProb(torch.tensor([1.0])), -1.6433);
  });
  it("helpers", () => {
    const joint = torch.tensor([[0.1, 0.2], [0.3, 0.4]]);
    near(condition(joint, 0, 1), [0.4286, 0.5714]);
    near(variance(torch.arange(1, 7), torch.ones([6]).div(6)), 2.9167);
    near(bayes(torch.tensor([0.01, 1]), torch.tensor([0.9985, 0.0015])), [0.8694, 0.1306]);
  });
});
