/**
 * Graph nodes and per-tensor autograd metadata.
 *
 * A Node is one recorded primitive: its derivative rule, its attributes, the
 * tensors its rule reads (saved with their storage version: only those the rule
 * declares, see `Rule.saves`), the shapes and dtypes of all its inputs and its
 * output, and one edge per input to the node that produced that input (or to the
 * leaf's AccumulateGrad). Every node has exactly one differentiable output (a
 * custom op with several has one node per output in front of it: custom-op.ts).
 */
import { type DType, RuntimeError, type Tensor } from "@torchts/tensor";
import type { CompositeName, PrimName } from "@torchts/tensor/internal";

/** What a node runs in backward: a primitive's rule, a leaf's accumulation, or a custom op (custom-op.ts) and its outputs. */
export type NodeOp = PrimName | "AccumulateGrad" | "custom" | "customOutput";

export type Hook = (grad: Tensor) => Tensor | void;

/** What autograd keeps on a tensor (in its `_ext` slot). */
export class AutogradMeta {
  requiresGrad = false;
  grad: Tensor | null = null;
  gradFn: Node | null = null;
  retainsGrad = false;
  /** The AccumulateGrad node of a leaf, created on first use. */
  accumulator: Node | null = null;
  /** For a view (its base is `Tensor._base`): the base's `history` when this view's gradFn was made (stale views are regenerated). */
  baseHistory = 0;
  /** For a view made in no-grad mode: never regenerated, and not writable in place under grad mode when grad is involved. */
  noGradView = false;
  /** For a base: bumped each time an in-place op rewrites its history. */
  history = 0;
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

export function freedError(): RuntimeError {
  return new RuntimeError(
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
      "Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). " +
      "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward. " +
      "(In torchts: `backward(null, { retainGraph: true })`, `grad(..., { retainGraph: true })`.)",
  );
}

let sequence = 0;
const NONE: readonly (Tensor | null)[] = [];

export class Node {
  /** Creation order: later nodes run first when several are ready. */
  readonly seq = sequence++;
  name: string;
  /** Edges to the producers of each input (null: that input needs no gradient). */
  readonly next: (Node | null)[];
  /**
   * The tensors the rule reads, by position (input i at i, the output at the number of
   * inputs; a custom op numbers them in saveForBackward order); null where nothing is kept.
   * The whole list is null once released.
   */
  private saved: (Saved | null)[] | null;
  /** Shapes and dtypes of the inputs and output: metadata, kept after release and never version-checked. */
  private readonly meta: { shape: number[]; dtype: DType }[];
  /** Hooks on the gradient of this node's output tensor (registerHook, retainGrad), run in registration order. */
  preHooks: Hook[] = [];
  /** For AccumulateGrad: the leaf's metadata. */
  readonly leaf: AutogradMeta | null;
  /** The composite whose result this node made, as tensor reported it (e.g. "std" for the sqrt that ends std). */
  composite: CompositeName | null = null;

  /**
   * `keep` lists the tensors to save, by position (see `saved`); omitted, the node keeps none.
   * Only the shapes and dtypes of `inputs` and `output` are kept otherwise.
   */
  constructor(
    readonly op: NodeOp,
    readonly attrs: unknown,
    inputs: readonly Tensor[],
    next: (Node | null)[],
    output: Tensor | null,
    name: string,
    leaf: AutogradMeta | null = null,
    keep: readonly (Tensor | null)[] = NONE,
  ) {
    this.name = name;
    this.next = next;
    this.leaf = leaf;
    const meta = inputs.map((t) => ({ shape: t._shape.slice(), dtype: t.dtype }));
    if (output !== null) meta.push({ shape: output._shape.slice(), dtype: output.dtype });
    this.meta = meta;
    this.saved = keep.map((t) => (t === null ? null : { tensor: t, version: t._storage.version }));
  }

  /** Positions that hold a saved tensor (empty once released). */
  savedPositions(): number[] {
    const out: number[] = [];
    this.saved?.forEach((s, i) => {
      if (s !== null) out.push(i);
    });
    return out;
  }

  /** Shape of input i (or of the output, at index = number of inputs); available even after release. */
  savedShape(i: number): number[] {
    return this.meta[i].shape;
  }

  savedDtype(i: number): DType {
    return this.meta[i].dtype;
  }

  /**
   * Replace the saved `target` (if saved at `version`) by `snapshot`, a copy of its values
   * at that version: used when `target` is about to be overwritten by an in-place op whose
   * own node saved it (PyTorch saves the original self of such ops).
   */
  replaceSaved(target: Tensor, version: number, snapshot: Tensor): boolean {
    let done = false;
    if (this.saved === null) return false;
    for (const s of this.saved) {
      if (s !== null && s.tensor === target && s.version === version) {
        s.tensor = snapshot;
        s.version = snapshot._storage.version;
        done = true;
      }
    }
    return done;
  }

  /** Whether `t` is saved here at its current version. */
  saves(t: Tensor): boolean {
    return this.saved !== null && this.saved.some((s) => s !== null && s.tensor === t && s.version === t._storage.version);
  }

  /**
   * Saved tensor at position i (input i, or the output at the number of inputs) — checked
   * against in-place edits. `outputSlot`: the entry is this node's output of that index (a
   * custom op numbers its saved tensors itself); by default the entry at the number of inputs is.
   */
  savedTensor(i: number, outputSlot?: number): Tensor {
    if (this.saved === null) throw freedError();
    const s = this.saved[i];
    if (s === null || s === undefined) {
      // a rule read a tensor its `saves` declaration does not list: a bug in the rule, not in user code
      throw new RuntimeError(`internal: ${this.name} reads saved tensor ${i}, which its rule does not declare in \`saves\``);
    }
    if (s.tensor._storage.version !== s.version) {
      // PyTorch's SavedVariable: a saved output is named by this node; anything else by its grad_fn now
      // (a leaf: no clause), e.g. `a.sin()` then `a.relu_()` names a as output 0 of ReluBackward0
      const slot = outputSlot ?? (i === this.next.length ? 0 : undefined);
      const now = metaOf(s.tensor)?.gradFn ?? null;
      const which =
        slot !== undefined ? `, which is output ${slot} of ${this.name},` : now !== null ? `, which is output ${now.op === "customOutput" ? (now.attrs as { slot: number }).slot : 0} of ${now.name},` : "";
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${s.tensor.type()} [${s.tensor._shape.join(", ")}]]${which} ` +
          `is at version ${s.tensor._storage.version}; expected version ${s.version} instead. ` +
          "Hint: the operation that failed was the one computing this gradient; find the in-place op that modified the tensor after it was used.",
      );
    }
    return s.tensor;
  }

  /** Drop the saved tensors (after a backward without retainGraph). */
  release(): void {
    if (this.op !== "AccumulateGrad") {
      this.saved = null;
      this.released = true;
    }
  }

  /** Set by release(): a rule whose PyTorch node saves an index or mask raises on a second run. */
  released = false;

  toString(): string {
    return `<${this.name}>`;
  }
}
