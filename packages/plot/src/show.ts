/**
 * Inline display in tslab. tslab's `display` lives in the kernel's own copy of
 * the "tslab" module; this package does not depend on tslab, so it finds that
 * copy the way tslab finds itself: from the kernel's working directory.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { PlotError } from "./errors";
import { argTypeError } from "@torchts/tensor/errors";

/** The part of tslab's `Display` that show() uses. */
export interface SvgDisplay {
  svg(s: string): void;
}

/** tslab's `display`, loaded from the kernel's working directory, or null outside tslab. */
export function tslabDisplay(): SvgDisplay | null {
  const from = [path.join(process.cwd(), "__tslab_lookup__.js")];
  // A kernel started from a global tslab: its main module is tslab's own bin script.
  const main = typeof require !== "undefined" ? require.main?.filename : undefined;
  if (main && /[\\/]tslab[\\/]/.test(main)) from.push(main);
  for (const f of from) {
    try {
      const display = (createRequire(f)("tslab") as { display?: SvgDisplay }).display;
      if (display && typeof display.svg === "function") return display;
    } catch {
      // not found from here; try the next place
    }
  }
  return null;
}

/**
 * Shows an SVG (or a promise of one, such as plot(...)) inline in a tslab
 * notebook. Pass a display to use another one (e.g. `newDisplay()` to redraw in place).
 *
 * @example
 * await show(plot(x, [y1, y2], { legend: ["y1", "y2"] }));
 */
export async function show(svg: string | Promise<string>, display?: SvgDisplay): Promise<void> {
  if (typeof svg !== "string" && !(svg instanceof Promise)) throw argTypeError("show", "svg", 1, "an SVG string or a promise of one (plot(...))", svg);
  if (display !== undefined && typeof (display as Partial<SvgDisplay> | null)?.svg !== "function") {
    throw argTypeError("show", "display", 2, "a display with an svg() method (tslab's display)", display);
  }
  const d = display ?? tslabDisplay();
  if (!d) {
    throw new PlotError(
      "show: tslab was not found from the working directory; run inside the tslab kernel, or pass a display (tslab's display or newDisplay())",
    );
  }
  d.svg(await svg);
}
