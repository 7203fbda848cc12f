/** JavaScript interop (interop.ts), devices (device.ts, tensor-to.ts) and overlap checks (overlap.ts). */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("iteration walks the first dimension", () => {
  it("for...of, Array.from, spread and destructuring give the rows as views", () => {
    const X = torch.arange(6, { dtype: torch.float32 }).reshape(3, 2);
    const rows: number[][] = [];
    for (const row of X) rows.push(row.tolist() as number[]);
    expect(rows).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(Array.from(X).map((r) => r.shape)).toEqual([[2], [2], [2]]);
    const [a, , c] = X;
    a.set(0, 10);
    expect(X.get(0, 0).item()).toBe(10); // a view, as Python's rows are
    expect(c.tolist()).toEqual([4, 5]);
    const [p, q] = X.split(2);
    expect([p.shape, q.shape]).toEqual([[2, 2], [1, 2]]);
    expect([...torch.tensor([1, 2, 3])].map((t) => t.ndim)).toEqual([0, 0, 0]);
    expect([...torch.zeros(0, 3)]).toEqual([]);
  });

  it("a 0-d tensor is not iterable, and deep equality still works on tensors", () => {
    expect(torch.tensor(1)[Symbol.iterator]).toBeUndefined();
    expect(() => [...torch.tensor(1)]).toThrow(/is not iterable/);
    expect(() => Array.from(torch.tensor(1.5))).toThrow(/^len\(\) of a 0-d tensor$/);
    const a = torch.tensor([[1, 2], [3, 4]]);
    expect(a).toEqual(a.clone());
    expect(a).not.toBe(a.clone());
    expect(a).not.toEqual(torch.tensor([[1, 2], [3, 5]]));
  });
});

describe("coercion to a primitive follows JavaScript's hints", () => {
  const one = torch.tensor([2.5]);
  const many = torch.ones(3);
  it('"string": the repr, for any tensor', () => {
    expect(`${many}`).toBe("tensor([1., 1., 1.])");
    expect(String(one)).toBe("tensor([2.5000])");
  });
  it('"number": the value of one element, PyTorch\'s ValueError otherwise', () => {
    expect(Number(one)).toBe(2.5);
    expect(+torch.tensor(true)).toBe(1);
    expect((one as unknown as number) * 2).toBe(5);
    expect(() => Number(many)).toThrow(torch.ValueError);
    expect(() => +many).toThrow(/only one element tensors can be converted to Python scalars/);
  });
  it('"default": the number for one element, the repr otherwise', () => {
    expect((one as unknown as number) + 1).toBe(3.5);
    expect("grad: " + many).toBe("grad: tensor([1., 1., 1.])");
    expect("loss " + torch.tensor(0.5)).toBe("loss 0.5"); // the same hint as x + 1: JavaScript cannot tell them apart
    expect((torch.tensor(3) as unknown as number) == 3).toBe(true);
  });
});

describe("devices", () => {
  const x = torch.arange(3, { dtype: torch.float32 });
  it("torch.device, x.device and the CPU forms of to()", () => {
    const cpu = torch.device("cpu");
    expect(cpu).toBe(x.device);
    expect(String(cpu)).toBe("cpu");
    expect(inspect(cpu)).toBe("device(type='cpu')");
    expect(inspect(torch.device("cuda", 1))).toBe("device(type='cuda', index=1)");
    expect(String(torch.device("cpu:0"))).toBe("cpu:0");
    expect(x.to("cpu")).toBe(x);
    expect(x.to(cpu)).toBe(x);
    expect(x.cpu()).toBe(x);
    expect(x.to({ device: "cpu" })).toBe(x);
    expect(torch.cuda.isAvailable()).toBe(false);
    expect(torch.cuda.deviceCount()).toBe(0);
  });
  it("to() casts by dtype, by options, by device and dtype, and by another tensor", () => {
    expect(x.to(torch.float64).dtype).toBe(torch.float64);
    expect(x.to({ dtype: torch.int64 }).tolist()).toEqual([0, 1, 2]);
    expect(x.to("cpu", torch.float64).dtype).toBe(torch.float64);
    expect(x.to("cpu", { dtype: torch.int32 }).dtype).toBe(torch.int32);
    expect(x.to(torch.ones(1, { dtype: torch.int64 })).dtype).toBe(torch.int64);
    expect(x.to(torch.float32)).toBe(x);
    const c = x.to({ copy: true });
    expect(c).not.toBe(x);
    expect(c._storage).not.toBe(x._storage);
    expect(x.to()).toBe(x);
  });
  it("a device other than the CPU raises PyTorch's error", () => {
    expect(() => x.to("cuda")).toThrow(/^to: Torch not compiled with CUDA enabled/);
    expect(() => x.to(torch.device("cuda:0"))).toThrow(/CUDA/);
    expect(() => x.cuda()).toThrow(/^cuda: Torch not compiled with CUDA enabled/);
    expect(() => x.to({ device: "cuda" })).toThrow(/CUDA/);
    expect(() => x.to(0)).toThrow(/CUDA/);
    expect(() => x.to("mps")).toThrow(/^to: PyTorch is not linked with support for mps devices/);
    expect(() => torch.device("gpu")).toThrow(/^device: Expected one of cpu, cuda, .* device type at start of device string: gpu$/);
    expect(() => torch.device("cuda:0", 1)).toThrow(/must not include an index/);
    expect(() => torch.device(3 as never)).toThrow(/^device\(\): argument 'type' \(position 0\) must be str or torch.device, not number/);
  });
  it("to() rejects invalid combinations and unknown options", () => {
    expect(() => x.to("cpu", "cpu" as never)).toThrow(/^to\(\): received an invalid combination of arguments - got \(string, string\)/);
    expect(() => x.to(torch.float32, torch.float64 as never)).toThrow(/got \(torch.dtype, torch.dtype\)/);
    expect(() => x.to({ dtyp: torch.float64 } as never)).toThrow(/unknown option 'dtyp' \(did you mean 'dtype'\?\)/);
    expect(() => x.to({ dtype: "float64" } as never)).toThrow(/argument 'dtype' must be torch.dtype, not string/);
    expect(() => x.to(torch.float64, { dtype: torch.float32 })).toThrow(/invalid combination/);
  });
});

describe("in-place writes between overlapping views (PyTorch's assert_no_partial_overlap)", () => {
  const msg = /unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location\. Please clone\(\) the tensor before performing the operation\./;
  it("copy_, set and the in-place binary ops refuse a partly overlapping source", () => {
    const x = torch.arange(5, { dtype: torch.float32 });
    expect(() => x.get("1:").copy_(x.get(":-1"))).toThrow(torch.RuntimeError);
    expect(() => x.get("1:").copy_(x.get(":-1"))).toThrow(msg);
    expect(() => x.get(":3").copy_(x.get("2:"))).toThrow(/^copy_: /);
    expect(() => x.set("1:", x.get(":-1"))).toThrow(/^set: unsupported operation/);
    for (const op of ["add_", "sub_", "mul_", "div_"] as const) expect(() => x.get("1:")[op](x.get(":-1"))).toThrow(new RegExp(`^${op}: unsupported`));
    const y = torch.zeros(3, 3);
    expect(() => y.copy_(y.t())).toThrow(msg); // the same range through other strides
    expect(x.tolist()).toEqual([0, 1, 2, 3, 4]); // nothing was written
  });
  it("the same elements, disjoint ranges and non-dense views pass, as in PyTorch", () => {
    const x = torch.arange(5, { dtype: torch.float32 });
    x.copy_(x);
    x.get(":2").copy_(x.get("3:"));
    expect(x.tolist()).toEqual([3, 4, 2, 3, 4]);
    x.get("1:").add_(x.get(":1")); // [1, 5) and [0, 1) are disjoint
    expect(x.tolist()).toEqual([3, 7, 5, 6, 7]);
    const y = torch.arange(9, { dtype: torch.float32 }).reshape(3, 3);
    // column slices are not dense: PyTorch does not check them (torchts reads all before writing)
    y.get(":", "1:").copy_(y.get(":", ":-1"));
    expect(y.get(":", 0).tolist()).toEqual([0, 3, 6]);
    y.get(0).add_(y.get(1)); // [0, 3) and [3, 6) are disjoint
    expect(y.get(0).tolist()).toEqual([3, 3, 5]);
  });
  it("an index put refuses any overlap with its value (PyTorch's assert_no_overlap)", () => {
    const y = torch.zeros(2, 3);
    expect(() => y.set([0, 1], y.get(0))).toThrow(/^set: unsupported operation/);
    y.set([0, 1], y.get(0).clone());
  });
});

describe("without @torchts/autograd", () => {
  it("{ requiresGrad: true } says that gradients need @torchts/autograd", () => {
    expect(() => torch.zeros(2, { requiresGrad: true } as never)).toThrow(/^requiresGrad: gradients need @torchts\/autograd: add `import "@torchts\/autograd";`/);
    expect(torch.zeros(2, { requiresGrad: false } as never).shape).toEqual([2]);
    expect(torch.ones(2).detach_().shape).toEqual([2]);
    expect(() => torch.ones(3).get("0:1").detach_()).toThrow(/Can't detach views in-place/);
  });
});
