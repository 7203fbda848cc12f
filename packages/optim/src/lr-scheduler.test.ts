/**
 * Every scheduler's learning rates over 50 epochs against PyTorch 1.13.1
 * (two groups, lr 0.1 and 0.05; chained schedulers; ReduceLROnPlateau on a
 * fixed metric sequence), within 1e-12; state dicts with PyTorch's keys.
 */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { golden } from "./fixtures.testing";
import * as optim from "./index";

const S = optim.lrScheduler;
type Sched = { step(metric: never): void; getLastLr(): number[] };
const ws = () => [torch.zeros([1], { requiresGrad: true }), torch.zeros([1], { requiresGrad: true })];

const MAKERS: Record<string, (o: optim.Optimizer) => Sched[]> = {
  StepLR: (o) => [new S.StepLR(o, 7, { gamma: 0.5 })],
  "StepLR default gamma": (o) => [new S.StepLR(o, 3)],
  MultiStepLR: (o) => [new S.MultiStepLR(o, [5, 12, 12, 30], { gamma: 0.3 })],
  ExponentialLR: (o) => [new S.ExponentialLR(o, 0.9)],
  CosineAnnealingLR: (o) => [new S.CosineAnnealingLR(o, 10, { etaMin: 0.001 })],
  "CosineAnnealingLR eta 0": (o) => [new S.CosineAnnealingLR(o, 7)],
  LambdaLR: (o) => [new S.LambdaLR(o, (e) => 0.95 ** e)],
  "LambdaLR list": (o) => [new S.LambdaLR(o, [(e) => 1 / (1 + e), (e) => Math.floor(e / 10)])],
  "chained StepLR+ExponentialLR": (o) => [new S.StepLR(o, 5, { gamma: 0.5 }), new S.ExponentialLR(o, 0.95)],
  "chained CosineAnnealingLR+MultiStepLR": (o) => [new S.CosineAnnealingLR(o, 8), new S.MultiStepLR(o, [10, 20])],
  ReduceLROnPlateau: (o) => [new S.ReduceLROnPlateau(o, { factor: 0.5, patience: 2, cooldown: 1 })],
  "ReduceLROnPlateau max abs": (o) => [new S.ReduceLROnPlateau(o, { mode: "max", factor: 0.3, patience: 1, threshold: 0.01, thresholdMode: "abs", minLr: [0.01, 0.02] })],
};

describe.each(golden.schedulers.map((c) => [c.name, c] as const))("%s", (name, c) => {
  it("sets PyTorch's learning rates for 50 epochs (1e-12)", () => {
    const [a, b] = ws();
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.05 }], { lr: 0.1 });
    const scheds = MAKERS[name](opt);
    const lrs = [opt.paramGroups.map((g) => g.lr)];
    for (let epoch = 0; epoch < 50; epoch++) {
      opt.step();
      for (const s of scheds) s.step(c.metrics?.[epoch] as never);
      lrs.push(opt.paramGroups.map((g) => g.lr));
    }
    expect(lrs.length).toBe(c.lrs.length);
    lrs.forEach((row, e) => row.forEach((lr, i) => expect(Math.abs(lr - c.lrs[e][i]), `epoch ${e} group ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c.lrs[e][i])))));
    expect(scheds[scheds.length - 1].getLastLr()).toEqual(lrs[lrs.length - 1]);
  });
});

describe("scheduler state dicts", () => {
  it("StepLR: PyTorch's keys and values; a loaded scheduler continues the schedule", () => {
    const opt = new optim.SGD([torch.zeros([1], { requiresGrad: true })], { lr: 0.1 });
    const s = new S.StepLR(opt, 3, { gamma: 0.5 });
    for (let i = 0; i < 4; i++) {
      opt.step();
      s.step();
    }
    expect(s.stateDict()).toEqual(golden.scheduler_states.StepLR);
    const opt2 = new optim.SGD([torch.zeros([1], { requiresGrad: true })], { lr: 0.1 });
    opt2.loadStateDict(opt.stateDict());
    const s2 = new S.StepLR(opt2, 99);
    s2.loadStateDict(s.stateDict());
    for (let i = 0; i < 5; i++) {
      opt.step(), s.step(), opt2.step(), s2.step();
      expect(s2.getLastLr()).toEqual(s.getLastLr());
    }
  });

  it("ReduceLROnPlateau: PyTorch's keys and values", () => {
    const opt = new optim.SGD([torch.zeros([1], { requiresGrad: true })], { lr: 0.1 });
    const r = new S.ReduceLROnPlateau(opt, { patience: 1 });
    for (const m of [1.0, 1.0, 1.0, 0.5]) r.step(m);
    const want = { ...golden.scheduler_states.ReduceLROnPlateau, mode_worse: Infinity };
    expect(r.stateDict()).toEqual(want);
    expect(Object.keys(r.stateDict())).toEqual(Object.keys(want));
    r.step(torch.tensor(0.1)); // a one-element tensor metric
    expect(r.best).toBeCloseTo(0.1, 7);
  });

  it("a resumed scheduler needs initial_lr in every group (PyTorch's KeyError)", () => {
    const opt = new optim.SGD([torch.zeros([1], { requiresGrad: true })], { lr: 0.1 });
    expect(() => new S.StepLR(opt, 3, { lastEpoch: 5 })).toThrow(S.KeyError);
  });

  it("warns when the scheduler steps before the optimizer", () => {
    const warnings: string[] = [];
    const onWarn = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarn);
    const opt = new optim.SGD([torch.zeros([1], { requiresGrad: true })], { lr: 0.1 });
    const s = new S.ExponentialLR(opt, 0.5);
    s.step();
    return new Promise<void>((resolve) => setImmediate(() => {
      process.off("warning", onWarn);
      expect(warnings.some((m) => m.startsWith("Detected call of `lr_scheduler.step()` before `optimizer.step()`"))).toBe(true);
      resolve();
    }));
  });
});
