/**
 * The optimisation chapter's trajectory plots: showTrace (1-D, d2l 11.3) and showTrace2d
 * (d2l's `show_trace_2d`: contours of f with the optimiser's path on top).
 */
import { contourSpec, layer, plot, plotSpec, tslabNewDisplay } from "@torchts/plot";
import { argTypeError, checkArity } from "@torchts/tensor/errors";
import * as torch from "torchts";

type Tensor = torch.Tensor;

/** In a tslab notebook the figure is displayed; in plain Node one line says what it shows (the *Svg twins return the SVG). */
function display(svg: string, summary: string): void {
  const d = tslabNewDisplay();
  if (d) d.svg(svg);
  else console.log(`${summary} (no notebook display here)`);
}

function checkFn(fn: string, f: unknown, position: number, expected: string): void {
  if (typeof f !== "function") throw argTypeError(fn, "f", position, expected, f);
}

/**
 * d2l 11.3's `show_trace`: f on `[-n, n)` (n = the largest |x| visited, step 0.01) with the
 * visited points `'-o'` on top; `f` maps a tensor of x to f(x) elementwise.
 * @example await showTrace([10, 6, 3.6], (x) => x.pow(2)); // the curve x² on [-10, 10) and three points
 */
export async function showTrace(results: number[], f: (x: Tensor) => Tensor): Promise<void> {
  checkArity("showTrace", arguments, 2);
  display(await traceSvg(results, f), `showTrace: ${results.length} points from x = ${results[0]} to x = ${results[results.length - 1]}`);
}

/** showTrace's figure as an SVG string, without displaying it. */
export async function traceSvg(results: number[], f: (x: Tensor) => Tensor): Promise<string> {
  checkArity("traceSvg", arguments, 2);
  if (!Array.isArray(results) || results.length === 0 || results.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw argTypeError("showTrace", "results", 1, "a non-empty array of finite numbers", results);
  }
  checkFn("showTrace", f, 2, "a function of a tensor, e.g. (x) => x.pow(2)");
  const n = Math.max(Math.abs(Math.min(...results)), Math.abs(Math.max(...results)));
  // n = 0 (every point at the origin) would give an empty line: draw a unit interval instead
  const half = n > 0 ? n : 1;
  const fLine = torch.arange(-half, half, 0.01, { dtype: torch.float64 });
  const at = (x: Tensor, what: string): Tensor => {
    const y = f(x);
    if (!(y instanceof torch.Tensor)) throw argTypeError("showTrace", "f", 2, `a function returning a tensor (for ${what})`, y);
    return y;
  };
  const points = torch.tensor(results, { dtype: torch.float64 });
  const svg = await plot([fLine, points], [at(fLine, "the curve"), at(points, "the points")], {
    xlabel: "x",
    ylabel: "f(x)",
    fmts: ["-", "-o"],
    figsize: [3.5, 2.5],
  });
  return svg;
}

/** The 2-D objective as d2l writes it: elementwise on tensors, `(x1, x2) => x1.pow(2).add(x2.pow(2).mul(2))`. */
export type F2d = (x1: Tensor, x2: Tensor) => Tensor;

/**
 * d2l's `show_trace_2d`: contours of `f` on the meshgrid of `[-5.5, 1.0) × [-3.0, 1.0)` (step 0.1)
 * in `#1f77b4`, and the trajectory `'-o'` in `#ff7f0e` on top; axes `x1`, `x2`.
 * @example await showTrace2d((x1, x2) => x1.pow(2).add(x2.pow(2).mul(2)), train2d(gd2d, 20, fGrad));
 */
export async function showTrace2d(f: F2d, results: [number, number][]): Promise<void> {
  checkArity("showTrace2d", arguments, 2);
  display(await trace2dSvg(f, results), `showTrace2d: ${results.length} points from (${results[0]}) to (${results[results.length - 1]})`);
}

/** showTrace2d's figure as an SVG string, without displaying it. */
export async function trace2dSvg(f: F2d, results: [number, number][]): Promise<string> {
  checkArity("trace2dSvg", arguments, 2);
  checkFn("showTrace2d", f, 1, "a function of two tensors, e.g. (x1, x2) => x1.pow(2).add(x2.pow(2).mul(2))");
  if (!Array.isArray(results) || results.length === 0 || results.some((p) => !Array.isArray(p) || p.length !== 2 || p.some((v) => typeof v !== "number" || !Number.isFinite(v)))) {
    throw argTypeError("showTrace2d", "results", 2, "a non-empty array of finite [x1, x2] points (train2d's result)", results);
  }
  const [x1, x2] = torch.meshgrid(torch.arange(-5.5, 1.0, 0.1), torch.arange(-3.0, 1.0, 0.1), { indexing: "ij" });
  const z = f(x1, x2);
  if (!(z instanceof torch.Tensor) || z.shape.join() !== x1.shape.join()) {
    throw argTypeError("showTrace2d", "f", 1, `a function returning a tensor of the grid's shape [${x1.shape.join(", ")}]`, z);
  }
  // d2l: plt.plot(*zip(*results), '-o', color='#ff7f0e'), then plt.contour(x1, x2, f(x1, x2), colors='#1f77b4')
  return layer(
    [
      plotSpec(
        results.map((p) => p[0]),
        results.map((p) => p[1]),
        { fmts: ["-oC1"] },
      ),
      contourSpec(x1, x2, z, { colors: "#1f77b4" }),
    ],
    { xlabel: "x1", ylabel: "x2", figsize: [3.5, 2.5] },
  );
}
