/**
 * signature-checkers.generated.ts is what signature-codegen.testing.ts makes of every declared
 * signature (UPDATE_CHECKERS=1 rewrites it), and each generated checker behaves as the generic
 * one (signature-check.ts) on the same calls: same normalised arguments, same errors.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Signature } from "./signature";
import { compileSignature, declaredSignatures, signatureKey } from "./signature";
import { generateCheckers } from "./signature-codegen.testing";
import { GENERATED_CHECKERS } from "./signature-checkers.generated";

const FILE = path.join(__dirname, "signature-checkers.generated.ts");

describe("the generated checkers", () => {
  it("are up to date with the declared signatures", () => {
    const text = generateCheckers(declaredSignatures());
    if (process.env.UPDATE_CHECKERS === "1") fs.writeFileSync(FILE, text);
    expect(fs.readFileSync(FILE, "utf8"), "stale: run UPDATE_CHECKERS=1 npx vitest run packages/tensor/src/signature-generated.test.ts").toBe(text);
    for (const s of declaredSignatures()) expect(GENERATED_CHECKERS[signatureKey(s)], signatureKey(s)).toBeDefined();
  });
});

/** A deterministic stream of argument values: every kind's good and bad values, options objects built from the signature's keys. */
function valuesFor(sig: Signature, seed: number): () => unknown {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const t = torch.ones(2, 3);
  const half = torch.ones(2).half();
  const keys = [...sig.params.slice(1).filter((p) => !p.kind.startsWith("Tensor")).map((p) => p.name), "axis", "keepdims", "dimm"];
  const plain: unknown[] = [t, half, 0, 1, -1, 0.5, true, false, "1", null, undefined, undefined, undefined, [0, 1], [0.5], [t, t], [t, half], [], torch.float64, 2n, new Map()];
  const value = (): unknown => {
    if (rand(5) > 0) return plain[rand(plain.length)];
    const o: Record<string, unknown> = Object.create(rand(6) === 0 ? null : Object.prototype) as Record<string, unknown>;
    for (let k = rand(3); k >= 0; k--) o[keys[rand(keys.length)]] = plain[rand(plain.length)];
    return o;
  };
  return value;
}

type Outcome = { args: unknown[] } | { error: string } | { result: string };

function outcome(f: () => unknown, seen: unknown[][]): Outcome {
  seen.length = 0;
  try {
    const r = f();
    return seen.length === 1 && r === seen[0] ? { args: seen[0] } : { result: r instanceof torch.Tensor ? `Tensor ${r.dtype.scalarType} [${r.shape.join(", ")}]` : typeof r };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

describe("a generated checker and the generic one", () => {
  it("normalise alike and raise the same errors, for every declared signature (function and method forms)", () => {
    const sigs = new Map(declaredSignatures().map((s) => [signatureKey(s), s]));
    let calls = 0, accepted = 0;
    for (const sig of sigs.values()) {
      const seen: unknown[][] = [];
      const impl = (...a: unknown[]) => {
        seen.push(a);
        return a;
      };
      const wrap = (v: number | boolean) => torch.tensor(v);
      for (const method of [false, true]) {
        const gen = compileSignature(sig, impl as never, method, wrap) as (this: unknown, ...a: unknown[]) => unknown;
        const generic = compileSignature(sig, impl as never, method, wrap, true) as (this: unknown, ...a: unknown[]) => unknown;
        expect(gen.toString()).not.toBe(generic.toString());
        const value = valuesFor(sig, 7 + calls);
        for (let r = 0; r < 150; r++) {
          const self = method ? (r % 10 === 0 ? value() : torch.ones(2, 3)) : undefined;
          const args = Array.from({ length: r % 8 }, value);
          const a = outcome(() => gen.apply(self, args), seen);
          const b = outcome(() => generic.apply(self, args), seen);
          expect(a, `${signatureKey(sig)} ${method ? "method" : "function"} #${r}`).toEqual(b);
          calls++;
          if ("args" in a) accepted++;
        }
      }
    }
    // the stream reaches both the accepting and the refusing paths
    expect(accepted).toBeGreaterThan(calls / 20);
    expect(accepted).toBeLessThan(calls / 1.2);
  });
});
