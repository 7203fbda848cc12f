/**
 * nn.Module: the base class of every layer and model, as PyTorch's.
 *
 * A module is a callable object: `net(X)` runs the forward pre-hooks, `forward`, then the
 * forward hooks (docs/architecture.md, "nn: modules as callable objects"). The constructor
 * returns an arrow function whose prototype is the subclass's, so `instanceof`, methods and
 * subclass fields work; the base class keeps its state on that function itself (not in class
 * fields, which would land on the discarded `this`) and deletes the function's own `name` and
 * `length` (read-only: a subclass field or Sequential's `length` getter would fail on them).
 *
 * Registration: parameters, submodules and buffers live in three ordered Maps (PyTorch's
 * `_parameters`, `_modules`, `_buffers`; Maps keep integer-like keys such as "0" in insertion
 * order). `registerParameter`, `addModule` and `registerBuffer` put a name there and install
 * an accessor for it; a class field holding a Parameter or a Module is found by `sync` (on
 * every query: parameters(), stateDict(), printing, ...) and registered the same way, in field
 * order. Once registered, assignment follows PyTorch's `__setattr__` (a plain tensor assigned
 * to a parameter's name raises, a Parameter assigned to a submodule's name moves it, ...).
 */
import { Device, NotImplementedError, Tensor, TypeError, ValueError, empty, argTypeError, checkOptions, describeValue, isPlainObject, noGrad } from "@torchts/autograd";
import { moduleArgs } from "./module-args";
import { Parameter } from "./parameter";
import { AttributeError, KeyError, pyTypeName } from "./errors";
import { type StateDictLike, type StateDictOptions, IncompatibleKeys, loadStateDictInto, stateDictOf } from "./state-dict";
import type { OrderedDict } from "./ordered-dict";
import { moduleRepr } from "./module-repr";
import { guardArity } from "@torchts/tensor/errors";

const STATE = Symbol("torchts.nn.Module");

/** A forward pre-hook: may return new arguments (an array, or one value). */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
/** A forward hook: may return a new output. */
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;

/** What `registerForwardHook` and friends return: `remove()` unregisters the hook. */
export class RemovableHandle {
  private static nextId = 0;
  readonly id = RemovableHandle.nextId++;
  constructor(private readonly dict: Map<number, unknown>) {}
  remove(): void {
    this.dict.delete(this.id);
  }
}

/** @internal The registries and hooks of one module. */
export interface ModuleState {
  parameters: Map<string, Parameter | null>;
  buffers: Map<string, Tensor | null>;
  modules: Map<string, Module | null>;
  nonPersistent: Set<string>;
  /** Names with an accessor installed on the module (a deleted one leaves its registry). */
  accessors: Set<string>;
  preHooks: Map<number, ForwardPreHook>;
  hooks: Map<number, ForwardHook>;
}

function stateOf(m: Module): ModuleState {
  const st = (m as unknown as { [STATE]?: ModuleState })[STATE];
  if (st === undefined) throw new TypeError(`expected an nn.Module, got ${describeValue(m)}`);
  return st;
}

/** Run a module: pre-hooks, forward, hooks (PyTorch's `_call_impl`). */
function callModule(m: Module, args: unknown[]): unknown {
  const st = stateOf(m);
  if (st.preHooks.size > 0) {
    for (const h of [...st.preHooks.values()]) {
      const r = h(m, args);
      if (r !== undefined && r !== null) args = Array.isArray(r) ? r : [r];
    }
  }
  let out = (m.forward as (...a: unknown[]) => unknown)(...args);
  if (st.hooks.size > 0) {
    for (const h of [...st.hooks.values()]) {
      const r = h(m, args, out);
      if (r !== undefined && r !== null) out = r;
    }
  }
  return out;
}

/** Register the fields assigned since the last query (in field order), and forget deleted names. */
export function sync(m: Module): ModuleState {
  const st = stateOf(m);
  for (const k of Object.keys(m)) {
    const v = (m as unknown as Record<string, unknown>)[k];
    if (v instanceof Parameter) register(m, st, "parameters", k, v);
    else if (v instanceof Module) register(m, st, "modules", k, v);
  }
  for (const k of st.accessors) {
    if (!Object.prototype.hasOwnProperty.call(m, k)) {
      st.accessors.delete(k);
      st.parameters.delete(k);
      st.modules.delete(k);
      st.buffers.delete(k);
      st.nonPersistent.delete(k);
    }
  }
  return st;
}

type Registry = "parameters" | "modules" | "buffers";

/** File `value` under `name` in one registry (removed from the others) and install the accessor. */
function register(m: Module, st: ModuleState, kind: Registry, name: string, value: unknown): void {
  for (const r of ["parameters", "modules", "buffers"] as const) if (r !== kind) st[r].delete(name);
  (st[kind] as Map<string, unknown>).set(name, value); // an existing key keeps its place, as in a Python dict
  if (!st.accessors.has(name)) {
    st.accessors.add(name);
    Object.defineProperty(m, name, {
      get: () => st.parameters.get(name) ?? st.modules.get(name) ?? st.buffers.get(name) ?? null,
      set: (v: unknown) => setAttr(m, st, name, v),
      enumerable: false,
      configurable: true,
    });
  }
}

/** PyTorch's `Module.__setattr__` for a registered name. */
function setAttr(m: Module, st: ModuleState, name: string, v: unknown): void {
  if (v === undefined) v = null;
  if (v instanceof Parameter) return register(m, st, "parameters", name, v);
  if (st.parameters.has(name)) {
    if (v !== null) throw new TypeError(`cannot assign '${pyTypeName(v)}' as parameter '${name}' (torch.nn.Parameter or None expected)`);
    st.parameters.set(name, null);
    return;
  }
  if (v instanceof Module) return register(m, st, "modules", name, v);
  if (st.modules.has(name)) {
    if (v !== null) throw new TypeError(`cannot assign '${pyTypeName(v)}' as child module '${name}' (torch.nn.Module or None expected)`);
    st.modules.set(name, null);
    return;
  }
  if (v !== null && !(v instanceof Tensor)) throw new TypeError(`cannot assign '${pyTypeName(v)}' as buffer '${name}' (torch.Tensor or None expected)`);
  st.buffers.set(name, v as Tensor | null);
}

function checkName(kind: "parameter" | "module" | "buffer", fn: string, m: Module, st: ModuleState, name: unknown, own: Registry): string {
  if (typeof name !== "string") throw new TypeError(`${fn}(): ${kind} name should be a string. Got ${pyTypeName(name)}`);
  if (name.includes(".")) throw new KeyError(kind === "module" ? `module name can't contain ".", got: ${name}` : `${kind} name can't contain "."`);
  if (name === "") throw new KeyError(`${kind} name can't be empty string ""`);
  if (name in m && !st[own].has(name)) throw new KeyError(`attribute '${name}' already exists`);
  return name;
}

const NAMED = ["prefix", "recurse", "removeDuplicate"] as const;
const NAMED_KINDS = ["str", "bool", "bool"] as const;
/** namedModules' prefix and removeDuplicate, positionally or in an options object. */
function named(fn: string, args: unknown[]): [string?, boolean?] {
  const o = moduleArgs<{ prefix?: string; removeDuplicate?: boolean }>(fn, ["prefix", "removeDuplicate"], ["str", "bool"], args);
  return [o.prefix, o.removeDuplicate];
}

/** The options of `namedParameters`, `namedBuffers` and `stateDict`. */
export interface NamedOptions {
  prefix?: string;
  recurse?: boolean;
  removeDuplicate?: boolean;
}

/** The callable signature every module has: `net(X)` is `net.forward(X)` plus hooks. */
export interface Module {
  (...args: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}

/**
 * Base class for all neural network modules. Subclass it, assign parameters and submodules
 * as fields (they register themselves), and define `forward`; call the module, not `forward`.
 * @example
 * class MLP extends nn.Module {
 *   hidden = new nn.Linear(20, 256);
 *   out = new nn.Linear(256, 10);
 *   forward(X: Tensor) { return this.out(F.relu(this.hidden(X))); }
 * }
 * const net = new MLP();
 * net(torch.rand(2, 20));   // shape [2, 10]
 */
export class Module {
  /** True in training mode (the default), false after `eval()`: Dropout and friends read it. */
  declare training: boolean;

  constructor() {
    const self = ((...args: unknown[]) => callModule(self, args)) as unknown as Module;
    // a function's own name and length are read-only: a subclass field `name` (or Sequential's length) needs them gone
    delete (self as unknown as { name?: string }).name;
    delete (self as unknown as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    const st: ModuleState = {
      parameters: new Map(),
      buffers: new Map(),
      modules: new Map(),
      nonPersistent: new Set(),
      accessors: new Set(),
      preHooks: new Map(),
      hooks: new Map(),
    };
    Object.defineProperty(self, STATE, { value: st, enumerable: false });
    Object.defineProperty(self, "training", { value: true, writable: true, enumerable: false, configurable: true });
    return self;
  }

  /** The computation, defined by every subclass. Call the module (`net(X)`) rather than this, so hooks run. */
  forward(..._args: any[]): any {
    throw new NotImplementedError(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  // ---- registration -------------------------------------------------------------------------
  /** Add a parameter (or null) under `name`; `this.name = new Parameter(t)` does the same. */
  registerParameter(name: string, param: Parameter | null): void {
    const st = sync(this);
    checkName("parameter", "registerParameter", this, st, name, "parameters");
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(`cannot assign '${pyTypeName(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    register(this, st, "parameters", name, param);
  }

  /** Add a child module (or null) under `name`, which may be any string without a dot ("block 0"). */
  addModule(name: string, module: Module | null): void {
    const st = sync(this);
    if (module !== null && !(module instanceof Module)) throw new TypeError(`${pyTypeName(module)} is not a Module subclass`);
    checkName("module", "addModule", this, st, name, "modules");
    register(this, st, "modules", name, module);
  }

  /** Alias of `addModule`. */
  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  /**
   * Add a buffer: a tensor that is part of the module's state (in `stateDict()` unless
   * `{ persistent: false }`) but not a parameter.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent?: boolean | { persistent?: boolean }): void {
    const options = moduleArgs<{ persistent?: boolean }>("registerBuffer", ["persistent"], ["bool"], [persistent]);
    const st = sync(this);
    checkName("buffer", "registerBuffer", this, st, name, "buffers");
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(`cannot assign '${pyTypeName(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    register(this, st, "buffers", name, tensor);
    if (options?.persistent === false) st.nonPersistent.add(name);
    else st.nonPersistent.delete(name);
  }

  /** The live registries (PyTorch's `_parameters`, `_buffers`, `_modules`): d2l's MySequential writes `_modules`. */
  get _parameters(): Map<string, Parameter | null> {
    return sync(this).parameters;
  }
  get _buffers(): Map<string, Tensor | null> {
    return sync(this).buffers;
  }
  get _modules(): Map<string, Module | null> {
    return sync(this).modules;
  }
  /** @internal The buffer names left out of the state dict. */
  get _nonPersistentBuffers(): Set<string> {
    return sync(this).nonPersistent;
  }

  // ---- traversal (PyTorch's orders: own members first, then children, depth first) ----------
  /** `[name, module]` for this module (name "") and every descendant, pre-order; a shared module once. */
  namedModules(memo?: Set<Module> | { prefix?: string; removeDuplicate?: boolean }, prefix?: string, removeDuplicate?: boolean): [string, Module][] {
    if (isPlainObject(memo)) [memo, prefix, removeDuplicate] = [undefined, ...named("namedModules", [memo]).slice(0, 2)] as [undefined, string?, boolean?];
    else [prefix = "", removeDuplicate = true] = named("namedModules", [prefix, removeDuplicate]);
    if (memo !== undefined && !(memo instanceof Set)) throw argTypeError("namedModules", "memo", 0, "set", memo);
    memo ??= new Set();
    prefix ??= "";
    removeDuplicate ??= true;
    const seen = memo;
    const out: [string, Module][] = [];
    const walk = (m: Module, pre: string) => {
      if (removeDuplicate) {
        if (seen.has(m)) return;
        seen.add(m);
      }
      out.push([pre, m]);
      for (const [name, child] of sync(m).modules) if (child !== null) walk(child, pre === "" ? name : `${pre}.${name}`);
    };
    walk(this, prefix);
    return out;
  }
  /** Every module of the tree, this one first. */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }
  /** `[name, child]` for the direct children (a child registered twice appears once). */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    for (const [name, m] of sync(this).modules) {
      if (m !== null && !seen.has(m)) {
        seen.add(m);
        out.push([name, m]);
      }
    }
    return out;
  }
  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  private namedMembers<T extends Tensor>(kind: "parameters" | "buffers", options: NamedOptions): [string, T][] {
    const { prefix = "", recurse = true, removeDuplicate = true } = options;
    const mods: [string, Module][] = recurse ? this.namedModules(new Set(), prefix, removeDuplicate) : [[prefix, this]];
    const seen = new Set<Tensor>();
    const out: [string, T][] = [];
    for (const [pre, m] of mods) {
      for (const [name, t] of sync(m)[kind]) {
        if (t === null || (removeDuplicate && seen.has(t))) continue;
        seen.add(t);
        out.push([pre === "" ? name : `${pre}.${name}`, t as T]);
      }
    }
    return out;
  }
  /**
   * `[name, parameter]` pairs: each module's own parameters, then its children's (`"0.weight"`,
   * `"net.2.bias"`); a parameter shared by two layers appears once.
   */
  namedParameters(prefix?: string | NamedOptions, recurse?: boolean, removeDuplicate?: boolean): [string, Parameter][] {
    const o = moduleArgs<NamedOptions>("namedParameters", NAMED, NAMED_KINDS, [prefix, recurse, removeDuplicate]);
    return this.namedMembers<Parameter>("parameters", o);
  }
  /** The parameters, in `namedParameters()` order (what an optimizer takes); `parameters(false)`: this module's own. */
  parameters(recurse?: boolean | { recurse?: boolean }): Parameter[] {
    const o = moduleArgs<NamedOptions>("parameters", ["recurse"], ["bool"], [recurse]);
    return this.namedMembers<Parameter>("parameters", o).map(([, p]) => p);
  }
  namedBuffers(prefix?: string | NamedOptions, recurse?: boolean, removeDuplicate?: boolean): [string, Tensor][] {
    return this.namedMembers<Tensor>("buffers", moduleArgs<NamedOptions>("namedBuffers", NAMED, NAMED_KINDS, [prefix, recurse, removeDuplicate]));
  }
  buffers(recurse?: boolean | { recurse?: boolean }): Tensor[] {
    const o = moduleArgs<NamedOptions>("buffers", ["recurse"], ["bool"], [recurse]);
    return this.namedMembers<Tensor>("buffers", o).map(([, b]) => b);
  }
  /** The submodule at a dotted path (`"net.0"`); "" is this module. */
  getSubmodule(target: string): Module {
    if (typeof target !== "string") throw argTypeError("getSubmodule", "target", 0, "str", target);
    if (target === "") return this;
    let m: Module = this;
    for (const item of target.split(".")) {
      const next = sync(m).modules.get(item);
      if (!(next instanceof Module)) {
        const has = item in m && (m as unknown as Record<string, unknown>)[item] !== undefined;
        throw new AttributeError(has ? `\`${item}\` is not an nn.Module` : `${m.constructor.name} has no attribute \`${item}\``);
      }
      m = next;
    }
    return m;
  }

  // ---- state dicts --------------------------------------------------------------------------
  /**
   * Every parameter and persistent buffer by dotted name, in PyTorch's order (own parameters,
   * own buffers, then each child's; a shared layer under each of its names). The values share
   * memory with the model.
   * @example new nn.Sequential(new nn.Linear(2, 1)).stateDict().keys()  // "0.weight", "0.bias"
   */
  stateDict(options?: StateDictOptions): OrderedDict<Tensor> {
    checkOptions("stateDict", options, ["prefix", "keepVars"]); // keyword-only, as current PyTorch's
    return stateDictOf(this, sync, moduleArgs<StateDictOptions>("stateDict", ["prefix", "keepVars"], ["str", "bool"], [options]));
  }
  /**
   * Copy a state dict's tensors into this module's parameters and buffers. Missing or unexpected
   * keys raise PyTorch's error unless `{ strict: false }`; either way they are returned.
   */
  loadStateDict(stateDict: StateDictLike, strict?: boolean | { strict?: boolean }): IncompatibleKeys {
    const o = moduleArgs<{ strict?: boolean }>("loadStateDict", ["strict"], ["bool"], [strict]);
    return loadStateDictInto(this, stateDict, o.strict ?? true, sync);
  }

  // ---- modes and in-place updates ------------------------------------------------------------
  /** Call `fn` on every child's tree (children first), then on this module; returns this. */
  apply(fn: (module: Module) => void): this {
    if (typeof fn !== "function") throw new TypeError(`apply(): argument 'fn' must be a function, not ${describeValue(fn)}`);
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }
  /** Set training mode on this module and its descendants; returns this. */
  train(mode = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }
  /** Evaluation mode (`train(false)`): Dropout becomes the identity. */
  eval(): this {
    return this.train(false);
  }
  /** Set `requiresGrad` on every parameter; returns this. */
  requiresGrad_(requiresGrad = true): this {
    if (typeof requiresGrad !== "boolean") throw argTypeError("requiresGrad_", "requires_grad", 0, "bool", requiresGrad);
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }
  /**
   * Reset the parameters' gradients: to null (current PyTorch's default, as optim's zeroGrad),
   * or to zeros with `{ setToNone: false }` (PyTorch 1.13's default).
   */
  zeroGrad(setToNone?: boolean | { setToNone?: boolean }): void {
    setToNone = moduleArgs<{ setToNone?: boolean }>("zeroGrad", ["setToNone"], ["bool"], [setToNone]).setToNone ?? true;
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (setToNone) p.grad = null;
      else noGrad(() => (g.gradFn !== null ? (p.grad = g.detach().zero_()) : g.zero_()));
    }
  }
  /**
   * Convert every floating-point parameter and buffer (and gradient) in place: `to(torch.float64)`,
   * `to("cpu")` (the only device). Parameters keep their identity, so an optimizer built before still holds them.
   */
  to(dtypeOrDevice: Tensor["dtype"] | string | Device | number): this {
    if (typeof dtypeOrDevice === "string" || typeof dtypeOrDevice === "number" || dtypeOrDevice instanceof Device) {
      empty([0]).to(dtypeOrDevice); // the tensor's checks and messages: the CPU is the only device of this build
      return this;
    }
    const dtype = dtypeOrDevice;
    if (dtype === undefined || dtype === null || typeof dtype !== "object" || !("isFloatingPoint" in dtype)) {
      throw new TypeError(`to(): argument 'dtype' must be torch.dtype or a device string, not ${describeValue(dtype)}`);
    }
    if (!dtype.isFloatingPoint) throw new TypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${dtype}`);
    return this._apply((t) => (t.dtype.isFloatingPoint ? t.to(dtype) : t));
  }
  /** The CPU is the only device: `cpu()` returns this, `cuda()` raises the tensor's error. */
  cpu(): this {
    return this;
  }
  cuda(): this {
    empty([0]).cuda();
    return this;
  }
  /** All floating-point parameters and buffers to float32. */
  float(): this {
    return this._apply((t) => (t.dtype.isFloatingPoint ? t.float() : t));
  }
  /** All floating-point parameters and buffers to float64. */
  double(): this {
    return this._apply((t) => (t.dtype.isFloatingPoint ? t.double() : t));
  }
  /** @internal PyTorch's `_apply`: convert parameters (in place, via `.data`), their grads, and buffers. */
  _apply(fn: (t: Tensor) => Tensor): this {
    for (const child of this.children()) child._apply(fn);
    const st = sync(this);
    noGrad(() => {
      for (const p of st.parameters.values()) {
        if (p === null) continue;
        const converted = fn(p.data);
        if (converted.dtype !== p.dtype || converted._storage.data !== p._storage.data) p.data = converted;
        const g = p.grad;
        if (g !== null) {
          const cg = fn(g);
          if (cg.dtype !== g.dtype) g.data = cg;
        }
      }
      for (const [name, b] of st.buffers) if (b !== null) st.buffers.set(name, fn(b));
    });
    return this;
  }

  // ---- hooks -------------------------------------------------------------------------------
  /** `hook(module, args)` runs before each forward; returning a value replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    if (typeof hook !== "function") throw new TypeError(`registerForwardPreHook(): argument 'hook' must be a function, not ${describeValue(hook)}`);
    const st = stateOf(this);
    const h = new RemovableHandle(st.preHooks as Map<number, unknown>);
    st.preHooks.set(h.id, hook);
    return h;
  }
  /** `hook(module, args, output)` runs after each forward; returning a value replaces the output. */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    if (typeof hook !== "function") throw new TypeError(`registerForwardHook(): argument 'hook' must be a function, not ${describeValue(hook)}`);
    const st = stateOf(this);
    const h = new RemovableHandle(st.hooks as Map<number, unknown>);
    st.hooks.set(h.id, hook);
    return h;
  }

  // ---- printing ----------------------------------------------------------------------------
  /** The text inside the parentheses of this module's line, e.g. `in_features=2, out_features=1, bias=True`. */
  extraRepr(): string {
    return "";
  }
  /** PyTorch's repr: nested, indented by two spaces per level. */
  toString(): string {
    return moduleRepr(this, sync(this).modules);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// Python raises on extra positional arguments; JavaScript would drop them (`net.train(true, {})`).
guardArity(Module, { registerParameter: 2, addModule: 2, registerModule: 2, registerBuffer: 3, namedModules: 3, modules: 0, namedChildren: 0, children: 0,
  namedParameters: 3, parameters: 1, namedBuffers: 3, buffers: 1, getSubmodule: 1, stateDict: 1, loadStateDict: 2, apply: 1, train: 1, eval: 0, requiresGrad_: 1,
  zeroGrad: 1, to: 1, cpu: 0, cuda: 0, float: 0, double: 0, registerForwardPreHook: 1, registerForwardHook: 1, extraRepr: 0, toString: 0 });
