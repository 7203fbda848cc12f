/**
 * The reader and checker of golden op fixtures (fixtures/golden.py's format:
 * ops.json, dtypes.json): per case a Python expression, its TypeScript twin,
 * the inputs and what PyTorch returned (or raised). `describeGolden` turns a
 * fixture into one vitest test per case, grouped by the case name's first word.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as util from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { Tensor } from "./tensor";
import type { DTypeName } from "./dtype";
import { evaluate } from "./fixture-expr.testing";

export type Num = number | boolean | string;
export interface Encoded {
  dtype: DTypeName;
  shape: number[];
  values: Num[];
}
export type Expected =
  | ({ kind: "tensor" } & Encoded)
  | { kind: "list"; items: Expected[] }
  | { kind: "value"; value: unknown }
  | { kind: "str"; value: string }
  | { kind: "error"; type: "RuntimeError" | "IndexError" | "TypeError" | "ValueError"; pyType: string; message: string };
export interface Case {
  name: string;
  py: string;
  js: string;
  /** name -> position in the fixture's shared `inputs` table */
  inputs: Record<string, number>;
  expect: Expected;
  /** compare tensor values bit for bit (-0 and NaN included): the op is exact in both libraries */
  exact?: boolean;
  /** an absolute tolerance the generator derived from the inputs (a sum's rounding scales with the sum of |x|) */
  atol?: number | null;
}


function decodeNum(v: Num): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number(v);
}

/** A fresh tensor holding the encoded dtype, shape and values. */
function makeTensor(e: Encoded): Tensor {
  const data = Float64Array.from(e.values.map(decodeNum));
  return torch.tensor(data, { dtype: torch.dtypes[e.dtype] }).reshape(e.shape);
}

/** Float tolerances: torchts computes float32 ops in double and rounds once, PyTorch in float (or SIMD float). */
const TOL: Record<string, { rtol: number; atol: number }> = {
  float32: { rtol: 2e-6, atol: 1e-6 },
  float64: { rtol: 1e-12, atol: 1e-12 },
};

function closeEnough(actual: number, expected: number, dtype: string): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  const tol = TOL[dtype];
  if (tol === undefined || expected === 0) return Object.is(actual, expected) || (tol !== undefined && actual !== 0 && Math.abs(actual) <= tol.atol);
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function describeValues(values: ArrayLike<number>): string {
  return `[${Array.from(values, (v) => (Object.is(v, -0) ? "-0" : String(v))).join(", ")}]`;
}

function checkTensor(actual: unknown, e: Extract<Expected, { kind: "tensor" }>, path: string, rtolScale: number, c?: Case): void {
  expect(actual, `${path}: a Tensor`).toBeInstanceOf(Tensor);
  const t = actual as Tensor;
  expect(t.dtype.name, `${path}: dtype`).toBe(e.dtype);
  expect([...t.shape], `${path}: shape`).toEqual(e.shape);
  const got = t.toTypedArray();
  const want = e.values.map(decodeNum);
  expect(got.length, `${path}: numel`).toBe(want.length);
  const tol = TOL[e.dtype];
  for (let i = 0; i < want.length; i++) {
    let ok: boolean;
    if (tol === undefined) ok = got[i] === want[i];
    else if (c?.exact === true) ok = Object.is(got[i], want[i]);
    else if (c?.atol != null && Number.isFinite(want[i])) ok = Math.abs(got[i] - want[i]) <= c.atol + tol.rtol * Math.abs(want[i]);
    else if (rtolScale !== 1 && Number.isFinite(want[i])) {
      ok = Math.abs(got[i] - want[i]) <= (tol.atol + tol.rtol * Math.abs(want[i])) * rtolScale;
    } else ok = closeEnough(got[i], want[i], e.dtype);
    if (!ok) {
      throw new Error(`${path}: element ${i} is ${got[i]}, PyTorch gives ${want[i]}\n  got  ${describeValues(got)}\n  want ${describeValues(want)}`);
    }
  }
}

function checkPlain(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}: length`).toBe(expected.length);
    expected.forEach((v, i) => checkPlain(a[i], v, `${path}[${i}]`));
  } else if (typeof expected === "boolean") {
    expect(actual, path).toBe(expected);
  } else {
    expect(typeof actual, `${path}: a number`).toBe("number");
    const want = decodeNum(expected as Num);
    if (!closeEnough(actual as number, want, "float32") && !(Number.isNaN(want) && Number.isNaN(actual as number))) {
      throw new Error(`${path}: ${String(actual)}, PyTorch gives ${want}`);
    }
  }
}

function check(actual: unknown, e: Expected, path: string, rtolScale: number, c?: Case): void {
  switch (e.kind) {
    case "tensor":
      return checkTensor(actual, e, path, rtolScale, c);
    case "str":
      // Python's str(); a dtype or Size compares by its string form
      expect(typeof actual === "string" ? actual : String(actual), path).toBe(e.value);
      return;
    case "value":
      return checkPlain(actual, e.value, path);
    case "list": {
      const items = actual instanceof Tensor || actual === null || typeof actual !== "object" ? null : Array.from(actual as Iterable<unknown>);
      expect(items, `${path}: a list`).not.toBeNull();
      expect(items!.length, `${path}: list length`).toBe(e.items.length);
      e.items.forEach((item, i) => check(items![i], item, `${path}[${i}]`, rtolScale, c));
      return;
    }
    case "error":
      throw new Error("unreachable");
  }
}

/** Which torchts error classes stand for a Python exception class. */
function matchesPythonError(err: unknown, pyType: string): boolean {
  if (!(err instanceof Error)) return false;
  switch (pyType) {
    case "IndexError":
      return err instanceof torch.IndexError;
    case "ValueError":
      return err instanceof torch.ValueError;
    case "TypeError":
      return err instanceof torch.TypeError; // DTypeError is a TypeError
    default:
      // PyTorch raises RuntimeError for dtype misuse too; torchts names those DTypeError
      return err instanceof torch.RuntimeError || err instanceof torch.DTypeError;
  }
}

/** Cases whose inputs make float32 results ill-conditioned (inverse, solve): looser tolerance. */
function toleranceScale(c: Case): number {
  return /linalg|solve|inv|norm|var|std|logsumexp|softmax/.test(c.py) ? 20 : 1;
}

function run(fixture: Fixture, c: Case, lib: object): unknown {
  const inputs = Object.fromEntries(Object.entries(c.inputs).map(([n, k]) => [n, makeTensor(fixture.inputs[k])]));
  return evaluate(c.js, { torch: lib, util, ...inputs });
}

export interface Fixture {
  torch: string;
  inputs: Encoded[];
  cases: Case[];
}

/** fixtures/<name>, parsed (`dir`: another package's fixtures directory). */
export function readFixture(name: string, dir = join(__dirname, "../fixtures")): Fixture {
  return JSON.parse(readFileSync(join(dir, name), "utf8")) as Fixture;
}

/** One test per case of `fixture`, each comparing torchts's result (or error) with PyTorch's. */
export interface GoldenOptions {
  /** also require torchts's error message to contain PyTorch's first line (else only the class) */
  messages?: boolean;
  /**
   * Messages worded differently on purpose, each PyTorch message (a regular expression) with the
   * torchts message it stands for and why: a case matching a pair passes the message check.
   */
  wordings?: readonly { pytorch: RegExp; torchts: RegExp; why: string }[];
  /** the torch namespace the cases run on (@torchts/autograd's, for gradients); this package's by default */
  torch?: object;
}

export function describeGolden(fixture: Fixture, options: GoldenOptions = {}): void {
  const groups = new Map<string, Case[]>();
  for (const c of fixture.cases) {
    const g = c.name.split(" ")[0];
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(c);
  }
  for (const [group, cases] of groups) {
    describe(group, () => {
      cases.forEach((c, i) => {
        it(`#${i} ${c.name} :: ${c.js}`, () => {
          const e = c.expect;
          if (e.kind === "error") {
            let thrown: unknown = undefined;
            let result: unknown;
            try {
              result = run(fixture, c, options.torch ?? torch);
            } catch (err) {
              thrown = err;
            }
            if (thrown === undefined) {
              throw new Error(`PyTorch raises ${e.pyType}: ${e.message}\n  but torchts returned ${util.inspect(result)}`);
            }
            if (!matchesPythonError(thrown, e.type)) {
              throw new Error(`PyTorch raises ${e.pyType}: ${e.message}\n  but torchts threw ${String(thrown)}`);
            }
            // torchts names the function first ("arange: step must be nonzero") and may add detail after
            const msg = (thrown as Error).message;
            const reworded = options.wordings?.some((w) => w.pytorch.test(e.message) && w.torchts.test(msg)) === true;
            if (options.messages === true && !msg.includes(e.message) && !reworded) {
              throw new Error(`PyTorch's message differs\n  PyTorch: ${e.message}\n  torchts: ${(thrown as Error).message}`);
            }
            return;
          }
          check(run(fixture, c, options.torch ?? torch), e, c.js, toleranceScale(c), c);
        });
      });
    });
  }
}
