/**
 * Python's KeyError, for a dict sample missing a key the first sample has
 * (default_collate raises it). Every other loaders error is one of tensor's.
 */
import { TorchError } from "@torchts/tensor";

export class KeyError extends TorchError {
  override name = "KeyError";
}
