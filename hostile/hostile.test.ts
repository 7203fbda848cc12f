/**
 * Runs the hostile-call table (README.md): every row's `js` call against the
 * verdict Python gave its `py` twin. A row fails when torchts accepts what
 * Python rejects, rejects what Python accepts, computes a different value, or
 * fails with an error that is not a TorchError naming the function and argument.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Tensor, TorchError, manualSeed } from "@torchts/tensor";
import { context } from "./context";

type Row = { id: string; js: string; py: string; mentions?: string[]; error?: string; reason?: string; compare?: boolean };
type Encoded = { tensor?: unknown; dtype?: string; shape?: number[]; number?: number | string; repr?: string };
type Verdict = { ok: true; value: Encoded } | { ok: false; error: string[]; message: string };

// torchts classes whose Python counterparts have other names
const ALIASES: Record<string, string[]> = {
  FileError: ["OSError", "FileNotFoundError", "IsADirectoryError", "NotADirectoryError", "PermissionError"],
  DTypeError: ["TypeError"],
};
const INTERNAL = ["Cannot read properties", "is not a function", "undefined (reading", "is not iterable", "Invalid typed array length", "Maximum call stack"];

const names = Object.keys(context);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
function compile(js: string): (...a: unknown[]) => Promise<unknown> {
  return new AsyncFunction(...names, /\breturn\b/.test(js) ? js : `return (${js});`);
}

/** The class names of an error, most derived first, with their Python aliases. */
function classChain(e: unknown): string[] {
  const out: string[] = [];
  for (let p = Object.getPrototypeOf(e); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const n = (p.constructor as { name: string }).name;
    out.push(n, ...(ALIASES[n] ?? []));
  }
  return out;
}

const decode = (v: unknown): unknown => (Array.isArray(v) ? v.map(decode) : v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : v);

function close(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => close(x, b[i]));
  const x = typeof a === "boolean" ? Number(a) : typeof a === "bigint" ? Number(a) : a;
  const y = typeof b === "boolean" ? Number(b) : b;
  if (typeof x !== "number" || typeof y !== "number") return false;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return x === y || Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;
}

const rowsDir = join(__dirname, "rows");
for (const file of readdirSync(rowsDir).filter((f) => f.endsWith(".json")).sort()) {
  const rows = JSON.parse(readFileSync(join(rowsDir, file), "utf8")) as Row[];
  const verdicts = JSON.parse(readFileSync(join(__dirname, "verdicts", file), "utf8")) as Record<string, Verdict>;
  describe(file.replace(/\.json$/, ""), () => {
    it("every row has a verdict from gen_verdicts.py, and ids are unique and prefixed", () => {
      const pkg = file.replace(/\.json$/, "");
      expect(rows.filter((r) => !(r.id in verdicts)).map((r) => r.id)).toEqual([]);
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(rows.filter((r) => !r.id.startsWith(`${pkg}/`)).map((r) => r.id)).toEqual([]);
    });
    for (const row of rows) {
      it(`${row.id}: ${row.js}`, async () => {
        const v = verdicts[row.id];
        manualSeed(0);
        let result: unknown;
        let thrown: unknown;
        let threw = false;
        try {
          result = await compile(row.js)(...names.map((n) => context[n]));
        } catch (e) {
          threw = true;
          thrown = e;
        }
        if (!v.ok || row.error !== undefined) {
          const python = v.ok ? `Python succeeded, torchts deliberately raises ${row.error} (${row.reason})` : `Python raised ${v.error[0]}: ${v.message}`;
          expect(threw, `${python}\ntorchts returned ${String(result)}`).toBe(true);
          const msg = (thrown as Error)?.message ?? String(thrown);
          expect(thrown instanceof TorchError, `not a TorchError: ${String(thrown)}`).toBe(true);
          for (const bad of INTERNAL) expect(msg).not.toContain(bad);
          const expected = row.error ? [row.error] : v.ok ? [] : v.error.filter((n) => n !== "Exception");
          const chain = classChain(thrown);
          expect(
            expected.some((n) => chain.includes(n)),
            `torchts threw ${chain[0]}: ${msg}\n${python}`,
          ).toBe(true);
          for (const word of row.mentions ?? []) expect(msg, `message should name '${word}'`).toContain(word);
          return;
        }
        if (threw) throw new Error(`Python succeeded (${JSON.stringify(v.value).slice(0, 200)}); torchts threw: ${String(thrown)}`);
        if (row.compare === false) return;
        const want = v.value;
        if (want.tensor !== undefined && result instanceof Tensor) {
          expect(result.shape.slice(), "shape").toEqual(want.shape);
          expect(result.dtype.name, "dtype").toBe(want.dtype);
          const got = result.tolist();
          expect(close(got, decode(want.tensor)), `values: ${JSON.stringify(got)} vs ${JSON.stringify(want.tensor)}`).toBe(true);
        } else if (want.number !== undefined && (typeof result === "number" || typeof result === "boolean")) {
          expect(close(result, decode(want.number)), `${String(result)} vs ${want.number}`).toBe(true);
        }
      });
    }
  });
}
