/**
 * d2l's `show_images` and `predict_ch3` (book sections 3.5, 3.6): image grids with titles, drawn
 * by @torchts/plot's imageGrid in matplotlib's default colour map (viridis).
 */
import * as torch from "torchts";
import { Tensor, argTypeError, checkOptions } from "torchts";
import { imageGrid, tslabNewDisplay, type Colormap, type SvgDisplay } from "@torchts/plot";
import { batchPair, callNet, checkCount, checkIterable, checkNet, type Net } from "./args";
import { getFashionMnistLabels } from "./data";
import { checkArity } from "@torchts/tensor/errors";

/** Options of {@link showImages}: d2l's keywords, plus where to draw. */
export interface ShowImagesOptions {
  /** one title per image ("\n" breaks lines) */
  titles?: readonly string[] | null;
  /** inches per grid cell (d2l's default 1.5): the figure is numCols * scale by numRows * scale */
  scale?: number;
  /** colour map (default "viridis", what matplotlib's imshow uses) */
  cmap?: Colormap;
  /** where to draw (default: a new tslab display when a tslab kernel runs this); null: print a line instead */
  display?: SvgDisplay | null;
}

function checkDisplay(fn: string, d: unknown): SvgDisplay | null | undefined {
  if (d !== undefined && d !== null && typeof (d as Partial<SvgDisplay>).svg !== "function") {
    throw argTypeError(fn, "display", undefined, "a display with an svg() method (tslab's display) or null", d);
  }
  return d as SvgDisplay | null | undefined;
}

/**
 * d2l's `show_images(imgs, num_rows, num_cols, titles=None, scale=1.5)`: a numRows × numCols grid
 * of images, titled, axes hidden, each image normalised to its own range in viridis. Shown in the
 * notebook (in plain Node, one line saying what would be shown). Images past numRows * numCols are
 * not shown (d2l zips them with the axes).
 * @example
 * const [X, y] = trainIter[Symbol.iterator]().next().value; // X [256, 1, 28, 28]
 * await showImages(X.get("0:18").reshape(18, 28, 28), 2, 9, { titles: getFashionMnistLabels(y.get("0:18")) });
 */
export async function showImages(imgs: Tensor | readonly Tensor[], numRows: number, numCols: number, options: ShowImagesOptions = {}): Promise<void> {
  checkArity("showImages", arguments, 4);
  const fn = "showImages";
  checkOptions(fn, options, ["titles", "scale", "cmap", "display"]);
  if (!(imgs instanceof Tensor) && !Array.isArray(imgs)) throw argTypeError(fn, "imgs", 0, "a (N, H, W) Tensor or an array of (H, W) Tensors", imgs);
  for (const [name, v, pos] of [["numRows", numRows, 1], ["numCols", numCols, 2]] as const) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw argTypeError(fn, name, pos, "a positive integer", v);
  }
  const display = checkDisplay(fn, options.display);
  const grid: Parameters<typeof imageGrid>[3] = {};
  if (options.titles != null) grid.titles = options.titles;
  if (options.scale !== undefined) grid.scale = options.scale;
  if (options.cmap !== undefined) grid.cmap = options.cmap;
  const svg = (await imageGrid(imgs, numRows, numCols, grid).catch((e: Error) => {
    // imageGrid checks the same arguments; name the function the user called
    e.message = e.message.replace(/^imageGrid\(\)/, `${fn}()`);
    throw e;
  })) as string;
  const d = display === undefined ? tslabNewDisplay() : display;
  if (d) d.svg(svg);
  else {
    const n = imgs instanceof Tensor ? imgs.shape[0] : imgs.length;
    console.log(`showImages: ${numRows}x${numCols} grid of ${Math.min(n, numRows * numCols)} images (no notebook display here)`);
  }
}

/** Options of {@link predictCh3}. */
export interface PredictCh3Options {
  /** where to draw, as in {@link showImages} */
  display?: SvgDisplay | null;
}

/**
 * d2l's `predict_ch3(net, test_iter, n=6)`: the first n images of the first test batch, titled
 * with the true label over the predicted one (`"true\npred"`), Fashion-MNIST's text labels.
 * Returns nothing, as d2l's (a notebook would print a returned value).
 * @example await predictCh3(net, testIter); // six images titled e.g. "ankle boot\nankle boot"
 */
export async function predictCh3(net: Net, testIter: Iterable<unknown>, n = 6, options: PredictCh3Options = {}): Promise<void> {
  checkArity("predictCh3", arguments, 4);
  const fn = "predictCh3";
  checkNet(fn, 0, net);
  checkIterable(fn, "testIter", 1, testIter);
  checkCount(fn, "n", 2, n);
  checkOptions(fn, options, ["display"]);
  const display = checkDisplay(fn, options.display);
  const first = testIter[Symbol.iterator]().next();
  if (first.done) throw new torch.ValueError(`${fn}(): the test iterator gave no batch`);
  const [X, y] = batchPair(fn, "testIter", first.value);
  if (X.shape[0] < n || X.ndim < 2) {
    throw new torch.ValueError(`${fn}(): the first test batch has ${X.shape[0]} images of shape [${X.shape.slice(1).join(", ")}]; cannot show n=${n}`);
  }
  const trues = getFashionMnistLabels(y.get(`0:${n}`));
  const preds = getFashionMnistLabels(torch.noGrad(() => callNet(fn, net, X)).argmax(1).get(`0:${n}`));
  const titles = trues.map((t, i) => `${t}\n${preds[i]}`);
  const [h, w] = X.shape.slice(-2);
  await showImages(X.get(`0:${n}`).reshape(n, h, w), 1, n, { titles, display });
}
