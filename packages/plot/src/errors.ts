/** Raised for bad plot input; the message names the function and the offending argument. */
export class PlotError extends Error {
  override name = "PlotError";
}
