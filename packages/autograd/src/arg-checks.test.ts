/** Argument checks of autograd's public functions (arg-checks.ts), with PyTorch's messages where it has them. */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const leaf = () => torch.tensor([1, 2], { dtype: torch.float64, requiresGrad: true });

describe("grad and backward", () => {
  it("grad requires non-empty inputs, tensors only, and tensor gradients", () => {
    const x = leaf();
    const y = x.mul(2).sum();
    expect(() => torch.grad(y, [])).toThrow(torch.ValueError);
    expect(() => torch.grad(y, [])).toThrow(/^grad: grad requires non-empty inputs\.$/);
    expect(() => torch.grad(y, [1 as never])).toThrow(/^grad: all inputs have to be Tensors, but got number$/);
    expect(() => torch.grad(y, "x" as never)).toThrow(/^grad\(\): argument 'inputs' \(position 1\) must be Tensor or an array of Tensors, not string/);
    expect(() => torch.grad(undefined as never, [x])).toThrow(/^grad\(\): argument 'outputs' \(position 0\)/);
    expect(() => torch.grad(y, [x], { gradOutputs: [1 as never] })).toThrow(/^grad: gradients can be either Tensors or None, but got number$/);
    expect(() => torch.grad(y, [x], { allowUnused: "x" as never })).toThrow(/^grad\(\): argument 'allowUnused' must be bool, not string/);
    expect(() => torch.grad(y, [x], { create_graph: true } as never)).toThrow(/unknown option 'create_graph' \(did you mean 'createGraph'\?\)/);
    expect(torch.grad(y, [x])[0]!.tolist()).toEqual([2, 2]);
  });

  it("backward names the gradient's type, and checks its options", () => {
    const x = leaf();
    const z = x.mul(2);
    expect(() => z.backward([1, 1] as never)).toThrow(torch.TypeError);
    expect(() => z.backward([1, 1] as never)).toThrow(/^backward: gradients can be either Tensors or None, but got Array \(wrap the values: torch.tensor\(\[\.\.\.\]\)\)$/);
    expect(() => z.backward("a" as never)).toThrow(/but got string$/);
    expect(() => z.sum().backward(undefined, { retainGraph: "yes" as never })).toThrow(/^backward\(\): argument 'retainGraph' must be bool, not string/);
    expect(() => z.sum().backward(undefined, { retain_graph: true } as never)).toThrow(/unknown option 'retain_graph'/);
    expect(() => torch.backward(3 as never)).toThrow(/^backward\(\): argument 'tensors' \(position 0\) must be Tensor, not number/);
    z.backward(torch.ones(2, { dtype: torch.float64 }));
    expect(x.grad!.tolist()).toEqual([2, 2]);
  });
});

describe("grad mode", () => {
  it("noGrad and enableGrad take a synchronous function", async () => {
    const x = leaf();
    expect(() => torch.noGrad(3 as never)).toThrow(/^noGrad\(\): argument 'fn' \(position 0\) must be a function, not number/);
    let ran = false;
    expect(() =>
      torch.noGrad(async () => {
        ran = true;
        await Promise.resolve();
        return x.mul(2);
      }),
    ).toThrow(/^noGrad\(\): the callback is async .* const s = noGrad.enter\(\); try/);
    expect(ran).toBe(false); // refused before running: nothing escaped the scope
    // a plain function returning a promise is caught after it returns
    expect(() => torch.enableGrad(() => Promise.resolve(1))).toThrow(/^enableGrad\(\): the callback is async/);
    expect(torch.isGradEnabled()).toBe(true);
    // what the message suggests works: await first, then a synchronous callback
    const v = await Promise.resolve(x);
    expect(torch.noGrad(() => v.mul(2)).requiresGrad).toBe(false);
  });

  it("setGradEnabled takes a boolean", () => {
    expect(() => torch.setGradEnabled("a" as never)).toThrow(/^setGradEnabled\(\): enabled must be a bool \(got string\)/);
    expect(torch.isGradEnabled()).toBe(true);
  });
});

describe("tensor members", () => {
  it("detach_ leaves the graph in place; a view raises as in PyTorch", () => {
    const x = leaf();
    const z = x.mul(2);
    expect(z.detach_()).toBe(z);
    expect([z.requiresGrad, z.gradFn, z.isLeaf]).toEqual([false, null, true]);
    expect(x.detach_().requiresGrad).toBe(false);
    const w = leaf().mul(2);
    expect(() => w.get("0:1").detach_()).toThrow(/^detach_: Can't detach views in-place\. Use detach\(\) instead\./);
  });

  it("requiresGrad, grad and hooks check their values", () => {
    const x = leaf();
    expect(() => x.requiresGrad_("yes" as never)).toThrow(/^requiresGrad_\(\): argument 'requiresGrad' \(position 1\) must be bool, not string/);
    expect(() => (x.requiresGrad = "yes" as never)).toThrow(/^requiresGrad: requires_grad must be a bool/);
    expect(() => (x.grad = [1, 2] as never)).toThrow(/^grad: assigned grad expected to be a Tensor or None but got grad of type Array/);
    expect(() => x.registerHook(3 as never)).toThrow(/^registerHook\(\): argument 'hook' \(position 0\) must be a function, not number/);
  });
});

describe("defineOp and gradcheck", () => {
  it("defineOp checks its definition", () => {
    expect(() => torch.defineOp(undefined as never)).toThrow(/^defineOp\(\): argument 'definition' \(position 0\) must be an object/);
    expect(() => torch.defineOp({ name: "f", forward: (_c: unknown, a: torch.Tensor) => a } as never)).toThrow(/^defineOp\(\): argument 'backward' must be a function, not undefined/);
    expect(() => torch.defineOp({ name: "f", forward: () => 1, backward: () => 1, fwd: 1 } as never)).toThrow(/unknown option 'fwd'/);
    expect(() => torch.defineOp({ name: 3, forward: () => 1, backward: () => 1 } as never)).toThrow(/argument 'name' must be a non-empty string/);
  });

  it("gradcheck checks its function, inputs and tolerances", () => {
    const x = leaf();
    expect(() => torch.gradcheck(3 as never, [x])).toThrow(/^gradcheck\(\): argument 'func' \(position 0\) must be a function, not number/);
    expect(() => torch.gradcheck((a) => a.mul(2), 3 as never)).toThrow(torch.ValueError);
    expect(() => torch.gradcheck((a) => a.mul(2), [x], { eps: "a" as never })).toThrow(/^gradcheck\(\): argument 'eps' must be a non-negative number, not string/);
    expect(() => torch.gradcheck((a) => a.mul(2), [x], { tol: 1 } as never)).toThrow(/unknown option 'tol'/);
    expect(() => torch.gradcheck(() => 3 as never, [x])).toThrow(/^gradcheck: fn must return a Tensor, got number/);
    expect(torch.gradcheck((a, k) => a.mul(k as unknown as number), [x, 3 as never])).toBe(true);
  });
});

describe("svd under autograd", () => {
  it("svd raises when A needs a gradient; svdvals is differentiable", () => {
    const A = torch.tensor([[3, 1, 2], [1, 4, 0.5]], { dtype: torch.float64, requiresGrad: true });
    expect(() => torch.linalg.svd(A)).toThrow(/^linalg.svd: the derivative of U and Vh is not implemented in torchts yet/);
    expect(torch.linalg.svd(A.detach()).S.shape).toEqual([2]);
    expect(torch.noGrad(() => torch.linalg.svd(A)).U.shape).toEqual([2, 2]);
    const s = torch.linalg.svdvals(A);
    expect(s.gradFn!.name).toBe("LinalgSvdBackward0");
    expect(torch.gradcheck((a) => torch.linalg.norm(a, "nuc"), [A])).toBe(true);
  });
});
