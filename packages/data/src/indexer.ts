/**
 * Turns an `iloc` argument into a Selection: an integer (negative counts from
 * the end), a Python slice string ("0:2", "::-1", ":"), an integer string
 * ("-1"), an array of positions, or a boolean mask of the axis' length.
 */
import type { Selection } from "./column";
import { IndexError, ValueError } from "./errors";
import { TypeError, describeValue } from "@torchts/tensor";
import { isSliceString, parseIndexString, parseSlice, resolvePosition, resolveSlice } from "./slice";

/** A single position: an integer, or an integer written as a string ("-1"). */
export type Position = number | `${number}`;

/** What `iloc` accepts besides a plain integer. */
export type Indexer = string | readonly number[] | readonly boolean[] | Int32Array;

export type ResolvedIndexer = { kind: "scalar"; position: number } | Selection;

/** pandas' message for an iloc key that is not a position (undefined, 0.5, an object). */
function notPositional(what: string, idx: unknown): TypeError {
  const shown = typeof idx === "number" ? String(idx) : describeValue(idx);
  return new TypeError(`${what}: Cannot index by location index with a non-integer key (got ${shown}); give an integer, a slice string such as "0:2", positions or a boolean mask`);
}

export function selectionFor(idx: number | Indexer, length: number, what: string): ResolvedIndexer {
  if (typeof idx === "number" && !Number.isInteger(idx)) throw notPositional(what, idx);
  if (typeof idx !== "number" && typeof idx !== "string" && !Array.isArray(idx) && !(idx instanceof Int32Array)) throw notPositional(what, idx);
  if (typeof idx === "number") return { kind: "scalar", position: resolvePosition(idx, length, what) };
  if (typeof idx === "string") {
    if (!isSliceString(idx)) return { kind: "scalar", position: resolvePosition(parseIndexString(idx), length, what) };
    const r = resolveSlice(parseSlice(idx), length);
    return { kind: "range", start: r.start, step: r.step, length: r.length };
  }
  const arr = idx as ArrayLike<number | boolean>;
  if (arr.length > 0 && typeof arr[0] === "boolean") {
    if (arr.length !== length) {
      throw new IndexError(`${what}: Boolean index has wrong length: ${arr.length} instead of ${length}`);
    }
    const positions: number[] = [];
    for (let i = 0; i < arr.length; i++) if (arr[i]) positions.push(i);
    return { kind: "positions", positions };
  }
  const positions = new Int32Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const p = arr[i];
    if (typeof p !== "number") throw new ValueError(`${what}: positions must all be integers or all booleans`);
    if (!Number.isInteger(p)) throw notPositional(what, p);
    positions[i] = resolvePosition(p, length, what);
  }
  return { kind: "positions", positions };
}
