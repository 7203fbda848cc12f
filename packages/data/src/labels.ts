/**
 * Row and column labels: pandas' Index and RangeIndex. A RangeIndex stores
 * only start/stop/step; any other Index stores its labels as a Column.
 */
import { inspect } from "node:util";
import { Column, type Selection } from "./column";
import type { DTypeName, Scalar } from "./dtype";
import { KeyError, ValueError, reprLabel } from "./errors";
import { argTypeError } from "@torchts/tensor";
import { pyFloatRepr } from "@torchts/tensor/py-format";

export class Index {
  /** @internal */
  protected col: Column | null;
  readonly name: string | null;

  /** @internal use Index.from or RangeIndex */
  constructor(column: Column | null, name: string | null = null) {
    this.col = column;
    this.name = name;
  }

  /** @internal the labels as a Column */
  get column(): Column {
    return this.col as Column;
  }

  /** An Index from labels, with pandas' dtype inference (integers give int64, strings object). */
  static from(labels: ArrayLike<Scalar>, name: string | null = null): Index {
    if (!Array.isArray(labels) && !(ArrayBuffer.isView(labels) && !(labels instanceof DataView))) {
      throw argTypeError("Index.from", "labels", 1, "an array of labels", labels);
    }
    return new Index(Column.from(labels), name);
  }

  get length(): number {
    return this.column.length;
  }

  get dtype(): DTypeName {
    return this.column.dtype;
  }

  get(i: number): Scalar {
    return this.column.get(i);
  }

  tolist(): Scalar[] {
    return this.column.toArray();
  }

  [Symbol.iterator](): Iterator<Scalar> {
    return this.tolist()[Symbol.iterator]();
  }

  select(sel: Selection): Index {
    return new Index(this.column.select(sel), this.name);
  }

  /** Position of the first label equal to `label`, or -1. NaN matches NaN. */
  indexOf(label: Scalar): number {
    for (let i = 0; i < this.length; i++) {
      const v = this.get(i);
      if (v === label || (v !== v && label !== label)) return i;
    }
    return -1;
  }

  /** Position of `label`, or a KeyError naming it. */
  position(label: Scalar, what = "loc"): number {
    const i = this.indexOf(label);
    if (i < 0) throw new KeyError(`${what}: label ${reprLabel(label)} is not in the index`);
    return i;
  }

  equals(other: Index): boolean {
    if (this.length !== other.length) return false;
    for (let i = 0; i < this.length; i++) {
      const a = this.get(i), b = other.get(i);
      if (a !== b && !(a !== a && b !== b)) return false;
    }
    return true;
  }

  isRange(): boolean {
    return false;
  }

  /** pandas' repr, e.g. `Index(['a', 'b'], dtype='object')`. */
  toString(): string {
    const items = this.tolist().map((v) =>
      typeof v === "string" ? `'${v}'` : v === null ? "nan" : typeof v === "boolean" ? (v ? "True" : "False") : this.dtype === "float64" ? pyFloatRepr(v) : String(v),
    );
    const name = this.name !== null ? `, name='${this.name}'` : "";
    return `Index([${items.join(", ")}], dtype='${this.dtype}'${name})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** pandas' RangeIndex: the default row labels 0, 1, …, n−1 (or any arithmetic range). */
export class RangeIndex extends Index {
  private readonly n: number;

  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step = 1,
    name: string | null = null,
  ) {
    super(null, name);
    for (const [k, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
      if (typeof v !== "number" || !Number.isInteger(v)) throw argTypeError("RangeIndex", k, undefined, "an integer", v);
    }
    if (step === 0) throw new ValueError("RangeIndex(): Step must not be zero");
    this.n = Math.max(0, Math.ceil((stop - start) / step));
  }

  /** @internal materialised on first use, so a RangeIndex over a million rows costs nothing until then */
  override get column(): Column {
    if (!this.col) {
      const out = new Float64Array(this.n);
      for (let i = 0; i < this.n; i++) out[i] = this.start + i * this.step;
      this.col = new Column("int64", out);
    }
    return this.col;
  }

  override get length(): number {
    return this.n;
  }

  override get dtype(): DTypeName {
    return "int64";
  }

  override get(i: number): Scalar {
    return this.start + i * this.step;
  }

  override isRange(): boolean {
    return true;
  }

  override select(sel: Selection): Index {
    if (sel.kind === "range") {
      const start = this.start + sel.start * this.step;
      const step = this.step * sel.step;
      return new RangeIndex(start, start + sel.length * step, step, this.name);
    }
    return super.select(sel);
  }

  override indexOf(label: Scalar): number {
    if (typeof label !== "number") return -1;
    const k = (label - this.start) / this.step;
    return Number.isInteger(k) && k >= 0 && k < this.n ? k : -1;
  }

  override toString(): string {
    const name = this.name !== null ? `, name='${this.name}'` : "";
    return `RangeIndex(start=${this.start}, stop=${this.stop}, step=${this.step}${name})`;
  }
}
