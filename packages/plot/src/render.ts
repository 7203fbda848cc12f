/**
 * Vega-Lite spec -> SVG string, headlessly: vega-lite compiles the spec to
 * Vega, and a vega View with no renderer writes the SVG. No browser, no DOM.
 */
import { createHash } from "node:crypto";
import * as vega from "vega";
import { compile } from "vega-lite";
import { PlotError } from "./errors";
import { argTypeError, checkOptions } from "@torchts/tensor/errors";
import { OPTION_KEYS } from "./args";
import type { VegaLiteSpec } from "./spec";

export interface RenderOptions {
  /**
   * Called with each warning from vega-lite or vega. By default a warning is an
   * error: it means the spec asks for something that will not be drawn.
   */
  onWarning?: (message: string) => void;
}

/** The logger interface vega-lite and vega share (vega-util's). */
export interface Logger {
  level(l?: number): number | Logger;
  error(...args: unknown[]): Logger;
  warn(...args: unknown[]): Logger;
  info(...args: unknown[]): Logger;
  debug(...args: unknown[]): Logger;
}

/** A logger that collects messages instead of printing them (tslab would show printed warnings as errors). */
export function collectingLogger(warnings: string[], errors: string[]): Logger {
  let level = 0;
  const text = (args: unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  const logger: Logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args) {
      errors.push(text(args));
      return logger;
    },
    warn(...args) {
      warnings.push(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Renames the SVG's ids (vega numbers clip paths per process: clip1, clip7, ...)
 * to their order of appearance under a prefix derived from the content. The
 * same figure then always gives the same SVG, and several figures inlined into
 * one HTML page do not capture each other's clips.
 */
export function uniquifyIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `c${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const rename = (prefix: string): string =>
    svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
      const to = ids.get(id);
      return to === undefined ? whole : lead + prefix + to;
    });
  const prefix = "p" + createHash("sha1").update(rename("")).digest("hex").slice(0, 8) + "-";
  return rename(prefix);
}

/**
 * Renders any Vega-Lite spec (v5) to an SVG string. The escape hatch for charts
 * plot() does not cover.
 *
 * @example
 * const svg = await renderSvg({ data: { values: [{ a: 1, b: 2 }] }, mark: "point",
 *   encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } } });
 */
export async function renderSvg(spec: VegaLiteSpec, options: RenderOptions = {}): Promise<string> {
  checkOptions("renderSvg", options, OPTION_KEYS.renderSvg);
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) throw argTypeError("renderSvg", "spec", 1, "a Vega-Lite spec (object)", spec);
  if (options.onWarning !== undefined && typeof options.onWarning !== "function") throw argTypeError("renderSvg", "onWarning", undefined, "a function", options.onWarning);
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = collectingLogger(warnings, errors);
  let compiled: ReturnType<typeof compile>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    compiled = compile(spec as any, { logger: logger as any });
  } catch (e) {
    throw new PlotError(`renderSvg: vega-lite rejected the spec: ${(e as Error).message}`);
  }
  const view = new vega.View(vega.parse(compiled.spec), {
    renderer: "none",
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    logger: logger as any,
    logLevel: vega.Warn,
  });
  let svg: string;
  try {
    svg = await view.toSVG();
  } catch (e) {
    throw new PlotError(`renderSvg: vega failed to render: ${(e as Error).message}`);
  } finally {
    view.finalize();
  }
  if (errors.length > 0) throw new PlotError(`renderSvg: ${errors.join("; ")}`);
  if (warnings.length > 0) {
    if (!options.onWarning) throw new PlotError(`renderSvg: ${warnings.join("; ")}`);
    for (const w of warnings) options.onWarning(w);
  }
  return uniquifyIds(svg);
}
