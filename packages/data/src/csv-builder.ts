/**
 * Accumulates one CSV column while the file streams by, inferring its dtype
 * from every row as pandas does: numbers go straight into a Float64Array
 * (int64 if every value is an integer literal and none is missing, else
 * float64), True/False words make a bool column (object if one is missing),
 * and anything else makes the column object. When a column turns object after
 * numbers were already parsed, the original texts of the earlier rows are
 * recovered by a second pass over the file (`needTextBefore`).
 */
import { Column } from "./column";
import { type DTypeName, type Scalar } from "./dtype";
import { BIG_INT, FLOAT, INT, NOT_NUMBER, NumberParser } from "./csv-number";

const UNKNOWN = 0; // only missing values so far
const NUMERIC = 1;
const BOOL = 2;
const OBJECT = 3;

/** One parser for all columns: its `kind` is read right after each call. */
const PARSER = new NumberParser();

export interface NaSpec {
  strings: Set<string>;
  /** Numbers that are missing values too (pandas matches numeric na_values by value). */
  numbers: Set<number>;
  /** Some NA strings parse as numbers, so check the strings before parsing. */
  checkFirst: boolean;
}

/** A conversion the user's `dtype` forbids; readCsv turns it into an error with the line number. */
export class ConversionFailure {
  constructor(readonly message: string) {}
}

export class ColumnBuilder {
  private kind = UNKNOWN;
  private nums: Float64Array | null = null;
  private texts: Scalar[] | null = null;
  private allInt = true;
  private hasNA = false;
  private bigInt = false;
  /** Rows [0, needTextBefore) of an object column still need their text from a second pass. */
  needTextBefore = 0;
  /** No forced integer/bool dtype and no NA value that looks like a number: the hot path applies. */
  private readonly plain: boolean;

  constructor(
    readonly label: string | number,
    private readonly na: NaSpec,
    private readonly forced: DTypeName | null,
    private capacity: number,
    private readonly trueValues: Set<string>,
    private readonly falseValues: Set<string>,
  ) {
    if (forced === "object") {
      this.kind = OBJECT;
      this.texts = [];
    }
    this.plain = (forced === null || forced === "float64" || forced === "float32") && !na.checkFirst && na.numbers.size === 0;
  }

  // Every row is written (a number or NaN), so storage needs no NaN prefill beyond the rows before it existed.
  private store(row: number, v: number): void {
    let nums = this.nums;
    if (nums === null) {
      nums = this.nums = new Float64Array(Math.max(this.capacity, row + 1));
      nums.fill(NaN, 0, row);
    } else if (row >= nums.length) {
      this.capacity = Math.max(16, nums.length * 2, row + 1);
      const grown = new Float64Array(this.capacity);
      grown.set(nums);
      this.nums = nums = grown;
    }
    nums[row] = v;
  }

  private isNA(s: string): boolean {
    return this.na.strings.has(s);
  }

  /** A field that is absent (short row): always missing. */
  pushMissing(row: number): ConversionFailure | null {
    if (this.kind === OBJECT) (this.texts as Scalar[])[row] = NaN;
    else if (this.nums !== null) this.store(row, NaN);
    this.hasNA = true;
    return this.forced === "int64" || this.forced === "uint8" || this.forced === "bool" ? this.naFailure() : null;
  }

  private naFailure(): ConversionFailure {
    const what = this.forced === "bool" ? "Bool" : "Integer";
    return new ConversionFailure(`${what} column has NA values in column '${this.label}'`);
  }

  push(s: string, row: number): ConversionFailure | null {
    const kind = this.kind;
    // Hot path (ten million calls for a 1M×10 file): a numeric column, a number, free room.
    if (kind === NUMERIC && this.plain) {
      const v = PARSER.parse(s);
      const k = PARSER.kind;
      const nums = this.nums as Float64Array;
      if (k === INT && row < nums.length) {
        nums[row] = v;
        return null;
      }
      if (k === FLOAT && row < nums.length) {
        nums[row] = v;
        this.allInt = false;
        return null;
      }
    }
    return this.pushSlow(s, row);
  }

  private pushSlow(s: string, row: number): ConversionFailure | null {
    const kind = this.kind;
    if (kind === OBJECT) {
      (this.texts as Scalar[])[row] = this.isNA(s) ? NaN : s;
      return null;
    }
    if (kind !== BOOL) {
      if (this.na.checkFirst && this.isNA(s)) return this.missing(row);
      const v = PARSER.parse(s);
      const k = PARSER.kind;
      if (k !== NOT_NUMBER) {
        if (this.na.numbers.size > 0 && this.na.numbers.has(v)) return this.missing(row);
        if (kind === UNKNOWN) this.kind = NUMERIC;
        if (k === FLOAT) this.allInt = false;
        else if (k === BIG_INT) this.bigInt = true;
        if (this.forced === "bool") return new ConversionFailure(`cannot convert '${s}' to bool in column '${this.label}'`);
        if ((this.forced === "int64" || this.forced === "uint8") && k === FLOAT) {
          return new ConversionFailure(`cannot safely convert '${s}' to ${this.forced} in column '${this.label}'`);
        }
        this.store(row, v);
        return null;
      }
      if (this.isNA(s)) return this.missing(row);
      if (kind === UNKNOWN && (this.trueValues.has(s) || this.falseValues.has(s)) && !this.isForcedNumeric()) {
        this.kind = BOOL;
        this.store(row, this.trueValues.has(s) ? 1 : 0);
        return null;
      }
    } else {
      if (this.trueValues.has(s) || this.falseValues.has(s)) {
        this.store(row, this.trueValues.has(s) ? 1 : 0);
        return null;
      }
      if (this.isNA(s)) return this.missing(row);
    }
    if (this.forced !== null) {
      const target = this.forced === "bool" ? "bool" : this.forced === "int64" || this.forced === "uint8" ? "int" : "float";
      return new ConversionFailure(`could not convert string to ${target}: '${s}' in column '${this.label}'`);
    }
    this.toObject(row);
    (this.texts as Scalar[])[row] = s;
    return null;
  }

  private isForcedNumeric(): boolean {
    return this.forced !== null && this.forced !== "bool";
  }

  private missing(row: number): ConversionFailure | null {
    if (this.nums !== null) this.store(row, NaN);
    this.hasNA = true;
    return this.forced === "int64" || this.forced === "uint8" || this.forced === "bool" ? this.naFailure() : null;
  }

  /** Switch to object storage at `row`; earlier non-missing rows need their texts from a second pass. */
  private toObject(row: number): void {
    const hadValues = this.kind === NUMERIC || this.kind === BOOL;
    this.kind = OBJECT;
    this.texts = new Array<Scalar>(row).fill(NaN);
    this.nums = null;
    this.needTextBefore = hadValues ? row : 0;
  }

  /** Called by the second pass for rows before `needTextBefore`. */
  fillText(s: string | undefined, row: number): void {
    (this.texts as Scalar[])[row] = s === undefined || this.isNA(s) ? NaN : s;
  }

  /** Decide the final dtype after all rows; returns true if a second pass must supply texts for all rows. */
  finishNeedsAllTexts(rows: number): boolean {
    if (this.kind === NUMERIC && this.allInt && this.bigInt && !this.hasNA && this.forced === null) {
      // Integers beyond ±(2^53−1) have no exact int64 here: keep their exact text (object), never round them.
      this.kind = OBJECT;
      this.texts = new Array<Scalar>(rows).fill(NaN);
      this.nums = null;
      this.needTextBefore = rows;
      return true;
    }
    return false;
  }

  build(rows: number): Column {
    if (rows === 0 && this.forced === null) return new Column("object", []);
    if (this.kind === OBJECT) {
      const t = this.texts as Scalar[];
      for (let i = t.length; i < rows; i++) t.push(NaN);
      t.length = rows;
      return new Column("object", t);
    }
    const nums = this.nums ? this.trimmed(this.nums, rows) : new Float64Array(rows).fill(NaN);
    if (this.kind === BOOL) {
      if (this.hasNA && this.forced !== "bool") {
        return new Column("object", Array.from(nums, (v) => (v !== v ? NaN : v === 1)));
      }
      return new Column("bool", Uint8Array.from(nums));
    }
    const forced = this.forced;
    if (forced === "float32") return new Column("float32", Float32Array.from(nums));
    if (forced === "uint8") return new Column("uint8", Uint8Array.from(nums));
    if (forced === "bool") return new Column("bool", Uint8Array.from(nums));
    if (forced === "int64" || (forced === null && this.kind === NUMERIC && this.allInt && !this.hasNA)) {
      for (let i = 0; i < nums.length; i++) if (nums[i] === 0) nums[i] = 0; // int64 has no −0
      return new Column("int64", nums);
    }
    return new Column("float64", nums);
  }

  private trimmed(nums: Float64Array, rows: number): Float64Array {
    if (nums.length === rows) return nums;
    if (nums.length < rows) {
      const grown = new Float64Array(rows).fill(NaN);
      grown.set(nums);
      return grown;
    }
    // A view costs nothing when the estimate was close; otherwise copy so the spare capacity is freed.
    return nums.length - rows <= 1024 ? nums.subarray(0, rows) : nums.slice(0, rows);
  }
}
