/**
 * `torch.utils.data.random_split`: non-overlapping random subsets of given
 * lengths, or of fractions rounded as PyTorch 1.13 rounds them.
 */
import { Generator, TypeError, ValueError, argTypeError, checkOptions, defaultGenerator, randperm } from "@torchts/tensor";
import { Subset } from "./dataset";
import { datasetLength, type Dataset } from "./dataset-index";
import { checkArity } from "@torchts/tensor/errors";

/** Python's `math.isclose(a, b)` with its default rel_tol 1e-9. */
function isClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * The split sizes: `lengths` as given, or for fractions summing to 1 `floor(n * f)` each,
 * then the remainder added one at a time, round-robin from the first split.
 * @example splitLengths(10, [0.3, 0.3, 0.4]) // [3, 3, 4]; splitLengths(11, [0.5, 0.5]) // [6, 5]
 */
export function splitLengths(n: number, lengths: readonly number[]): number[] {
  checkArity("splitLengths", arguments, 2);
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw argTypeError("splitLengths", "n", 0, "a non-negative int", n);
  if (!Array.isArray(lengths)) throw argTypeError("random_split", "lengths", 1, "a sequence of ints or fractions", lengths);
  lengths.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw argTypeError("random_split", "lengths", 1, `a sequence of numbers (entry ${i})`, v);
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  let out = lengths.slice();
  if (isClose(total, 1) && total <= 1) {
    out = lengths.map((f, i) => {
      if (f < 0 || f > 1) throw new ValueError(`random_split(): Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * f);
    });
    const remainder = n - out.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) out[i % out.length] += 1;
  } else {
    out.forEach((v, i) => {
      if (!Number.isInteger(v)) throw new TypeError(`random_split(): lengths must be integers or fractions summing to 1; entry ${i} is ${v} (sum ${total})`);
      if (v < 0) throw new ValueError(`random_split(): lengths must be non-negative; entry ${i} is ${v}`);
    });
  }
  if (out.reduce((a, b) => a + b, 0) !== n) {
    throw new ValueError(`random_split(): Sum of input lengths does not equal the length of the input dataset! (lengths [${out.join(", ")}], dataset length ${n})`);
  }
  return out;
}

/**
 * Splits a dataset at random into `Subset`s of the given lengths (or fractions).
 * The order is `randperm(n, { generator })`, cut into consecutive pieces.
 * @example
 * const [train, valid] = randomSplit(ds, [0.8, 0.2], { generator: new torch.Generator().manualSeed(42) });
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], options?: { generator?: Generator }): Subset<T>[] {
  checkArity("randomSplit", arguments, 3);
  checkOptions("random_split", options, ["generator"]);
  const n = datasetLength("random_split", dataset);
  const g = options?.generator ?? defaultGenerator;
  if (!(g instanceof Generator)) throw argTypeError("random_split", "generator", undefined, "torch.Generator", g);
  const sizes = splitLengths(n, lengths);
  const perm = Array.from(randperm(n, { generator: g })._values());
  let offset = 0;
  return sizes.map((len) => new Subset(dataset, perm.slice(offset, (offset += len))));
}
