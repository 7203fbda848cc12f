/**
 * A differential hunt for autograd against PyTorch 1.13.1 (fixtures/gen_hunt_grad.py): random
 * graphs of differentiable ops with a random gradient argument (every leaf's .grad, the output's
 * grad_fn name), torch.autograd.grad, accumulation, misuse (retain_graph, non-scalar outputs,
 * mismatched gradients, integer leaves, in-place writes) and reprs with grad_fn. Errors compare by
 * class and message. Regenerate with `/usr/bin/python3 packages/autograd/fixtures/gen_hunt_grad.py`.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { describeGolden, readFixture } from "../../tensor/src/golden.testing";

const fixture = readFixture("hunt_grad.json", join(__dirname, "../fixtures"));

describe(`random graphs and misuse match PyTorch ${fixture.torch}`, () => {
  it("draws graphs, misuse and reprs", () => {
    expect(fixture.cases.filter((c) => c.name.startsWith("graph")).length).toBeGreaterThan(100);
    expect(fixture.cases.filter((c) => c.expect.kind === "error").length).toBeGreaterThan(10);
  });
  describeGolden(fixture, {
    messages: true,
    torch,
    wordings: [
      {
        pytorch: /Set allow_unused=True if this is the desired behavior/,
        torchts: /Set allowUnused: true if this is the desired behavior/,
        why: "the option is spelt the JavaScript way (docs/pytorch-to-torchts.md, call convention)",
      },
      {
        pytorch: /^one of the variables needed .* instead\. Hint: enable anomaly detection/,
        torchts: /^one of the variables needed .* instead\. Hint: the operation that failed/,
        why: "torchts has no anomaly detection mode to point to; the rest of the message is PyTorch's",
      },
    ],
  });
});
