import { describe, expect, it } from "vitest";
import * as torch from "torchts";
import { accuracy, evaluateAccuracy, evaluateLoss } from "./metrics";
import { loadArray } from "./data";
import { golden } from "./golden.testing";

const { nn } = torch;

describe("accuracy", () => {
  it("counts correct predictions (argmax over dim 1 for 2-D scores), as d2l's", () => {
    const yHat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    expect(accuracy(yHat, torch.tensor([0, 2]))).toBe(1); // d2l 3.6's example
    expect(accuracy(yHat, torch.tensor([2, 2]))).toBe(2);
    expect(accuracy(torch.tensor([1, 0, 2]), torch.tensor([1, 1, 2]))).toBe(2); // labels, not scores
    expect(accuracy(torch.tensor([[1.0], [0.0]]), torch.tensor([[1.0], [1.0]]))).toBe(1); // one column: no argmax
    expect(accuracy(torch.tensor([0.9, 1.2]), torch.tensor([0, 0]))).toBe(1); // cast to int64 first: 0.9 -> 0, 1.2 -> 1
  });

  it("checks its arguments", () => {
    expect(() => accuracy([[1, 0]] as never, torch.tensor([0]))).toThrow(/accuracy\(\): argument 'yHat' \(position 0\) must be Tensor, not Array/);
    expect(() => accuracy(torch.ones(2, 2), [0, 1] as never)).toThrow(/argument 'y' \(position 1\)/);
  });
});

describe("evaluateAccuracy", () => {
  it("is the fraction correct over an iterator, in eval mode and without recording", () => {
    const net = new nn.Sequential(new nn.Linear(2, 2), new nn.Dropout(0.5));
    torch.noGrad(() => {
      (net.get(0) as torch.nn.Linear).weight.copy_(torch.tensor([[1, 0], [0, 1]]));
      (net.get(0) as torch.nn.Linear).bias!.zero_();
    });
    const X = torch.tensor([[1, 0], [0, 1], [2, 1], [1, 3], [5, 0]]).float();
    const y = torch.tensor([0, 1, 1, 1, 0]); // the 3rd is wrong
    expect(net.training).toBe(true);
    expect(evaluateAccuracy(net, loadArray([X, y], 2, false))).toBe(4 / 5);
    expect(net.training).toBe(false); // as d2l: set to eval, not switched back
    let recorded = false;
    const fnNet = (Xb: torch.Tensor) => {
      recorded ||= torch.isGradEnabled();
      return Xb.neg();
    };
    expect(evaluateAccuracy(fnNet, [[X, y]])).toBe(1 / 5); // a plain function and an array of batches
    expect(recorded).toBe(false);
  });

  it("checks its arguments", () => {
    const X = torch.ones(2, 2), y = torch.zeros(2);
    expect(() => evaluateAccuracy({} as never, [[X, y]])).toThrow(/evaluateAccuracy\(\): argument 'net' \(position 0\) must be an nn.Module or a function/);
    expect(() => evaluateAccuracy((x: torch.Tensor) => x, 5 as never)).toThrow(/argument 'dataIter' \(position 1\)/);
    expect(() => evaluateAccuracy((x: torch.Tensor) => x, [X] as never)).toThrow(/\[X, y\]/);
    expect(() => evaluateAccuracy((x: torch.Tensor) => x, [])).toThrow(/gave no examples/);
    expect(() => evaluateAccuracy(() => 3 as never, [[X, y]])).toThrow(/net\(X\) returned/);
  });
});

describe("evaluateLoss", () => {
  it("is the mean loss per element, labels reshaped to the output (PyTorch's value)", () => {
    torch.manualSeed(golden.evaluate_loss.seed);
    const X = torch.randn(50, 3);
    const y = torch.matmul(X, torch.tensor([1, 2, -1], { dtype: torch.float32 })).add(0.5);
    const lin = new nn.Linear(3, 1);
    torch.noGrad(() => {
      lin.weight.copy_(torch.tensor([[0.9, 2.1, -1]]));
      lin.bias!.fill_(0.4);
    });
    const v = evaluateLoss(lin, loadArray([X, y], 7, false), new nn.MSELoss({ reduction: "none" }));
    expect(v / golden.evaluate_loss.value).toBeCloseTo(1, 5);
  });

  it("checks its arguments", () => {
    const lin = new nn.Linear(1, 1);
    expect(() => evaluateLoss(lin, [[torch.ones(1, 1), torch.ones(1)]], "mse" as never)).toThrow(/evaluateLoss\(\): argument 'loss' \(position 2\)/);
    expect(() => evaluateLoss(lin, [[torch.ones(1, 1), torch.ones(1)]], () => 1 as never)).toThrow(/loss\(yHat, y\) returned/);
  });
});
