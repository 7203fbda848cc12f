/**
 * The errors this package throws: all TorchErrors, named after the Python
 * exception that PyTorch (or Python's `safetensors`) raises for the same file.
 */
import { TorchError } from "@torchts/tensor";

export { RuntimeError, TypeError, ValueError, TorchError } from "@torchts/tensor";

/** A file that cannot be read or written (Python's OSError family). Carries the path and the system error code. */
export class FileError extends TorchError {
  override name = "FileError";
  constructor(
    message: string,
    readonly path: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A pickle that the restricted (weights-only) unpickler refuses, or that is malformed (Python's pickle.UnpicklingError). */
export class UnpicklingError extends TorchError {
  override name = "UnpicklingError";
}

/** A malformed safetensors file (Python's safetensors.SafetensorError). */
export class SafetensorError extends TorchError {
  override name = "SafetensorError";
}
