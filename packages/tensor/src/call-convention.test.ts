/**
 * The call convention (docs/pytorch-to-torchts.md, "Call convention"), checked
 * twice: the misuses TypeScript's types can see carry `@ts-expect-error` (so
 * `pnpm typecheck` fails if a type starts accepting one), and each also runs, to
 * show the runtime check (signature.ts) rejects it for plain-JavaScript callers.
 */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const x = torch.ones(3);
const A = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3);

const MISUSES: [string, () => unknown][] = [
  // @ts-expect-error a string is not a tensor or a number
  ["add a string", () => x.add("1")],
  // @ts-expect-error an array is not a tensor
  ["add an array", () => x.add([1, 2, 3])],
  // @ts-expect-error null is not a tensor
  ["add null", () => x.add(null)],
  // @ts-expect-error keepDim is not an option of sum
  ["sum with keepDim", () => A.sum({ dim: 1, keepDim: true })],
  // @ts-expect-error dimm is not an option of softmax
  ["softmax with dimm", () => A.softmax({ dimm: 0 })],
  // @ts-expect-error a dtype is a torch.dtype, not its name
  ["zeros with a string dtype", () => torch.zeros(2, { dtype: "float32" })],
  // @ts-expect-error a dtype is a torch.dtype, not its name
  ["tensor with a string dtype", () => torch.tensor([1, 2], { dtype: "int64" })],
  // @ts-expect-error cat takes an array of tensors
  ["cat of a tensor", () => torch.cat(x)],
  // @ts-expect-error matmul takes a tensor
  ["matmul by a number", () => A.matmul(3)],
  // @ts-expect-error full needs its fill value
  ["full without a value", () => torch.full([2])],
  // @ts-expect-error exp takes a tensor
  ["exp of a number", () => torch.exp(1)],
  // @ts-expect-error maximum takes two tensors (PyTorch's signature)
  ["maximum with a number", () => torch.maximum(x, 1)],
  // @ts-expect-error logicalAnd takes two tensors (PyTorch's signature)
  ["logicalAnd with a boolean", () => torch.logicalAnd(x, true)],
  // @ts-expect-error randint's size is an array
  ["randint with a number size", () => torch.randint(10, 3)],
  // @ts-expect-error clamp's bounds are numbers
  ["clamp with a string", () => x.clamp("1")],
  // @ts-expect-error tensor's data is numbers, booleans, BigInts or arrays of them
  ["tensor of a string", () => torch.tensor("abc")],
  // @ts-expect-error correction is an option of var, not of sum
  ["sum with correction", () => A.sum({ correction: 0 })],
  // @ts-expect-error alpha is a number
  ["add with a string alpha", () => x.add(1, { alpha: "2" })],
  // @ts-expect-error cumsum's options are dim, axis, dtype
  ["cumsum with keepdim", () => A.cumsum({ dim: 0, keepdim: true })],
];

describe("misuses the types reject are rejected at run time too", () => {
  it.each(MISUSES)("%s", (_, call) => {
    expect(call).toThrow(torch.TorchError);
  });
});

describe("a dim-taking op accepts the dim positionally and by name, with the same result", () => {
  const same = (a: torch.Tensor, b: torch.Tensor) => expect(b.tolist()).toEqual(a.tolist());
  it.each([
    ["sum", () => A.sum(1, true), () => A.sum({ dim: 1, keepdim: true }), () => A.sum({ axis: 1, keepdims: true })],
    ["mean", () => A.mean(0), () => A.mean({ dim: 0 }), () => A.mean({ axis: 0 })],
    ["prod", () => A.prod(1, true), () => A.prod({ dim: 1, keepdim: true }), () => A.prod(1, { keepdim: true })],
    ["amax", () => A.amax(1), () => A.amax({ dim: 1 }), () => A.amax({ axis: 1 })],
    ["argmax", () => A.argmax(1, true), () => A.argmax({ dim: 1, keepdim: true }), () => A.argmax(1, { keepdims: true })],
    ["logsumexp", () => A.logsumexp(1), () => A.logsumexp({ dim: 1 }), () => A.logsumexp({ axis: 1 })],
    ["softmax", () => A.softmax(0), () => A.softmax({ dim: 0 }), () => torch.softmax(A, { axis: 0 })],
    ["logSoftmax", () => A.logSoftmax(1), () => A.logSoftmax({ dim: 1 }), () => torch.logSoftmax(A, { axis: 1 })],
    ["cumsum", () => A.cumsum(0), () => A.cumsum({ dim: 0 }), () => A.cumsum({ axis: 0 })],
    ["cumprod", () => A.cumprod(1), () => A.cumprod({ dim: 1 }), () => torch.cumprod(A, { axis: 1 })],
    ["var", () => A.var(1, true, true), () => A.var({ dim: 1, unbiased: true, keepdim: true }), () => A.var(1, { keepdims: true })],
    ["cat", () => torch.cat([A, A], 1), () => torch.cat([A, A], { dim: 1 }), () => torch.cat([A, A], { axis: 1 })],
    ["stack", () => torch.stack([A, A], 1), () => torch.stack([A, A], { dim: 1 }), () => torch.stack([A, A], { axis: 1 })],
    ["unsqueeze", () => A.unsqueeze(1), () => A.unsqueeze({ dim: 1 }), () => torch.unsqueeze(A, { axis: 1 })],
    ["squeeze", () => A.unsqueeze(0).squeeze(0), () => A.unsqueeze(0).squeeze({ dim: 0 }), () => A.unsqueeze(0).squeeze({ axis: 0 })],
    ["flatten", () => A.flatten(0, 1), () => A.flatten({ startDim: 0, endDim: 1 }), () => A.flatten(0, { endDim: 1 })],
    ["transpose", () => A.transpose(0, 1), () => A.transpose({ dim0: 0, dim1: 1 }), () => A.transpose(0, { dim1: 1 })],
    ["unbind", () => torch.stack(A.unbind(1)), () => torch.stack(A.unbind({ dim: 1 })), () => torch.stack(A.unbind({ axis: 1 }))],
    ["chunk", () => A.chunk(3, 1)[2], () => A.chunk(3, { dim: 1 })[2], () => A.chunk(3, { axis: 1 })[2]],
  ] as [string, () => torch.Tensor, () => torch.Tensor, () => torch.Tensor][])("%s", (_, positional, named, alias) => {
    same(positional(), named());
    same(positional(), alias());
  });

  it("a dim given twice (positionally and by name, or as dim and axis) is an error", () => {
    expect(() => A.sum(1, { dim: 0 } as never)).toThrow(/sum\(\): got multiple values for argument 'dim'/);
    expect(() => A.sum({ dim: 0, axis: 1 })).toThrow(/sum\(\): got multiple values for argument 'dim'/);
  });

  it("reductions take PyTorch's dtype option: the input is cast first", () => {
    const ints = torch.tensor([[1, 2], [3, 4]]);
    expect(ints.sum({ dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(ints.mean({ dtype: torch.float32 }).item()).toBe(2.5);
    expect(ints.sum(1, { dtype: torch.int32 }).dtype).toBe(torch.int32);
    expect(ints.cumsum(0, { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(torch.tensor([[1.5, 2.5]]).sum(1, { dtype: torch.int64 }).tolist()).toEqual([3]);
  });

  it("torch.var is torch.var_ (var is a JavaScript keyword, but a fine property name)", () => {
    expect(torch.var).toBe(torch.var_);
    expect(torch.var(torch.tensor([1, 2, 3], { dtype: torch.float32 })).item()).toBe(1);
  });
});
