/**
 * A node keeps only the tensors its rule declares in `saves` (PyTorch's SavedVariables),
 * and the version check and "second time" error still fire for those.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";
import type { Node, Tensor } from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (data: number[]) => torch.tensor(data, { ...f64, requiresGrad: true });

/**
 * The very tensors `want` (by identity: deep equality would iterate the rows of tensors that
 * require grad, and each iteration makes new UnbindBackward nodes).
 */
function expectSaved(n: Node, want: Tensor[]): void {
  const got = saved(n);
  expect(got.length).toBe(want.length);
  got.forEach((t, i) => expect(t === want[i] || (t._storage === want[i]._storage && t._offset === want[i]._offset && t.shape.join() === want[i].shape.join())).toBe(true));
}

/** The tensors a node saved, in position order. */
function saved(n: Node): Tensor[] {
  return n.savedPositions().map((i) => n.savedTensor(i));
}

describe("a node keeps only what its rule reads", () => {
  it("add, sub, sum, reshape, expand and slice keep nothing", () => {
    const x = leaf([1, 2, 3]);
    const y = leaf([4, 5, 6]);
    for (const t of [x.add(y), x.sub(y), x.sum(), x.reshape(3, 1), x.expand([2, 3]), x.narrow(0, 1, 2)]) {
      expect(saved(t.gradFn!), t.gradFn!.name).toEqual([]);
    }
  });

  it("exp, relu, tanh, sigmoid and logSoftmax keep their output; sin and log their input", () => {
    const x = leaf([0.5, -1, 2]);
    for (const t of [x.exp(), x.relu(), x.tanh(), x.sigmoid(), x.logSoftmax(0)]) expectSaved(t.gradFn!, [t]);
    for (const t of [x.sin(), x.log()]) expectSaved(t.gradFn!, [x]);
  });

  it("mul and matmul keep the other operand of each input that needs a gradient", () => {
    const data = torch.tensor([[1, 2], [3, 4]], f64);
    const w = leaf([1, 2, 3, 4]).reshape(2, 2);
    // only w needs a gradient: d(data·w)/dw reads data, and w itself is not kept (PyTorch's mm)
    expectSaved(data.matmul(w).gradFn!, [data]);
    expectSaved(w.matmul(data).gradFn!, [data]);
    expectSaved(data.mul(w).gradFn!, [data]);
    const v = leaf([1, 2, 3, 4]).reshape(2, 2);
    expectSaved(v.matmul(w).gradFn!, [v, w]);
  });

  it("an undeclared read is an internal error, not a wrong gradient", () => {
    const x = leaf([1, 2]);
    expect(() => x.add(1).gradFn!.savedTensor(0)).toThrow(/internal: AddBackward0 reads saved tensor 0, which its rule does not declare/);
  });

  it("the output of a node that saves nothing can be modified in place and backward still works (as PyTorch's add)", () => {
    const x = leaf([1, 2]);
    const y = x.add(1);
    const z = y.add(1);
    y.mul_(3);
    z.sum().backward(); // z was computed before the write: dz/dx = 1
    expect(x.grad!.tolist()).toEqual([1, 1]);
  });

  it("a saved output modified in place still raises at backward", () => {
    const x = leaf([1, 2]);
    const y = x.exp();
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation: \[torch\.DoubleTensor \[2\]\], which is output 0 of ExpBackward0, is at version 1; expected version 0/);
  });
});
