/**
 * Learning-rate schedules (torch.optim.lr_scheduler), in PyTorch's chainable
 * form: each `step()` derives the new lr from the group's current lr, so two
 * schedulers on one optimizer compose (StepLR's ×γ then ExponentialLR's ×γ').
 * Construction sets each group's `initialLr` and takes the first step
 * (lastEpoch −1 → 0), as PyTorch does; call `scheduler.step()` after
 * `optimizer.step()`, once per epoch.
 */
import { TorchError, TypeError, ValueError, checkOptions, isPlainObject } from "@torchts/autograd";
import { callable, flag, int, num, typename, warn } from "./checks";
import type { Optimizer, ParamGroup } from "./optimizer";
import { Optimizer as OptimizerClass } from "./optimizer";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** Python's KeyError (a resumed scheduler whose groups lack `initial_lr`). */
export class KeyError extends TorchError {
  override name = "KeyError";
}

export interface SchedulerOptions {
  /** The epoch to resume after (default −1: start fresh). */
  lastEpoch?: number;
  /** Print each lr change (PyTorch's verbose). */
  verbose?: boolean;
}

/** The optimizer argument: a torchts Optimizer. */
export function checkOptimizer(optimizer: unknown): Optimizer {
  if (!(optimizer instanceof OptimizerClass)) throw new TypeError(`${typename(optimizer)} is not an Optimizer`);
  return optimizer;
}

/** A required argument given positionally, or by name inside the trailing options object. */
function positional<T>(fn: string, name: string, value: unknown, options: Record<string, unknown> | undefined): [T, Record<string, unknown> | undefined] {
  if (isPlainObject(value) && options === undefined) {
    const { [name]: v, ...rest } = value;
    if (v === undefined) throw new TypeError(`${fn}(): missing required argument '${name}'`);
    return [v as T, rest];
  }
  return [value as T, options];
}

function checkKeys(fn: string, options: Record<string, unknown> | undefined, own: string[]): void {
  checkOptions(fn, options, [...own, "lastEpoch", "verbose"]);
}

/** The base class (PyTorch's _LRScheduler). */
export abstract class LRScheduler {
  readonly optimizer: Optimizer;
  baseLrs: number[];
  lastEpoch: number;
  verbose: boolean;
  /** @internal */ _stepCount = 0;
  /** @internal */ _lastLr: number[] = [];
  /** (snake_case state-dict key, property) pairs a subclass adds, in PyTorch's order. */
  protected abstract readonly ownKeys: [string, string][];

  protected constructor(fn: string, optimizer: unknown, options: SchedulerOptions | undefined) {
    this.optimizer = checkOptimizer(optimizer);
    this.lastEpoch = int(fn, "lastEpoch", options?.lastEpoch ?? -1);
    this.verbose = flag(fn, "verbose", options?.verbose ?? false);
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw new KeyError(`"param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer"`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
  }

  /** The first step (lastEpoch −1 → 0); subclasses call it once their fields are set. */
  protected _initialStep(): void {
    this.optimizer._stepCount = 0;
    this._stepCount = 0;
    this.step();
  }

  /** The learning rates this step sets, from the groups' current ones (chainable form). */
  protected abstract getLr(): number[];

  /** Advance one epoch and write the new lr into every group. */
  step(): void {
    if (this._stepCount === 1 && this.optimizer._stepCount < 1) {
      warn(
        "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
      );
    }
    this._stepCount++;
    this.lastEpoch++;
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = values[i];
      if (this.verbose) console.log(`Adjusting learning rate of group ${i} to ${values[i].toExponential(4)}.`);
    });
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates the last step set, one per group. @example sched.getLastLr(); // [0.05] */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** The scheduler's state with PyTorch's keys (everything but the optimizer). */
  stateDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, prop] of this.ownKeys) out[k] = copy((this as unknown as Record<string, unknown>)[prop]);
    Object.assign(out, {
      base_lrs: [...this.baseLrs], last_epoch: this.lastEpoch, verbose: this.verbose,
      _step_count: this._stepCount, _get_lr_called_within_step: false, _last_lr: [...this._lastLr],
    });
    return out;
  }

  /** Restore a state from stateDict() (or PyTorch's). Unknown keys are refused. */
  loadStateDict(stateDict: Record<string, unknown>): void {
    if (!isPlainObject(stateDict)) throw new TypeError(`loadStateDict(): expected a scheduler state dict, not ${typename(stateDict)}`);
    const map = new Map<string, string>([
      ...this.ownKeys, ["base_lrs", "baseLrs"], ["last_epoch", "lastEpoch"], ["verbose", "verbose"],
      ["_step_count", "_stepCount"], ["_last_lr", "_lastLr"], ["_get_lr_called_within_step", ""],
    ]);
    for (const k of Object.keys(stateDict)) if (!map.has(k)) throw new ValueError(`loadStateDict(): unexpected key '${k}' in a ${this.constructor.name} state dict`);
    const self = this as unknown as Record<string, unknown>;
    // each value is of its field's kind, checked here: PyTorch stores whatever it is given and fails at a later step()
    for (const [k, v] of Object.entries(stateDict)) {
      const prop = map.get(k)!;
      if (prop !== "" && !sameKind(self[prop], v)) throw new TypeError(`loadStateDict(): '${k}' must be ${kindOf(self[prop])}, not ${typename(v)}`);
    }
    for (const [k, v] of Object.entries(stateDict)) {
      const prop = map.get(k)!;
      if (prop !== "") self[prop] = copy(v);
    }
  }
}

/** A loaded state value may replace `cur` if it is of the same kind (a Map may come as a plain object). */
function sameKind(cur: unknown, v: unknown): boolean {
  if (typeof cur === "number" || typeof cur === "boolean") return typeof v === typeof cur;
  if (Array.isArray(cur)) return Array.isArray(v) && v.every((x) => typeof x === "number");
  if (cur instanceof Map) return v instanceof Map || isPlainObject(v);
  return true;
}

function kindOf(cur: unknown): string {
  if (Array.isArray(cur)) return "a list of numbers";
  if (cur instanceof Map) return "a dict";
  return `a ${typeof cur}`;
}

function copy(v: unknown): unknown {
  if (Array.isArray(v)) return [...v];
  if (v instanceof Map) return new Map(v);
  return v;
}

/**
 * Multiply the lr by γ every `stepSize` epochs: lr = base·γ^⌊epoch/stepSize⌋.
 * @example const s = new StepLR(opt, 30, { gamma: 0.1 }); // each epoch: train; s.step();
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  protected readonly ownKeys: [string, string][] = [["step_size", "stepSize"], ["gamma", "gamma"]];
  constructor(optimizer: Optimizer, stepSize: number, options?: SchedulerOptions & { gamma?: number });
  constructor(optimizer: Optimizer, options: SchedulerOptions & { stepSize: number; gamma?: number });
  constructor(optimizer: Optimizer, stepSize: unknown, options?: Record<string, unknown>) {
    checkArity("StepLR", arguments, 3);
    const [size, o] = positional<number>("StepLR", "stepSize", stepSize, options);
    checkKeys("StepLR", o, ["gamma"]);
    super("StepLR", optimizer, o);
    this.stepSize = int("StepLR", "stepSize", size);
    this.gamma = num("StepLR", "gamma", o?.gamma ?? 0.1);
    this._initialStep();
  }
  protected getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}

/**
 * Multiply the lr by γ at each milestone epoch (a milestone listed twice, twice).
 * @example new MultiStepLR(opt, [30, 80], { gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** Milestone → how many times it was listed (PyTorch's Counter). */
  milestones: Map<number, number>;
  gamma: number;
  protected readonly ownKeys: [string, string][] = [["milestones", "milestones"], ["gamma", "gamma"]];
  constructor(optimizer: Optimizer, milestones: Iterable<number>, options?: SchedulerOptions & { gamma?: number });
  constructor(optimizer: Optimizer, options: SchedulerOptions & { milestones: Iterable<number>; gamma?: number });
  constructor(optimizer: Optimizer, milestones: unknown, options?: Record<string, unknown>) {
    checkArity("MultiStepLR", arguments, 3);
    const [ms, o] = positional<Iterable<number>>("MultiStepLR", "milestones", milestones, options);
    checkKeys("MultiStepLR", o, ["gamma"]);
    if (ms === null || typeof ms !== "object" || !(Symbol.iterator in ms)) {
      throw new TypeError(`MultiStepLR(): argument 'milestones' must be an iterable of integers, not ${typename(ms)}`);
    }
    super("MultiStepLR", optimizer, o);
    this.milestones = new Map();
    for (const m of ms) this.milestones.set(int("MultiStepLR", "milestones", m), (this.milestones.get(m) ?? 0) + 1);
    this.gamma = num("MultiStepLR", "gamma", o?.gamma ?? 0.1);
    this._initialStep();
  }
  protected getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const count = this.milestones.get(this.lastEpoch);
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }
}

/** Multiply the lr by γ every epoch. @example new ExponentialLR(opt, 0.9); */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  protected readonly ownKeys: [string, string][] = [["gamma", "gamma"]];
  constructor(optimizer: Optimizer, gamma: number, options?: SchedulerOptions);
  constructor(optimizer: Optimizer, options: SchedulerOptions & { gamma: number });
  constructor(optimizer: Optimizer, gamma: unknown, options?: Record<string, unknown>) {
    checkArity("ExponentialLR", arguments, 3);
    const [g, o] = positional<number>("ExponentialLR", "gamma", gamma, options);
    checkKeys("ExponentialLR", o, []);
    super("ExponentialLR", optimizer, o);
    this.gamma = num("ExponentialLR", "gamma", g);
    this._initialStep();
  }
  protected getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}

/**
 * Cosine annealing from the initial lr to `etaMin` over `TMax` epochs, in
 * PyTorch's recursive form (it rises again after TMax: period 2·TMax):
 * η = ηmin + (η0 − ηmin)(1 + cos(π·epoch/TMax))/2 when it alone sets the lr.
 * @example new CosineAnnealingLR(opt, 10, { etaMin: 0.001 });
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;
  protected readonly ownKeys: [string, string][] = [["T_max", "TMax"], ["eta_min", "etaMin"]];
  constructor(optimizer: Optimizer, TMax: number, options?: SchedulerOptions & { etaMin?: number });
  constructor(optimizer: Optimizer, options: SchedulerOptions & { TMax: number; etaMin?: number });
  constructor(optimizer: Optimizer, TMax: unknown, options?: Record<string, unknown>) {
    checkArity("CosineAnnealingLR", arguments, 3);
    const [t, o] = positional<number>("CosineAnnealingLR", "TMax", TMax, options);
    checkKeys("CosineAnnealingLR", o, ["etaMin"]);
    super("CosineAnnealingLR", optimizer, o);
    this.TMax = num("CosineAnnealingLR", "TMax", t);
    this.etaMin = num("CosineAnnealingLR", "etaMin", o?.etaMin ?? 0);
    this._initialStep();
  }
  protected getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch, T = this.TMax, min = this.etaMin;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) {
      return this.baseLrs.map((base) => min + ((base - min) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    }
    if ((e - 1 - T) % (2 * T) === 0) {
      return groups.map((g, i) => g.lr + ((this.baseLrs[i] - min) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - min) + min);
  }
}

/**
 * lr = initial lr × lrLambda(epoch): one function for every group, or one per group.
 * @example new LambdaLR(opt, (epoch) => 0.95 ** epoch);
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: ((epoch: number) => number)[];
  protected readonly ownKeys: [string, string][] = [];
  constructor(optimizer: Optimizer, lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[], options?: SchedulerOptions) {
    checkArity("LambdaLR", arguments, 3);
    const opt = checkOptimizer(optimizer);
    const n = opt.paramGroups.length;
    let fns: unknown[];
    if (Array.isArray(lrLambda)) {
      if (lrLambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
      fns = lrLambda;
    } else fns = new Array(n).fill(lrLambda);
    checkKeys("LambdaLR", options as Record<string, unknown> | undefined, []);
    const checked = fns.map((f) => callable("LambdaLR", "lrLambda", f) as (epoch: number) => number);
    super("LambdaLR", opt, options);
    this.lrLambdas = checked;
    this._initialStep();
  }
  protected getLr(): number[] {
    return this.baseLrs.map((base, i) => base * num("LambdaLR", "lrLambda(epoch)", this.lrLambdas[i](this.lastEpoch)));
  }
  /** PyTorch saves None for each plain function (only callable objects' fields are saved). */
  override stateDict(): Record<string, unknown> {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
  override loadStateDict(stateDict: Record<string, unknown>): void {
    if (!isPlainObject(stateDict)) throw new TypeError(`loadStateDict(): expected a scheduler state dict, not ${typename(stateDict)}`);
    const { lr_lambdas: _, ...rest } = stateDict;
    super.loadStateDict(rest);
  }
}

// Python raises on extra positional arguments (PyTorch 1.13's deprecated step(epoch) is not offered).
guardArity(LRScheduler, { step: 0, getLastLr: 0, stateDict: 0, loadStateDict: 1 });
guardArity(LambdaLR, { stateDict: 0, loadStateDict: 1 });
