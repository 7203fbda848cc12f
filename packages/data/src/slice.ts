/**
 * Python slice strings ("0:2", "::-1", ":") with Python's semantics, shared
 * with @torchts/tensor's indexing convention.
 */
import { IndexError, ValueError } from "./errors";
import { TypeError, argTypeError } from "@torchts/tensor";

export interface Slice {
  start: number | null;
  stop: number | null;
  step: number | null;
}

export interface ResolvedSlice {
  start: number;
  stop: number;
  step: number;
  /** Number of selected positions. */
  length: number;
}

const INT = /^[+-]?\d+$/;

function parsePart(part: string, whole: string): number | null {
  const p = part.trim();
  if (p === "") return null;
  if (!INT.test(p)) throw new ValueError(`parseSlice: '${whole}' is not a slice: '${p}' is not an integer`);
  return Number(p);
}

/**
 * Parse a Python slice string: "start:stop" or "start:stop:step", each part optional.
 * @example parseSlice("::2") // { start: null, stop: null, step: 2 }
 */
export function parseSlice(s: string): Slice {
  if (typeof s !== "string") throw argTypeError("parseSlice", "s", 1, "a slice string such as '0:2'", s);
  const parts = s.split(":");
  if (parts.length < 2 || parts.length > 3) {
    throw new ValueError(`parseSlice: '${s}' is not a slice; expected 'start:stop' or 'start:stop:step'`);
  }
  const step = parts.length === 3 ? parsePart(parts[2], s) : null;
  if (step === 0) throw new ValueError(`parseSlice: slice step cannot be zero in '${s}'`);
  return { start: parsePart(parts[0], s), stop: parsePart(parts[1], s), step };
}

/** True if `s` is a slice string (contains a colon) rather than a single position. */
export function isSliceString(s: string): boolean {
  return s.includes(":");
}

/** Parse a single integer position written as a string, e.g. "-1". */
export function parseIndexString(s: string): number {
  const p = s.trim();
  // pandas: "Cannot index by location index with a non-integer key" (a TypeError)
  if (!INT.test(p)) throw new TypeError(`iloc: '${s}' is neither an integer position nor a slice such as '0:2' (Cannot index by location index with a non-integer key)`);
  return Number(p);
}

/**
 * Resolve a slice against an axis of `length`, as Python's `slice.indices`:
 * negative bounds count from the end, out-of-range bounds are clamped, a
 * negative step walks backwards.
 * @example resolveSlice(parseSlice("-2:"), 5) // { start: 3, stop: 5, step: 1, length: 2 }
 */
export function resolveSlice(sl: Slice, length: number): ResolvedSlice {
  if (sl === null || typeof sl !== "object") throw argTypeError("resolveSlice", "sl", 1, "a Slice ({ start, stop, step })", sl);
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) throw argTypeError("resolveSlice", "length", 2, "a non-negative integer", length);
  const step = sl.step ?? 1;
  if (step === 0) throw new ValueError("resolveSlice: slice step cannot be zero");
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? length - 1 : length;
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + length, lower);
    return Math.min(v, upper);
  };
  const start = clamp(sl.start, step < 0 ? upper : lower);
  const stop = clamp(sl.stop, step < 0 ? lower : upper);
  let n = 0;
  if (step > 0 && start < stop) n = Math.ceil((stop - start) / step);
  else if (step < 0 && start > stop) n = Math.ceil((start - stop) / -step);
  return { start, stop, step, length: n };
}

/** Normalise one integer position against `length` (negative counts from the end), or throw IndexError. */
export function resolvePosition(pos: number, length: number, what: string): number {
  if (!Number.isInteger(pos)) throw new ValueError(`${what}: position ${pos} is not an integer`);
  const p = pos < 0 ? pos + length : pos;
  if (p < 0 || p >= length) {
    throw new IndexError(`${what}: position ${pos} is out of bounds for axis with size ${length}`);
  }
  return p;
}
