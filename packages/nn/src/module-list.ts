/**
 * nn.ModuleList and nn.ModuleDict: registered collections without a forward of their own.
 * Both keep their children in the module's ordered Map, so integer-like keys keep their order.
 */
import { TypeError, ValueError, argTypeError, describeValue } from "@torchts/autograd";
import { Module } from "./module";
import { KeyError, pyTypeName } from "./errors";
import { type ContainerIndex, parseIndex, position, sliceRange } from "./container-index";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** ModuleDict's keys are strings: a number is Python's KeyError (`md[1]`), anything else a TypeError (never a Symbol-to-string crash). */
function checkKey(fn: string, key: unknown): string {
  if (typeof key === "number") throw new KeyError(`${fn}: ${key}`);
  if (typeof key !== "string") throw argTypeError(fn, "key", 0, "str", key);
  return key;
}

function checkModule(fn: string, m: unknown): Module {
  if (!(m instanceof Module)) throw new TypeError(`${fn}: ${pyTypeName(m)} is not a Module subclass`);
  return m;
}

/** `list[i]` is the i-th module (typed loosely, as Sequential's). */
export interface ModuleList {
  readonly [index: number]: any;
}

/**
 * A list of modules, registered as "0", "1", ...
 * @example
 * const layers = new nn.ModuleList([new nn.Linear(4, 4), new nn.Linear(4, 2)]);
 * layers.length;   // 2
 * for (const layer of layers) x = layer(x);
 */
export class ModuleList extends Module {
  constructor(modules?: Iterable<Module>) {
    super();
    checkArity("ModuleList", arguments, 1);
    if (modules !== undefined) this.extend(modules);
  }
  override get length(): number {
    return this._modules.size;
  }
  /** `list[i]` (negative from the end), or a slice as a new ModuleList numbered from 0. */
  get(index: number): any;
  get(index: string | { start: number | null; stop: number | null; step: number | null }): ModuleList;
  get(index: ContainerIndex): any {
    const mods = [...this._modules.values()];
    const ix = parseIndex("ModuleList.get", index);
    if (typeof ix === "number") return mods[position(ix, mods.length)];
    return new ModuleList(sliceRange(ix, mods.length).map((i) => mods[i] as Module));
  }
  set(index: number, module: Module): void {
    const i = position(parseIndex("ModuleList.set", index) as number, this.length);
    (this as unknown as Record<string, Module>)[String(i)] = checkModule("ModuleList.set", module);
  }
  append(module: Module): this {
    this.addModule(String(this.length), checkModule("ModuleList.append", module));
    return this;
  }
  extend(modules: Iterable<Module>): this {
    if (modules === null || typeof (modules as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== "function") {
      throw new TypeError(`ModuleList.extend should be called with an iterable, but got ${describeValue(modules)}`);
    }
    for (const m of modules) this.append(m);
    return this;
  }
  insert(index: number, module: Module): void {
    if (typeof index !== "number" || !Number.isInteger(index)) throw argTypeError("ModuleList.insert", "index", 0, "int", index);
    checkModule("ModuleList.insert", module);
    const mods = [...this._modules.values()] as Module[];
    const n = mods.length;
    const at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    mods.splice(at, 0, module);
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    mods.forEach((m, i) => this.addModule(String(i), m));
  }
  /** Remove the module(s) at `index` (an integer or a slice) and renumber the rest "0", "1", ... (Python's `del list[i]`). */
  delete(index: ContainerIndex): void {
    const mods = [...this._modules.values()] as Module[];
    const ix = parseIndex("ModuleList.delete", index);
    const drop = new Set(typeof ix === "number" ? [position(ix, mods.length)] : sliceRange(ix, mods.length));
    for (const k of [...this._modules.keys()]) delete (this as unknown as Record<string, unknown>)[k];
    this._modules.clear();
    mods.filter((_, i) => !drop.has(i)).forEach((m, i) => this.addModule(String(i), m));
  }
  /** Remove and return the module at `index`. */
  pop(index: number): Module {
    const m = this.get(parseIndex("ModuleList.pop", index) as number) as Module;
    this.delete(index);
    return m;
  }
  [Symbol.iterator](): Iterator<Module> {
    return ([...this._modules.values()] as Module[])[Symbol.iterator]();
  }
}

/**
 * A dict of modules, in insertion order (keys may look like integers).
 * @example
 * const heads = new nn.ModuleDict({ cls: new nn.Linear(8, 10), box: new nn.Linear(8, 4) });
 * heads.get("cls");   // Linear(in_features=8, out_features=10, bias=True)
 */
export class ModuleDict extends Module {
  constructor(modules?: ReadonlyMap<string, Module> | Record<string, Module> | Iterable<[string, Module]>) {
    super();
    checkArity("ModuleDict", arguments, 1);
    if (modules !== undefined) this.update(modules);
  }
  override get length(): number {
    return this._modules.size;
  }
  get(key: string): any {
    const m = this._modules.get(checkKey("ModuleDict.get", key));
    if (m === undefined) throw new KeyError(`'${key}'`);
    return m;
  }
  set(key: string, module: Module): void {
    this.addModule(key, checkModule("ModuleDict.set", module));
  }
  has(key: string): boolean {
    return this._modules.has(checkKey("ModuleDict.has", key));
  }
  delete(key: string): Module {
    const m = this.get(checkKey("ModuleDict.delete", key)) as Module;
    delete (this as unknown as Record<string, unknown>)[key];
    this._modules.delete(key);
    return m;
  }
  /** Python's `pop(key)`: remove and return. */
  pop(key: string): Module {
    return this.delete(key);
  }
  clear(): void {
    for (const k of [...this._modules.keys()]) this.delete(k);
  }
  keys(): string[] {
    return [...this._modules.keys()];
  }
  values(): Module[] {
    return [...this._modules.values()] as Module[];
  }
  items(): [string, Module][] {
    return [...this._modules] as [string, Module][];
  }
  update(modules: ReadonlyMap<string, Module> | Record<string, Module> | Iterable<[string, Module]>): void {
    let entries: Iterable<[string, Module]>;
    if (modules instanceof Map) entries = modules;
    else if (modules !== null && typeof modules === "object" && Symbol.iterator in modules) entries = modules as Iterable<[string, Module]>;
    else if (modules !== null && typeof modules === "object") entries = Object.entries(modules);
    else throw new TypeError(`ModuleDict.update should be called with an iterable of key/value pairs, but got ${describeValue(modules)}`);
    let j = 0;
    for (const e of entries) {
      // PyTorch: "ModuleDict update sequence element #0 should be Iterable; is int", "... has length 1; 2 is required"
      if (!Array.isArray(e)) throw new TypeError(`ModuleDict update sequence element #${j} should be Iterable; is ${pyTypeName(e)}`);
      if (e.length !== 2) throw new ValueError(`ModuleDict update sequence element #${j} has length ${e.length}; 2 is required`);
      this.set(e[0] as string, e[1] as Module);
      j++;
    }
  }
  /** Iterates over the keys, as a Python dict. */
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
}
guardArity(ModuleList, { get: 1, set: 2, append: 1, extend: 1, insert: 2, delete: 1, pop: 1 });
guardArity(ModuleDict, { get: 1, set: 2, has: 1, delete: 1, pop: 1, clear: 0, keys: 0, values: 0, items: 0, update: 1 });
