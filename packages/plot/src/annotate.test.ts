import { describe, expect, test } from "vitest";
import { plot, plotSpec, scatterSpec } from "./plot";
import { contourSpec } from "./contour";
import { layerSpec } from "./compose";

const x = Array.from({ length: 200 }, (_, i) => -1 + (i * 3) / 199);
const f = (v: number) => v * Math.cos(Math.PI * v);

/** The rules (arrow strokes) of an SVG's annotation layer, as [x1, y1, x2, y2] in px. */
function strokes(svg: string): number[][] {
  const group = /<g class="mark-rule role-mark[^]*?<\/g>/.exec(svg)?.[0] ?? "";
  return [...group.matchAll(/<line transform="translate\(([-\d.]+),([-\d.]+)\)" x2="([-\d.]+)" y2="([-\d.]+)"/g)].map((m) => {
    const [tx, ty, dx, dy] = m.slice(1).map(Number) as [number, number, number, number];
    return [tx, ty, tx + dx, ty + dy];
  });
}

describe("annotations (plt.annotate)", () => {
  test("d2l 11.1: 'local minimum' written at xytext with an arrow ending at xy", async () => {
    const svg = await plot(x, x.map(f), { annotations: [{ text: "local minimum", xy: [-0.3, -0.25], xytext: [-0.77, -1.0] }] });
    expect(svg).toContain(">local minimum<");
    const s = strokes(svg);
    expect(s).toHaveLength(3); // the shaft and the two strokes of the "->" head
    const length = (l: number[]) => Math.hypot(l[2]! - l[0]!, l[3]! - l[1]!);
    const [shaft, w1, w2] = [...s].sort((p, q) => length(q) - length(p)) as [number[], number[], number[]];
    // vega may write a line from either end: orient the shaft from the text (lower left) to the point
    if (shaft[1]! < shaft[3]!) shaft.splice(0, 4, shaft[2]!, shaft[3]!, shaft[0]!, shaft[1]!);
    const near = (w: number[]) => (Math.hypot(w[0]! - shaft[2]!, w[1]! - shaft[3]!) < 1 ? w : [w[2]!, w[3]!, w[0]!, w[1]!]);
    // the head's strokes start where the shaft ends (at xy, less matplotlib's 2 pt shrink)
    for (const w of [w1, w2].map(near)) {
      expect(Math.hypot(w[0]! - shaft[2]!, w[1]! - shaft[3]!)).toBeLessThan(1);
      expect(length(w)).toBeGreaterThan(4); // matplotlib's head: 4 pt long
    }
    // the arrow points up, from the middle of the text (right of xy: the text is wide) towards the minimum
    expect(shaft[3]!).toBeLessThan(shaft[1]! - 20);
    expect(Math.abs(shaft[2]! - shaft[0]!)).toBeLessThan(10);
  });

  test("text only without xytext, or with arrow: false; annotations do not move the axes", () => {
    const spec = plotSpec(x, x.map(f), { annotations: [{ text: "here", xy: [5, 5] }, { text: "there", xy: [0, 0], xytext: [1, 1], arrow: false }] });
    const layers = spec.layer as Record<string, any>[];
    const text = layers.find((l) => l.mark.type === "text")!;
    expect(text.data.values).toEqual([{ x: 5, y: 5, text: "here" }, { x: 1, y: 1, text: "there" }]);
    expect(layers.some((l) => l.mark.type === "rule")).toBe(false);
    expect(layers[0]!.encoding.x.scale.domain[1]).toBeLessThan(2.2); // matplotlib's annotate does not autoscale
  });

  test("on scatter and contour, and kept by layer", () => {
    const g = [[0, 1], [0, 1]];
    const notes = [{ text: "min", xy: [0, 0] as [number, number], xytext: [0.5, 0.5] as [number, number] }];
    expect(JSON.stringify(scatterSpec([0, 1], [0, 1], { annotations: notes }))).toContain('"min"');
    const c = contourSpec(g, [[0, 0], [1, 1]], [[0, 1], [1, 2]], { annotations: notes });
    expect(JSON.stringify(layerSpec([c, plotSpec([0, 1], [0, 1])]))).toContain('"min"');
  });

  test("bad annotations name the option", () => {
    expect(() => plotSpec([1, 2], { annotations: [{ text: "a", xy: [1] }] } as never)).toThrow(/plot\(\): annotations\[0\].xy must hold two numbers \[x, y\], got 1/);
    expect(() => plotSpec([1, 2], { annotations: [{ text: "a", xy: ["1", 1] }] } as never)).toThrow(/plot\(\): argument 'annotations\[0\].xy' must be an array of two numbers/);
    expect(() => plotSpec([1, 2], { annotations: [{ text: 1, xy: [1, 1] }] } as never)).toThrow(/argument 'annotations\[0\].text' must be a string/);
    expect(() => plotSpec([1, 2], { annotations: [{ text: "a", xy: [1, 1], xytxt: [0, 0] }] } as never)).toThrow(/annotation\(\): unknown option 'xytxt'.*accepts: text, xy, xytext, arrow/);
    expect(() => plotSpec([1, 2], { annotations: [{ text: "a", xy: [NaN, 1] }] })).toThrow(/annotations\[0\].xy must be finite/);
    expect(() => plotSpec([1, 2], { annotations: { text: "a", xy: [1, 1] } } as never)).toThrow(/argument 'annotations' must be an array/);
  });
});
