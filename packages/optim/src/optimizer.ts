/**
 * The optimizer base class (torch.optim.Optimizer): parameter groups, lazy
 * per-parameter state, zeroGrad, step(closure) and state dicts in PyTorch's
 * layout. Subclasses supply their defaults and `_updateGroup`, the fused update
 * of one group's parameters.
 */
import { Tensor, TypeError, ValueError, checkOptions, enableGrad, isPlainObject } from "@torchts/autograd";
import { inspect } from "node:util";
import { typename, warn } from "./checks";
import { formatGroups } from "./repr";
import { type OptimizerStateDict, type ParamState, loadState, packState } from "./state-dict";
import { guardArity } from "@torchts/tensor/errors";

/** PyTorch's `required`: a default the user must give (SGD's lr). */
export const required: unique symbol = Symbol("required");

/**
 * One parameter group: its tensors and its own options (camelCase), e.g.
 * `{ params: [w], lr: 0.1, momentum: 0, weightDecay: 0.01, ... }`.
 */
export interface ParamGroup {
  params: Tensor[];
  lr: number;
  /** Set by a learning-rate scheduler: the lr it started from. */
  initialLr?: number;
  [option: string]: unknown;
}

/** What an optimizer takes: tensors, or groups `{ params, ...options }`. */
export type ParamsInput = Iterable<Tensor> | Iterable<{ params: Tensor | Iterable<Tensor>; [option: string]: unknown }>;

/** A group as `addParamGroup` takes it. */
export interface ParamGroupInput {
  params: Tensor | Iterable<Tensor>;
  [option: string]: unknown;
}

export abstract class Optimizer<G extends ParamGroup = ParamGroup> {
  /** The options every group starts from (camelCase keys, PyTorch's order). */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Per-parameter state with PyTorch's keys (`momentum_buffer`, `exp_avg`, `step`...), created by the first step. */
  state: Map<Tensor, ParamState>;
  paramGroups: G[];
  /** @internal How many times step() ran (the schedulers' order check reads it). */
  _stepCount = 0;

  /** @param params tensors, or groups; @param defaults the options of every group, `required` where one must be given. */
  protected constructor(params: unknown, defaults: Record<string, unknown>) {
    this.defaults = defaults;
    this.state = new Map();
    this.paramGroups = [];
    const fn = this.constructor.name;
    if (params instanceof Tensor) {
      throw new TypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typename(params)}`,
      );
    }
    if (params === null || typeof params !== "object" || !(Symbol.iterator in params)) {
      throw new TypeError(
        `${fn}(): argument 'params' (position 0) must be an iterable of Tensors or dicts, not ${typename(params)}`,
      );
    }
    let groups = Array.from(params as Iterable<unknown>);
    if (groups.length === 0) throw new ValueError("optimizer got an empty parameter list");
    if (!isPlainObject(groups[0])) groups = [{ params: groups }];
    for (const g of groups) this.addParamGroup(g as ParamGroupInput);
  }

  /**
   * Add a group (fine-tuning: unfreeze layers as training goes). Options it
   * leaves out come from `defaults`.
   * @example opt.addParamGroup({ params: head.parameters(), lr: 0.01 });
   */
  addParamGroup(paramGroup: ParamGroupInput): void {
    const fn = `${this.constructor.name}.addParamGroup`;
    if (!isPlainObject(paramGroup)) throw new TypeError(`${fn}(): param group must be a dict (a plain object), not ${typename(paramGroup)}`);
    const given = paramGroup as Record<string, unknown>;
    checkOptions(fn, given, ["params", ...Object.keys(this.defaults), "initialLr"]);
    let params: unknown[];
    const raw = given.params;
    if (raw instanceof Tensor) params = [raw];
    else if (raw instanceof Set) {
      throw new TypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    } else if (raw !== null && typeof raw === "object" && Symbol.iterator in raw) params = Array.from(raw as Iterable<unknown>);
    else throw new TypeError(`${fn}(): 'params' must be a Tensor or an iterable of Tensors, not ${typename(raw)}`);
    for (const p of params) {
      if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typename(p)}`);
      if (!(p.isLeaf || p.retainsGrad)) throw new ValueError("can't optimize a non-leaf Tensor");
    }
    // PyTorch's order: the given keys, then the defaults it lacks
    const group: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(given)) group[k] = k === "params" ? params : v;
    for (const [k, v] of Object.entries(this.defaults)) {
      if (k in group) continue;
      if (v === required) throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${k}`);
      group[k] = Array.isArray(v) ? [...v] : v;
    }
    this._checkGroup(group as G, fn);
    if (new Set(params).size !== params.length) {
      warn(
        "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
      );
    }
    for (const other of this.paramGroups) {
      for (const p of other.params) {
        if (params.includes(p)) throw new ValueError("some parameters appear in more than one parameter group");
      }
    }
    this.paramGroups.push(group as G);
  }

  /**
   * Reset the gradients of every parameter. `setToNone` (default true, as in
   * PyTorch ≥ 2.0 and Module.zeroGrad; PyTorch 1.13 defaulted to false) sets
   * `.grad` to null, so the next step skips parameters that get no gradient;
   * false fills the existing gradients with zeros.
   * @example opt.zeroGrad(); loss.backward(); opt.step();
   */
  zeroGrad(options?: { setToNone?: boolean }): void {
    const fn = `${this.constructor.name}.zeroGrad`;
    checkOptions(fn, options, ["setToNone"]);
    const setToNone = options?.setToNone ?? true;
    if (typeof setToNone !== "boolean") throw new TypeError(`${fn}(): argument 'setToNone' must be a boolean, not ${typename(setToNone)}`);
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (setToNone) p.grad = null;
        else {
          // a gradient with history (backward with createGraph) is cut from it first, as detach_() does
          const plain = g.gradFn !== null ? g.detach() : g;
          if (plain !== g) p.grad = plain;
          plain.zero_();
        }
      }
    }
  }

  /**
   * One update of every parameter that has a gradient (a null `.grad` is
   * skipped). With a `closure`, it first runs it with grad mode on and returns
   * its value (the loss); otherwise returns null. The update writes into the
   * parameters' own storage without recording history.
   * @example opt.step(() => { opt.zeroGrad(); const l = loss(net(X), y); l.backward(); return l; });
   */
  step<T = unknown>(closure?: (() => T) | null): T | null {
    const fn = `${this.constructor.name}.step`;
    if (closure !== undefined && closure !== null && typeof closure !== "function") {
      throw new TypeError(`${fn}(): argument 'closure' (position 0) must be a function, not ${typename(closure)}`);
    }
    this._stepCount++;
    let loss: T | null = null;
    if (typeof closure === "function") loss = enableGrad(closure);
    for (const group of this.paramGroups) {
      this._checkGroup(group, fn);
      this._updateGroup(group);
    }
    return loss;
  }

  /** Check a group's option values (types, at every step too: paramGroups is mutable). */
  protected abstract _checkGroup(group: G, fn: string): void;

  /** The fused update of the group's parameters that have a gradient. */
  protected abstract _updateGroup(group: G): void;

  /** The state of `p`, created empty on first use (PyTorch's defaultdict). */
  protected _stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (s === undefined) this.state.set(p, (s = {}));
    return s;
  }

  /**
   * The optimizer's state in PyTorch's layout: `state` maps a parameter's index
   * (counted across groups in order) to its state, with PyTorch's key names;
   * `param_groups` holds each group's options with snake_case keys and its
   * parameters as indices. Tensors are shared, not copied (as in PyTorch).
   * @example opt.stateDict().param_groups[0].weight_decay; // 0
   */
  stateDict(): OptimizerStateDict {
    return packState(this.paramGroups, this.state);
  }

  /**
   * Load a state from `stateDict()` (this optimizer's, another torchts one's, or
   * PyTorch's through serialization): copies it, casts floating state to each
   * parameter's dtype (`step` excepted), and replaces the groups' options.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const { state, groups } = loadState(this.paramGroups, stateDict, this.defaults);
    this.state = state;
    this.paramGroups = groups as G[];
    this._afterLoad();
  }

  /** A hook for subclasses: adjust loaded state (Adam's numeric `step` becomes a tensor). */
  protected _afterLoad(): void {}

  /** PyTorch's repr: the class, then each group's options sorted by name. */
  toString(): string {
    return formatGroups(this.constructor.name, this.paramGroups);
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

// Python raises on extra positional arguments; JavaScript would drop them (`opt.zeroGrad(true, {})`).
guardArity(Optimizer, { addParamGroup: 1, zeroGrad: 1, step: 1, stateDict: 0, loadStateDict: 1, toString: 0 });
