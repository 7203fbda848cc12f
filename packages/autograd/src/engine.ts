/**
 * The backward engine: from the roots, find every node that contributes,
 * count each node's consumers, then run the derivative rules in dependency
 * order, summing gradients per node. `.grad` is written only by AccumulateGrad
 * nodes (leaves) and by retainGrad's hook; `grad()` captures instead of writing.
 */
import { RuntimeError, Tensor, argTypeError, fmtShape, onesLike } from "@torchts/tensor";
import { checkFlags, checkGradient, checkNonEmptyInputs, tensorList } from "./arg-checks";
import { customBackward, hasFreshGrads, outputSlot } from "./custom-op";
import { contextOf, derivatives } from "./derivatives";
import { setGradEnabled } from "./grad-mode";
import { type AutogradMeta, type Node, freedError, metaOf } from "./node";
import { edgeOf, freshMeta } from "./view-tracking";

export { edgeOf };

export interface BackwardOptions {
  /** Keep saved tensors so the graph can be traversed again (default: createGraph). */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order derivatives. */
  createGraph?: boolean;
}

function addGrad(a: Tensor | undefined, b: Tensor): Tensor {
  return a === undefined ? b : a.add(b);
}

/**
 * Add g into `.grad`. The first gradient is copied, so `.grad` never aliases a
 * tensor the caller owns (the `gradient` given to backward, or a broadcast view);
 * with createGraph the copy is recorded (PyTorch's CopyBackwards) and the sum is out of place.
 * `owned`: g is a new contiguous tensor that nothing else holds (see runEngine), so it
 * becomes `.grad` itself, as PyTorch's AccumulateGrad steals a gradient whose reference
 * count allows it; a copy of a 784×256 weight's gradient per step is saved.
 */
export function accumulate(meta: AutogradMeta, g: Tensor, createGraph: boolean, owned = false): void {
  if (createGraph) {
    if (meta.grad !== null) meta.grad = meta.grad.add(g);
    else {
      meta.grad = g.clone();
      const m = metaOf(meta.grad);
      if (m?.gradFn) m.gradFn.name = "CopyBackwards";
    }
  } else if (meta.grad === null) meta.grad = owned && g.isContiguous() ? g.detach() : g.detach().clone();
  else meta.grad.add_(g);
}

interface EngineRun {
  roots: Tensor[];
  grads: Tensor[];
  retainGraph: boolean;
  createGraph: boolean;
  /** grad() mode: capture the gradients arriving at these nodes instead of writing .grad */
  capture?: Node[];
}

export function runEngine(run: EngineRun): Map<Node, Tensor> {
  const captured = new Map<Node, Tensor>();
  const captureSet = run.capture ? new Set(run.capture) : null;
  const rootNodes = run.roots.map((r) => edgeOf(r)!);
  // 1. reachable nodes, their consumer counts, and (for grad()) who consumes whom
  const deps = new Map<Node, number>();
  const consumers = new Map<Node, Node[]>();
  const stack = [...rootNodes];
  const seen = new Set<Node>(rootNodes);
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const e of n.next) {
      if (e === null) continue;
      deps.set(e, (deps.get(e) ?? 0) + 1);
      if (captureSet !== null) {
        const list = consumers.get(e);
        if (list === undefined) consumers.set(e, [n]);
        else list.push(n);
      }
      if (!seen.has(e)) {
        seen.add(e);
        stack.push(e);
      }
    }
  }
  // 2. in grad() mode, only nodes that lead to a captured node need to run: walk up from them
  let useful: Set<Node> | null = null;
  if (captureSet !== null) {
    useful = new Set<Node>();
    const todo = [...captureSet].filter((n) => seen.has(n));
    for (const n of todo) useful.add(n);
    while (todo.length > 0) {
      for (const c of consumers.get(todo.pop()!) ?? []) {
        if (!useful.has(c)) {
          useful.add(c);
          todo.push(c);
        }
      }
    }
  }
  // 3. run
  const buffers = new Map<Node, Tensor>();
  // Gradients nothing outside the engine holds: sums made here, and the gradients of custom ops
  // declared `freshGrads` (each a new tensor). Without createGraph, a leaf may keep one as `.grad`.
  const owned = run.createGraph ? null : new Set<Tensor>();
  // per-output gradients of custom ops with several outputs (delivered by their customOutput nodes)
  const slots = new Map<Node, Tensor[]>();
  rootNodes.forEach((n, i) => buffers.set(n, addGrad(buffers.get(n), run.grads[i])));
  const ready = new ReadyQueue();
  rootNodes.forEach((n, i) => {
    if ((deps.get(n) ?? 0) === 0 && rootNodes.indexOf(n) === i) ready.push(n);
  });
  const prevMode = setGradEnabled(run.createGraph);
  try {
    while (ready.size > 0) {
      const n = ready.pop();
      let g = buffers.get(n);
      buffers.delete(n);
      if (g !== undefined && (useful === null || useful.has(n))) {
        for (const h of n.preHooks) {
          const r = h(g);
          if (r !== undefined) g = r;
        }
        if (captureSet?.has(n)) captured.set(n, g);
        if (n.op === "AccumulateGrad") {
          // (a tensor hook may have kept the gradient: then it is copied, as PyTorch's use count would say)
          if (captureSet === null) accumulate(n.leaf!, g, run.createGraph, owned !== null && n.preHooks.length === 0 && owned.has(g));
        } else if (useful === null || n.next.some((e) => e !== null && useful!.has(e))) {
          const grads = n.op === "custom" ? customBackward(n, slots.get(n) ?? [g]) : applyRule(n, g);
          const fresh = owned !== null && n.op === "custom" && hasFreshGrads(n);
          for (let i = 0; i < n.next.length; i++) {
            const e = n.next[i];
            const gi = grads[i];
            if (e === null || gi === null || gi === undefined) continue;
            const v = validate(n, i, gi);
            if (n.op === "customOutput") {
              let s = slots.get(e);
              if (s === undefined) slots.set(e, (s = []));
              const k = outputSlot(n);
              s[k] = addGrad(s[k], v);
              buffers.set(e, v); // only marks that a gradient arrived: the op reads its slots
            } else {
              const prev = buffers.get(e);
              const sum = addGrad(prev, v);
              buffers.set(e, sum);
              if (owned !== null && (prev !== undefined || (fresh && grads.indexOf(gi) === i))) owned.add(sum);
            }
          }
          if (!run.retainGraph) n.release();
        }
      }
      for (const e of n.next) {
        if (e === null) continue;
        const d = deps.get(e)! - 1;
        deps.set(e, d);
        if (d === 0) ready.push(e);
      }
    }
  } finally {
    setGradEnabled(prevMode);
  }
  return captured;
}

/** Nodes whose gradient is complete, the most recently created first (a binary max-heap on seq). */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].seq >= h[i].seq) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].seq > h[m].seq) m = l;
        if (r < h.length && h[r].seq > h[m].seq) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function applyRule(n: Node, g: Tensor): (Tensor | null)[] {
  if (n.op === "customOutput") return [g];
  const rule = derivatives[n.op as keyof typeof derivatives] as { backward(g: Tensor, c: unknown): (Tensor | null)[]; savesIndex?: true };
  if (n.released && rule.savesIndex) throw freedError();
  return rule.backward(g, contextOf(n));
}

/** A rule's gradient for input i must have the input's shape; it takes the input's dtype (as PyTorch casts it). */
function validate(n: Node, i: number, g: Tensor): Tensor {
  const shape = n.savedShape(i);
  if (g.ndim !== shape.length || g._shape.some((s, k) => s !== shape[k])) {
    throw new RuntimeError(`Function ${n.name} returned an invalid gradient at index ${i} - got ${fmtShape(g._shape)} but expected shape compatible with ${fmtShape(shape)}`);
  }
  const dtype = n.savedDtype(i);
  return g.dtype === dtype ? g : g.to(dtype);
}

function checkGradShape(fn: string, i: number, g: Tensor, t: Tensor): void {
  if (g.ndim !== t.ndim || g._shape.some((s, k) => s !== t._shape[k])) {
    throw new RuntimeError(`${fn}: Mismatch in shape: grad_output[${i}] has a shape of ${g.shape} and output[${i}] has a shape of ${t.shape}.`);
  }
}

/** `t.backward(gradient?)`: accumulate d t / d leaf into every leaf's `.grad`. */
export function backward(t: Tensor, gradient?: Tensor | null, options?: BackwardOptions): void {
  if (!(t instanceof Tensor)) throw argTypeError("backward", "tensors", 0, "Tensor", t);
  checkGradient("backward", gradient);
  checkFlags("backward", options, BACKWARD_KEYS, BACKWARD_KEYS);
  const m = freshMeta(t);
  if (m === undefined || !m.requiresGrad) {
    throw new RuntimeError("backward: element 0 of tensors does not require grad and does not have a grad_fn");
  }
  let g = gradient ?? null;
  if (g === null) {
    if (t.numel() !== 1) {
      throw new RuntimeError(`backward: grad can be implicitly created only for scalar outputs (got shape ${fmtShape(t._shape)})`);
    }
    g = onesLike(t);
  } else checkGradShape("backward", 0, g, t);
  const createGraph = options?.createGraph ?? false;
  runEngine({ roots: [t], grads: [g], retainGraph: options?.retainGraph ?? createGraph, createGraph });
}

const BACKWARD_KEYS = ["retainGraph", "createGraph"] as const;
const GRAD_KEYS = ["gradOutputs", "retainGraph", "createGraph", "allowUnused"] as const;

export interface GradOptions extends BackwardOptions {
  /** The gradient of each output (defaults to ones for scalar outputs). */
  gradOutputs?: (Tensor | null)[] | Tensor;
  /** Return null for inputs the outputs do not depend on, instead of raising. */
  allowUnused?: boolean;
}

/**
 * torch.autograd.grad: the gradients of `outputs` with respect to `inputs`,
 * returned instead of accumulated into `.grad`.
 * @example const [dx] = grad(x.pow(3).sum(), [x], { createGraph: true }); // 3x²
 */
export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], options?: GradOptions): (Tensor | null)[] {
  const outs = tensorList("grad", "outputs", 0, outputs);
  const ins = tensorList("grad", "inputs", 1, inputs);
  checkNonEmptyInputs("grad", ins);
  checkFlags("grad", options, GRAD_KEYS, ["retainGraph", "createGraph", "allowUnused"]);
  const given = options?.gradOutputs;
  const gos = given === undefined ? [] : Array.isArray(given) ? given : [given];
  gos.forEach((g) => checkGradient("grad", g));
  const grads = outs.map((o, i) => {
    const m = freshMeta(o);
    if (m === undefined || !m.requiresGrad) throw new RuntimeError(`grad: element ${i} of tensors does not require grad and does not have a grad_fn`);
    const go = gos[i] ?? null;
    if (go !== null) {
      checkGradShape("grad", i, go, o);
      return go;
    }
    if (o.numel() !== 1) throw new RuntimeError(`grad: grad can be implicitly created only for scalar outputs (got shape ${fmtShape(o._shape)})`);
    return onesLike(o);
  });
  const nodes = ins.map((t) => {
    const e = edgeOf(t);
    if (e === null) throw new RuntimeError("grad: One of the differentiated Tensors does not require grad");
    return e;
  });
  const createGraph = options?.createGraph ?? false;
  const got = runEngine({ roots: outs, grads, retainGraph: options?.retainGraph ?? createGraph, createGraph, capture: nodes });
  return nodes.map((n) => {
    const r = got.get(n);
    if (r === undefined) {
      if (options?.allowUnused) return null;
      throw new RuntimeError(
        "grad: One of the differentiated Tensors appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior.",
      );
    }
    return r;
  });
}

