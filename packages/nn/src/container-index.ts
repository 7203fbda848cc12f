/**
 * Python's list indexing for the containers: an integer (negative from the end) or a slice,
 * given as a number, a slice string ("1:3", "::2", "-2:") or `torch.slice(1, 3)`.
 */
import { IndexError, TypeError, ValueError, type Slice, describeValue } from "@torchts/autograd";

/** An index into Sequential or ModuleList. */
export type ContainerIndex = number | string | Slice;

/** The position of integer `i` in a container of length n (PyTorch: "index 5 is out of range"). */
export function position(i: number, n: number): number {
  if (!(-n <= i && i < n)) throw new IndexError(`index ${i} is out of range`);
  return i < 0 ? i + n : i;
}

function bound(s: string, whole: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  if (!/^[+-]?\d+$/.test(t)) throw new TypeError(`invalid index "${whole}": "${t}" is not an integer`);
  return Number(t);
}

/** An integer, or a slice as `{ start, stop, step }`. */
export function parseIndex(fn: string, index: ContainerIndex): number | Slice {
  if (typeof index === "number") {
    if (!Number.isInteger(index)) throw new TypeError(`${fn}: indices must be integers or slices, not float`);
    return index;
  }
  if (typeof index === "string") {
    if (!index.includes(":")) {
      const n = bound(index, index);
      if (n === null) throw new TypeError(`${fn}: invalid index "${index}"`);
      return n;
    }
    const parts = index.split(":");
    if (parts.length > 3) throw new TypeError(`${fn}: invalid slice "${index}"`);
    return { start: bound(parts[0], index), stop: bound(parts[1], index), step: bound(parts[2] ?? "", index) };
  }
  if (index !== null && typeof index === "object" && "start" in index && "stop" in index) return index;
  throw new TypeError(`${fn}: indices must be integers or slices, not ${describeValue(index)}`);
}

/** Python's `range(*slice.indices(n))`. */
export function sliceRange(s: Slice, n: number): number[] {
  const step = s.step ?? 1;
  if (step === 0) throw new ValueError("slice step cannot be zero");
  const clamp = (v: number | null, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    if (v < 0) v += n;
    return Math.min(Math.max(v, lo), hi);
  };
  const out: number[] = [];
  if (step > 0) {
    const start = clamp(s.start, 0, 0, n);
    const stop = clamp(s.stop, n, 0, n);
    for (let i = start; i < stop; i += step) out.push(i);
  } else {
    const start = clamp(s.start, n - 1, -1, n - 1);
    const stop = clamp(s.stop, -1, -1, n - 1);
    for (let i = start; i > stop; i += step) out.push(i);
  }
  return out;
}
