/**
 * The optimisation chapter's trajectory plots: showTrace (1-D, d2l 11.3) and showTrace2d
 * (d2l's `show_trace_2d`: contours of f with the optimiser's path on top).
 */
import { plot, tslabDisplay } from "@torchts/plot";
import { argTypeError } from "@torchts/tensor/errors";
import * as torch from "torchts";

type Tensor = torch.Tensor;

/** In a tslab notebook the figure is displayed; everywhere it is also returned as an SVG string. */
function display(svg: string): string {
  const d = tslabDisplay();
  try {
    d?.svg(svg);
  } catch (e) {
    // tslab installed but no kernel running (plain Node): tslab's display says "Not ready"
    if (!(e instanceof Error && e.message === "Not ready")) throw e;
  }
  return svg;
}

function checkFn(fn: string, f: unknown, position: number, expected: string): void {
  if (typeof f !== "function") throw argTypeError(fn, "f", position, expected, f);
}

/**
 * d2l 11.3's `show_trace`: f on `[-n, n)` (n = the largest |x| visited, step 0.01) with the
 * visited points `'-o'` on top; `f` maps a tensor of x to f(x) elementwise.
 * @example await showTrace([10, 6, 3.6], (x) => x.pow(2)); // the curve x² on [-10, 10) and three points
 */
export async function showTrace(results: number[], f: (x: Tensor) => Tensor): Promise<string> {
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
  return display(svg);
}
