/**
 * Raised for bad plot input, and for warnings from vega-lite or vega; the
 * message names the function and the offending argument. A TorchError like
 * every torchts error: plot imports only `@torchts/tensor/errors` (one file,
 * no kernels), so it stays a light package that plots anything with tolist().
 */
import { TorchError } from "@torchts/tensor/errors";

export class PlotError extends TorchError {
  override name = "PlotError";
}
