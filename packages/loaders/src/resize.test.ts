import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as torch from "@torchts/tensor";
import { Resize } from "./resize";
import { Compose, ToTensor } from "./transforms";

const cases = JSON.parse(readFileSync(join(__dirname, "../fixtures/resize.json"), "utf8")) as {
  name: string;
  input: number[][] | number[][][];
  size: number | [number, number];
  output: number[][] | number[][][];
}[];

describe("Resize", () => {
  for (const c of cases) {
    it(`gives Pillow's bytes: ${c.name}`, () => {
      const out = new Resize(c.size).forward(torch.tensor(c.input, { dtype: torch.uint8 }));
      expect(out.dtype).toBe(torch.uint8);
      expect(out.tolist()).toEqual(c.output);
    });
  }

  it("works before ToTensor, as d2l's load_data_fashion_mnist(32, resize=64) composes it", () => {
    const img = torch.tensor(cases[0].input, { dtype: torch.uint8 });
    const t = new Compose([new Resize(64), new ToTensor()]);
    const x = t.forward(img) as torch.Tensor;
    expect(x.shape).toEqual([1, 64, 64]);
    expect(t.forwardBatch).toBeUndefined(); // image by image, as PyTorch (a resized whole set would not fit)
    expect(String(new Resize(64))).toBe("Resize(size=64, interpolation=bilinear, max_size=None, antialias=None)");
  });

  it("checks its arguments", () => {
    expect(() => new Resize("64" as never)).toThrow(/Resize\(\): argument 'size' \(position 0\) must be an integer or a sequence of length 1 or 2/);
    expect(() => new Resize([1, 2, 3])).toThrow(/sequence of length 1 or 2/);
    expect(() => new Resize(0)).toThrow(torch.ValueError);
    expect(() => new Resize(4).forward(torch.rand(5, 5))).toThrow(/uint8 image \[H, W\] or \[H, W, C\].*float32 \[5, 5\]/);
    expect(() => new Resize(4).forward([[1]] as never)).toThrow(torch.TypeError);
  });
});
