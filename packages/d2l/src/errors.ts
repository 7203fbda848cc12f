/**
 * d2l's `assert`s, as errors. The book's trainers end with `assert train_loss < 0.5, train_loss`;
 * Python raises AssertionError, so this package does too (a TorchError, like every torchts error).
 */
import { TorchError } from "torchts";

/** Python's AssertionError: a check d2l makes with `assert` failed (e.g. trainCh3's accuracy bounds). */
export class AssertionError extends TorchError {
  override name = "AssertionError";
}
