/**
 * The Tracer that @torchts/tensor reports every primitive to. Installing it
 * (install.ts) is how autograd attaches to tensor without tensor importing
 * autograd: see docs/architecture.md.
 */
import { type PrimAttrs, type PrimName, RuntimeError, type Tensor, type Tracer } from "@torchts/tensor";
import { derivatives, type RuleContext } from "./derivatives";
import { edgeOf } from "./engine";
import { isGradEnabled } from "./grad-mode";
import { Node, ensureMeta, metaOf } from "./node";

function nodeName<K extends PrimName>(op: K, node: Node): string {
  const rule = derivatives[op];
  if (typeof rule.name === "string") return rule.name;
  const ctx: RuleContext<K> = {
    attrs: node.attrs as PrimAttrs[K],
    input: (i) => node.savedTensor(i),
    output: () => node.savedTensor(node.next.length),
    needs: node.next.map((e) => e !== null),
  };
  return rule.name(ctx);
}

export const autogradTracer: Tracer = {
  wants(inputs) {
    if (!isGradEnabled()) return false;
    for (let i = 0; i < inputs.length; i++) {
      const m = metaOf(inputs[i]);
      if (m !== undefined && m.requiresGrad) return true;
    }
    return false;
  },

  record(op, inputs, outputs, attrs) {
    const out = outputs[0];
    const node = new Node(op, attrs, inputs, inputs.map(edgeOf), out, "");
    node.name = nodeName(op, node);
    const m = ensureMeta(out);
    m.requiresGrad = true;
    m.gradFn = node;
  },

  rename(t, name) {
    const m = metaOf(t);
    if (m?.gradFn) m.gradFn.name = name;
  },

  beforeInplace(op, target) {
    const m = metaOf(target);
    if (isGradEnabled() && m !== undefined && m.requiresGrad && m.gradFn === null) {
      throw new RuntimeError(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
    }
  },

  afterInplace(_op, target, value) {
    if (!isGradEnabled()) return;
    const vm = value === null ? undefined : metaOf(value);
    const m = metaOf(target);
    if (vm !== undefined && vm.requiresGrad) {
      // target takes over the history of its new value; the old history stays reachable through the node's edges
      const tm = ensureMeta(target);
      tm.requiresGrad = true;
      tm.gradFn = vm.gradFn;
    } else if (m !== undefined && m.gradFn !== null) {
      // overwritten by a constant: no gradient flows to the old history
      m.gradFn = null;
      m.requiresGrad = false;
    }
  },

  onCreate(t, options) {
    if ((options as { requiresGrad?: boolean }).requiresGrad) setRequiresGrad(t, true);
  },

  describe(t) {
    const m = metaOf(t);
    if (m === undefined || !m.requiresGrad) return [];
    return m.gradFn !== null ? [`grad_fn=<${m.gradFn.name}>`] : ["requires_grad=True"];
  },
};

export function setRequiresGrad(t: Tensor, flag: boolean): void {
  const m = metaOf(t);
  if (m !== undefined && m.gradFn !== null) {
    if (flag) return;
    throw new RuntimeError(
      "requiresGrad: you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
  }
  if (flag && !t.dtype.isFloatingPoint) {
    throw new RuntimeError(`requiresGrad: only Tensors of floating point dtype can require gradients (got ${t.dtype})`);
  }
  if (!flag && m === undefined) return;
  ensureMeta(t).requiresGrad = flag;
}
