/**
 * ReduceLROnPlateau: multiply the lr by `factor` once a metric has stopped
 * improving for more than `patience` epochs (PyTorch 1.13's rules: relative or
 * absolute threshold, cooldown, per-group minimum lr, and changes smaller than
 * `eps` ignored).
 */
import { Tensor, TypeError, ValueError, checkOptions, isPlainObject } from "@torchts/autograd";
import { flag, int, num, typename } from "./checks";
import { checkOptimizer } from "./lr-scheduler";
import type { Optimizer } from "./optimizer";
import { checkArity, guardArity } from "@torchts/tensor/errors";

export interface ReduceLROnPlateauOptions {
  /** "min" (default): lower is better; "max": higher is better. */
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: "rel" | "abs";
  cooldown?: number;
  /** One minimum for every group, or one per group. */
  minLr?: number | number[];
  eps?: number;
  verbose?: boolean;
}

const KEYS = ["mode", "factor", "patience", "threshold", "thresholdMode", "cooldown", "minLr", "eps", "verbose"];
const F = "ReduceLROnPlateau";
// (snake_case state-dict key, property), in the order of PyTorch's __dict__
const STATE: [string, string][] = [
  ["factor", "factor"], ["min_lrs", "minLrs"], ["patience", "patience"], ["verbose", "verbose"], ["cooldown", "cooldown"],
  ["cooldown_counter", "cooldownCounter"], ["mode", "mode"], ["threshold", "threshold"], ["threshold_mode", "thresholdMode"],
  ["best", "best"], ["num_bad_epochs", "numBadEpochs"], ["mode_worse", "modeWorse"], ["eps", "eps"],
  ["last_epoch", "lastEpoch"], ["_last_lr", "_lastLr"],
];

/**
 * @example
 * const sched = new ReduceLROnPlateau(opt, { factor: 0.5, patience: 2 });
 * // each epoch: train; sched.step(validationLoss);
 */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer;
  factor: number;
  minLrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldownCounter = 0;
  mode: "min" | "max";
  threshold: number;
  thresholdMode: "rel" | "abs";
  best: number;
  numBadEpochs = 0;
  modeWorse: number;
  eps: number;
  lastEpoch = 0;
  /** @internal */ _lastLr: number[];

  constructor(optimizer: Optimizer, options?: ReduceLROnPlateauOptions) {
    checkArity(F, arguments, 2);
    checkOptions(F, options, KEYS);
    const o = options ?? {};
    this.factor = num(F, "factor", o.factor ?? 0.1);
    if (this.factor >= 1.0) throw new ValueError("Factor should be < 1.0.");
    this.optimizer = checkOptimizer(optimizer);
    const n = this.optimizer.paramGroups.length;
    const minLr = o.minLr ?? 0;
    if (Array.isArray(minLr)) {
      if (minLr.length !== n) throw new ValueError(`expected ${n} min_lrs, got ${minLr.length}`);
      this.minLrs = minLr.map((v) => num(F, "minLr", v));
    } else this.minLrs = new Array(n).fill(num(F, "minLr", minLr));
    this.patience = int(F, "patience", o.patience ?? 10);
    this.verbose = flag(F, "verbose", o.verbose ?? false);
    this.cooldown = int(F, "cooldown", o.cooldown ?? 0);
    this.mode = o.mode ?? "min";
    this.threshold = num(F, "threshold", o.threshold ?? 1e-4);
    this.thresholdMode = o.thresholdMode ?? "rel";
    this.eps = num(F, "eps", o.eps ?? 1e-8);
    this.modeWorse = this._initIsBetter();
    this.best = this.modeWorse;
    // (PyTorch ≥ 2.0 starts _last_lr at the groups' lrs; 1.13 leaves it unset until the first step)
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private _initIsBetter(): number {
    if (this.mode !== "min" && this.mode !== "max") throw new ValueError(`mode ${String(this.mode)} is unknown!`);
    if (this.thresholdMode !== "rel" && this.thresholdMode !== "abs") throw new ValueError(`threshold mode ${String(this.thresholdMode)} is unknown!`);
    return this.mode === "min" ? Infinity : -Infinity;
  }

  /** Record this epoch's metric (a number or a one-element tensor) and reduce the lr on a plateau. */
  step(metrics: number | Tensor): void {
    let current: number;
    if (typeof metrics === "number") current = metrics;
    else if (metrics instanceof Tensor && metrics.numel() === 1) current = Number(metrics.item());
    else throw new TypeError(`${F}.step(): argument 'metrics' (position 0) must be a number or a one-element Tensor, not ${typename(metrics)}`);
    const epoch = ++this.lastEpoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this._reduceLr(epoch);
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private _reduceLr(epoch: number): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      const old = +g.lr;
      const next = Math.max(old * this.factor, this.minLrs[i]);
      if (old - next > this.eps) {
        g.lr = next;
        if (this.verbose) console.log(`Epoch ${String(epoch).padStart(5, "0")}: reducing learning rate of group ${i} to ${next.toExponential(4)}.`);
      }
    });
  }

  /** Whether `a` improves on `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    if (typeof a !== "number") throw new TypeError(`${F}.isBetter(): argument 'a' (position 0) must be a number, not ${typename(a)}`);
    if (typeof best !== "number") throw new TypeError(`${F}.isBetter(): argument 'best' (position 1) must be a number, not ${typename(best)}`);
    if (this.mode === "min" && this.thresholdMode === "rel") return a < best * (1 - this.threshold);
    if (this.mode === "min") return a < best - this.threshold;
    if (this.thresholdMode === "rel") return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  /** True while the lr is held after a reduction. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** PyTorch's keys (snake_case), everything but the optimizer. */
  stateDict(): Record<string, unknown> {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(STATE.map(([k, p]) => [k, Array.isArray(self[p]) ? [...(self[p] as number[])] : self[p]]));
  }

  loadStateDict(stateDict: Record<string, unknown>): void {
    if (!isPlainObject(stateDict)) throw new TypeError(`${F}.loadStateDict(): expected a state dict, not ${typename(stateDict)}`);
    const map = new Map(STATE);
    for (const k of Object.keys(stateDict)) if (!map.has(k)) throw new ValueError(`${F}.loadStateDict(): unexpected key '${k}'`);
    const fn = `${F}.loadStateDict`;
    // each value's type, checked here: PyTorch stores whatever it is given and fails at a later step()
    const nums = (k: string, v: unknown): number[] => {
      if (!Array.isArray(v)) throw new TypeError(`${fn}(): '${k}' must be a list of numbers, not ${typename(v)}`);
      return v.map((x) => num(fn, k, x));
    };
    const checks: Record<string, (k: string, v: unknown) => unknown> = {
      min_lrs: nums, _last_lr: nums, verbose: (k, v) => flag(fn, k, v), mode: (k, v) => v, threshold_mode: (k, v) => v,
      patience: (k, v) => int(fn, k, v), cooldown: (k, v) => int(fn, k, v), cooldown_counter: (k, v) => int(fn, k, v),
      num_bad_epochs: (k, v) => int(fn, k, v), last_epoch: (k, v) => int(fn, k, v),
    };
    const values = Object.entries(stateDict).map(([k, v]) => [k, (checks[k] ?? ((k2: string, x: unknown) => num(fn, k2, x)))(k, v)] as const);
    const self = this as unknown as Record<string, unknown>;
    for (const [k, v] of values) self[map.get(k)!] = v;
    this.modeWorse = this._initIsBetter();
  }
}

// Python raises on extra positional arguments (PyTorch 1.13's deprecated step(metrics, epoch) is not offered).
guardArity(ReduceLROnPlateau, { step: 1, isBetter: 2, getLastLr: 0, stateDict: 0, loadStateDict: 1 });
