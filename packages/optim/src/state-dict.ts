/**
 * Optimizer state dicts in PyTorch's layout:
 * `{ state: Map(index → { momentum_buffer: Tensor, ... }), param_groups: [{ lr, ..., params: [0, 1] }] }`.
 * Indices number the parameters across groups in order; keys inside keep
 * PyTorch's snake_case names, so the dict round-trips through torch.save/load.
 */
import { RuntimeError, Tensor, TypeError, ValueError, isPlainObject, zeros } from "@torchts/autograd";
import { typename } from "./checks";
import { toCamel, toSnake } from "./keys";

/** One parameter's state: PyTorch's keys (`step`, `exp_avg`, `momentum_buffer`...) to tensors, numbers or null. */
export type ParamState = Record<string, unknown>;

export interface OptimizerStateDict {
  /** Parameter index → its state. A plain object keyed by index strings is accepted on load too. */
  state: Map<number, ParamState> | Record<string, ParamState>;
  /** Each group's options, snake_case, with `params` as indices. */
  param_groups: Record<string, unknown>[];
}

interface Group {
  params: Tensor[];
  [k: string]: unknown;
}

/** The state dict of these groups and this state (tensors shared, as PyTorch's state_dict() shares them). */
export function packState(groups: readonly Group[], state: Map<Tensor, ParamState>): { state: Map<number, ParamState>; param_groups: Record<string, unknown>[] } {
  const index = new Map<Tensor, number>();
  let start = 0;
  const packed = groups.map((g) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) if (k !== "params") out[toSnake(k)] = Array.isArray(v) ? [...v] : v;
    g.params.forEach((p, i) => {
      if (!index.has(p)) index.set(p, start + i);
    });
    out.params = g.params.map((p) => index.get(p)!);
    start += g.params.length;
    return out;
  });
  const packedState = new Map<number, ParamState>();
  for (const [p, s] of state) {
    const i = index.get(p);
    if (i !== undefined) packedState.set(i, s);
  }
  return { state: packedState, param_groups: packed };
}

/** An owned, contiguous copy of a state tensor, in `dtype`. */
function copyTensor(t: Tensor, dtype: Tensor["dtype"]): Tensor {
  return zeros(t.shape, { dtype }).copy_(t.detach());
}

/** PyTorch's `cast`: a deep copy; floating tensors take the parameter's dtype, except `step`. */
function cast(param: Tensor, value: unknown, key?: string): unknown {
  if (value instanceof Tensor) {
    const dtype = key !== "step" && param.dtype.isFloatingPoint ? param.dtype : value.dtype;
    return copyTensor(value, dtype);
  }
  if (Array.isArray(value)) return value.map((v) => cast(param, v));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cast(param, v, k);
    return out;
  }
  return value;
}

/**
 * A parameter's saved state, checked where PyTorch would only fail at a later step(): `step` is a
 * count (a number or a one-element tensor), every other entry a tensor of the parameter's shape
 * (or null: SGD's momentum buffer before its first step).
 */
function checkParamState(k: number, param: Tensor, v: Record<string, unknown>): void {
  for (const [key, x] of Object.entries(v)) {
    const where = `loadStateDict(): state[${k}]['${key}']`;
    if (key === "step") {
      const ok = (typeof x === "number" && Number.isFinite(x) && x >= 0) || (x instanceof Tensor && x.numel() === 1);
      if (!ok) throw new TypeError(`${where} must be a step count (a number or a one-element tensor), not ${typename(x)}`);
    } else if (x !== null && x !== undefined) {
      if (!(x instanceof Tensor)) throw new TypeError(`${where} must be a Tensor, not ${typename(x)}`);
      if (x.shape.join() !== param.shape.join()) throw new RuntimeError(`${where} has shape [${x.shape.join(", ")}], the parameter [${param.shape.join(", ")}]`);
    }
  }
}

function entriesOf(state: unknown): [number, unknown][] {
  if (state instanceof Map) return [...state.entries()].map(([k, v]) => [Number(k), v]);
  if (isPlainObject(state)) return Object.entries(state).map(([k, v]) => [Number(k), v]);
  throw new TypeError(`loadStateDict(): 'state' must be a Map or an object keyed by parameter index, not ${typename(state)}`);
}

/**
 * Validate a saved state dict against the current groups and rebuild state and
 * groups from it (PyTorch's load_state_dict): the messages are PyTorch's.
 */
export function loadState(
  groups: readonly Group[],
  sd: unknown,
  defaults: Readonly<Record<string, unknown>>,
): { state: Map<Tensor, ParamState>; groups: Group[] } {
  if (!isPlainObject(sd) || !Array.isArray(sd.param_groups) || sd.state === undefined) {
    throw new TypeError(`loadStateDict(): expected an optimizer state dict { state, param_groups }, not ${typename(sd)}`);
  }
  const saved = sd.param_groups as unknown[];
  if (groups.length !== saved.length) throw new ValueError("loaded state dict has a different number of parameter groups");
  for (const [i, g] of saved.entries()) {
    if (!isPlainObject(g) || !Array.isArray(g.params)) throw new TypeError(`loadStateDict(): param_groups[${i}] must be an object with a 'params' array`);
    if (g.params.length !== groups[i].params.length) {
      throw new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    }
  }
  const idMap = new Map<number, Tensor>();
  saved.forEach((g, gi) => (g as { params: unknown[] }).params.forEach((id, j) => idMap.set(Number(id), groups[gi].params[j])));
  const state = new Map<Tensor, ParamState>();
  for (const [k, v] of entriesOf(sd.state)) {
    const param = idMap.get(k);
    if (param === undefined) throw new ValueError(`loaded state dict has state for parameter ${k}, which no parameter group holds`);
    if (!isPlainObject(v)) throw new TypeError(`loadStateDict(): the state of parameter ${k} must be an object, not ${typename(v)}`);
    checkParamState(k, param, v);
    state.set(param, cast(param, v) as ParamState);
  }
  const newGroups = saved.map((g, gi) => {
    const out: Group = { params: groups[gi].params };
    for (const [k, v] of Object.entries(g as Record<string, unknown>)) {
      if (k !== "params") out[toCamel(k)] = Array.isArray(v) ? [...v] : v;
    }
    // PyTorch's __setstate__ fills options an older state dict lacks
    for (const [k, v] of Object.entries(defaults)) if (!(k in out) && typeof v !== "symbol") out[k] = Array.isArray(v) ? [...v] : v;
    return out;
  });
  return { state, groups: newGroups };
}
