/**
 * torch.relu_/sigmoid_/tanh_ and their methods without autograd: the input itself, the
 * out-of-place op's values written through any view, one version bump, PyTorch's dtype
 * refusals and argument checks. (Their autograd and PyTorch's numbers: nn's inplace-activations.test.ts.)
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import { allocationCount } from "./dtype";

const FORMS = [
  ["relu_", (x: torch.Tensor) => torch.relu_(x), (x: torch.Tensor) => x.relu_(), (x: torch.Tensor) => x.relu()],
  ["sigmoid_", (x: torch.Tensor) => torch.sigmoid_(x), (x: torch.Tensor) => x.sigmoid_(), (x: torch.Tensor) => x.sigmoid()],
  ["tanh_", (x: torch.Tensor) => torch.tanh_(x), (x: torch.Tensor) => x.tanh_(), (x: torch.Tensor) => x.tanh()],
] as const;

describe.each(FORMS)("%s", (_, fn, method, outOfPlace) => {
  const data = [[-1.5, 0, 2], [0.25, -3, 4]];
  it.each([torch.float32, torch.float64])("writes the op's values into the input itself (%s), one version bump", (dtype) => {
    for (const f of [fn, method]) {
      const x = torch.tensor(data, { dtype });
      const want = outOfPlace(x).tolist();
      const v = x._storage.version;
      expect(f(x)).toBe(x);
      expect(x.tolist()).toEqual(want);
      expect(x._storage.version).toBe(v + 1);
    }
  });
  it("writes through a strided view into its base", () => {
    const base = torch.tensor(data, { dtype: torch.float32 });
    const want = outOfPlace(base).t().tolist();
    const t = base.t();
    fn(t);
    expect(t.tolist()).toEqual(want);
    expect(base.tolist()).toEqual(outOfPlace(torch.tensor(data, { dtype: torch.float32 })).tolist());
  });
  it("checks its arguments from its signature", () => {
    expect(() => fn([1, 2] as never)).toThrow(torch.TypeError);
    expect(() => (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[_](torch.ones(2), 1)).toThrow(/takes 1 positional argument/);
    expect(() => torch.ones(2, { dtype: torch.float16 })[_]()).toThrow(/not implemented for 'Half'/);
  });
});

it("relu_ keeps an integer dtype; sigmoid_/tanh_ refuse it as PyTorch (the result is Float)", () => {
  const i = torch.tensor([3, -2]);
  expect(i.relu_().tolist()).toEqual([3, 0]);
  for (const f of [torch.sigmoid_, torch.tanh_]) {
    const x = torch.tensor([1, 2]);
    expect(() => f(x)).toThrow(torch.RuntimeError);
    expect(() => f(x)).toThrow("result type Float can't be cast to the desired output type Long");
    expect(x.tolist()).toEqual([1, 2]);
  }
});

it("with nothing recorded, a contiguous float input is computed in its own storage: no allocation, the same bits", () => {
  for (const [name, fn, , outOfPlace] of FORMS) {
    for (const dtype of [torch.float32, torch.float64]) {
      const x = torch.randn([1 << 20], { dtype });
      const want = outOfPlace(x).toTypedArray();
      const before = allocationCount();
      fn(x);
      expect(allocationCount() - before, name).toBe(0);
      const got = x.toTypedArray();
      let differ = 0;
      for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) differ++;
      expect(differ, name).toBe(0);
    }
  }
});
