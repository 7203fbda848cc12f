/**
 * The module API's arguments as PyTorch takes them: positionally in PyTorch's order
 * (`net.namedParameters("net", false)`, `net.loadStateDict(sd, false)`) or by name in one
 * trailing options object (`{ prefix: "net", recurse: false }`), each checked: an unknown key,
 * a value given both ways or a value of the wrong type raises, naming the method and argument.
 */
import { TypeError, argTypeError, checkOptions, isPlainObject } from "@torchts/autograd";

type Kind = "str" | "bool";

/** Fold `args` (positional values, then optionally one options object) into one object keyed by `names`. */
export function moduleArgs<T extends object>(fn: string, names: readonly string[], kinds: readonly Kind[], args: readonly unknown[]): T {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  const last = end > 0 ? args[end - 1] : undefined;
  const named = isPlainObject(last) ? (last as Record<string, unknown>) : null;
  const pos = args.slice(0, named === null ? end : end - 1);
  if (pos.length > names.length) throw new TypeError(`${fn}() takes at most ${names.length} argument(s) (${pos.length} given)`);
  const out: Record<string, unknown> = {};
  if (named !== null) {
    checkOptions(fn, named, names);
    for (const [k, v] of Object.entries(named)) {
      const i = names.indexOf(k);
      if (i < pos.length && pos[i] !== undefined) throw new TypeError(`${fn}() got multiple values for argument '${k}'`);
      out[k] = v;
    }
  }
  pos.forEach((v, i) => {
    if (v !== undefined) out[names[i]] = v;
  });
  names.forEach((k, i) => {
    const v = out[k];
    if (v === undefined) return;
    if (kinds[i] === "str" ? typeof v !== "string" : typeof v !== "boolean") throw argTypeError(fn, k, i, kinds[i], v);
  });
  return out as T;
}
