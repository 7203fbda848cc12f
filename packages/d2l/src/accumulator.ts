/**
 * d2l's `Accumulator`: running sums over n variables (correct predictions, examples, loss...).
 */
import { IndexError, Tensor, ValueError, argTypeError } from "torchts";
import { checkCount } from "./args";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** A number, or a one-element tensor (Python's `float(b)` in d2l's `add`). */
function toFloat(fn: string, i: number, v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return Number(v);
  if (v instanceof Tensor) {
    if (v.numel() !== 1) throw new ValueError(`${fn}(): only one element tensors can be converted to Python scalars; value ${i} has shape [${v.shape.join(", ")}]`);
    return Number(v.item());
  }
  throw argTypeError(fn, `value ${i}`, i, "a number or a one-element Tensor", v);
}

/**
 * Sums over `n` variables: `add(a, b, ...)` adds one value to each.
 * @example
 * const metric = new Accumulator(2); // correct predictions, examples
 * metric.add(accuracy(yHat, y), y.numel());
 * metric.get(0) / metric.get(1)
 */
export class Accumulator {
  /** The running sums. */
  data: number[];

  constructor(n: number) {
    checkArity("Accumulator", arguments, 1);
    this.data = new Array<number>(checkCount("Accumulator", "n", 0, n)).fill(0);
  }

  /**
   * Adds `xs[i]` to sum i. d2l zips, so a wrong count silently drops sums; here it is an error.
   */
  add(...xs: (number | Tensor | boolean)[]): void {
    const fn = "Accumulator.add";
    if (xs.length !== this.data.length) {
      throw new ValueError(`${fn}(): expected ${this.data.length} values (one per sum), got ${xs.length}`);
    }
    const values = xs.map((v, i) => toFloat(fn, i, v));
    this.data = this.data.map((a, i) => a + values[i]);
  }

  /** Sets every sum back to 0. */
  reset(): void {
    this.data = this.data.map(() => 0);
  }

  /** Sum i (`metric[i]` in d2l); negative i counts from the end, as in Python. */
  get(i: number): number {
    if (typeof i !== "number" || !Number.isInteger(i)) throw argTypeError("Accumulator.get", "idx", 0, "an integer", i);
    const n = this.data.length;
    if (i < -n || i >= n) throw new IndexError(`Accumulator.get(): list index out of range (index ${i}, ${n} sums)`);
    return this.data[i < 0 ? i + n : i];
  }
}
guardArity(Accumulator, { reset: 0, get: 1 });
