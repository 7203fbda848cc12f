/** torch.broadcastTensors: PyTorch's broadcast_tensors (checked against 1.13.1 by hand: shapes, identity, message). */
import { describe, expect, it } from "vitest";
import * as torch from "./index";

describe("torch.broadcastTensors", () => {
  it("expands every tensor to the common shape, as stride-0 views", () => {
    const a = torch.arange(3).reshape(3, 1);
    const b = torch.arange(4);
    const [ea, eb] = torch.broadcastTensors(a, b);
    expect(ea.shape).toEqual([3, 4]);
    expect(eb.shape).toEqual([3, 4]);
    expect(eb.tolist()).toEqual([[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]);
    expect(eb.stride()).toEqual([0, 1]);
    expect(ea.stride()).toEqual([1, 0]);
  });

  it("returns a tensor that already has the shape as itself, as PyTorch does", () => {
    const a = torch.zeros(3, 4);
    const [ea, eb] = torch.broadcastTensors(a, torch.ones(4));
    expect(ea).toBe(a);
    expect(eb).not.toBe(a);
    expect(torch.broadcastTensors()).toEqual([]);
  });

  it("raises PyTorch's RuntimeError for shapes that do not broadcast, and TypeError for a non-tensor", () => {
    expect(() => torch.broadcastTensors(torch.zeros(2), torch.zeros(3))).toThrow(torch.RuntimeError);
    expect(() => torch.broadcastTensors(torch.zeros(2), torch.zeros(3))).toThrow(
      /^broadcastTensors: The size of tensor a \(2\) must match the size of tensor b \(3\) at non-singleton dimension 0/,
    );
    expect(() => torch.broadcastTensors(torch.zeros(2), 3 as never)).toThrow(torch.TypeError);
  });
});
