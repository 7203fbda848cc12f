/**
 * stateDict and loadStateDict with PyTorch's keys, order and messages (module.py 1378, 1599).
 *
 * stateDict: per module its own parameters, then its persistent buffers, then each child's
 * (every registered child, shared ones again: a tied layer's weight appears under both keys,
 * as the same memory). Values are detached aliases, so writing into them writes the model.
 *
 * loadStateDict copies under noGrad (with a cast: float64 into float32 is fine), reports
 * missing and unexpected keys (also with `strict: false`, which only stops them raising)
 * and raises on size mismatches and non-tensors whatever `strict` says.
 */
import { RuntimeError, Tensor, TypeError, isPlainObject, noGrad } from "@torchts/autograd";
import { pySize } from "@torchts/tensor/py-format";
import type { Module, ModuleState } from "./module";
import { OrderedDict } from "./ordered-dict";
import { pyTypeName } from "./errors";

type Sync = (m: Module) => ModuleState;

export interface StateDictOptions {
  /** Prepended to every key. */
  prefix?: string;
  /** Return the Parameters themselves instead of detached aliases. */
  keepVars?: boolean;
}

export function stateDictOf(root: Module, sync: Sync, options: StateDictOptions = {}): OrderedDict<Tensor> {
  const out = new OrderedDict<Tensor>();
  const keep = options.keepVars ?? false;
  const walk = (m: Module, prefix: string) => {
    const st = sync(m);
    for (const [name, p] of st.parameters) if (p !== null) out.set(prefix + name, keep ? p : p.detach());
    for (const [name, b] of st.buffers) if (b !== null && !st.nonPersistent.has(name)) out.set(prefix + name, keep ? b : b.detach());
    for (const [name, child] of st.modules) if (child !== null) walk(child, `${prefix}${name}.`);
  };
  walk(root, options.prefix ?? "");
  return out;
}

/** What loadStateDict returns (PyTorch's `_IncompatibleKeys`). */
export class IncompatibleKeys {
  constructor(
    readonly missingKeys: string[],
    readonly unexpectedKeys: string[],
  ) {}
  toString(): string {
    if (this.missingKeys.length === 0 && this.unexpectedKeys.length === 0) return "<All keys matched successfully>";
    const list = (ks: string[]) => `[${ks.map((k) => `'${k}'`).join(", ")}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missingKeys)}, unexpected_keys=${list(this.unexpectedKeys)})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** A state dict as given: a Map (ours, or any) or a plain object of tensors. */
export type StateDictLike = ReadonlyMap<string, unknown> | Record<string, unknown>;

export function loadStateDictInto(root: Module, stateDict: StateDictLike, strict: boolean, sync: Sync): IncompatibleKeys {
  let sd: Map<string, unknown>;
  if (stateDict instanceof Map) sd = new Map(stateDict);
  else if (isPlainObject(stateDict)) sd = new Map(Object.entries(stateDict));
  else throw new TypeError(`Expected state_dict to be dict-like, got <class '${pyTypeName(stateDict)}'>.`);
  const missing: string[] = [];
  const unexpected: string[] = [];
  const errors: string[] = [];
  const load = (m: Module, prefix: string) => {
    const st = sync(m);
    const local = new Map<string, Tensor>();
    for (const [name, p] of st.parameters) if (p !== null) local.set(name, p);
    for (const [name, b] of st.buffers) if (b !== null && !st.nonPersistent.has(name)) local.set(name, b);
    for (const [name, param] of local) {
      const key = prefix + name;
      if (!sd.has(key)) {
        missing.push(key);
        continue;
      }
      let input = sd.get(key);
      if (!(input instanceof Tensor)) {
        errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${pyTypeName(input)}'>`);
        continue;
      }
      if (param.ndim === 0 && input.ndim === 1) input = input.get(0); // PyTorch's backward compatibility for 0-d params
      const src = input as Tensor;
      if (src._shape.join() !== param._shape.join()) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${pySize(src._shape)} from checkpoint, ` +
            `the shape in current model is ${pySize(param._shape)}.`,
        );
        continue;
      }
      try {
        noGrad(() => param.copy_(src));
      } catch (e) {
        errors.push(
          `While copying the parameter named "${key}", whose dimensions in the model are ${pySize(param._shape)} and ` +
            `whose dimensions in the checkpoint are ${pySize(src._shape)}, an exception occurred : ${(e as Error).message}.`,
        );
      }
    }
    for (const key of sd.keys()) {
      if (!key.startsWith(prefix)) continue;
      const first = key.slice(prefix.length).split(".")[0];
      if (!st.modules.has(first) && !local.has(first)) unexpected.push(key);
    }
    for (const [name, child] of st.modules) if (child !== null) load(child, `${prefix}${name}.`);
  };
  load(root, "");
  if (strict) {
    if (unexpected.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
    if (missing.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
  }
  if (errors.length > 0) throw new RuntimeError(`Error(s) in loading state_dict for ${root.constructor.name}:\n\t${errors.join("\n\t")}`);
  return new IncompatibleKeys(missing, unexpected);
}
