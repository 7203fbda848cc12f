/**
 * Turns an `iloc` argument into a Selection: an integer (negative counts from
 * the end), a Python slice string ("0:2", "::-1", ":"), an integer string
 * ("-1"), an array of positions, or a boolean mask of the axis' length.
 */
import type { Selection } from "./column";
import { IndexError, ValueError } from "./errors";
import { isSliceString, parseIndexString, parseSlice, resolvePosition, resolveSlice } from "./slice";

/** A single position: an integer, or an integer written as a string ("-1"). */
export type Position = number | `${number}`;

/** What `iloc` accepts besides a plain integer. */
export type Indexer = string | readonly number[] | readonly boolean[] | Int32Array;

export type ResolvedIndexer = { kind: "scalar"; position: number } | Selection;

export function selectionFor(idx: number | Indexer, length: number, what: string): ResolvedIndexer {
  if (typeof idx === "number") return { kind: "scalar", position: resolvePosition(idx, length, what) };
  if (typeof idx === "string") {
    if (!isSliceString(idx)) return { kind: "scalar", position: resolvePosition(parseIndexString(idx), length, what) };
    const r = resolveSlice(parseSlice(idx), length);
    return { kind: "range", start: r.start, step: r.step, length: r.length };
  }
  const arr = idx as ArrayLike<number | boolean>;
  if (arr.length > 0 && typeof arr[0] === "boolean") {
    if (arr.length !== length) {
      throw new IndexError(`${what}: boolean mask has length ${arr.length}, but the axis has length ${length}`);
    }
    const positions: number[] = [];
    for (let i = 0; i < arr.length; i++) if (arr[i]) positions.push(i);
    return { kind: "positions", positions };
  }
  const positions = new Int32Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const p = arr[i];
    if (typeof p !== "number") throw new ValueError(`${what}: positions must all be integers or all booleans`);
    positions[i] = resolvePosition(p, length, what);
  }
  return { kind: "positions", positions };
}
