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

interface TslabModule {
  display?: SvgDisplay;
  newDisplay?: () => SvgDisplay;
  /** false when this tslab is loaded but no kernel runs it (its displays would throw "Not ready") */
  kernelRunning: boolean;
}

/** The kernel's own "tslab" module, found from the kernel's working directory, or null outside tslab. */
function tslabModule(): TslabModule | null {
  const from = [path.join(process.cwd(), "__tslab_lookup__.js")];
  // A kernel started from a global tslab: its main module is tslab's own bin script.
  const main = typeof require !== "undefined" ? require.main?.filename : undefined;
  if (main && /[\\/]tslab[\\/]/.test(main)) from.push(main);
  for (const f of from) {
    try {
      const req = createRequire(f);
      const mod = req("tslab") as TslabModule;
      if (typeof mod.display?.svg !== "function") continue;
      // tslab 1.0's displays write through jupyter.lastWriteDisplayData, set once a kernel runs
      let kernelRunning = true;
      try {
        const jupyter = req(path.join(path.dirname(req.resolve("tslab")), "jupyter.js")) as { lastWriteDisplayData?: unknown };
        kernelRunning = jupyter.lastWriteDisplayData != null;
      } catch {
        // another layout: assume a kernel (show() then reports tslab's own error)
      }
      return { display: mod.display, newDisplay: mod.newDisplay, kernelRunning };
    } catch {
      // not found from here; try the next place
    }
  }
  return null;
}

/** tslab's `display`, loaded from the kernel's working directory, or null outside tslab. */
export function tslabDisplay(): SvgDisplay | null {
  const display = tslabModule()?.display;
  return display && typeof display.svg === "function" ? display : null;
}

/**
 * A new tslab display that redraws ONE output in place: its first `svg(s)` shows s, each later
 * call replaces it (tslab's `newDisplay()`, Jupyter's update_display_data with a display_id).
 * Null outside a running tslab kernel (plain Node, even where the tslab package is installed).
 * d2l's Animator draws its training curves through one of these.
 *
 * @example
 * const d = tslabNewDisplay();
 * for (const k of [1, 2, 3]) d?.svg(await plot([1, 2, 3], [1, k, k * k]));  // one figure, redrawn
 */
export function tslabNewDisplay(): SvgDisplay | null {
  const mod = tslabModule();
  if (!mod || !mod.kernelRunning || typeof mod.newDisplay !== "function") return null;
  const d = mod.newDisplay();
  return d && typeof d.svg === "function" ? d : null;
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
