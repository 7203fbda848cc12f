/**
 * Every code example of sections 1.1 (n-dimensional tensors) and 1.3 (linear
 * algebra) of /work/shared/reference/d2l-notes-zh.txt, translated line by line
 * (see docs/pytorch-to-torchts.md), must print what PyTorch 1.13 prints.
 * The expected strings come from fixtures/gen_ops.py (fixtures/notes.json).
 *
 * The notes use two names they never define: `Y` in 1.1 and `y` in 1.3; the
 * fixture takes d2l's originals (a float 3x4 matrix, and ones of x's size).
 * `torch.mv(A, x)` and `torch.mm(A, A)` raise in PyTorch (5x4 times a 10-vector,
 * 5x4 times 5x4): torchts must raise too; the working forms are checked as well.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as util from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { Tensor } from "./tensor";

interface Note {
  repr?: string;
  dtype?: string;
  shape?: number[];
  value?: unknown;
  error?: string;
  message?: string;
}
const notes = (JSON.parse(readFileSync(join(__dirname, "../fixtures/notes.json"), "utf8")) as { notes: Record<string, Note> }).notes;
const checked = new Set<string>();

/** `value` prints (toString / util.inspect) exactly as PyTorch printed the same expression. */
function prints(key: string, value: unknown): void {
  const n = notes[key];
  expect(n, `fixture has "${key}"`).toBeDefined();
  checked.add(key);
  if (value instanceof Tensor) {
    expect(value.toString()).toBe(n.repr);
    expect(util.inspect(value)).toBe(n.repr);
    expect(value.dtype.name).toBe(n.dtype);
    expect([...value.shape]).toEqual(n.shape);
  } else {
    expect(String(value)).toBe(n.repr);
  }
}

/** PyTorch raised here; torchts must raise the matching error. */
function raises(key: string, f: () => unknown, pattern: RegExp): void {
  const n = notes[key];
  expect(n?.error, `fixture has an error for "${key}"`).toBe("RuntimeError");
  checked.add(key);
  expect(f).toThrow(pattern);
  try {
    f();
  } catch (e) {
    // PyTorch's RuntimeError; torchts reports dtype misuse as DTypeError
    expect(e instanceof torch.RuntimeError || e instanceof torch.DTypeError).toBe(true);
  }
}

describe("d2l notes 1.1: n-dimensional tensors", () => {
  let x: Tensor;
  let X: Tensor;
  let Y: Tensor;

  it("initialisation", () => {
    x = torch.arange(10);
    prints("1.1 arange", x);
    x = torch.zeros([2, 3, 4]);
    prints("1.1 zeros", x);
    x = torch.ones([2, 3, 4]);
    prints("1.1 ones", x);
    x = torch.randn(3, 4); // random: shape and dtype only
    prints("1.1 randn shape", x.shape);
    prints("1.1 randn dtype", x.dtype);
    x = torch.tensor([
      [2, 1, 4, 3],
      [1, 2, 3, 4],
      [4, 3, 2, 1],
    ]);
    prints("1.1 tensor", x);
  });

  it("shape, numel, reshape", () => {
    prints("1.1 x.shape", x.shape);
    prints("1.1 x.shape[0]", x.shape[0]);
    prints("1.1 x.numel()", x.numel());
    X = x.reshape(3, -1);
    prints("1.1 X", X);
  });

  it("element access and assignment", () => {
    prints("1.1 X[-1]", X.get(-1));
    prints("1.1 X[1:3]", X.get("1:3"));
    X.set(1, 2, 9);
    prints("1.1 X[1, 2] = 9", X);
    X.set("0:2", ":", 12);
    prints("1.1 X[0:2, :] = 12", X);
    // X is a view of x: the writes went to x as well
    expect(x.equal(X)).toBe(true);
  });

  it("elementwise operations", () => {
    Y = torch.tensor(
      [
        [2, 1, 4, 3],
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ],
      { dtype: torch.float32 },
    );
    prints("1.1 Y", Y);
    prints("1.1 X + Y", X.add(Y));
    prints("1.1 X - Y", X.sub(Y));
    prints("1.1 X * Y", X.mul(Y));
    prints("1.1 X / Y", X.div(Y));
    prints("1.1 X ** Y", X.pow(Y));
    prints("1.1 torch.exp(X)", torch.exp(X));
    prints("1.1 X == Y", X.eq(Y));
  });

  it("concatenation", () => {
    prints("1.1 cat dim=0", torch.cat([X, Y], 0));
    prints("1.1 cat dim=1", torch.cat([X, Y], 1));
  });

  it("reductions", () => {
    prints("1.1 X.sum()", X.sum());
    raises("1.1 X.mean()", () => X.mean(), /mean.*floating point.*Long/);
    prints("1.1 X.float().mean()", X.float().mean());
  });

  it("conversion to and from typed arrays (numpy)", () => {
    const A = X.toTypedArray(); // X.numpy(): shares memory
    // int64 lives in a Float64Array, so the dtype travels separately
    const B = torch.tensor(A, { dtype: X.dtype }).reshape(X.shape);
    prints("1.1 B = torch.tensor(X.numpy())", B);
    B.set(0, 0, -1);
    expect(Number(X.get(0, 0))).toBe(12); // torch.tensor copies
  });

  it("conversion to JS scalars", () => {
    const a = torch.tensor([3.7]);
    prints("1.1 a", a);
    prints("1.1 a.item()", a.item());
    prints("1.1 float(a)", Number(a));
    prints("1.1 int(a)", Math.trunc(Number(a)));
  });
});

describe("d2l notes 1.3: linear algebra", () => {
  const a = torch.tensor([3.0], { dtype: torch.float32 });
  const x = torch.arange(10, { dtype: torch.float32 });
  const A = torch.arange(20, { dtype: torch.float32 }).reshape(5, 4);

  it("scalars, vectors, matrices", () => {
    prints("1.3 a", a);
    prints("1.3 x", x);
    prints("1.3 A", A);
    prints("1.3 len(x)", x.length);
    prints("1.3 A.shape", A.shape);
    prints("1.3 A.T", A.T);
  });

  it("clone and elementwise operations", () => {
    const B = A.clone();
    prints("1.3 B", B);
    prints("1.3 A + B", A.add(B));
    prints("1.3 A * B", A.mul(B));
    B.set(0, 0, 100);
    expect(Number(A.get(0, 0))).toBe(0); // a deep copy
  });

  it("sums and means", () => {
    prints("1.3 A.sum()", A.sum());
    prints("1.3 A.sum(axis=0)", A.sum({ axis: 0 }));
    prints("1.3 A.sum(axis=[0, 1])", A.sum({ axis: [0, 1] }));
    prints("1.3 A.mean()", A.mean());
    prints("1.3 A.mean(axis=0)", A.mean({ axis: 0 }));
    prints("1.3 A.sum() / A.numel()", A.sum().div(A.numel()));
    prints("1.3 A.sum(axis=0) / A.shape[0]", A.sum({ axis: 0 }).div(A.shape[0]));
  });

  it("keepdims for broadcasting, cumsum", () => {
    const sumA = A.sum({ axis: 1, keepdims: true });
    prints("1.3 sum_A", sumA);
    prints("1.3 A / sum_A", A.div(sumA));
    prints("1.3 A.cumsum(axis=0)", A.cumsum(0));
  });

  it("dot, mv, mm", () => {
    const y = torch.ones(10, { dtype: torch.float32 });
    prints("1.3 torch.dot(x, y)", torch.dot(x, y));
    prints("1.3 torch.sum(x * y)", torch.sum(x.mul(y)));
    raises("1.3 torch.mv(A, x)", () => torch.mv(A, x), /mv: size mismatch.*\[5,4\].*\[10\]/);
    prints("1.3 torch.mv(A, x[:4])", torch.mv(A, x.get(":4")));
    raises("1.3 torch.mm(A, A)", () => torch.mm(A, A), /mm: .*5x4 and 5x4/);
    prints("1.3 torch.mm(A, A.T)", torch.mm(A, A.T));
  });

  it("norms", () => {
    prints("1.3 torch.norm(x)", torch.norm(x));
    prints("1.3 torch.abs(x).sum()", torch.abs(x).sum());
    prints("1.3 torch.norm(A)", torch.norm(A));
  });
});

describe("coverage of the notes fixture", () => {
  it("every value PyTorch printed was compared", () => {
    expect(Object.keys(notes).filter((k) => !checked.has(k))).toEqual([]);
  });
});
