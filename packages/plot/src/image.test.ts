import { describe, expect, test } from "vitest";
import { PNG } from "pngjs";
import { imageGrid, imageGridSpec, imshow, imshowSpec } from "./image";
import { colormapRgba } from "./colormap";
import { PlotError } from "./errors";
import { TypeError } from "@torchts/tensor/errors";

/** The PNGs embedded in an SVG, decoded. */
function images(svg: string): { png: PNG; attrs: string }[] {
  return [...svg.matchAll(/<image([^>]*)xlink:href="data:image\/png;base64,([^"]+)"([^>]*)>/g)].map((m) => ({
    png: PNG.sync.read(Buffer.from(m[2]!, "base64")),
    attrs: m[1]! + m[3]!,
  }));
}

const tensorLike = (list: unknown) => ({ tolist: () => list, shape: [] });

describe("imshow", () => {
  test("each pixel is viridis of (v - min) / (max - min), pixelated, with axes", async () => {
    const img = [[0, 1, 2], [3, 4, 8]];
    const svg = await imshow(img);
    const [{ png, attrs }] = images(svg);
    expect([png.width, png.height]).toEqual([3, 2]);
    const px = (i: number, j: number) => Array.from(png.data.subarray((i * 3 + j) * 4, (i * 3 + j) * 4 + 4));
    expect(px(0, 0)).toEqual(colormapRgba("viridis", 0));
    expect(px(1, 1)).toEqual(colormapRgba("viridis", 0.5));
    expect(px(1, 2)).toEqual(colormapRgba("viridis", 1));
    expect(attrs).toContain("image-rendering: pixelated");
    // square pixels: a 3 x 2 image is drawn 1.5 times wider than tall
    const w = Number(/width="([\d.]+)"/.exec(attrs)![1]);
    const h = Number(/height="([\d.]+)"/.exec(attrs)![1]);
    expect(w / h).toBeCloseTo(1.5, 2);
    // pixel centres at integers: the axes run from -0.5 to 2.5, as matplotlib labels a 3-pixel-wide image
    expect(svg).toContain(">\u22120.5<");
    expect(svg).toContain(">2.5<");
    expect(svg).toContain('role-axis');
  });

  test("vmin/vmax, gray, axis off, tensors", async () => {
    const svg = await imshow(tensorLike([[0, 10]]), { cmap: "gray", vmin: 0, vmax: 20, axis: false });
    const [{ png }] = images(svg);
    expect(Array.from(png.data.subarray(4, 8))).toEqual(colormapRgba("gray", 0.5));
    expect(svg).not.toContain("role-axis");
  });

  test("extent: a heat map in data coordinates; aspect 'auto' fills the axes", () => {
    const spec = imshowSpec([[0, 1, 2], [3, 4, 5]], { extent: [-2, 2, -1, 1] });
    const axes = (spec.layer as Record<string, any>[])[0]!.encoding;
    expect(axes.x.scale).toMatchObject({ domain: [-2, 2], reverse: false });
    expect(axes.y.scale).toMatchObject({ domain: [-1, 1], reverse: false });
    expect((spec.width as number) / (spec.height as number)).toBeCloseTo(2, 1); // 4 units by 2
    const auto = imshowSpec([[0, 1, 2], [3, 4, 5]], { extent: [-2, 2, -1, 1], aspect: "auto" });
    expect((auto.width as number) / (auto.height as number)).toBeCloseTo((3.5 * 0.775) / (2.5 * 0.77), 2);
    // the default: pixel centres at integers, row 0 on top (y reversed)
    const def = (imshowSpec([[0, 1, 2], [3, 4, 5]]).layer as Record<string, any>[])[0]!.encoding;
    expect(def.y.scale).toMatchObject({ domain: [-0.5, 1.5], reverse: true });
    expect(() => imshowSpec([[1]], { extent: [0, 0, 0, 1] })).toThrow(/left != right/);
    expect(() => imshowSpec([[1]], { extent: [0, 1] as never })).toThrow(/argument 'extent' must be an array of four numbers/);
    expect(() => imshowSpec([[1]], { aspect: "square" as never })).toThrow(/aspect must be 'equal' or 'auto'/);
    expect(() => imshowSpec([[1]], { origin: "top" as never })).toThrow(/'top' is not a valid value for origin; supported values are 'upper', 'lower'/);
  });

  test("origin 'lower' puts row 0 at the bottom", async () => {
    const [{ png }] = images(await imshow([[0, 0], [1, 1]], { origin: "lower" }));
    expect(Array.from(png.data.subarray(0, 4))).toEqual(colormapRgba("viridis", 1)); // the PNG's top row is row 1
    const def = (imshowSpec([[0, 1]], { origin: "lower" }).layer as Record<string, any>[])[0]!.encoding;
    expect(def.y.scale).toMatchObject({ domain: [-0.5, 0.5], reverse: false });
  });

  test("bad input", () => {
    expect(() => imshowSpec([1, 2, 3])).toThrow(new TypeError("imshow(): img must be 2-D; got a 1-D array"));
    expect(() => imshowSpec([[1, 2], [3]])).toThrow(/rectangular: row 0 has 2 values but row 1 has 1/);
    expect(() => imshowSpec("abc")).toThrow(/imshow\(\): argument 'img' \(position 1\) must be a 2-D tensor or nested array/);
    expect(() => imshowSpec([[1]], { cmap: "jet" as never })).toThrow(/'jet' is not a valid value for cmap/);
    expect(() => imshowSpec([[1]], { cmpa: "gray" } as never)).toThrow(/unknown option 'cmpa' \(did you mean 'cmap'\?\)/);
    expect(() => imshowSpec([[1]], { vmin: "0" as never })).toThrow(/argument 'vmin' must be a number/);
    expect(() => imshowSpec([[1, 2]], { vmin: 3, vmax: 1 })).toThrow(/vmin=3, vmax=1/);
  });
});

describe("imageGrid", () => {
  const imgs = Array.from({ length: 18 }, (_, k) => Array.from({ length: 28 }, (_, i) => Array.from({ length: 28 }, (_, j) => Math.sin(i * j + k))));

  test("d2l's show_images: 2 x 9 Fashion-MNIST-sized images, titles, no axes, each normalised alone", async () => {
    const titles = imgs.map((_, k) => `label ${k}`);
    const t0 = performance.now();
    const svg = await imageGrid(imgs, 2, 9, { titles });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    const shown = images(svg);
    expect(shown).toHaveLength(18);
    for (const { png } of shown) expect([png.width, png.height]).toEqual([28, 28]);
    for (const t of titles) expect(svg).toContain(`>${t}<`);
    expect(svg).not.toContain("role-axis");
    expect(svg.match(/<path[^>]*stroke="#000000"/g)).toHaveLength(18); // the frames
    // figure size = (numCols * scale, numRows * scale) inches at 96 px
    expect(svg).toMatch(/^<svg[^>]* width="1296" height="288"/);
    // each image spans the whole colour map
    const data = shown[5]!.png.data;
    const pixels = new Set<string>();
    for (let i = 0; i < data.length; i += 4) pixels.add(data.subarray(i, i + 4).join(","));
    expect(pixels.has(colormapRgba("viridis", 0).join(","))).toBe(true);
    expect(pixels.has(colormapRgba("viridis", 1).join(","))).toBe(true);
  });

  test("a (N, H, W) tensor; images placed row by row; extra images are not shown (d2l zips)", () => {
    const spec = imageGridSpec(tensorLike(imgs.slice(0, 5)), 2, 2, { scale: 1 });
    const values = (spec.data as { values: { x: number; y: number; title: string }[] }).values;
    expect(values).toHaveLength(4);
    expect(values[1]!.x).toBeGreaterThan(values[0]!.x);
    expect(values[1]!.y).toBe(values[0]!.y);
    expect(values[2]!.y).toBeGreaterThan(values[0]!.y);
    expect(spec.width).toBe(192);
  });

  test("multi-line titles (predict_ch3's true\\npred)", async () => {
    const svg = await imageGrid(imgs.slice(0, 2), 1, 2, { titles: ["shirt\ncoat", "bag\nbag"] });
    expect(svg).toContain(">shirt<");
    expect(svg).toContain(">coat<");
  });

  test("a title's extra lines go above the image, and the figure grows at the top to hold them", async () => {
    const one = imageGridSpec(imgs.slice(0, 2), 1, 2, { titles: ["shirt", "bag"] });
    const two = imageGridSpec(imgs.slice(0, 2), 1, 2, { titles: ["shirt\ncoat", "bag"] });
    type V = { y: number; y2: number; ty: number };
    const [a, b] = [(one.data as { values: V[] }).values, (two.data as { values: V[] }).values];
    const grow = (two.height as number) - (one.height as number);
    expect(grow).toBeGreaterThanOrEqual(14); // one more 15 px line, less the 1 px headroom a one-line title leaves
    // the images move down by the growth; the two-line title's last line sits where the one-line title did
    expect(b[0]!.y - a[0]!.y).toBeCloseTo(grow, 1);
    expect(b[1]!.ty - a[1]!.ty).toBeCloseTo(grow, 1);
    expect(b[0]!.ty + 15 - b[0]!.y).toBeCloseTo(a[0]!.ty - a[0]!.y, 1);
    // drawn: the first line inside the figure, the last above the image
    const svg = await imageGrid(imgs.slice(0, 2), 1, 2, { titles: ["shirt\ncoat", "bag"] });
    const m = /translate\([\d.]+,([\d.]+)\)"[^>]*><tspan>shirt<\/tspan><tspan x="0" dy="(\d+)">coat/.exec(svg);
    expect(m).not.toBeNull();
    const first = Number(m![1]);
    expect(b[0]!.ty - 13).toBeGreaterThanOrEqual(0); // the text's bottom less its font size
    expect(first).toBeGreaterThan(13 * 0.75); // the first baseline lies lower than a capital's height
    expect(first + Number(m![2])).toBeLessThan(b[0]!.y);
    // a one-line grid is unchanged: no growth
    expect(one.height).toBe(Math.round(2 * 1.5 * 96 / 2));
  });

  test("bad input", () => {
    expect(() => imageGridSpec(imgs, 0, 9)).toThrow(new PlotError("imageGrid(): Number of rows must be a positive integer, not 0"));
    expect(() => imageGridSpec(imgs, 2, 1.5)).toThrow(new PlotError("imageGrid(): Number of columns must be a positive integer, not 1.5"));
    expect(() => imageGridSpec(imgs, "2" as never, 9)).toThrow(/argument 'numRows' \(position 2\) must be a positive integer/);
    expect(() => imageGridSpec(imgs, 2, 9, { titles: ["a"] })).toThrow(/18 images are shown but titles has only 1 entries/);
    expect(() => imageGridSpec(imgs, 2, 9, { scale: -1 })).toThrow(/argument 'scale' must be a positive number/);
    expect(() => imageGridSpec([[1, 2]], 1, 1)).toThrow(/imgs\[0\] must be 2-D/);
    expect(() => imageGridSpec(42, 1, 1)).toThrow(/argument 'imgs' \(position 1\)/);
    expect(() => imageGridSpec(imgs, 2, 9, { title: ["a"] } as never)).toThrow(/unknown option 'title' \(did you mean 'titles'\?\)/);
  });
});
