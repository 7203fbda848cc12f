/**
 * Raised for bad plot input, and for warnings from vega-lite or vega; the
 * message names the function and the offending argument. A TorchError like
 * every torchts error: plot imports only `@torchts/tensor/errors` (one file,
 * no kernels), so it stays a light package that plots anything with tolist().
 */
import { ValueError } from "@torchts/tensor/errors";

/** matplotlib raises ValueError for bad values (a figure size, a format string, limits): so does PlotError. */
export class PlotError extends ValueError {
  override name = "PlotError";
}
