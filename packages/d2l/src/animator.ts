/**
 * d2l's `Animator`: training curves that grow while a model trains. In tslab, one figure per
 * Animator, redrawn IN PLACE on every add() (tslab's newDisplay(): Jupyter's update_display_data),
 * so the executed notebook keeps the final figure as one SVG output. Outside a notebook, one
 * text line per add() instead.
 */
import { Tensor, TypeError, ValueError, argTypeError, checkOptions } from "torchts";
import { DEFAULT_FMTS, LivePlot, PlotError, plot, plotSpec, tslabNewDisplay, type PlotOptions, type Scale, type SvgDisplay } from "@torchts/plot";
import { pyGeneral } from "@torchts/tensor/py-format";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** Options of {@link Animator}: d2l's keyword arguments, plus where to draw. */
export interface AnimatorOptions {
  xlabel?: string | null;
  ylabel?: string | null;
  /** one label per series, in add()'s order */
  legend?: readonly string[] | null;
  xlim?: readonly [number, number] | null;
  ylim?: readonly [number, number] | null;
  xscale?: Scale;
  yscale?: Scale;
  /** matplotlib format strings per series (d2l's default ["-", "m--", "g-.", "r:"]; later series get "-") */
  fmts?: readonly string[];
  /** d2l's subplot grid; as in d2l only the first axes is drawn on, so the figure shows that one */
  nrows?: number;
  ncols?: number;
  /** inches, default [3.5, 2.5] */
  figsize?: readonly [number, number];
  /**
   * Where to draw: a display with `svg(s)` that replaces its previous output (default: a new
   * tslab display when a tslab kernel runs this code); null prints one line per add() instead.
   */
  display?: SvgDisplay | null;
}

const KEYS = ["xlabel", "ylabel", "legend", "xlim", "ylim", "xscale", "yscale", "fmts", "nrows", "ncols", "figsize", "display"];

/** A y (or x) value: a number, a one-element tensor, or null/undefined to skip that series (d2l's None). */
export type AnimatorValue = number | Tensor | null | undefined;

function value(fn: string, name: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (v instanceof Tensor && v.numel() === 1) return Number(v.item());
  throw argTypeError(fn, name, undefined, "a number, a one-element Tensor or null", v);
}

function values(fn: string, name: string, v: unknown): (number | null)[] {
  if (Array.isArray(v)) return v.map((e, i) => value(fn, `${name}[${i}]`, e));
  if (v instanceof Tensor && v.ndim === 1) return (v.tolist() as number[]).map(Number);
  return [value(fn, name, v)];
}

/** Validates the figure options through plot's own checks, with Animator's name in the message. */
function checkFigure(options: PlotOptions, series: number): void {
  try {
    const one = Array.from({ length: Math.max(series, 1) }, () => [0]);
    plotSpec(one, one, options);
  } catch (e) {
    if (e instanceof Error && (e instanceof PlotError || e instanceof TypeError)) {
      const Err = e.constructor as new (m: string) => Error;
      throw new Err(e.message.replace(/^plot(\(\))?:/, "Animator():"));
    }
    throw e;
  }
}

/**
 * Draws curves incrementally, as d2l's `Animator` does: `add(x, ys)` appends one point to each
 * series and redraws. Await add() (it resolves once the figure is redrawn).
 * @example
 * const animator = new Animator({ xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"] });
 * for (let epoch = 0; epoch < 10; epoch++) await animator.add(epoch + 1, [trainLoss, trainAcc, testAcc]);
 */
export class Animator {
  /** x values of each series (filled by the first add()) */
  X: number[][] | null = null;
  /** y values of each series */
  Y: number[][] | null = null;
  readonly fmts: readonly string[];
  /** The display the figure is drawn on; null: text lines (plain Node). */
  readonly display: SvgDisplay | null;
  /** How many times the figure was drawn. */
  draws = 0;
  private readonly figure: PlotOptions;
  private readonly legend: readonly string[];
  private readonly xlabel: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The figure, compiled once (at the first draw, when the number of series is known); draws only swap its data. */
  private live: LivePlot | null = null;

  constructor(options: AnimatorOptions = {}) {
    checkArity("Animator", arguments, 1);
    const fn = "Animator";
    checkOptions(fn, options, KEYS);
    const o = options;
    for (const k of ["nrows", "ncols"] as const) {
      const v = o[k];
      if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v))) throw argTypeError(fn, k, undefined, "an integer", v);
      if (v !== undefined && v < 1) throw new ValueError(`${fn}(): Number of rows and columns must be positive integers, not ${k}=${v}`);
    }
    if (o.fmts !== undefined && !Array.isArray(o.fmts)) throw argTypeError(fn, "fmts", undefined, "an array of format strings", o.fmts);
    if (o.display !== undefined && o.display !== null && typeof (o.display as Partial<SvgDisplay>).svg !== "function") {
      throw argTypeError(fn, "display", undefined, "a display with an svg() method (tslab's newDisplay()) or null", o.display);
    }
    this.legend = o.legend ?? [];
    this.fmts = o.fmts ?? DEFAULT_FMTS;
    this.xlabel = o.xlabel ?? undefined;
    const figure: PlotOptions = { figsize: o.figsize ?? [3.5, 2.5] };
    if (o.xlabel != null) figure.xlabel = o.xlabel;
    if (o.ylabel != null) figure.ylabel = o.ylabel;
    if (o.xlim != null) figure.xlim = o.xlim;
    if (o.ylim != null) figure.ylim = o.ylim;
    if (o.xscale !== undefined) figure.xscale = o.xscale;
    if (o.yscale !== undefined) figure.yscale = o.yscale;
    checkFigure({ ...figure, legend: this.legend, fmts: this.fmts }, Math.max(this.legend.length, this.fmts.length));
    this.figure = figure;
    this.display = o.display === undefined ? tslabNewDisplay() : o.display;
  }

  /**
   * Appends `ys[i]` at `x` (or `xs[i]`) to series i, skipping null values, and redraws. The first
   * add() fixes the number of series.
   * @example await animator.add(epoch + 1, [trainLoss, trainAcc, testAcc]);
   */
  add(x: AnimatorValue | readonly AnimatorValue[], y: AnimatorValue | readonly AnimatorValue[]): Promise<void> {
    const fn = "Animator.add";
    const ys = values(fn, "y", y);
    const xs = Array.isArray(x) || (x instanceof Tensor && x.ndim === 1) ? values(fn, "x", x) : ys.map(() => value(fn, "x", x));
    if (xs.length !== ys.length) throw new ValueError(`${fn}(): got ${xs.length} x values for ${ys.length} y values`);
    if (this.Y && ys.length !== this.Y.length) {
      throw new ValueError(`${fn}(): this Animator draws ${this.Y.length} series (fixed by the first add()), got ${ys.length} values`);
    }
    if (!this.X || !this.Y) {
      this.X = ys.map(() => []);
      this.Y = ys.map(() => []);
    }
    for (let i = 0; i < ys.length; i++) {
      const [a, b] = [xs[i], ys[i]];
      if (a !== null && b !== null) {
        this.X[i].push(a);
        this.Y[i].push(b);
      }
    }
    if (!this.display) {
      console.log(this.summary(xs, ys));
      return Promise.resolve();
    }
    const display = this.display;
    // draws run in order, each showing every point added so far
    const next = this.queue.catch(() => undefined).then(async () => {
      display.svg(await this.draw());
      this.draws++;
    });
    this.queue = next;
    return next;
  }

  /** The figure as it stands, as an SVG string (what the display shows): equal to plot() of all points so far. */
  svg(): Promise<string> {
    // through the queue: the live figure's View draws one figure at a time
    const next = this.queue.catch(() => undefined).then(() => this.draw());
    this.queue = next;
    return next;
  }

  /** The options plot() would draw this figure with. */
  plotOptions(): PlotOptions {
    return { ...this.figure, legend: this.legend.slice(0, this.Y?.length ?? 0), fmts: this.fmts };
  }

  private draw(): Promise<string> {
    if (!this.X || !this.Y) return plot([[]], [[]], this.plotOptions());
    this.live ??= new LivePlot(this.plotOptions());
    return this.live.draw(this.X, this.Y);
  }

  /** The text line of one add(): `epoch 3: train loss 0.512, train acc 0.8311, test acc 0.82`. */
  private summary(xs: (number | null)[], ys: (number | null)[]): string {
    const num = (v: number) => (Number.isInteger(v) ? String(v) : pyGeneral(v, 4));
    const shown = ys.flatMap((v, i) => (v === null ? [] : [`${this.legend[i] ?? `y${i}`} ${num(v)}`]));
    const x = xs.find((v) => v !== null);
    return `${this.xlabel ?? "x"} ${x === undefined || x === null ? "-" : num(x)}: ${shown.join(", ")}`;
  }
}
guardArity(Animator, { add: 2, svg: 0, plotOptions: 0 });
