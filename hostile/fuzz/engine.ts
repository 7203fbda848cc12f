/**
 * The hostile-argument fuzzer's engine: calls a target with one hostile value
 * in one argument slot (the other slots valid) and classifies what happens.
 *
 * OK     a TorchError naming what went wrong, or a legitimate result
 * BUG    a raw JavaScript error (TypeError "Cannot read properties", "is not a
 *        function", "is not iterable", RangeError "Invalid array length" ...),
 *        a TorchError whose message leaks one, a result holding NaN where no
 *        input did, a value no Python binding accepts (a Symbol, a BigInt, an
 *        options object with an unknown key, a Proxy) silently accepted, or a
 *        promise that never settles.
 * Deterministic: every tensor comes from fixed values or a seeded generator.
 */
import * as torch from "@torchts/autograd";
import { TorchError } from "@torchts/tensor";

export interface Hostile { label: string; make: () => unknown; }
const wrongTensor = () => torch.ones([2, 3, 5], { dtype: torch.int64 });
/** The hostile values, each made fresh per call (a callee may mutate it). */
export const HOSTILE: Hostile[] = [
  { label: "undefined", make: () => undefined },
  { label: "null", make: () => null },
  { label: "NaN", make: () => NaN },
  { label: "Infinity", make: () => Infinity },
  { label: "-1", make: () => -1 },
  { label: "1.5", make: () => 1.5 },
  { label: '"1"', make: () => "1" },
  { label: "[]", make: () => [] },
  { label: "[1,2]", make: () => [1, 2] },
  { label: "{}", make: () => ({}) },
  { label: "{bogus:1}", make: () => ({ bogus: 1 }) },
  { label: "int64[2,3,5]", make: wrongTensor },
  { label: "function", make: () => () => 1 },
  { label: "Symbol", make: () => Symbol("s") },
  { label: "1n", make: () => 1n },
  { label: "Proxy", make: () => new Proxy({}, {}) },
  { label: "Proxy(tensor)", make: () => new Proxy(torch.ones(2, 3), {}) },
];
/**
 * Values no PyTorch binding accepts anywhere: accepting one silently is a BUG. (The Proxy
 * wraps `{}` with no traps: JavaScript cannot tell it from `{}`, an empty options object,
 * so accepting it where options go is right; elsewhere it must fail like `{}`.)
 */
const NEVER_VALID = new Set(["Symbol", "1n", "{bogus:1}"]);

export interface Target {
  /** `pkg/name`, as the table prints it. */
  name: string;
  /** A valid argument list (made fresh per call). */
  args: () => unknown[];
  call: (args: unknown[]) => unknown;
  /** How many slots past the valid ones to fuzz too (a trailing options object); default 1. */
  extra?: number;
  /** Slot -> labels a hostile value legitimately passes with (argued at the recipe). */
  accepts?: Record<number, string[]>;
  /** Slot (or `.key` of the options) -> labels with which PyTorch's twin call gives NaN too (checked with PyTorch 1.13.1). */
  nanOK?: Record<number | string, string[]>;
  /** Fuzz only the options' keys, not the positional slots (the recipe's own arguments). */
  keysOnly?: boolean;
  /** The options object in `slot` (valid args hold it, or `{}`): each key is fuzzed too, and a value of the wrong kind accepted is a BUG. */
  options?: { slot: number; keys: Record<string, Kind> };
}

/** What an option takes: bool, a number (any), an integer, or anything (only NEVER_VALID is checked). */
export type Kind = "bool" | "num" | "int" | "any";
/** Per kind, the hostile labels a call may accept (undefined is absent; null is Python's None, a default in most places). */
const KIND_OK: Record<Kind, string[] | null> = {
  bool: ["undefined", "null"],
  num: ["undefined", "null", "NaN", "Infinity", "-1", "1.5"],
  int: ["undefined", "null", "-1"],
  any: null,
};

export type Verdict = "OK" | "BUG";
export interface Outcome { target: string; slot: number; value: string; verdict: Verdict; what: string; }

const RAW = /Cannot read|Cannot convert|is not a function|is not iterable|is not a constructor|undefined \(reading|Invalid array length|Invalid typed array|Maximum call|Cannot mix BigInt|private member|not defined/;

function hasNaN(v: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  if (typeof v === "number") return Number.isNaN(v);
  if (v instanceof torch.Tensor) {
    if (!v.dtype.isFloatingPoint || v.numel() === 0) return false;
    return v.detach().isnan().any().item() === true;
  }
  if (Array.isArray(v)) return v.slice(0, 16).some((x) => hasNaN(x, depth + 1));
  return false;
}

const settle = (p: Promise<unknown>, ms: number) =>
  Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`HANG: promise pending after ${ms} ms`)), ms).unref())]);

function classifyError(e: unknown): [Verdict, string] {
  const msg = (e as Error)?.message ?? String(e);
  const cls = (e as Error)?.constructor?.name ?? typeof e;
  const what = `${cls}: ${msg.split("\n")[0].slice(0, 140)}`;
  if (!(e instanceof TorchError)) return ["BUG", what];
  if (RAW.test(msg)) return ["BUG", what];
  return ["OK", what];
}

/** One call of `t` with `h` in `slot` (or, given `key`, as that key of the options object in `slot`). */
export async function fuzzOne(t: Target, slot: number, h: Hostile, key?: string): Promise<Outcome> {
  const base = { target: key === undefined ? t.name : `${t.name} .${key}`, slot, value: h.label };
  let args: unknown[];
  try {
    args = t.args();
  } catch (e) {
    return { ...base, verdict: "BUG", what: `recipe failed: ${(e as Error).message}` };
  }
  if (key !== undefined) {
    while (args.length <= slot) args.push(undefined);
    args[slot] = { ...((args[slot] as object | undefined) ?? {}), [key]: h.make() };
  } else if (slot < args.length) args[slot] = h.make();
  else {
    while (args.length < slot) args.push(undefined);
    args.push(h.make());
  }
  const inputNaN = h.label === "NaN";
  const nanOK = t.nanOK?.[key === undefined ? slot : `.${key}`] ?? [];
  try {
    let r = t.call(args);
    if (r instanceof Promise) r = await settle(r, 20000);
    if (!inputNaN && !nanOK.includes(h.label) && hasNaN(r)) return { ...base, verdict: "BUG", what: "result holds NaN" };
    if (NEVER_VALID.has(h.label) && !(t.accepts?.[slot] ?? []).includes(h.label)) return { ...base, verdict: "BUG", what: "accepted silently" };
    const kindOk = key === undefined ? null : KIND_OK[t.options!.keys[key]];
    if (kindOk && !kindOk.includes(h.label)) return { ...base, verdict: "BUG", what: `accepted for a ${t.options!.keys[key]} option` };
    return { ...base, verdict: "OK", what: "result" };
  } catch (e) {
    const [verdict, what] = classifyError(e);
    return { ...base, verdict, what };
  }
}

/** Every slot of every target, with every hostile value. */
export async function fuzzAll(targets: readonly Target[], trace?: (s: string) => void): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const t of targets) {
    let n: number;
    try {
      n = t.args().length + (t.extra ?? 1);
    } catch {
      n = 1 + (t.extra ?? 1);
    }
    for (let slot = 0; slot < (t.keysOnly ? 0 : n); slot++) for (const h of HOSTILE) {
      trace?.(`${t.name} slot ${slot} ${h.label}`);
      torch.manualSeed(0);
      out.push(await fuzzOne(t, slot, h));
    }
    for (const key of Object.keys(t.options?.keys ?? {})) for (const h of HOSTILE) {
      trace?.(`${t.name} .${key} ${h.label}`);
      torch.manualSeed(0);
      out.push(await fuzzOne(t, t.options!.slot, h, key));
    }
  }
  return out;
}

/** Instance methods of `make()`'s object (own class chain, accessors and `_private` skipped). */
export function methodTargets(
  name: string,
  make: () => any,
  methodArgs: Record<string, () => unknown[]> = {},
  skip: readonly string[] = [],
  accepts: Record<string, Record<number, string[]>> = {},
): Target[] {
  const o = make();
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(o); p && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) {
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (k !== "constructor" && !k.startsWith("_") && typeof d?.value === "function" && !skip.includes(k)) names.add(k);
    }
  }
  return [...names].map((m) => ({
    name: `${name}#${m}`,
    args: Object.hasOwn(methodArgs, m) ? methodArgs[m] : () => [],
    call: (a: unknown[]) => { const obj = make(); return obj[m](...a); },
    accepts: Object.hasOwn(accepts, m) ? accepts[m] : undefined,
  }));
}

/** A compact table: one line per (target, slot, value) BUG, plus counts. */
export function table(outs: readonly Outcome[]): string {
  const bugs = outs.filter((o) => o.verdict === "BUG");
  const lines = bugs.map((o) => `BUG  ${o.target.padEnd(40)} slot ${o.slot} ${o.value.padEnd(13)} ${o.what}`);
  lines.push(`${outs.length} calls, ${bugs.length} BUG`);
  return lines.join("\n");
}
