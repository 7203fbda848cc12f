/**
 * A figure that is drawn again and again with growing data (d2l's Animator): vega-lite
 * compile, vega parse and the View's dataflow are built once, and each redraw only
 * swaps the data table and writes the SVG. The SVG equals plot()'s for the same data.
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import { PlotError } from "./errors";
import { OPTION_KEYS, checkFigureValues } from "./args";
import { checkOptions, guardArity } from "@torchts/tensor/errors";
import { collectingLogger, uniquifyIds } from "./render";
import { plotSpec, type PlotOptions } from "./plot";
import type { PlotData } from "./data";
import type { VegaLiteSpec } from "./spec";

/** The name of the swapped table in the compiled spec. */
const TABLE = "torchts_live";

interface Built {
  /** the spec without its data rows (and without usermeta, which vega ignores) */
  key: string;
  view: vega.View;
  /** warnings vega-lite gave while compiling; plot() would give them on every draw */
  compileWarnings: string[];
}

/**
 * plot() for a figure redrawn many times: `draw(X, Y)` resolves to the same SVG as
 * `plot(X, Y, options)`, but only the first draw (and a draw whose figure differs in more
 * than its data rows, e.g. a new series, a new legend corner or new automatic axis limits)
 * compiles the spec; the others replace the View's data and re-run its dataflow.
 * Call finalize() when done.
 *
 * @example
 * const fig = new LivePlot({ xlabel: "epoch", xlim: [1, 10], legend: ["train loss"] });
 * for (let epoch = 1; epoch <= 10; epoch++) { xs.push(epoch); ys.push(loss()); display.svg(await fig.draw(xs, ys)); }
 * fig.finalize();
 */
export class LivePlot {
  /** How many times the spec was compiled (1 for a figure whose layout never changes). */
  builds = 0;
  private readonly options: PlotOptions;
  private built: Built | null = null;
  private warnings: string[] = [];
  private errors: string[] = [];

  constructor(options: PlotOptions = {}) {
    checkOptions("LivePlot", options, OPTION_KEYS.plot);
    checkFigureValues("LivePlot", options);
    this.options = { ...options };
  }

  /** The figure of series X, Y (arguments as in plot()), as an SVG string. */
  async draw(X: PlotData, Y?: PlotData): Promise<string> {
    let spec: VegaLiteSpec;
    try {
      spec = plotSpec(X, Y, this.options);
    } catch (e) {
      // plot()'s checks of the data, under this method's name
      if (e instanceof Error && /^plot(\(\))?:/.test(e.message)) e.message = e.message.replace(/^plot(\(\))?:/, "LivePlot.draw():");
      throw e;
    }
    const { data, usermeta: _meta, ...rest } = spec as { data: { values: unknown[] }; usermeta?: unknown };
    const key = JSON.stringify(rest);
    this.warnings = [];
    this.errors = [];
    if (this.built === null || this.built.key !== key) this.rebuild(rest, key);
    const built = this.built!;
    let svg: string;
    try {
      // Remove every row and run, then insert the new rows: vega then builds the marks
      // afresh in data order, exactly as a new View would (one changeset keeps old items first).
      built.view.data(TABLE, []);
      await built.view.runAsync();
      built.view.data(TABLE, data.values);
      await built.view.runAsync();
      svg = await built.view.toSVG();
    } catch (e) {
      this.finalize();
      throw new PlotError(`renderSvg: vega failed to render: ${(e as Error).message}`);
    }
    const warnings = [...built.compileWarnings, ...this.warnings];
    if (this.errors.length > 0) throw new PlotError(`renderSvg: ${this.errors.join("; ")}`);
    if (warnings.length > 0) {
      if (!this.options.onWarning) throw new PlotError(`renderSvg: ${warnings.join("; ")}`);
      for (const w of warnings) this.options.onWarning(w);
    }
    return uniquifyIds(svg);
  }

  /** Releases the View (its timers and listeners). The next draw() builds a new one. */
  finalize(): void {
    this.built?.view.finalize();
    this.built = null;
  }

  private rebuild(rest: VegaLiteSpec, key: string): void {
    this.finalize();
    const compileWarnings: string[] = [];
    const logger = collectingLogger(compileWarnings, this.errors);
    let compiled: ReturnType<typeof compile>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      compiled = compile({ ...rest, data: { name: TABLE } } as any, { logger: logger as any });
    } catch (e) {
      throw new PlotError(`renderSvg: vega-lite rejected the spec: ${(e as Error).message}`);
    }
    // Warnings of the dataflow go to this draw's list (this.warnings is replaced per draw).
    const runLogger = collectingLogger([], []);
    runLogger.warn = (...args: unknown[]) => {
      this.warnings.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
      return runLogger;
    };
    runLogger.error = (...args: unknown[]) => {
      this.errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
      return runLogger;
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const view = new vega.View(vega.parse(compiled.spec), { renderer: "none", logger: runLogger as any, logLevel: vega.Warn });
    this.built = { key, view, compileWarnings };
    this.builds++;
  }
}

// Python raises on extra positional arguments; JavaScript would drop them.
guardArity(LivePlot, { draw: 2, finalize: 0 });
