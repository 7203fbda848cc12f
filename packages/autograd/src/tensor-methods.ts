/**
 * Gradient members on the one Tensor class: declared by module augmentation
 * (types) and defined on Tensor.prototype (runtime) when this package loads.
 */
import { RuntimeError, Tensor, TypeError, argTypeError, describeValue } from "@torchts/tensor";
import { tooManyArguments } from "@torchts/tensor/errors";
import { setTracer } from "@torchts/tensor/internal";
import { type BackwardOptions, accumulate, backward, edgeOf } from "./engine";
import { isGradEnabled } from "./grad-mode";
import { type Hook, type Node, ensureMeta, metaOf } from "./node";
import { autogradTracer, detachInPlace, setRequiresGrad } from "./tracer";
import { freshMeta } from "./view-tracking";
import { installData } from "./data-property";

declare module "@torchts/tensor" {
  interface Tensor {
    /** Whether gradients are recorded for this tensor (settable on leaves). */
    requiresGrad: boolean;
    /** The accumulated gradient (leaves, and tensors that called retainGrad). */
    grad: Tensor | null;
    /** The node that produced this tensor, e.g. `<MulBackward0>`; null for leaves. */
    readonly gradFn: Node | null;
    /** True for tensors created by the user (not by a recorded op). */
    readonly isLeaf: boolean;
    /** True after retainGrad() on a non-leaf. */
    readonly retainsGrad: boolean;
    /** Set requiresGrad in place and return this tensor. */
    requiresGrad_(requiresGrad?: boolean): this;
    /**
     * Compute d this / d leaves and accumulate into each leaf's `.grad`.
     * A non-scalar tensor needs `gradient` (same shape).
     */
    backward(gradient?: Tensor | null, options?: BackwardOptions): void;
    /**
     * The same memory as a plain tensor that autograd does not see: no grad, no history,
     * its own version counter (data-property.ts). Assigning rebinds this tensor to another
     * tensor's memory, shape and dtype.
     * @example net[0].weight.data.normal_(0, 0.01)   // an initialisation autograd ignores
     */
    data: Tensor;
    /** Keep `.grad` for this non-leaf tensor after backward. */
    retainGrad(): void;
    /** Call `hook(grad)` when this tensor's gradient is computed; a returned tensor replaces the gradient. */
    registerHook(hook: Hook): { remove(): void };
  }
  interface TensorOptions {
    /** Record operations on this tensor for automatic differentiation. */
    requiresGrad?: boolean;
  }
}

export function install(): void {
  setTracer(autogradTracer);
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(proto, "backward")) return;
  installData();
  Object.defineProperties(Tensor.prototype, {
    requiresGrad: {
      get(this: Tensor) {
        return freshMeta(this)?.requiresGrad ?? false;
      },
      set(this: Tensor, v: boolean) {
        if (typeof v !== "boolean") throw new RuntimeError(`requiresGrad: requires_grad must be a bool (got ${describeValue(v)})`);
        setRequiresGrad(this, v);
      },
      configurable: true,
    },
    grad: {
      get(this: Tensor) {
        const m = metaOf(this);
        return m === undefined ? null : m.grad;
      },
      set(this: Tensor, v: Tensor | null) {
        if (v !== null && !(v instanceof Tensor)) throw new TypeError(`grad: assigned grad expected to be a Tensor or None but got grad of type ${describeValue(v)}`);
        if (v !== null && v._shape.join() !== this._shape.join()) {
          throw new RuntimeError(`grad: assigned grad has data of a different size (${v.shape} vs ${this.shape})`);
        }
        ensureMeta(this).grad = v;
      },
      configurable: true,
    },
    gradFn: {
      get(this: Tensor) {
        return freshMeta(this)?.gradFn ?? null;
      },
      configurable: true,
    },
    isLeaf: {
      get(this: Tensor) {
        return (freshMeta(this)?.gradFn ?? null) === null;
      },
      configurable: true,
    },
    retainsGrad: {
      get(this: Tensor) {
        return metaOf(this)?.retainsGrad ?? false;
      },
      configurable: true,
    },
  });
  Object.assign(Tensor.prototype, {
    requiresGrad_(this: Tensor, flag = true, ...extra: unknown[]) {
      if (extra.length > 0) throw tooManyArguments("requiresGrad_", 1, 1 + extra.length);
      if (typeof flag !== "boolean") throw argTypeError("requiresGrad_", "requiresGrad", 1, "bool", flag);
      setRequiresGrad(this, flag);
      return this;
    },
    detach_(this: Tensor) {
      detachInPlace(this);
      return this;
    },
    backward(this: Tensor, gradient?: Tensor | null, options?: BackwardOptions, ...extra: unknown[]) {
      if (extra.length > 0) throw tooManyArguments("backward", 2, 2 + extra.length);
      backward(this, gradient, options);
    },
    retainGrad(this: Tensor, ...extra: unknown[]) {
      if (extra.length > 0) throw tooManyArguments("retainGrad", 0, extra.length);
      const m = freshMeta(this);
      if (m === undefined || !m.requiresGrad) throw new RuntimeError("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
      if (m.gradFn === null || m.retainsGrad) return;
      m.retainsGrad = true;
      // a hook like any other, so it sees the gradient as changed by the hooks registered before it (PyTorch)
      m.gradFn.preHooks.push((g) => accumulate(m, g, isGradEnabled()));
    },
    registerHook(this: Tensor, hook: Hook) {
      if (typeof hook !== "function") throw argTypeError("registerHook", "hook", 0, "a function", hook);
      const e = edgeOf(this);
      if (e === null) throw new RuntimeError("registerHook: cannot register a hook on a tensor that doesn't require gradient");
      e.preHooks.push(hook);
      return {
        remove: () => {
          const i = e.preHooks.indexOf(hook);
          if (i >= 0) e.preHooks.splice(i, 1);
        },
      };
    },
  });
}
