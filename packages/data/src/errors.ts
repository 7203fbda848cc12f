/**
 * Typed errors, named after the pandas exceptions they mirror so that a
 * notebook user recognises them. Messages name the function, the column or
 * axis and the offending value. All extend @torchts/tensor's TorchError (the
 * one hierarchy of torchts), and follow pandas' own: ParserError and
 * EmptyDataError are ValueErrors.
 */
import { TorchError, ValueError } from "@torchts/tensor";

/** The CSV text cannot be tokenized (ragged row, unterminated quote). pandas.errors.ParserError. */
export class ParserError extends ValueError {
  override name = "ParserError";
}

/** The CSV source has no columns at all. pandas.errors.EmptyDataError. */
export class EmptyDataError extends ValueError {
  override name = "EmptyDataError";
}

/** Python's LookupError: the base of KeyError, and what an unknown text encoding raises. */
export class LookupError extends TorchError {
  override name = "LookupError";
}

/** A column or index label that does not exist. Python's KeyError (a LookupError, not a ValueError). */
export class KeyError extends LookupError {
  override name = "KeyError";
}

// IndexError, DTypeError and ValueError are @torchts/tensor's classes: one error
// type per Python exception across torchts, so `catch (e) { if (e instanceof IndexError) }`
// works the same for frames and tensors.
export { IndexError, DTypeError, ValueError } from "@torchts/tensor";

/** A file that cannot be read or written. Carries the path and the system error code. */
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

/** Format a label for messages the way Python's repr would: strings quoted. */
export function reprLabel(label: unknown): string {
  return typeof label === "string" ? `'${label}'` : String(label);
}
