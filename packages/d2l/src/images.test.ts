import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "torchts";
import { predictCh3, showImages } from "./images";
import { loadArray } from "./data";

afterEach(() => vi.restoreAllMocks());

function fakeDisplay() {
  const shown: string[] = [];
  return { shown, svg: (s: string) => void shown.push(s) };
}

/** The embedded images of an SVG grid (imageGrid draws each as one PNG <image>). */
const images = (svg: string) => svg.match(/<image /g)?.length ?? 0;

describe("showImages", () => {
  it("draws a titled grid of images on the display", async () => {
    torch.manualSeed(0);
    const display = fakeDisplay();
    await showImages(torch.rand(5, 4, 4), 2, 3, { titles: ["a", "b", "c", "d", "e"], display });
    expect(display.shown.length).toBe(1);
    const svg = display.shown[0];
    expect(images(svg)).toBe(5);
    for (const t of ["a", "b", "e"]) expect(svg).toContain(`>${t}<`);
    await showImages([torch.rand(3, 3), torch.rand(3, 3), torch.rand(3, 3)], 1, 2, { display }); // d2l zips with the axes
    expect(images(display.shown[1])).toBe(2);
  });

  it("prints a line in plain Node", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await showImages(torch.rand(2, 3, 3), 1, 2, { display: null });
    expect(log.mock.calls[0][0]).toBe("showImages: 1x2 grid of 2 images (no notebook display here)");
  });

  it("checks its arguments", async () => {
    const d = fakeDisplay();
    await expect(showImages("x" as never, 1, 1, { display: d })).rejects.toThrow(/showImages\(\): argument 'imgs' \(position 0\)/);
    await expect(showImages(torch.rand(2, 3, 3), 0, 1, { display: d })).rejects.toThrow(/argument 'numRows' \(position 1\) must be a positive integer/);
    await expect(showImages(torch.rand(2, 3, 3), 1, 2, { titles: ["a"], display: d })).rejects.toThrow(/showImages\(\): 2 images are shown but titles has only 1/);
    await expect(showImages(torch.rand(2, 3, 3), 1, 2, { title: ["a"] } as never)).rejects.toThrow(/unknown option 'title' \(did you mean 'titles'\?\)/);
    await expect(showImages(torch.rand(2, 3, 3), 1, 2, { display: 1 as never })).rejects.toThrow(/argument 'display'/);
    expect(d.shown.length).toBe(0);
  });
});

describe("predictCh3", () => {
  it("titles the first n test images 'true\\npred' with Fashion-MNIST's labels", async () => {
    torch.manualSeed(1);
    const X = torch.rand(8, 1, 5, 5);
    const y = torch.tensor([9, 0, 1, 2, 3, 4, 5, 6]);
    const net = (Xb: torch.Tensor) => torch.nn.functional.oneHot(torch.tensor([9, 0, 0, 2, 3, 4, 5, 6]).get(`0:${Xb.shape[0]}`), 10).float();
    const display = fakeDisplay();
    expect(await predictCh3(net, loadArray([X, y], 8, false), 4, { display })).toBeUndefined();
    expect(images(display.shown[0])).toBe(4);
    // each title is two lines, true over predicted: the third image is a trouser taken for a t-shirt
    const lines = Array.from(display.shown[0].matchAll(/<tspan[^>]*>([^<]+)<\/tspan>/g), (m) => m[1]);
    for (const t of ["ankle boot", "t-shirt", "trouser", "pullover"]) expect(lines).toContain(t);
    expect(lines.filter((t) => t === "t-shirt").length).toBe(3); // true and predicted of the 2nd, predicted of the 3rd
    expect(lines.filter((t) => t === "trouser").length).toBe(1);
  });

  it("checks its arguments", async () => {
    const it2 = loadArray([torch.rand(2, 1, 3, 3), torch.tensor([0, 1])], 2, false);
    const net = (X: torch.Tensor) => torch.zeros(X.shape[0], 10);
    await expect(predictCh3(net, it2, 6, { display: null })).rejects.toThrow(/first test batch has 2 images .* cannot show n=6/);
    await expect(predictCh3(net, [], 1)).rejects.toThrow(/gave no batch/);
    await expect(predictCh3(net, it2, -1)).rejects.toThrow(/'n'/);
    await expect(predictCh3(3 as never, it2)).rejects.toThrow(/predictCh3\(\): argument 'net' \(position 0\)/);
  });
});
