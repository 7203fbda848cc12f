/**
 * The Tracer that @torchts/tensor reports every primitive to. Installing it
 * (install.ts) is how autograd attaches to tensor without tensor importing
 * autograd: see docs/architecture.md.
 */
import { RuntimeError, type Tensor } from "@torchts/tensor";
import type { PrimName, Tracer } from "@torchts/tensor/internal";
import { compositeName } from "./composites";
import { contextOf, derivatives, savedFor } from "./derivatives";
import { isGradEnabled } from "./grad-mode";
import { Node, ensureMeta, metaOf } from "./node";
import { edgeOf, freshMeta, noteView, rebase, requiresGrad } from "./view-tracking";

function nodeName<K extends PrimName>(op: K, node: Node): string {
  const rule = derivatives[op];
  return typeof rule.name === "string" ? rule.name : rule.name(contextOf<K>(node));
}

/** In-place ops whose new value is computed out of place from the target just before the write. */
const RECOMPUTING_INPLACE = new Set(["add_", "sub_", "mul_", "div_", "clamp_"]);

/** PyTorch's names for the node of a tensor overwritten by a constant (`set` of a number is fill_ with a 0-d tensor). */
const CONSTANT_OVERWRITE: Record<string, string> = {
  fill_: "FillBackward2", set: "FillBackward3", copy_: "CopyBackwards", normal_: "NormalBackward0", uniform_: "UniformBackward0",
};

/** The last recorded node, and a copy of the target taken before an in-place write that node may need. */
let lastNode: Node | null = null;
let pending: { node: Node; target: Tensor; version: number; snapshot: Tensor } | null = null;

function noGradViewError(op: string): RuntimeError {
  return new RuntimeError(
    `${op}: A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. ` +
      "You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).",
  );
}

export const autogradTracer: Tracer = {
  wants(inputs) {
    if (!isGradEnabled()) return false;
    for (let i = 0; i < inputs.length; i++) {
      const x = inputs[i];
      const m = x._base === null ? metaOf(x) : freshMeta(x);
      if (m !== undefined && m.requiresGrad) return true;
    }
    return false;
  },

  record(op, inputs, outputs, attrs) {
    const out = outputs[0];
    const next = inputs.map(edgeOf);
    const node = new Node(op, attrs, inputs, next, out, "", null, savedFor(op, inputs, out, next));
    node.name = nodeName(op, node);
    const m = ensureMeta(out);
    m.requiresGrad = true;
    m.gradFn = node;
    if (inputs.length === 1) noteView(op, out);
    lastNode = node;
  },

  composite(t, op, attrs) {
    const m = metaOf(t);
    if (m?.gradFn) {
      m.gradFn.name = compositeName(op, attrs, t);
      m.gradFn.composite = op;
    }
  },

  recordView(op, input, out, attrs) {
    if (isGradEnabled()) {
      const m = input._base === null ? metaOf(input) : freshMeta(input);
      if (m === undefined) return;
      if (m.requiresGrad) this.record(op, [input], [out], attrs);
      // views of a view made in no-grad mode count as made in no-grad mode (PyTorch's creation meta)
      else if (m.noGradView) ensureMeta(out).noGradView = true;
    } else ensureMeta(out).noGradView = true;
  },

  beforeInplace(op, target, value) {
    pending = null;
    if (!isGradEnabled()) return;
    checkInplace(op, target, value);
    // the op's own node saved the target (e.g. mul_ needs the old self for the other operand's gradient):
    // keep a copy of the values it is about to lose — a recorded clone, so it stays differentiable
    if (RECOMPUTING_INPLACE.has(op) && lastNode !== null && lastNode.saves(target)) {
      const node = lastNode;
      pending = { node, target, version: target._storage.version, snapshot: target.clone() };
    }
  },

  afterInplace(op, target, value) {
    const p = pending;
    pending = null;
    if (!isGradEnabled()) return;
    const vm = value === null ? undefined : freshMeta(value);
    if (p !== null && vm?.gradFn === p.node) p.node.replaceSaved(p.target, p.version, p.snapshot);
    // a node that saved its own result (relu_, sigmoid_, tanh_: their backward reads it) now saves the
    // target, at its new version, as PyTorch's in-place node saves `self`: a later write into the
    // target then fails that node's backward with PyTorch's version error
    if (op !== "copy_" && vm?.gradFn && value!.dtype === target.dtype) vm.gradFn.replaceSaved(value!, value!._storage.version, target);
    const valueNeedsGrad = vm !== undefined && vm.requiresGrad;
    const m = freshMeta(target);
    const targetNeedsGrad = m !== undefined && m.requiresGrad;
    const base = target._base;
    if (base !== null && !m?.noGradView) {
      // a write into a view rewrites its base's history (CopySlices), even if neither required grad before
      if (valueNeedsGrad || targetNeedsGrad || requiresGrad(base)) rebase(target, valueNeedsGrad ? value : null);
      return;
    }
    if (!valueNeedsGrad && !targetNeedsGrad) return;
    const tm = m ?? ensureMeta(target);
    const old = edgeOf(target);
    if (valueNeedsGrad) {
      if (op === "copy_" || op === "set") {
        // a copy (x.copy_(v), or x.set(":", v) written into x itself): the old history (if any) receives a zero gradient, as from PyTorch's CopyBackwards
        tm.gradFn = new Node("copy", {}, [target, value!], [targetNeedsGrad ? old : null, edgeOf(value!)], target, "CopyBackwards");
      } else if (vm.gradFn === null) {
        // an identity node, so the target is not mistaken for the source (a leaf, or another tensor's node)
        tm.gradFn = new Node("clone", {}, [value!], [edgeOf(value!)], target, "CopyBackwards");
      } else tm.gradFn = vm.gradFn;
    } else {
      // overwritten by a constant: the old history receives a zero gradient
      tm.gradFn = new Node("sign", {}, [target], [old], target, CONSTANT_OVERWRITE[op] ?? "FillBackward2");
    }
    tm.requiresGrad = true;
    tm.history++;
  },

  onCreate(t, options) {
    if ((options as { requiresGrad?: boolean }).requiresGrad) setRequiresGrad(t, true);
  },

  describe(t) {
    const m = freshMeta(t);
    if (m === undefined || !m.requiresGrad) return [];
    return m.gradFn !== null ? [`grad_fn=<${m.gradFn.name}>`] : ["requires_grad=True"];
  },
};

/**
 * PyTorch's refusals of an in-place write under grad mode: into a leaf that requires grad, into a
 * view of one, and into a view made in no-grad mode when its base or the value requires grad.
 * (The tracer's beforeInplace; defineOp's markDirty.)
 */
export function checkInplace(op: string, target: Tensor, value: Tensor | null): void {
  const m = freshMeta(target);
  const base = target._base;
  if (base !== null) {
    const bm = metaOf(base);
    const baseNeedsGrad = bm !== undefined && bm.requiresGrad;
    if (m?.noGradView) {
      if (baseNeedsGrad || (value !== null && requiresGrad(value))) throw noGradViewError(op);
    } else if ((baseNeedsGrad || m?.requiresGrad) && (bm === undefined || bm.gradFn === null)) {
      throw new RuntimeError(`${op}: a view of a leaf Variable that requires grad is being used in an in-place operation.`);
    }
  } else if (m !== undefined && m.requiresGrad && m.gradFn === null) {
    throw new RuntimeError(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
  }
}

export function setRequiresGrad(t: Tensor, flag: boolean): void {
  const m = freshMeta(t);
  if (m !== undefined && m.gradFn !== null) {
    if (flag) return;
    throw new RuntimeError(
      "requiresGrad: you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
  }
  if (flag && !t.dtype.isFloatingPoint) {
    throw new RuntimeError(
      `requiresGrad: only Tensors of floating point dtype can require gradients (got ${t.dtype}; ` +
        "JS numbers such as 4.0 are integers, so pass { dtype: torch.float32 } to make a float tensor)",
    );
  }
  if (!flag && m === undefined) return;
  ensureMeta(t).requiresGrad = flag;
}

/**
 * `x.detach_()`: x leaves the graph (no gradFn, requiresGrad false). PyTorch refuses it on a
 * view (the view's history is tied to its base's).
 */
export function detachInPlace(t: Tensor): void {
  if (t._base !== null) {
    throw new RuntimeError("detach_: Can't detach views in-place. Use detach() instead.");
  }
  const m = metaOf(t);
  if (m === undefined) return;
  m.gradFn = null;
  m.requiresGrad = false;
  m.history++; // views of t regenerate their history from the detached base
}
