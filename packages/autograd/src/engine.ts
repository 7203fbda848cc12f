/**
 * The backward engine: from the roots, find every node that contributes,
 * count each node's consumers, then run the derivative rules in dependency
 * order, summing gradients per node. `.grad` is written only by AccumulateGrad
 * nodes (leaves) and retainGrad; `grad()` captures instead of writing.
 */
import { RuntimeError, type Tensor, fmtShape, onesLike } from "@torchts/tensor";
import { derivatives, type RuleContext } from "./derivatives";
import { setGradEnabled } from "./grad-mode";
import { type AutogradMeta, Node, metaOf } from "./node";

export interface BackwardOptions {
  /** Keep saved tensors so the graph can be traversed again (default: createGraph). */
  retainGraph?: boolean;
  /** Record the backward pass itself, for higher-order derivatives. */
  createGraph?: boolean;
}

/** The node a tensor's gradient arrives at: its gradFn, or its leaf accumulator. */
export function edgeOf(t: Tensor): Node | null {
  const m = metaOf(t);
  if (m === undefined || !m.requiresGrad) return null;
  if (m.gradFn !== null) return m.gradFn;
  if (m.accumulator === null) m.accumulator = new Node("AccumulateGrad", null, [], [], null, "AccumulateGrad", m);
  return m.accumulator;
}

function addGrad(a: Tensor | undefined, b: Tensor): Tensor {
  return a === undefined ? b : a.add(b);
}

function accumulate(meta: AutogradMeta, g: Tensor, createGraph: boolean): void {
  if (createGraph) meta.grad = meta.grad === null ? g : meta.grad.add(g);
  else if (meta.grad === null) meta.grad = g.detach().clone();
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
  // 1. reachable nodes and their consumer counts
  const deps = new Map<Node, number>();
  const stack = [...rootNodes];
  const seen = new Set<Node>(rootNodes);
  const order: Node[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    order.push(n);
    for (const e of n.next) {
      if (e === null) continue;
      deps.set(e, (deps.get(e) ?? 0) + 1);
      if (!seen.has(e)) {
        seen.add(e);
        stack.push(e);
      }
    }
  }
  // 2. in grad() mode, only nodes that lead to a captured node need to run
  let useful: Set<Node> | null = null;
  if (captureSet !== null) {
    useful = new Set(captureSet);
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of order) {
        if (!useful.has(n) && n.next.some((e) => e !== null && useful!.has(e))) {
          useful.add(n);
          changed = true;
        }
      }
    }
  }
  // 3. run
  const buffers = new Map<Node, Tensor>();
  rootNodes.forEach((n, i) => buffers.set(n, addGrad(buffers.get(n), run.grads[i])));
  const ready = rootNodes.filter((n, i) => (deps.get(n) ?? 0) === 0 && rootNodes.indexOf(n) === i);
  const prevMode = setGradEnabled(run.createGraph);
  try {
    while (ready.length > 0) {
      ready.sort((a, b) => a.seq - b.seq);
      const n = ready.pop()!;
      let g = buffers.get(n);
      buffers.delete(n);
      if (g !== undefined && (useful === null || useful.has(n))) {
        for (const h of n.preHooks) {
          const r = h(g);
          if (r !== undefined) g = r;
        }
        if (captureSet?.has(n)) captured.set(n, g);
        if (captureSet === null) for (const m of n.retained) accumulate(m, g, run.createGraph);
        if (n.op === "AccumulateGrad") {
          if (captureSet === null) accumulate(n.leaf!, g, run.createGraph);
        } else {
          const grads = applyRule(n, g);
          for (let i = 0; i < n.next.length; i++) {
            const e = n.next[i];
            const gi = grads[i];
            if (e !== null && gi !== null && gi !== undefined) buffers.set(e, addGrad(buffers.get(e), gi));
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

function applyRule(n: Node, g: Tensor): (Tensor | null)[] {
  const rule = derivatives[n.op as keyof typeof derivatives];
  const ctx: RuleContext<never> = {
    attrs: n.attrs as never,
    input: (i) => n.savedTensor(i),
    output: () => n.savedTensor(n.next.length),
    needs: n.next.map((e) => e !== null),
  };
  return (rule as { backward(g: Tensor, c: RuleContext<never>): (Tensor | null)[] }).backward(g, ctx);
}

/** `t.backward(gradient?)`: accumulate d t / d leaf into every leaf's `.grad`. */
export function backward(t: Tensor, gradient?: Tensor | null, options?: BackwardOptions): void {
  const m = metaOf(t);
  if (m === undefined || !m.requiresGrad) {
    throw new RuntimeError("backward: element 0 of tensors does not require grad and does not have a grad_fn");
  }
  let g = gradient ?? null;
  if (g === null) {
    if (t.numel() !== 1) {
      throw new RuntimeError(`backward: grad can be implicitly created only for scalar outputs (got shape ${fmtShape(t._shape)})`);
    }
    g = onesLike(t);
  } else if (g.numel() !== t.numel() || g.ndim !== t.ndim || g._shape.some((s, i) => s !== t._shape[i])) {
    throw new RuntimeError(
      `backward: Mismatch in shape: grad_output[0] has a shape of ${g.shape} and output[0] has a shape of ${t.shape}.`,
    );
  }
  const createGraph = options?.createGraph ?? false;
  runEngine({ roots: [t], grads: [g], retainGraph: options?.retainGraph ?? createGraph, createGraph });
}

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
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const given = options?.gradOutputs;
  const gos = given === undefined ? [] : Array.isArray(given) ? given : [given];
  const grads = outs.map((o, i) => {
    const m = metaOf(o);
    if (m === undefined || !m.requiresGrad) throw new RuntimeError(`grad: element ${i} of tensors does not require grad and does not have a grad_fn`);
    const go = gos[i] ?? null;
    if (go !== null) return go;
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

