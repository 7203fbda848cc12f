/**
 * Typed errors: the one hierarchy every torchts package extends (data's
 * ParserError, plot's PlotError, probability's distributions all throw
 * TorchError subclasses). Each mirrors the Python exception PyTorch raises, so a
 * user can `catch (e) { if (e instanceof IndexError) ... }` as they would in
 * Python, and `e instanceof TorchError` tells a torchts error from any other.
 * Messages name the op, every shape involved and the offending dimension.
 *
 * This module imports nothing, so that `@torchts/tensor/errors` loads it alone
 * (plot depends on that subpath only, not on the kernels).
 */
export class TorchError extends Error {
  override name = "TorchError";
}
/** PyTorch's RuntimeError: shape mismatches, invalid views, autograd misuse. */
export class RuntimeError extends TorchError {
  override name = "RuntimeError";
}
/** PyTorch's IndexError: an index or a dim out of range. */
export class IndexError extends TorchError {
  override name = "IndexError";
}
/**
 * Python's TypeError, as PyTorch raises it: a call with the wrong kind of
 * argument (`len()` of a 0-d tensor, a tuple where one dim is expected).
 * Inside torchts it shadows the global `TypeError`, which torchts never throws.
 */
export class TypeError extends TorchError {
  override name = "TypeError";
}
/** A TypeError about dtypes: invalid dtype combinations, an op a dtype does not support. */
export class DTypeError extends TypeError {
  override name = "DTypeError";
}
/** PyTorch's ValueError. */
export class ValueError extends TorchError {
  override name = "ValueError";
}
/** Python's NotImplementedError: a case PyTorch itself does not implement (e.g. `kl_divergence` for an unregistered pair). */
export class NotImplementedError extends TorchError {
  override name = "NotImplementedError";
}

/** `[2,3]` — the compact shape form used in every message. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
