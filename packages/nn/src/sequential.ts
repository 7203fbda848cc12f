/**
 * nn.Sequential: modules run in order, each output the next one's input. Children are
 * registered under "0", "1", ... (or the names of a Map given to the constructor) in an
 * ordered Map, and each name is also a property: `net[0]`, `rgnet[0][1][0].bias`.
 * Negative indices and slices go through `net.get(-1)`, `net.get("1:3")`.
 */
import { type Tensor, TypeError } from "@torchts/autograd";
import { Module } from "./module";
import { pyTypeName } from "./errors";
import { type ContainerIndex, parseIndex, position, sliceRange } from "./container-index";

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
    (this as unknown as Record<string, Module>)[key] = module;
  }

  /** Remove the module(s) at `index` and renumber the rest "0", "1", ... (Python's `del net[i]`). */
  delete(index: ContainerIndex): void {
    const entries = [...this._modules];
    const ix = parseIndex("Sequential.delete", index);
    const drop = new Set(typeof ix === "number" ? [position(ix, entries.length)] : sliceRange(ix, entries.length));
    const keep = entries.filter((_, i) => !drop.has(i)).map(([, m]) => m);
    for (const [k] of entries) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    keep.forEach((m, i) => this.addModule(String(i), m));
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
    const n = this.length;
    if (!(-n <= index && index <= n)) throw new TypeError(`Index out of range: ${index}`);
    const at = index < 0 ? index + n : index;
    const mods = [...this._modules.values()] as Module[];
    mods.splice(at, 0, module);
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    mods.forEach((m, i) => this.addModule(String(i), m));
    return this;
  }

  /** Append every module of an iterable; returns this. */
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
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
