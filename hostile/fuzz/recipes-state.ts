/**
 * Malformed state dicts: each target puts the hostile value in one field of a valid state dict
 * (a module's, an optimizer's, a scheduler's) and loads it, then steps where a step reads it.
 */
import * as torch from "@torchts/autograd";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import type { Target } from "./engine";

const net = () => new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
/** An optimizer that has stepped once (so its state holds buffers). */
function stepped<O extends optim.Optimizer>(make: (p: nn.Parameter[]) => O): O {
  const n = net();
  n(torch.ones(1, 2)).sum().backward();
  const o = make(n.parameters());
  o.step();
  return o;
}
const OPTIMIZERS: [string, () => optim.Optimizer][] = [
  ["SGD", () => stepped((p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 }))],
  ["Adam", () => stepped((p) => new optim.Adam(p, { amsgrad: true }))],
  ["RMSprop", () => stepped((p) => new optim.RMSprop(p, { momentum: 0.5, centered: true }))],
  ["Adagrad", () => stepped((p) => new optim.Adagrad(p))],
];

/** `set(sd, v)` writes v into a fresh state dict; the target loads it into a fresh object and runs `after`. */
function field<S>(name: string, make: () => { stateDict(): S; loadStateDict(sd: S): unknown }, valid: (sd: S) => unknown, set: (sd: S, v: unknown) => void, after?: (o: any) => unknown, accepts?: Target["accepts"]): Target {
  return {
    name,
    args: () => [valid(make().stateDict())],
    call: ([v]) => {
      const sd = make().stateDict();
      set(sd, v);
      const o = make();
      o.loadStateDict(sd);
      return after?.(o);
    },
    extra: 0,
    accepts,
  };
}

const firstState = (sd: any): Record<string, unknown> => (sd.state instanceof Map ? [...sd.state.values()][0] : Object.values(sd.state)[0]);

export const STATE_TARGETS: Target[] = [
  { name: "nn/loadStateDict(value)", args: () => [net().stateDict()], call: ([v]) => net().loadStateDict(v as never), extra: 0 },
  field("nn/stateDict entry 0.weight", net, (sd) => sd.get("0.weight"), (sd, v) => sd.set("0.weight", v as never), (n) => n(torch.ones(1, 2))),
  { name: "nn/loadStateDict plain entry 2.bias", args: () => [torch.zeros(1)], call: ([v]) => { const sd = Object.fromEntries(net().stateDict()); sd["2.bias"] = v as never; const n = net(); n.loadStateDict(sd); return n(torch.ones(1, 2)); }, extra: 0 },
  ...OPTIMIZERS.flatMap(([name, make]): Target[] => [
    { name: `optim/${name}.loadStateDict(value)`, args: () => [make().stateDict()], call: ([v]) => make().loadStateDict(v as never), extra: 0 },
    field(`optim/${name} sd.state`, make, (sd: any) => sd.state, (sd: any, v) => (sd.state = v), (o) => o.step(), { 0: ["{bogus:1}"] }), // a state keyed by unknown parameter ids: "bogus" is NaN, no parameter
    field(`optim/${name} sd.param_groups`, make, (sd: any) => sd.param_groups, (sd: any, v) => (sd.param_groups = v), (o) => o.step()),
    field(`optim/${name} sd.param_groups[0]`, make, (sd: any) => sd.param_groups[0], (sd: any, v) => (sd.param_groups[0] = v), (o) => o.step()),
    field(`optim/${name} sd.param_groups[0].params`, make, (sd: any) => sd.param_groups[0].params, (sd: any, v) => (sd.param_groups[0].params = v), (o) => o.step()),
    // PyTorch's load_state_dict takes any lr (the constructor alone checks); a NaN or inf lr then steps to NaN in both
    { ...field(`optim/${name} sd.param_groups[0].lr`, make, (sd: any) => sd.param_groups[0].lr, (sd: any, v) => (sd.param_groups[0].lr = v), (o) => o.step()), nanOK: { 0: ["Infinity"] } },
    // a parameter's state {} or { bogus: 1 }: fresh state, unknown keys kept, as PyTorch
    field(`optim/${name} sd.state[0]`, make, (sd: any) => firstState(sd), (sd: any, v) => { const k = sd.state instanceof Map ? [...sd.state.keys()][0] : Object.keys(sd.state)[0]; if (sd.state instanceof Map) sd.state.set(k, v); else sd.state[k] = v; }, (o) => o.step(), { 0: ["{bogus:1}"] }),
    ...Object.keys(firstState(make().stateDict())).map((key) =>
      field(`optim/${name} sd.state[0].${key}`, make, (sd: any) => firstState(sd)[key], (sd: any, v) => (firstState(sd)[key] = v), (o) => o.step())),
  ]),
  field("optim/StepLR sd.step_size", () => new optim.lrScheduler.StepLR(new optim.SGD(net().parameters(), { lr: 0.1 }), 2), (sd: any) => sd.step_size, (sd: any, v) => (sd.step_size = v), (s) => { s.optimizer.step(); s.step(); return s.getLastLr(); }),
  { name: "optim/StepLR.loadStateDict(value)", args: () => [{}], call: ([v]) => new optim.lrScheduler.StepLR(new optim.SGD(net().parameters(), { lr: 0.1 }), 2).loadStateDict(v as never), extra: 0 },
  ...["factor", "min_lrs", "patience", "mode", "threshold", "best", "num_bad_epochs", "_last_lr"].map((key) =>
    field(`optim/ReduceLROnPlateau sd.${key}`, () => new optim.lrScheduler.ReduceLROnPlateau(new optim.SGD(net().parameters(), { lr: 0.1 })), (sd: any) => sd[key], (sd: any, v) => (sd[key] = v), (s) => { s.step(1); s.step(2); return s.getLastLr(); })),
];
