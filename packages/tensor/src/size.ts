import { inspect } from "node:util";
import { pySize } from "./py-format";

/**
 * torch.Size: the shape of a tensor. An ordinary array of numbers (`shape[0]`,
 * `shape.length`, destructuring) that prints as PyTorch prints it.
 */
export class Size extends Array<number> {
  static fromDims(dims: readonly number[]): Size {
    const s = new Size();
    for (const d of dims) s.push(d);
    return s;
  }
  static override get [Symbol.species]() {
    return Array;
  }
  override toString(): string {
    return pySize(this);
  }
  numel(): number {
    let n = 1;
    for (const d of this) n *= d;
    return n;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}
