import * as torch from "@torchts/tensor";
import { describe, expect, it } from "vitest";
import { transforms } from "./index";

describe("transforms", () => {
  const img = torch.tensor([[0, 51], [102, 255]], { dtype: torch.uint8 });
  it("ToTensor: uint8 HW → float32 CHW / 255; HWC → CHW; whole stacks", () => {
    const t = new transforms.ToTensor().forward(img);
    expect(t.dtype).toBe(torch.float32);
    expect([...t.shape]).toEqual([1, 2, 2]);
    expect(t.tolist()).toEqual([[[0, Math.fround(0.2)], [Math.fround(0.4), 1]]]);
    const rgb = torch.arange(12, { dtype: torch.uint8 }).reshape(2, 2, 3);
    const c = new transforms.ToTensor().forward(rgb);
    expect([...c.shape]).toEqual([3, 2, 2]);
    expect(c.mul(255).round().tolist()).toEqual(rgb.permute(2, 0, 1).to(torch.float32).tolist());
    const stack = torch.stack([rgb, rgb]);
    expect(new transforms.ToTensor().forwardBatch(stack).get(1).tolist()).toEqual(c.tolist());
    // other dtypes are only moved to channels-first, as torchvision does for arrays
    expect(new transforms.ToTensor().forward(torch.ones(2, 2, 3, { dtype: torch.float64 })).dtype).toBe(torch.float64);
  });
  it("Normalize: per channel, float32 arithmetic, any leading dims", () => {
    const x = torch.tensor([[[0.5, 1]], [[0, 0.25]]]); // [2, 1, 2]
    const n = new transforms.Normalize([0.5, 0.25], [0.5, 0.25]).forward(x);
    expect(n.tolist()).toEqual([[[0, 1]], [[-1, 0]]]);
    expect(x.tolist()).toEqual([[[0.5, 1]], [[0, 0.25]]]); // not in place by default
    new transforms.Normalize(0.5, 0.5, { inplace: true }).forward(x);
    expect(x.tolist()).toEqual([[[0, 1]], [[-1, -0.5]]]);
    const batch = new transforms.Normalize([0.1], [0.3]).forwardBatch(torch.ones(4, 1, 2, 2));
    expect(batch.get(3).tolist()).toEqual(new transforms.Normalize([0.1], [0.3]).forward(torch.ones(1, 2, 2)).tolist());
  });
  it("Normalize: a float64 image uses mean and std as float64 (torchvision's as_tensor of the image's dtype)", () => {
    const x = torch.tensor([[[0.1, 0.7]]], { dtype: torch.float64 });
    const n = new transforms.Normalize([0.286], [0.353]).forward(x);
    expect(n.dtype).toBe(torch.float64);
    expect(n.tolist()).toEqual([[[(0.1 - 0.286) / 0.353, (0.7 - 0.286) / 0.353]]]);
    expect(new transforms.Normalize([0.5], [1e-50]).forward(x).get(0, 0, 0).item()).toBe((0.1 - 0.5) / 1e-50);
  });
  it("Normalize errors", () => {
    expect(() => new transforms.Normalize([0.5], [0])).toThrow(/std evaluated to zero/);
    expect(() => new transforms.Normalize([0.5], [0.5]).forward(img.reshape(1, 2, 2))).toThrow(/Input tensor should be a float tensor. Got torch.uint8/);
    expect(() => new transforms.Normalize([0.5], [0.5]).forward(torch.ones(2, 2))).toThrow(/Expected tensor to be a tensor image of size \(..., C, H, W\)/);
    expect(() => new transforms.Normalize([0.5, 0.5], [0.5, 0.5]).forward(torch.ones(3, 2, 2))).toThrow(/must match/);
    expect(() => new transforms.Normalize([0.5, 0.5], [0.5, 0.5]).forward(torch.ones(3, 2, 2))).toThrow(torch.RuntimeError); // PyTorch's broadcast error
    expect(() => new transforms.Normalize([0.5], [1e-50]).forward(torch.ones(1, 2, 2))).toThrow(/std evaluated to zero after conversion to torch.float32/);
    expect(() => new transforms.Normalize("a" as never, [1])).toThrow(/argument 'mean'/);
    expect(() => new transforms.Normalize([0.5], [0.5]).forward([1] as never)).toThrow(/img should be Tensor Image/);
  });
  it("ToTensor errors", () => {
    expect(() => new transforms.ToTensor().forward([[1]] as never)).toThrow(/pic should be a Tensor image/);
    expect(() => new (transforms.ToTensor as unknown as new (x: number) => unknown)(3)).toThrow(/ToTensor\(\) takes no arguments/);
    expect(() => new transforms.ToTensor().forward(torch.ones(1, 1, 1, 1))).toThrow(/pic should be 2\/3 dimensional. Got 4 dimensions/);
  });
  it("Compose and Lambda", () => {
    const c = new transforms.Compose([new transforms.ToTensor(), new transforms.Lambda((x: torch.Tensor) => x.mul(255)), (x: torch.Tensor) => x.add(1)]);
    expect(c.forward(img).tolist()).toEqual([[[1, 52], [103, 256]]]);
    expect(c.forwardBatch).toBeUndefined();
    expect(new transforms.Compose([new transforms.ToTensor()]).forwardBatch).toBeTypeOf("function");
    expect(() => new transforms.Lambda(3 as never)).toThrow(/lambd should be callable/);
    expect(() => new transforms.Compose([3] as never)).toThrow(/transforms\[0\]/);
    expect(String(new transforms.Normalize([0.5], [0.5]))).toBe("Normalize(mean=[0.5], std=[0.5])");
  });
});
