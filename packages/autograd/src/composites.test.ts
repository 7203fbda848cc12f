/**
 * grad_fn names live in autograd: tensor reports composites (hooks.composite), autograd
 * names them (composites.ts), and rules read the composite attribute, never a name.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

const f64 = { dtype: torch.float64 };
const leaf = (data: number[]) => torch.tensor(data, { ...f64, requiresGrad: true });

describe("composites", () => {
  it("tensor's sources name no grad_fn (only comments may mention PyTorch's names)", () => {
    const dir = join(__dirname, "../../tensor/src");
    const offenders: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.includes(".test."))) {
      const code = readFileSync(join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const m of code.matchAll(/["'`](\w*Backward\w*|NotImplemented)["'`]/g)) offenders.push(`${f}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the node keeps the composite it ended, and its PyTorch name", () => {
    const x = leaf([1, 2, 3]);
    const s = x.std();
    expect(s.gradFn!.composite).toBe("std");
    expect(s.gradFn!.name).toBe("StdBackward0");
    expect(x.mean(0).gradFn!.name).toBe("MeanBackward1");
    expect(torch.dot(x, x).gradFn!.name).toBe("DotBackward0");
    expect(x.sqrt().gradFn!.composite).toBeNull();
  });

  it("a rule switches on the composite attribute, not on the node's name", () => {
    // std of a constant is 0: its gradient is 0 there (PyTorch's std_backward), not sqrt's 1/(2·0)
    const c = leaf([2, 2, 2]);
    c.std().backward();
    expect(c.grad!.tolist()).toEqual([0, 0, 0]);
    // renaming a sqrt node changes what it prints, not what it computes
    const z = leaf([0]);
    const r = z.sqrt();
    r.gradFn!.name = "StdBackward0";
    r.sum().backward();
    expect(z.grad!.item()).toBe(Infinity);
    const a = leaf([5]);
    const q = torch.remainder(a, 3);
    q.gradFn!.name = "NotImplemented";
    q.sum().backward();
    expect(a.grad!.item()).toBe(1);
  });
});
