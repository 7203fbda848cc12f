/**
 * Every op validates at its public boundary: a bad call raises a typed error
 * (RuntimeError, IndexError, DTypeError, ValueError) whose message names the op,
 * the shapes involved and the offending dim or index — never a NaN, a garbage
 * value or an engine TypeError from deep inside.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { LinAlgError } from "./linalg-kernels";
import { argTypeError, checkOptions, describeValue, TypeError as TorchTypeError } from "./errors";

const f32 = (...shape: number[]) => torch.ones(shape);
const ints = (...shape: number[]) => torch.ones(shape, { dtype: torch.int64 });
const bools = (...shape: number[]) => torch.ones(shape, { dtype: torch.bool });

type ErrorClass = new (...args: never[]) => Error;
/** [what, call, error class, every pattern the message must match] */
const CASES: [string, () => unknown, ErrorClass, RegExp[]][] = [
  // broadcasting
  ["add broadcast", () => f32(2, 3).add(f32(4, 2)), torch.RuntimeError, [/^add:/, /\(3\).*\(2\).*dimension 1/, /\[2,3\].*\[4,2\]/]],
  ["where broadcast", () => torch.where(bools(2), f32(3), f32(2)), torch.RuntimeError, [/^where:/, /\[2\].*\[3\]/]],
  ["maskedSelect broadcast", () => f32(2, 3).maskedSelect(bools(2)), torch.RuntimeError, [/^maskedSelect:/, /\[2,3\].*\[2\]/]],
  ["maskedFill mask larger than tensor", () => f32(3).maskedFill(bools(2, 3), 0), torch.RuntimeError, [/^maskedFill:/, /\[2,3\].*\[3\]/]],
  ["add_ result shape", () => f32(3).add_(f32(2, 3)), torch.RuntimeError, [/^add_:/, /\[3\].*\[2,3\]/]],
  ["copy_ shape", () => f32(2, 3).copy_(f32(3, 2)), torch.RuntimeError, [/^copy_:/, /\[3,2\]/, /\[2,3\]/]],
  ["expand", () => f32(2, 3).expand(2, 4), torch.RuntimeError, [/^expand:/, /\(4\).*\(3\).*dimension 1/, /\[2,4\]/, /\[2,3\]/]],
  ["in-place on an expanded view", () => f32(1, 3).expand(2, 3).mul_(2), torch.RuntimeError, [/^mul_:/, /single memory location/, /\[2,3\]/]],
  // reshape / view
  ["reshape two -1", () => f32(2, 3).reshape(-1, -1), torch.RuntimeError, [/^reshape:/, /only one dimension can be inferred/, /\[-1, -1\]/, /size 6/]],
  ["reshape wrong numel", () => f32(2, 3).reshape(4, -1), torch.RuntimeError, [/^reshape:/, /'\[4, -1\]' is invalid for input of size 6/]],
  ["reshape negative size", () => f32(2, 3).reshape(-2, -3), torch.RuntimeError, [/^reshape:/, /-2/]],
  ["view of a transpose", () => f32(2, 3).t().view(6), torch.RuntimeError, [/^view:/, /\[3,2\]/, /\[6\]/, /reshape/]],
  ["flatten start after end", () => f32(2, 3, 4).flatten(2, 1), torch.RuntimeError, [/^flatten:/, /start_dim \(2\).*end_dim \(1\)/]],
  ["unflatten sizes", () => f32(2, 6).unflatten(1, [4, -1]), torch.RuntimeError, [/^unflatten:/, /\[4, -1\]/, /6/]],
  ["permute length", () => f32(2, 3).permute(0), torch.RuntimeError, [/^permute:/, /2.*1/]],
  ["permute repeated", () => f32(2, 3).permute(1, 1), torch.RuntimeError, [/^permute:/, /duplicate dims are not allowed/, /\[1,1\]/]],
  ["t of 3-D", () => f32(2, 3, 4).t(), torch.RuntimeError, [/^t:/, /3D/, /\[2,3,4\]/]],
  ["repeat fewer dims", () => f32(2, 3).repeat(2), torch.RuntimeError, [/^repeat:/, /\[2\]/, /\[2,3\]/]],
  ["repeat negative", () => f32(2, 3).repeat(2, -1), torch.RuntimeError, [/^repeat:/, /-1/]],
  ["narrow past the end", () => f32(2, 3).narrow(1, 2, 2), torch.RuntimeError, [/^narrow:/, /\(2\).*\(2\).*\(3\)/]],
  ["narrow non-integer", () => f32(2, 3).narrow(1, 0.5, 1), TorchTypeError, [/^narrow\(\): argument 'start' \(position 2\) must be int/, /0\.5/]],
  // dims and indices out of range
  ["sum dim", () => f32(2, 3).sum(2), torch.IndexError, [/^sum:/, /\[-2, 1\]/, /got 2/]],
  ["softmax dim", () => f32(2, 3).softmax(-3), torch.IndexError, [/^softmax:/, /got -3/]],
  ["transpose dim", () => f32(2, 3).transpose(0, 2), torch.IndexError, [/^transpose:/, /got 2/]],
  ["unsqueeze dim", () => f32(2, 3).unsqueeze(3), torch.IndexError, [/^unsqueeze:/, /\[-3, 2\]/, /got 3/]],
  ["cat dim", () => torch.cat([f32(2), f32(3)], 1), torch.IndexError, [/^cat:/, /got 1/]],
  ["size dim", () => f32(2, 3).size(-3), torch.IndexError, [/^size:/, /got -3/]],
  ["get int index", () => f32(4, 5).get(1, 5), torch.IndexError, [/^get:/, /index 5.*dimension 1 with size 5/, /\[4,5\]/]],
  ["get negative index", () => f32(4, 5).get(-5), torch.IndexError, [/^get:/, /index -5.*dimension 0 with size 4/]],
  ["get too many indices", () => f32(4, 5).get(0, 0, 0), torch.IndexError, [/^get:/, /too many indices.*dimension 2/, /\[4,5\]/]],
  ["get index tensor", () => f32(4, 5).get(":", torch.tensor([0, 5])), torch.IndexError, [/^get:/, /index 5.*dimension 1 with size 5/]],
  ["get float index tensor", () => f32(4).get(torch.tensor([0.5])), torch.IndexError, [/^get:/, /long, int, byte or bool/]],
  ["get float index list", () => f32(4).get([0.5, 1]), torch.IndexError, [/^get:/, /\[0\.5, 1\]/]],
  ["get mask shape", () => f32(4, 5).get(bools(3)), torch.IndexError, [/^get:/, /mask \[3\]/, /\[4,5\]/]],
  ["set index", () => f32(4, 5).set(4, 0, 1), torch.IndexError, [/^set:/, /index 4.*dimension 0 with size 4/]],
  ["set value shape", () => f32(4, 5).set(0, f32(4)), torch.RuntimeError, [/^set:/, /\[4\]/, /\[5\]/]],
  ["set dtype for index put", () => ints(4).set(torch.tensor([0, 1]), f32(2)), torch.RuntimeError, [/^set:/, /int64.*float32/]],
  ["select index", () => f32(4, 5).select(1, 7), torch.IndexError, [/^select:/, /index 7.*dimension 1 with size 5/, /\[4,5\]/]],
  ["gather index", () => f32(2, 3).gather(1, torch.tensor([[3]])), torch.RuntimeError, [/^gather:/, /index 3.*dimension 1 with size 3/]],
  ["gather negative index", () => f32(2, 3).gather(1, torch.tensor([[-1]])), torch.RuntimeError, [/^gather:/, /index -1/]],
  ["gather rank", () => f32(2, 3).gather(1, torch.tensor([0])), torch.RuntimeError, [/^gather:/, /\[1\].*\[2,3\]/]],
  ["indexSelect index", () => f32(2, 3).indexSelect(0, [2]), torch.IndexError, [/^indexSelect:/, /index 2.*dimension 0 of size 2/]],
  ["indexSelect non-integer list", () => f32(2, 3).indexSelect(0, [0.5]), TorchTypeError, [/^indexSelect\(\): argument 'index'/, /0\.5/]],
  // shape rules of the linear algebra ops
  ["matmul inner dims", () => torch.matmul(f32(2, 3), f32(4, 5)), torch.RuntimeError, [/^matmul:/, /2x3 and 4x5/]],
  ["matmul batch", () => torch.matmul(f32(2, 3, 4), f32(3, 4, 5)), torch.RuntimeError, [/^matmul:/, /\(2\).*\(3\).*dimension 0/]],
  ["matmul 0-d", () => torch.matmul(torch.tensor(1.5), f32(2)), torch.RuntimeError, [/^matmul:/, /0D and 1D/]],
  ["mm inner dims", () => torch.mm(f32(5, 4), f32(5, 4)), torch.RuntimeError, [/^mm:/, /5x4 and 5x4/]],
  ["mm rank", () => torch.mm(f32(5, 4), f32(4)), torch.RuntimeError, [/^mm:/, /\[4\]/]],
  ["mv sizes", () => torch.mv(f32(5, 4), f32(10)), torch.RuntimeError, [/^mv:/, /\[5,4\].*\[10\]/]],
  ["bmm batches", () => torch.bmm(f32(2, 3, 4), f32(3, 4, 5)), torch.RuntimeError, [/^bmm:/, /2 and 3/]],
  ["bmm inner dims", () => torch.bmm(f32(2, 3, 4), f32(2, 3, 5)), torch.RuntimeError, [/^bmm:/, /batch2 tensor to be: \[2, 4\] but got: \[2, 3\]/, /\[2,3,4\] and \[2,3,5\]/]],
  ["dot sizes", () => torch.dot(f32(3), f32(4)), torch.RuntimeError, [/^dot:/, /\[3\].*\[4\]/]],
  ["dot rank", () => torch.dot(f32(2, 2), f32(4)), torch.RuntimeError, [/^dot:/, /2D and 1D/, /\[2,2\]/]],
  ["outer rank", () => torch.outer(f32(2, 2), f32(3)), torch.RuntimeError, [/^outer:/, /\[2,2\]/]],
  ["inv square", () => torch.linalg.inv(f32(2, 3)), torch.RuntimeError, [/^linalg\.inv:/, /2 by 3/]],
  ["solve shapes", () => torch.linalg.solve(f32(3, 3), f32(4)), torch.RuntimeError, [/^linalg\.solve:/, /3x3 and 4x1/]],
  ["linalg.norm unknown order", () => torch.linalg.norm(f32(2, 2), 3), torch.RuntimeError, [/^linalg\.matrix_norm:/, /Order 3 not supported/]],
  ["linalg.norm 3-D with ord", () => torch.linalg.norm(f32(2, 2, 2), 1), torch.RuntimeError, [/^linalg\.norm:/, /1-D or 2-D/, /\[2,2,2\]/]],
  ["trace rank", () => torch.trace(f32(3)), torch.RuntimeError, [/^trace:/, /\[3\]/]],
  ["diag rank", () => torch.diag(f32(2, 2, 2)), torch.RuntimeError, [/^diag:/, /\[2,2,2\]/]],
  // combining
  ["cat sizes", () => torch.cat([f32(2, 3), f32(2, 4)]), torch.RuntimeError, [/^cat:/, /dimension 0/, /Expected size 3 but got size 4 for tensor number 1/, /\[2,3\].*\[2,4\]/]],
  ["cat ranks", () => torch.cat([f32(2, 3), f32(3)]), torch.RuntimeError, [/^cat:/, /got 2 and 1/]],
  ["cat non-tensor", () => torch.cat([f32(2), 5 as never]), TorchTypeError, [/^cat\(\): argument 'tensors' \(position 1\) must be Array of Tensors/, /\[Tensor, 5\]/]],
  ["cat empty list", () => torch.cat([]), torch.RuntimeError, [/^cat:/, /non-empty/]],
  ["stack sizes", () => torch.stack([f32(2, 3), f32(3, 2)]), torch.RuntimeError, [/^stack:/, /\[2,3\].*\[3,2\].*entry 1/]],
  ["split sizes", () => f32(5).split([2, 2]), torch.RuntimeError, [/^split:/, /sum exactly to 5/, /\[2, 2\]/]],
  ["split non-integer", () => f32(5).split(1.5), TorchTypeError, [/^split\(\): argument 'splitSize'/, /1\.5/]],
  ["chunk count", () => f32(5).chunk(0), torch.RuntimeError, [/^chunk:/, /got: 0/]],
  // dtypes
  ["sub bools", () => bools(2).sub(bools(2)), torch.DTypeError, [/^sub:/, /two bool tensors/]],
  ["sub with a bool", () => f32(2).sub(true), torch.DTypeError, [/^sub:/, /bool tensor/]],
  ["neg bool", () => bools(2).neg(), torch.DTypeError, [/^neg:/, /bool/]],
  ["abs bool", () => bools(2).abs(), torch.DTypeError, [/^abs:/, /Bool/]],
  ["pow bools", () => bools(2).pow(bools(2)), torch.DTypeError, [/^pow:/, /Bool/]],
  ["int pow negative scalar", () => ints(2).pow(-1), torch.RuntimeError, [/^pow:/, /negative integer powers/]],
  ["int floor division by zero", () => ints(2).floorDivide(0), torch.RuntimeError, [/^floorDivide:/, /ZeroDivisionError/]],
  ["int remainder by zero tensor", () => ints(2).remainder(torch.tensor([1, 0])), torch.RuntimeError, [/^remainder:/, /ZeroDivisionError/]],
  ["int trunc division by zero", () => ints(2).div(0, { roundingMode: "trunc" }), torch.RuntimeError, [/^div:/, /ZeroDivisionError/]],
  ["float alpha on ints", () => ints(2).add(ints(2), { alpha: 0.5 }), torch.RuntimeError, [/^add:/, /alpha must not be a floating point/]],
  ["mean of int", () => ints(2).mean(), torch.DTypeError, [/^mean/, /Long/]],
  ["var of int", () => ints(2).var(), torch.DTypeError, [/^var/, /Long/]],
  ["softmax of int", () => ints(2).softmax(0), torch.DTypeError, [/^softmax/, /Long/]],
  ["norm of int", () => ints(2).norm(), torch.DTypeError, [/^norm:/, /Long/]],
  ["where condition", () => torch.where(ints(2), 1, 0), torch.DTypeError, [/^where:/, /int64/]],
  ["maskedFill mask", () => f32(2).maskedFill(ints(2), 0), torch.DTypeError, [/^maskedFill:/, /int64/]],
  ["maskedSelect mask", () => f32(2).maskedSelect(ints(2)), torch.DTypeError, [/^maskedSelect:/, /int64/]],
  ["gather index dtype", () => f32(2).gather(0, f32(1)), torch.DTypeError, [/^gather:/, /int64/]],
  ["matmul dtypes", () => torch.matmul(f32(2, 2), f32(2, 2).double()), torch.DTypeError, [/^matmul:/, /float32 and float64/]],
  ["mm dtypes", () => torch.mm(f32(2, 2), ints(2, 2)), torch.DTypeError, [/^mm:/, /float32 and int64/]],
  ["dot dtypes", () => torch.dot(f32(2), ints(2)), torch.DTypeError, [/^dot:/, /float32 and int64/]],
  ["matmul bools", () => torch.matmul(bools(2, 2), bools(2, 2)), torch.DTypeError, [/^matmul:/, /Bool/]],
  ["inv of int", () => torch.linalg.inv(ints(2, 2)), torch.DTypeError, [/^linalg\.inv:/, /int64/]],
  ["solve dtypes", () => torch.linalg.solve(f32(2, 2), f32(2).double()), torch.DTypeError, [/^linalg\.solve:/, /float32.*float64/]],
  ["trace of bool", () => torch.trace(bools(2, 2)), torch.DTypeError, [/^trace:/, /Bool/]],
  ["add_ float into int", () => ints(2).add_(f32(2)), torch.RuntimeError, [/^add_:/, /result type Float can't be cast to the desired output type Long/]], // PyTorch's class and text
  ["arange bool", () => torch.arange(3, { dtype: torch.bool }), torch.DTypeError, [/^arange:/, /Bool/]],
  ["tensor of strings", () => torch.tensor(["a" as never]), torch.DTypeError, [/^tensor\(\):/, /string/]],
  ["fromTypedArray Int32Array", () => torch.fromTypedArray(new Int32Array(2) as never), torch.DTypeError, [/^fromTypedArray:/, /Int32Array/]],
  // values
  ["ragged nested array", () => torch.tensor([[1, 2], [3]]), torch.ValueError, [/^tensor\(\):/, /length 2 at dim 1 \(got 1\)/]],
  ["item of many", () => f32(2, 3).item(), torch.ValueError, [/^item:/, /6 elements/, /\[2,3\]/]],
  ["Number() of many", () => Number(f32(2)), torch.ValueError, [/^Number\(\):/, /2 elements/]],
  ["creation with negative size", () => torch.zeros(2, -1), torch.RuntimeError, [/^zeros:/, /-1/, /\[2,-1\]/]],
  ["arange step sign", () => torch.arange(0, 10, -1), torch.RuntimeError, [/^arange:/, /step/]],
  ["linspace steps", () => torch.linspace(0, 1, -1), torch.RuntimeError, [/^linspace:/, /-1/]],
  ["max of empty", () => f32(0).max(), torch.RuntimeError, [/^max\(\):/, /numel\(\) == 0/, /\[0\]/]],
  ["argmax of empty", () => f32(0, 2).argmax(), torch.IndexError, [/^argmax\(\):/, /numel\(\) == 0/]],
  ["amax over an empty dim", () => f32(0, 2).amax(0), torch.IndexError, [/^amax\(\):/, /dim 0 to have non-zero size/, /\[0,2\]/]],
  ["singular inverse", () => torch.linalg.inv(torch.zeros(2, 2)), LinAlgError, [/^linalg\.inv:/, /singular/]],
  ["singular solve", () => torch.linalg.solve(torch.zeros(2, 2), f32(2)), LinAlgError, [/singular/]],
  ["fill_ with a non-0-d tensor", () => f32(2).fill_(f32(2)), torch.RuntimeError, [/^fill_:/, /1 dimensions/]],
  ["clamp without bounds", () => f32(2).clamp(), torch.RuntimeError, [/^clamp:/]],
];

describe("errors are typed and name the op, the shapes and the offending dim", () => {
  for (const [what, call, cls, patterns] of CASES) {
    it(what, () => {
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err, "the call must throw").toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(torch.TorchError);
      const message = (err as Error).message;
      for (const p of patterns) expect(message).toMatch(p);
    });
  }

  it("error classes mirror Python's: name, hierarchy, instanceof", () => {
    // [class, name, Python base it mirrors (besides TorchError)]
    const classes: [new (m: string) => Error, string, (new (m: string) => Error) | null][] = [
      [torch.TorchError, "TorchError", null],
      [torch.RuntimeError, "RuntimeError", null],
      [torch.IndexError, "IndexError", null],
      [torch.TypeError, "TypeError", null],
      [torch.DTypeError, "DTypeError", torch.TypeError],
      [torch.ValueError, "ValueError", null],
      [torch.NotImplementedError, "NotImplementedError", null],
      [torch.LinAlgError, "LinAlgError", torch.RuntimeError],
    ];
    for (const [cls, name, base] of classes) {
      const e = new cls("boom");
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(torch.TorchError);
      expect(e).toBeInstanceOf(Error);
      if (base) expect(e).toBeInstanceOf(base);
      expect(String(e)).toBe(`${name}: boom`);
    }
    expect(LinAlgError).toBe(torch.LinAlgError);
    expect(new torch.TypeError("x")).not.toBeInstanceOf(TypeError); // the global one: torchts never throws it
  });
});

describe("no native TypeError or RangeError escapes from tensor", () => {
  // PyTorch raises Python's TypeError here; torchts raises its own TypeError (a TorchError)
  const cases: [string, () => unknown, new (m: string) => Error, RegExp][] = [
    ["len() of a 0-d tensor", () => torch.tensor(1.5).length, torch.TypeError, /len\(\) of a 0-d tensor/],
    ["manualSeed with null (torch.manual_seed(1.5) seeds 1, as int(1.5))", () => torch.manualSeed(null as never), torch.TypeError, /^manual_seed\(\): argument 'seed'/],
    ["max with a list of dims", () => torch.ones(2, 3).max({ dim: [0, 1] as never }), torch.TypeError, /^max\(\): argument 'dim' \(position 1\) must be int/],
    ["arange without arguments", () => (torch.arange as (...a: unknown[]) => unknown)(), torch.TypeError, /^arange\(\): expected/],
    ["finfo of an integer dtype", () => torch.finfo(torch.int64), torch.TypeError, /^finfo:/],
  ];
  for (const [what, call, cls, pattern] of cases) {
    it(what, () => {
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(torch.TorchError);
      expect((err as Error).message).toMatch(pattern);
    });
  }

  it("no source file of tensor constructs one", () => {
    const dir = join(__dirname);
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith(".ts") && !/\.(test|testing)\.ts$/.test(name)) {
          const src = readFileSync(p, "utf8");
          // the worker thread's injected failures (kernels/worker/main.ts) are caught in the worker
          for (const m of src.matchAll(/new (RangeError|Error)\(/g)) {
            const line = src.slice(0, m.index).split("\n").length;
            if (!(name === "main.ts" && /injected .* failure \(tests\)/.test(src.split("\n")[line - 1]))) offenders.push(`${name}:${line}`);
          }
          if (/new TypeError\(/.test(src) && name !== "errors.ts" && !/import \{[^}]*\bTypeError\b[^}]*\} from .\.\.?\/errors./.test(src)) offenders.push(`${name}: the global TypeError`);
        }
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
  });
});

describe("never NaN or garbage where PyTorch raises or is exact", () => {
  it("integer ops stay integers", () => {
    // 2 ** -1 is 0 for int64, as PyTorch; 1 and -1 keep their powers
    expect(torch.tensor([2, 1, -1, -1]).pow(torch.tensor([-1, -5, -3, -2])).tolist()).toEqual([0, 1, -1, 1]);
    expect(torch.tensor([7, -7]).div(2, { roundingMode: "trunc" }).tolist()).toEqual([3, -3]);
    expect(torch.full([2], 2.5, { dtype: torch.int64 }).tolist()).toEqual([2, 2]);
    expect(torch.full([2], -3, { dtype: torch.bool }).tolist()).toEqual([true, true]);
    expect(torch.zeros(2, { dtype: torch.int64 }).fill_(-2.7).tolist()).toEqual([-2, -2]);
    expect(torch.tensor(new Float64Array([1.5, -1.5]), { dtype: torch.int64 }).tolist()).toEqual([1, -1]);
    expect(torch.ones(2, { dtype: torch.int64 }).maskedFill(torch.tensor([true, false]), 2.9).tolist()).toEqual([2, 1]);
    const big = 2 ** 52 + 1;
    expect(torch.tensor([big]).div(1, { roundingMode: "trunc" }).tolist()).toEqual([big]);
  });

  it("reductions of empty tensors give PyTorch's identities, not empty results", () => {
    const e = torch.zeros(0, 3);
    expect(e.sum().tolist()).toBe(0);
    expect(e.sum(0).tolist()).toEqual([0, 0, 0]);
    expect(e.prod(0).tolist()).toEqual([1, 1, 1]);
    expect(e.all().item()).toBe(true);
    expect(e.any(0).tolist()).toEqual([false, false, false]);
    expect(e.logsumexp(0).tolist()).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(Number(e.norm())).toBe(0);
    expect(Number.isNaN(Number(e.mean()))).toBe(true); // PyTorch: nan
  });

  it("int64 never holds -0 or fractions after a cast", () => {
    const t = torch.tensor([-0.5, -0.0, 1.9]).long();
    expect(Array.from(t.toTypedArray()).map((v) => Object.is(v, -0))).toEqual([false, false, false]);
    expect(t.tolist()).toEqual([0, 0, 1]);
  });
});

describe("argument checks (checkOptions, argTypeError)", () => {
  it("an unknown option names itself, the key it resembles and every accepted key", () => {
    expect(() => checkOptions("sum", { keepDim: true }, ["dim", "keepdim", "dtype"])).toThrow(
      "sum(): unknown option 'keepDim' (did you mean 'keepdim'?); sum() accepts: dim, keepdim, dtype",
    );
    expect(() => checkOptions("sum", { dtpye: 1 }, ["dim", "keepdim", "dtype"])).toThrow("(did you mean 'dtype'?)");
    expect(() => checkOptions("sum", { zzz: 1 }, ["dim"])).toThrow(/unknown option 'zzz'; sum\(\) accepts: dim$/);
    expect(() => checkOptions("f", { a: 1 }, [])).toThrow("f() takes no options");
  });
  it("options must be a plain object or undefined", () => {
    expect(() => checkOptions("sum", undefined, ["dim"])).not.toThrow();
    expect(() => checkOptions("sum", { dim: 1 }, ["dim"])).not.toThrow();
    expect(() => checkOptions("sum", [1], ["dim"])).toThrow("sum(): options must be a plain object, not Array");
    expect(() => checkOptions("sum", null, ["dim"])).toThrow(TorchTypeError);
    expect(() => checkOptions("sum", 3, ["dim"])).toThrow("not number");
  });
  it("argTypeError uses PyTorch's wording with the JavaScript kind of the value", () => {
    expect(argTypeError("add", "other", 1, "Tensor", [1]).message).toBe("add(): argument 'other' (position 1) must be Tensor, not Array");
    expect(argTypeError("add", "other", undefined, "Tensor", new Map()).message).toBe("add(): argument 'other' must be Tensor, not Map");
    expect(describeValue(Object.create(null))).toBe("object");
    expect(describeValue(undefined)).toBe("undefined");
  });
});
