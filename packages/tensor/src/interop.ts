/**
 * How a Tensor behaves as a plain JavaScript value: iteration and coercion to a primitive.
 *
 * Iteration walks the first dimension, as Python's `for row in X` does: `for (const row of X)`,
 * `Array.from(X)`, `[...X]` and `const [a, b] = X` give the rows (views, recorded as unbind).
 * A 0-d tensor is not iterable: it has no `Symbol.iterator` (Python raises `TypeError: iteration
 * over a 0-d tensor`; JavaScript raises its own TypeError, `... is not iterable`, and
 * `Array.from` PyTorch's `len() of a 0-d tensor`). A throwing iterator would break the deep
 * equality of test frameworks, which iterate anything iterable down to its 0-d elements.
 *
 * Coercion follows JavaScript's hints (`Symbol.toPrimitive`):
 * - `"string"` (template literals, `String(x)`): the repr, as Python's `str(x)`;
 * - `"number"` (`Number(x)`, unary `+x`, `x * 2`, `x < y`): the value of a one-element tensor,
 *   PyTorch's `only one element tensors can be converted to Python scalars` otherwise;
 * - `"default"` (binary `+`, `==`): the number for a one-element tensor, the repr otherwise.
 *   So `"loss " + x` prints any tensor and `x + 1` adds to a one-element one. JavaScript gives
 *   both the same hint: `"loss " + x` of a one-element tensor prints its number, not its repr.
 * @example for (const row of torch.eye(2)) console.log(`${row}`) // tensor([1., 0.]) then tensor([0., 1.])
 * @example `${torch.ones(2)}` === "tensor([1., 1.])"; +torch.tensor([3]) === 3; torch.tensor(2) + 1 === 3
 */
import { Tensor } from "./tensor";
import { item } from "./convert";
import { unbind } from "./combine";

/** The iteration and coercion protocols (tensor.ts: `interface Tensor extends InteropMethods`). */
export interface InteropMethods {
  /** The rows along dim 0 (Python's `iter(X)`); undefined for a 0-d tensor, which is not iterable. */
  readonly [Symbol.iterator]: () => Iterator<Tensor>;
  /** `"string"` hint: the repr; `"number"`: one element's value (else ValueError); `"default"`: the number for one element, else the repr. */
  [Symbol.toPrimitive](hint: string): number | string;
}

function rows(this: Tensor): Iterator<Tensor> {
  return unbind(this, 0)[Symbol.iterator]();
}

// A getter, so that a 0-d tensor has no iterator at all: deep-equality checks (vitest's, Jest's,
// Node's assert) iterate whatever has one, and would throw on every 0-d element they reach.
// `Array.from` of a 0-d tensor then reads `length`, which raises PyTorch's `len() of a 0-d tensor`.
Object.defineProperty(Tensor.prototype, Symbol.iterator, {
  get(this: Tensor) {
    return this.ndim === 0 ? undefined : rows;
  },
  configurable: true,
});

Object.defineProperty(Tensor.prototype, Symbol.toPrimitive, {
  value: function (this: Tensor, hint: string): number | string {
    if (hint === "string") return this.toString();
    if (hint === "default" && this.numel() !== 1) return this.toString();
    return Number(item(this, "Number()"));
  },
  writable: true,
  configurable: true,
});
