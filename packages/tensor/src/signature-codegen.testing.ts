/**
 * Writes signature-checkers.generated.ts: for each declared op signature, the straight-line
 * TypeScript that checks a call of its function and of its method (what signature.ts once
 * compiled at run time with `new Function`; issue 21). signature-generated.test.ts compares
 * the committed file with this output, and rewrites it with UPDATE_CHECKERS=1:
 *
 *   UPDATE_CHECKERS=1 npx vitest run packages/tensor/src/signature-generated.test.ts
 *
 * Each entry is its own function literal, so V8 keeps per-op type feedback and inlines the
 * op's implementation: the speed issue 13 measured (the generic checker in signature-check.ts,
 * used for signatures that are not generated, shares one feedback vector across all ops).
 */
import type { Signature } from "./signature";
import { signatureKey } from "./signature";
import { ALIASES, KINDS, WORD_OPS } from "./signature-check";

/** The test each kind makes on a present value `v` (a TypeScript expression). */
const TEST: Record<string, string> = {
  Tensor: "v instanceof T",
  "Tensor|Number": 'v instanceof T || typeof v === "number" || typeof v === "boolean"',
  "Tensor|int[]": "v instanceof T || isInts(v)",
  "Tensor[]": "isTensors(v)",
  Number: 'typeof v === "number" || typeof v === "boolean"',
  float: 'typeof v === "number"',
  int: "Number.isInteger(v)",
  "int[]": "isInts(v)",
  "int[1]": "Number.isInteger(v) || isInts(v)",
  "int|int[]": "Number.isInteger(v) || isInts(v)",
  bool: 'typeof v === "boolean"',
  str: 'typeof v === "string"',
  ScalarType: "v instanceof DT",
  any: "true",
};

const RESERVED = /^(var|new|delete|in|do|if|for|with|typeof|void|this|switch|case|default|function|return|class|let)$/;

/** The factory of one entry: `(P) => function name(...) { ... }`, checking as signature-check.ts's `callChecked` does. */
function emitEntry(sig: Signature, method: boolean): string {
  const ps = sig.params;
  const first = method ? 1 : 0;
  const positional = ps.filter((p) => !p.kwOnly).length;
  const named = ps.filter((p, i) => i > 0 && !p.kind.startsWith("Tensor"));
  const hasOptions = named.length > 0;
  const v = (i: number) => `a${i}`;
  const slots: string[] = [];
  for (let i = first; i < positional; i++) slots.push(v(i));
  if (hasOptions) slots.push("opts");
  const argList = [...slots, "extra"].map((a) => `${a}?: unknown`);
  if (method) argList.unshift("this: unknown");
  const L: string[] = [];
  if (method) L.push("let a0: unknown = this;");
  for (let i = positional; i < ps.length; i++) L.push(`let ${v(i)}: unknown;`);
  // an options object closes the argument list: it may stand in any slot after the first tensor(s)
  if (hasOptions) {
    L.push("let o: Record<string, unknown> | undefined;");
    const optionSlots: string[] = [];
    for (let i = Math.max(first, 1); i < positional; i++) if (!ps[i].kind.startsWith("Tensor")) optionSlots.push(v(i));
    optionSlots.push("opts");
    optionSlots.forEach((s, k) => {
      const rest = slots.slice(slots.indexOf(s) + 1);
      const check = rest.length ? ` if (${rest.map((r) => `${r} !== undefined`).join(" || ")}) throw tooMany(P, [${rest.join(", ")}]);` : "";
      // (numbers, the usual arguments, fail the first test: no call for them)
      L.push(`${k === 0 ? "if" : "else if"} (typeof ${s} === "object" && isOptions(${s})) { o = ${s};${s === "opts" ? "" : ` ${s} = undefined;`}${check} }`);
    });
    L.push("else if (opts !== undefined) throw tooMany(P, [opts]);");
  }
  L.push(`if (extra !== undefined) throw tooMany(P, [${hasOptions ? "opts, " : ""}extra]);`);
  if (hasOptions) {
    const cases = named.map((p) => {
      const i = ps.indexOf(p);
      const keys = [p.name, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === p.name)];
      return `${keys.map((k) => `case ${JSON.stringify(k)}:`).join(" ")} if (x !== undefined) { if (${v(i)} !== undefined) throw duplicate(P, ${i}); ${v(i)} = x; } break;`;
    });
    L.push("if (o !== undefined) { const pr = Object.getPrototypeOf(o) as unknown; if (pr !== Object.prototype && pr !== null) throw unknownOption(P, \"\", o);");
    L.push(`for (const k in o) { const x = o[k]; switch (k) { ${cases.join(" ")} default: throw unknownOption(P, k, o); } } }`);
  }
  // the checks, in parameter order
  ps.forEach((p, i) => {
    if (method && i === 0) return;
    const a = v(i);
    const test = TEST[p.kind].replace(/\bv\b/g, a);
    if (p.nullable) L.push(`if (${a} === undefined || ${a} === null) ${a} = undefined; else if (!(${test})) throw badArg(P, ${i}, ${a});`);
    else if (p.hasDefault) L.push(`if (${a} === undefined) ${a} = D[${i}]; else if (!(${test})) throw badArg(P, ${i}, ${a});`);
    // (every kind's test but any's refuses undefined)
    else L.push(`if (${p.kind === "any" ? `${a} === undefined || ` : ""}!(${test})) throw badArg(P, ${i}, ${a});`);
  });
  // with a Tensor parameter there is always a tensor; else at least one Tensor|Number must be one
  const scalarTensors = ps.flatMap((p, i) => (p.kind === "Tensor|Number" ? [i] : []));
  if (scalarTensors.length > 0 && !ps.some((p) => p.kind === "Tensor")) {
    const none = scalarTensors.map((i) => `!(${v(i)} instanceof T)`).join(" && ");
    const s = scalarTensors[0];
    L.push(sig.numbersAsTensors ? `if (${none}) ${v(s)} = W(${v(s)} as number | boolean);` : `if (${none}) throw badArg(P, ${s}, ${v(s)});`);
  }
  // float16/bfloat16 operands go to their own implementation or raise
  const tensorParams = ps.flatMap((p, i) => (p.kind.startsWith("Tensor") ? [i] : []));
  const all = ps.map((_, i) => v(i)).join(", ");
  if (!WORD_OPS.has(sig.name) && tensorParams.length > 0) {
    const test = (i: number) =>
      ps[i].kind === "Tensor" && !ps[i].nullable ? `(${v(i)} as Tensor).dtype.code >= 8` : ps[i].kind === "Tensor[]" ? `isReduced(${v(i)})` : `(${v(i)} instanceof T && ${v(i)}.dtype.code >= 8)`;
    L.push(`if (${tensorParams.map(test).join(" || ")}) return reduced(P.fn, [${all}]);`);
  }
  L.push(`return I(${all});`);
  const usesD = ps.some((p, i) => p.hasDefault && !p.nullable && !(method && i === 0));
  const consts = ["I = P.impl", ...(usesD ? ["D = P.defs"] : []), ...(L.some((l) => l.includes("W(")) ? ["W = P.wrap"] : [])];
  const jsName = RESERVED.test(sig.name) ? `${sig.name}_` : sig.name;
  return `(P) => { const ${consts.join(", ")}; return function ${jsName}(${argList.join(", ")}) { ${L.join(" ")} }; }`;
}

/** The text of signature-checkers.generated.ts for `sigs` (each key once, sorted). */
export function generateCheckers(sigs: readonly Signature[]): string {
  const byKey = new Map<string, Signature>();
  for (const s of sigs) byKey.set(signatureKey(s), s);
  const keys = [...byKey.keys()].sort();
  for (const s of byKey.values()) for (const p of s.params) if (!(p.kind in KINDS)) throw new Error(`codegen: unknown kind ${p.kind}`);
  const lines = [
    "// GENERATED by signature-codegen.testing.ts from the op signatures: do not edit.",
    "// Regenerate: UPDATE_CHECKERS=1 npx vitest run packages/tensor/src/signature-generated.test.ts",
    "// Per signature key, the checked function and the checked method (see signature-check.ts for what each line checks).",
    "/* eslint-disable */",
    'import { DType } from "./dtype";',
    'import type { Checker } from "./signature-check";',
    'import * as H from "./signature-check";',
    'import { Tensor } from "./tensor";',
    "",
    "// Module constants, so that V8 folds them into each checker (an imported name is a property load per call).",
    "const { badArg, duplicate, isInts, isOptions, isReduced, isTensors, reduced, tooMany, unknownOption } = H;",
    "const T = Tensor, DT = DType;",
    "",
    "export const GENERATED_CHECKERS: Record<string, readonly [fn: Checker, method: Checker]> = {",
  ];
  for (const k of keys) {
    const s = byKey.get(k) as Signature;
    lines.push(`  ${JSON.stringify(k)}: [${emitEntry(s, false)},`);
    lines.push(`    ${emitEntry(s, true)}],`);
  }
  lines.push("};", "");
  return lines.join("\n");
}
