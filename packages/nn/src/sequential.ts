/**
 * nn.Sequential: modules run in order, each output the next one's input. Children are
 * registered under "0", "1", ... (or the names of a Map given to the constructor, or of
 * `addModule`) in an ordered Map, and each name is also a property. `net[i]` is the module
 * at position i whatever its name, as PyTorch's `__getitem__`: a child named "block 1" is
 * both `net["block 1"]` and `net[1]` (`rgnet[0][1][0].bias`, d2l's nested blocks).
 * Negative indices and slices go through `net.get(-1)`, `net.get("1:3")`.
 */
import { type Tensor, TypeError, argTypeError } from "@torchts/autograd";
import { Module } from "./module";

// the positional accessors a Sequential installed over names that are not its positions
const POSITIONAL = Symbol("torchts.nn.Sequential.positional");
type Positional = { [POSITIONAL]?: Set<string> };
import { pyTypeName } from "./errors";
import { type ContainerIndex, parseIndex, position, sliceRange } from "./container-index";
import { guardArity } from "@torchts/tensor/errors";

/**
 * `net[i]` on a Sequential is the i-th module, typed loosely (`any`) so that the notes'
 * `net[0].weight.data.normal_(0, 0.01)` and `rgnet[0][1][0].bias` type-check in notebooks.
 */
export interface Sequential {
  readonly [index: number]: any;
}

/**
 * A chain of modules.
 * @example
 * const net = new nn.Sequential(new nn.Linear(2, 1));
 * net[0].weight.data.normal_(0, 0.01);
 * net(torch.rand(10, 2));           // shape [10, 1]
 * new nn.Sequential(new Map([["hidden", new nn.Linear(4, 8)], ["act", new nn.ReLU()]]));
 */
export class Sequential extends Module {
  constructor(...args: Module[] | [ReadonlyMap<string, Module>]) {
    super();
    if (args.length === 1 && args[0] instanceof Map) {
      for (const [name, m] of args[0]) this.addModule(name, m);
    } else {
      (args as unknown[]).forEach((m, i) => {
        if (!(m instanceof Module)) throw new TypeError(`${pyTypeName(m)} is not a Module subclass`);
        this.addModule(String(i), m);
      });
    }
  }

  /**
   * Register `module` under `name` (PyTorch's `add_module`); `net[i]` stays positional. A name
   * equal to a position number that a positional accessor holds takes that property back first.
   */
  override addModule(name: string, module: Module | null): void {
    const own = positional(this);
    if (own.has(name) && !this._modules.has(name)) {
      delete (this as unknown as Record<string, unknown>)[name];
      own.delete(name);
    }
    try {
      super.addModule(name, module);
    } finally {
      this.indexPositions();
    }
  }

  /**
   * Install `net[i]` for every position i whose child is not named `String(i)`: a getter of the
   * i-th child (computed on each read, so it follows later changes) and a setter through `set(i, m)`.
   */
  private indexPositions(): void {
    const own = positional(this);
    const keys = [...this._modules.keys()];
    keys.forEach((key, i) => {
      const k = String(i);
      if (key === k || own.has(k)) return;
      own.add(k);
      Object.defineProperty(this, k, {
        get: () => [...this._modules.values()][i],
        set: (m: Module) => this.set(i, m),
        enumerable: false,
        configurable: true,
      });
    });
  }

  /** The number of modules (Python's `len(net)`). */
  override get length(): number {
    return this._modules.size;
  }

  /** `net[i]` (negative from the end), or a slice as a new Sequential keeping the original names: `net.get("1:3")`. */
  get(index: number): any;
  get(index: string | { start: number | null; stop: number | null; step: number | null }): any;
  get(index: ContainerIndex): any {
    const entries = [...this._modules];
    const ix = parseIndex("Sequential.get", index);
    if (typeof ix === "number") return entries[position(ix, entries.length)][1];
    return new Sequential(new Map(sliceRange(ix, entries.length).map((i) => entries[i] as [string, Module])));
  }

  /** Replace the module at position `index` (Python's `net[i] = m`). */
  set(index: number, module: Module): void {
    const keys = [...this._modules.keys()];
    const key = keys[position(parseIndex("Sequential.set", index) as number, keys.length)];
    if (!(module instanceof Module)) throw new TypeError(`${pyTypeName(module)} is not a Module subclass`);
    this.addModule(key, module); // in place: the key keeps its position
  }

  /** Remove the module(s) at `index` and renumber the rest "0", "1", ... (Python's `del net[i]`). */
  delete(index: ContainerIndex): void {
    const entries = [...this._modules];
    const ix = parseIndex("Sequential.delete", index);
    const drop = new Set(typeof ix === "number" ? [position(ix, entries.length)] : sliceRange(ix, entries.length));
    const keep = entries.filter((_, i) => !drop.has(i)).map(([, m]) => m);
    this.forgetNames(entries.map(([k]) => k));
    keep.forEach((m, i) => this.addModule(String(i), m));
  }

  /** Unregister every child and remove its accessor and the positional ones, before renumbering. */
  private forgetNames(keys: string[]): void {
    const own = positional(this);
    for (const k of [...keys, ...own]) delete (this as unknown as Record<string, unknown>)[k];
    own.clear();
    this._modules.clear();
  }

  /** Add a module at the end (key `String(length)`); returns this. */
  append(module: Module): this {
    if (!(module instanceof Module)) throw new TypeError(`${pyTypeName(module)} is not a Module subclass`);
    this.addModule(String(this.length), module);
    return this;
  }

  /** Insert a module before position `index`. */
  insert(index: number, module: Module): this {
    if (!(module instanceof Module)) throw new TypeError(`module should be of type: Module, not ${pyTypeName(module)}`);
    if (typeof index !== "number" || !Number.isInteger(index)) throw argTypeError("Sequential.insert", "index", 0, "int", index);
    const n = this.length;
    if (!(-n <= index && index <= n)) throw new TypeError(`Index out of range: ${index}`);
    const at = index < 0 ? index + n : index;
    const mods = [...this._modules.values()] as Module[];
    mods.splice(at, 0, module);
    this.forgetNames([...this._modules.keys()]);
    mods.forEach((m, i) => this.addModule(String(i), m));
    return this;
  }

  /** Append every module of an iterable; returns this. */
  extend(modules: Iterable<Module>): this {
    if (modules === null || typeof (modules as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== "function") {
      throw new TypeError(`Sequential.extend should be called with an iterable, but got ${pyTypeName(modules)}`);
    }
    for (const m of modules) this.append(m);
    return this;
  }

  /** Remove and return the module at `index` (Python's `net.pop(i)`); the rest are renumbered. */
  pop(index: number): Module {
    const m = this.get(parseIndex("Sequential.pop", index) as number) as Module;
    this.delete(index);
    return m;
  }

  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()].filter((m) => m !== null) as Module[])[Symbol.iterator]();
  }

  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const m of this._modules.values()) if (m !== null) x = m(x);
    return x as Tensor;
  }
}

function positional(net: Sequential): Set<string> {
  const holder = net as unknown as Positional;
  if (holder[POSITIONAL] === undefined) Object.defineProperty(holder, POSITIONAL, { value: new Set<string>(), enumerable: false });
  return holder[POSITIONAL]!;
}
guardArity(Sequential, { addModule: 2, get: 1, set: 2, delete: 1, append: 1, insert: 2, extend: 1, pop: 1, forward: 1 });
