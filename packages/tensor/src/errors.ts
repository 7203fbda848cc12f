/**
 * Typed errors: the one hierarchy every torchts package extends (data's
 * ParserError, plot's PlotError, probability's distributions all throw
 * TorchError subclasses). Each mirrors the Python exception PyTorch raises, so a
 * user can `catch (e) { if (e instanceof IndexError) ... }` as they would in
 * Python, and `e instanceof TorchError` tells a torchts error from any other.
 * Messages name the op, every shape involved and the offending dimension.
 *
 * This module imports nothing, so that `@torchts/tensor/errors` loads it alone
 * (plot depends on that subpath only, not on the kernels).
 */
export class TorchError extends Error {
  override name = "TorchError";
}
/** PyTorch's RuntimeError: shape mismatches, invalid views, autograd misuse. */
export class RuntimeError extends TorchError {
  override name = "RuntimeError";
}
/** PyTorch's IndexError: an index or a dim out of range. */
export class IndexError extends TorchError {
  override name = "IndexError";
}
/**
 * Python's TypeError, as PyTorch raises it: a call with the wrong kind of
 * argument (`len()` of a 0-d tensor, a tuple where one dim is expected).
 * Inside torchts it shadows the global `TypeError`, which torchts never throws.
 */
export class TypeError extends TorchError {
  override name = "TypeError";
}
/** A TypeError about dtypes: invalid dtype combinations, an op a dtype does not support. */
export class DTypeError extends TypeError {
  override name = "DTypeError";
}
/** PyTorch's ValueError. */
export class ValueError extends TorchError {
  override name = "ValueError";
}
/** Python's NotImplementedError: a case PyTorch itself does not implement (e.g. `kl_divergence` for an unregistered pair). */
export class NotImplementedError extends TorchError {
  override name = "NotImplementedError";
}

/**
 * Python's error for a call with more positional arguments than a method takes
 * (`x.detach(1)`: "detach() takes 0 positional arguments but 1 was given"): an
 * extra argument is refused, never ignored.
 * @example if (arguments.length > 0) throw tooManyArguments("detach", 0, arguments.length)
 */
export function tooManyArguments(fn: string, max: number, given: number): TypeError {
  return new TypeError(`${fn}() takes ${max} positional argument${max === 1 ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`);
}

/** `[2,3]` — the compact shape form used in every message. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

// ---- Argument checks at the public boundary, as PyTorch's Python binding makes them: every
// message names the function and the argument, and says what was given. Plain-JavaScript callers
// (and values typed any) get no help from the types, so x.add([1, 2]) or sum({ keepDim }) must fail
// here, never later as NaN or as 'Cannot read properties of undefined'. Kept in this import-free
// module so that every package (plot too, through @torchts/tensor/errors) can use them.

/**
 * How a message names a JavaScript value's kind: `Array`, `string`, `undefined`,
 * `null`, `number`, a class name for instances, `object` for plain objects.
 */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "Array";
  const t = typeof v;
  if (t !== "object") return t;
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  const name = proto?.constructor?.name;
  return proto === null || proto === Object.prototype || !name ? "object" : name;
}

/** `fn(): argument 'name' (position k) must be <expected>, not <what was given>` — PyTorch's wording. */
export function argTypeError(fn: string, name: string, position: number | undefined, expected: string, value: unknown): TypeError {
  const where = position === undefined ? "" : ` (position ${position})`;
  return new TypeError(`${fn}(): argument '${name}'${where} must be ${expected}, not ${describeValue(value)}`);
}

/** True for `{...}` literals and `Object.create(null)`: what an options argument may be. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || proto === Object.prototype;
}

// ---- Too many positional arguments: Python raises `f() takes from 1 to 2 positional arguments
// but 3 were given`; JavaScript silently drops extras, so `net.train(true, { bogus: 1 })` or
// `loader.fetch(idx, 0)` would go unnoticed. `guardArity` wraps a class's listed methods once, at
// its definition (the table holds the declared parameter counts, the options object included).
/** `fn() takes at most 2 arguments (3 given)`: the wording PyTorch's C bindings use. */
export function tooManyArgsError(fn: string, most: number, given: number): TypeError {
  return new TypeError(`${fn}() takes at most ${most} argument${most === 1 ? "" : "s"} (${given} given)`);
}

/** How many arguments a call gave, trailing `undefined`s not counted (JavaScript's "absent"). */
function given(args: ArrayLike<unknown>): number {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return n;
}

/** Throws unless at most `most` arguments were given (call as `checkArity("fn", arguments, 2)`). */
export function checkArity(fn: string, args: ArrayLike<unknown>, most: number): void {
  const n = given(args);
  if (n > most) throw tooManyArgsError(fn, most, n);
}

/**
 * Wraps each `table` method of `cls.prototype` so that more than `table[m]` arguments
 * (trailing `undefined`s aside) throw a TypeError naming `Class.m`. Subclasses that
 * override a method keep their own. With `ownOnly`, methods the class inherits are skipped
 * (one table for a family of classes, each wrapping only what it defines).
 * @example guardArity(Timer, { start: 0, stop: 0 });  new Timer().start(1) // TypeError: Timer.start() takes at most 0 arguments (1 given)
 */
export function guardArity(cls: { prototype: object; name: string }, table: Record<string, number>, { ownOnly = false } = {}): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const [m, most] of Object.entries(table)) {
    if (ownOnly && !Object.hasOwn(proto, m)) continue;
    const d = Object.getOwnPropertyDescriptor(proto, m);
    const f = d?.value;
    if (typeof f !== "function") throw new TypeError(`guardArity: ${cls.name}.${m} is not a method`);
    const fn = `${cls.name}.${m}`;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      if (args.length > most && given(args) > most) throw tooManyArgsError(fn, most, given(args));
      return f.apply(this, args);
    };
    Object.defineProperty(wrapped, "name", { value: m });
    Object.defineProperty(wrapped, "length", { value: f.length });
    Object.defineProperty(proto, m, { ...d, value: wrapped });
  }
}

/** Levenshtein distance, capped: only small distances matter for a suggestion. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]++;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The accepted key a misspelt one most resembles (case, underscores, a prefix, or up to 2 edits), if any. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/_/g, "");
  const exact = allowed.find((k) => norm(k) === norm(key));
  if (exact !== undefined) return exact;
  // a truncated or extended name: `index` for `indexing`, `lrs` for `lr`
  const prefix = allowed.find((k) => Math.min(k.length, key.length) >= 2 && (norm(k).startsWith(norm(key)) || norm(key).startsWith(norm(k))));
  if (prefix !== undefined) return prefix;
  let best: string | undefined;
  let bestD = 3;
  for (const k of allowed) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/**
 * Checks an options object: absent (`undefined`) or a plain object whose keys
 * are all in `allowed`. An unknown key names itself, the key it resembles and
 * every key the function accepts — PyTorch's "received an invalid combination
 * of arguments", said precisely.
 * @example checkOptions("sum", { keepDim: true }, ["dim", "keepdim", "dtype"])
 * // TypeError: sum(): unknown option 'keepDim' (did you mean 'keepdim'?); sum() accepts: dim, keepdim, dtype
 */
export function checkOptions(fn: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (!isPlainObject(options)) throw new TypeError(`${fn}(): options must be a plain object, not ${describeValue(options)}`);
  for (const key in options) {
    if (allowed.includes(key)) continue;
    const hint = suggestKey(key, allowed);
    const accepts = allowed.length ? `${fn}() accepts: ${allowed.join(", ")}` : `${fn}() takes no options`;
    throw new TypeError(`${fn}(): unknown option '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}; ${accepts}`);
  }
}
