/**
 * Typed errors, named after the pandas exceptions they mirror so that a
 * notebook user recognises them. Messages name the function, the column or
 * axis and the offending value.
 */

/** The CSV text cannot be tokenized (ragged row, unterminated quote). pandas.errors.ParserError. */
export class ParserError extends Error {
  override name = "ParserError";
}

/** The CSV source has no columns at all. pandas.errors.EmptyDataError. */
export class EmptyDataError extends Error {
  override name = "EmptyDataError";
}

/** A column or index label that does not exist. Python's KeyError. */
export class KeyError extends Error {
  override name = "KeyError";
}

// IndexError, DTypeError and ValueError are @torchts/tensor's classes: one error
// type per Python exception across torchts, so `catch (e) { if (e instanceof IndexError) }`
// works the same for frames and tensors.
export { IndexError, DTypeError, ValueError } from "@torchts/tensor";

/** A file that cannot be read or written. Carries the path and the system error code. */
export class FileError extends Error {
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
