/**
 * Graph nodes and per-tensor autograd metadata.
 *
 * A Node is one recorded primitive: its derivative rule, its attributes, the
 * tensors the rule may read (saved with their storage version), and one edge
 * per input to the node that produced that input (or to the leaf's
 * AccumulateGrad). Every node has exactly one differentiable output.
 */
import { RuntimeError, type PrimName, type Tensor } from "@torchts/tensor";

export type Hook = (grad: Tensor) => Tensor | void;

/** What autograd keeps on a tensor (in its `_ext` slot). */
export class AutogradMeta {
  requiresGrad = false;
  grad: Tensor | null = null;
  gradFn: Node | null = null;
  retainsGrad = false;
  /** The AccumulateGrad node of a leaf, created on first use. */
  accumulator: Node | null = null;
}

export function metaOf(t: Tensor): AutogradMeta | undefined {
  return t._ext as AutogradMeta | undefined;
}

export function ensureMeta(t: Tensor): AutogradMeta {
  let m = t._ext as AutogradMeta | undefined;
  if (m === undefined) {
    m = new AutogradMeta();
    t._ext = m;
  }
  return m;
}

interface Saved {
  tensor: Tensor;
  version: number;
}

let sequence = 0;

export class Node {
  /** Creation order: later nodes run first when several are ready. */
  readonly seq = sequence++;
  name: string;
  /** Edges to the producers of each input (null: that input needs no gradient). */
  readonly next: (Node | null)[];
  private saved: Saved[] | null;
  /** Hooks on the gradient of this node's output tensor (registerHook). */
  preHooks: Hook[] = [];
  /** Metas of tensors whose `.grad` should receive this node's output gradient (leaves, retainGrad). */
  retained: AutogradMeta[] = [];
  /** For AccumulateGrad: the leaf's metadata. */
  readonly leaf: AutogradMeta | null;

  constructor(
    readonly op: PrimName | "AccumulateGrad",
    readonly attrs: unknown,
    inputs: readonly Tensor[],
    next: (Node | null)[],
    output: Tensor | null,
    name: string,
    leaf: AutogradMeta | null = null,
  ) {
    this.name = name;
    this.next = next;
    this.leaf = leaf;
    const all = output === null ? inputs : [...inputs, output];
    this.saved = all.map((tensor) => ({ tensor, version: tensor._storage.version }));
  }

  /** Input i (or the output, at index = number of inputs) as saved — checked against in-place edits. */
  savedTensor(i: number): Tensor {
    if (this.saved === null) {
      throw new RuntimeError(
        "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
          "Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). " +
          "Specify retainGraph: true if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.",
      );
    }
    const s = this.saved[i];
    if (s.tensor._storage.version !== s.version) {
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${s.tensor.dtype.name} [${s.tensor._shape.join(", ")}]], which is ${i === this.next.length ? "output 0" : `input ${i}`} of ${this.name}, ` +
          `is at version ${s.tensor._storage.version}; expected version ${s.version} instead. ` +
          "Hint: the operation that failed was the one computing this gradient; find the in-place op that modified the tensor after it was used.",
      );
    }
    return s.tensor;
  }

  /** Drop the saved tensors (after a backward without retainGraph). */
  release(): void {
    if (this.op !== "AccumulateGrad") this.saved = null;
  }

  toString(): string {
    return `<${this.name}>`;
  }
}
