/**
 * The indexing convention. TypeScript has no `X[1:3, ...]`, so an index is a
 * list of items, each one of:
 *
 * | PyTorch        | torchts                                  |
 * |----------------|------------------------------------------|
 * | `X[1]`         | `X.get(1)` (negative counts from the end) |
 * | `X[1:3]`       | `X.get("1:3")` or `X.get(slice(1, 3))`   |
 * | `X[::2, -1]`   | `X.get("::2", -1)` or `X.get("::2, -1")` |
 * | `X[..., 0]`    | `X.get("...", 0)`                        |
 * | `X[None]`      | `X.get(null)`                            |
 * | `X[idx]`       | `X.get(idxTensor)` or `X.get([0, 2])`    |
 * | `X[mask]`      | `X.get(boolTensor)`                      |
 * | `X[1, 2] = 9`  | `X.set(1, 2, 9)`                         |
 * | `X[[1, 2]] = 9`| `X.set([1, 2], 9)` (rows 1 and 2)        |
 *
 * A string may hold several comma-separated items ("0:2, :"). Writing takes the same
 * items as reading, then the value: `X.set(...index, value)` writes exactly the elements
 * `X.get(...index)` reads (index-roundtrip.test.ts). A list is always one item (an index
 * tensor), never a list of items.
 */
import { IndexError, ValueError } from "./errors";
import type { Tensor } from "./tensor";

export interface Slice {
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number | null;
}

export type Index = number | string | null | Slice | Tensor | readonly number[] | readonly boolean[];

/** Python's `slice(start, stop, step)`; `null` leaves a bound open. */
export function slice(start: number | null = null, stop: number | null = null, step: number | null = null): Slice {
  return { start, stop, step };
}

export type ParsedItem = number | Slice | "..." | null;

function parseInt10(s: string, whole: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  if (!/^[+-]?\d+$/.test(t)) throw new IndexError(`invalid index "${whole}": "${t}" is not an integer`);
  return Number(t);
}

/** Parse one string item: "3", "-1", "1:3", "::2", ":", "...", "None". */
export function parseItem(s: string): ParsedItem {
  const t = s.trim();
  if (t === "...") return "...";
  if (t === "None") return null;
  if (!t.includes(":")) {
    const n = parseInt10(t, s);
    if (n === null) throw new IndexError(`invalid index "${s}"`);
    return n;
  }
  const parts = t.split(":");
  if (parts.length > 3) throw new IndexError(`invalid slice "${s}"`);
  return slice(parseInt10(parts[0], s), parseInt10(parts[1] ?? "", s), parseInt10(parts[2] ?? "", s));
}

/** Split strings holding several items ("0:2, :") into single items. */
export function expandStrings(items: readonly Index[]): Index[] {
  const out: Index[] = [];
  for (const it of items) {
    if (typeof it === "string") for (const part of it.split(",")) out.push(part);
    else out.push(it);
  }
  return out;
}

/** Resolve a slice against a dim of `size` with Python's clamping rules; step ≥ 1 as in PyTorch. */
export function resolveSlice(sl: Slice, size: number): { start: number; step: number; length: number } {
  const step = sl.step ?? 1;
  // Python's slice refuses a zero step; PyTorch refuses a negative one (both ValueErrors)
  if (step === 0) throw new ValueError("slice step cannot be zero");
  if (step < 0) throw new ValueError(`step must be greater than zero (got ${step}: PyTorch does not support negative steps)`);
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) v += size;
    return Math.min(Math.max(v, 0), size);
  };
  const start = clamp(sl.start, 0);
  const stop = clamp(sl.stop, size);
  const length = stop > start ? Math.ceil((stop - start) / step) : 0;
  return { start, step, length };
}

export function isSlice(v: unknown): v is Slice {
  return typeof v === "object" && v !== null && "start" in v && "stop" in v && "step" in v && !Array.isArray(v);
}
