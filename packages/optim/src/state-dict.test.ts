/**
 * State dicts: PyTorch's layout (compared with PyTorch's own state_dict() after 3
 * steps), the save-at-50 / load / continue-to-100 round trip (identical to 100
 * uninterrupted steps), and load_state_dict's validation.
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { type RunCase, camelOptions, caseName, golden, initialParams, makeOptimizer, maxRelErr, mlpLoss } from "./fixtures.testing";
import * as optim from "./index";

interface SavedTensor { dtype: string; shape: number[]; data: number[] }
type Saved = SavedTensor | number | null;

describe.each(golden.state_dicts.map((c) => [caseName(c as unknown as RunCase), c] as const))("stateDict layout: %s", (_, c) => {
  it("has PyTorch's keys, group options, indices and state tensors", () => {
    const params = initialParams(torch.float64);
    const opt = makeOptimizer(c as unknown as RunCase, params);
    for (let i = 0; i < 3; i++) {
      opt.zeroGrad();
      mlpLoss(params, torch.float64).backward();
      opt.step();
    }
    const sd = opt.stateDict();
    const want = c as unknown as { state: [number, Record<string, Saved>][]; param_groups: Record<string, unknown>[]; repr: string };
    expect(sd.param_groups).toEqual(want.param_groups);
    expect(Object.keys(sd.param_groups[0])).toEqual(Object.keys(want.param_groups[0]));
    const state = sd.state as Map<number, Record<string, unknown>>;
    expect([...state.keys()]).toEqual(want.state.map(([i]) => i));
    for (const [i, s] of want.state) {
      const mine = state.get(i)!;
      expect(Object.keys(mine)).toEqual(Object.keys(s));
      for (const [k, v] of Object.entries(s)) {
        if (v === null || typeof v !== "object") expect(mine[k]).toBe(v);
        else {
          const t = mine[k] as torch.Tensor;
          expect(t.dtype.name).toBe(v.dtype);
          expect([...t.shape]).toEqual(v.shape);
          expect(maxRelErr(t.toTypedArray(), v.data)).toBeLessThanOrEqual(1e-12);
        }
      }
    }
    expect(opt.toString()).toBe(want.repr);
  });
});

function train(opt: optim.Optimizer, params: torch.Tensor[], steps: number): void {
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    mlpLoss(params, torch.float32).backward();
    opt.step();
  }
}

describe.each(golden.runs.map((c) => [caseName(c), c] as const))("save at 50, load, continue: %s", (_, c) => {
  it("ends bit-identical to 100 uninterrupted steps", () => {
    const a = initialParams(torch.float32);
    const optA = makeOptimizer(c, a);
    train(optA, a, 100);

    const b = initialParams(torch.float32);
    const optB = makeOptimizer(c, b);
    train(optB, b, 50);
    const saved = optB.stateDict();
    // a fresh model and optimizer, as after a restart: weights copied, optimizer state loaded
    const b2 = b.map((p) => p.detach().clone().requiresGrad_(true));
    const optB2 = makeOptimizer(c, b2);
    optB2.loadStateDict(saved);
    train(optB2, b2, 50);
    b2.forEach((p, i) => expect(Array.from(p.toTypedArray())).toEqual(Array.from(a[i].toTypedArray())));
  });
});

describe("loadStateDict", () => {
  const w = () => torch.zeros([2], { requiresGrad: true });
  it("refuses another number of groups and another group size, with PyTorch's messages", () => {
    const p = w();
    const two = new optim.SGD([{ params: [p] }, { params: [w()] }], { lr: 0.1 });
    expect(() => new optim.SGD([p], { lr: 0.1 }).loadStateDict(two.stateDict())).toThrow(golden.errors.load_groups[1]);
    const wide = new optim.SGD([p, w()], { lr: 0.1 });
    expect(() => new optim.SGD([p], { lr: 0.1 }).loadStateDict(wide.stateDict())).toThrow(golden.errors.load_sizes[1]);
  });

  it("copies state (later steps of the source do not leak in) and casts it to the parameter's dtype", () => {
    const p = torch.tensor([1, 2], { dtype: torch.float64, requiresGrad: true });
    const src = new optim.Adam([p], { lr: 0.1 });
    p.grad = torch.tensor([0.5, -0.5], { dtype: torch.float64 });
    src.step();
    const sd = src.stateDict();
    const q = torch.tensor([1, 2], { dtype: torch.float32, requiresGrad: true });
    const dst = new optim.Adam([q], { lr: 0.1 });
    dst.loadStateDict(sd);
    src.step();
    const st = dst.state.get(q)!;
    expect((st.exp_avg as torch.Tensor).dtype).toBe(torch.float32);
    expect((st.step as torch.Tensor).dtype).toBe(torch.float32); // step keeps its own dtype
    expect((st.step as torch.Tensor).item()).toBe(1);
    expect(Array.from((st.exp_avg as torch.Tensor).toTypedArray())).toEqual([Math.fround(0.05), Math.fround(-0.05)]);
  });

  it("takes a plain object keyed by index strings (as JSON gives) and group options in snake_case", () => {
    const p = w();
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    opt.loadStateDict({
      state: { "0": { momentum_buffer: torch.tensor([1, 2]) } },
      param_groups: [{ lr: 0.5, momentum: 0.9, dampening: 0, weight_decay: 0.1, nesterov: false, maximize: false, foreach: null, differentiable: false, params: [0] }],
    });
    expect(opt.paramGroups[0].weightDecay).toBe(0.1);
    expect(opt.paramGroups[0].lr).toBe(0.5);
    expect(opt.paramGroups[0].params[0]).toBe(p);
    p.grad = torch.tensor([0, 0]);
    opt.step(); // buf = 0.9·[1,2] + g; p -= 0.5·buf (+ wd·p = 0)
    expect(Array.from(p.toTypedArray())).toEqual([Math.fround(-0.45), Math.fround(-0.9)]);
  });
});

describe("group options", () => {
  it("camelCase live, snake_case in the state dict; scheduler's initial_lr too", () => {
    const p = torch.zeros([1], { requiresGrad: true });
    const opt = new optim.SGD([{ params: [p], weightDecay: 0.01 }], { lr: 0.1 });
    new optim.lrScheduler.StepLR(opt, 2);
    expect(opt.paramGroups[0]).toMatchObject({ weightDecay: 0.01, initialLr: 0.1 });
    expect(opt.stateDict().param_groups[0]).toMatchObject({ weight_decay: 0.01, initial_lr: 0.1 });
    expect(camelOptions({ initial_accumulator_value: 1 })).toEqual({ initialAccumulatorValue: 1 });
  });
});
