/**
 * Typed errors. Each mirrors the Python exception PyTorch raises, so a user can
 * `catch (e) { if (e instanceof IndexError) ... }` as they would in Python.
 * Messages name the op, every shape involved and the offending dimension.
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
/** PyTorch's TypeError: invalid dtype combinations and argument types. */
export class DTypeError extends TorchError {
  override name = "TypeError";
}
/** PyTorch's ValueError. */
export class ValueError extends TorchError {
  override name = "ValueError";
}

/** `[2,3]` — the compact shape form used in every message. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
