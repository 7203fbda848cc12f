/**
 * defineOp: a differentiable op defined outside the derivative table, PyTorch's
 * `torch.autograd.Function`. Upper packages (probability, nn, optim) add ops with it
 * without editing `prims.ts` or `derivatives.ts`.
 *
 * `forward` runs with recording off (as PyTorch's does), on the caller's tensors and
 * any other arguments; it may use tensor ops or raw arrays. When some tensor argument
 * requires grad and grad mode is on, one node (`<NameBackward>`) is recorded: it keeps
 * only what `ctx.saveForBackward` was given (with storage versions, checked when
 * `ctx.savedTensors` is read, and freed after backward as any node's). `backward`
 * receives one gradient per output and returns one per argument (null for non-tensors
 * and inputs needing none). The engine runs it with grad mode = createGraph, so a
 * backward written in tensor ops is recorded and differentiable again.
 *
 * With several outputs, each differentiable output gets a small node in front of the
 * op's node (op "customOutput"), so hooks and retainGrad stay per output; the engine
 * gathers their gradients into the op's slots (engine.ts), and an output that received
 * none gets zeros, as PyTorch's materialize_grads.
 */
import { RuntimeError, Tensor, type DType, argTypeError, checkOptions, isPlainObject, zeros } from "@torchts/tensor";
import { isGradEnabled, noGrad } from "./grad-mode";
import { Node, ensureMeta, metaOf } from "./node";
import { checkInplace } from "./tracer";
import { edgeOf, freshMeta, rebase, requiresGrad } from "./view-tracking";

/** The `ctx` of forward and backward (PyTorch's FunctionCtx). Other fields may be set on it to carry values to backward. */
export interface OpContext {
  /** Keep these tensors for backward (call once; a second call replaces the list). */
  saveForBackward(...tensors: Tensor[]): void;
  /**
   * The saved tensors. In backward each is checked against in-place modification since
   * it was saved, and reading them after the graph was freed raises, as in PyTorch.
   */
  readonly savedTensors: Tensor[];
  /** One flag per argument of `apply`: is it a tensor that requires grad? */
  readonly needsInputGrad: readonly boolean[];
  /** These outputs get no gradient (they do not require grad; backward receives zeros for them). */
  markNonDifferentiable(...outputs: Tensor[]): void;
  /**
   * PyTorch's `ctx.mark_dirty`: forward modifies these arguments in place and returns them.
   * Call it before writing: under grad mode it raises PyTorch's in-place errors (a leaf that
   * requires grad, a view of one) before anything is written. A returned dirty tensor keeps
   * its identity and gets this op's node as its history (a view rewrites its base's: CopySlices).
   */
  markDirty(...tensors: Tensor[]): void;
  /** Values for backward, e.g. `ctx.k = k` (PyTorch style). */
  [field: string]: unknown;
}

type Grad = Tensor | null | undefined;

export interface OpDefinition<A extends unknown[], R extends Tensor | Tensor[]> {
  /** The op's name; its node is named `${name}Backward`, as PyTorch names a custom Function's. */
  name: string;
  /** The node's name when the op stands for a native PyTorch op (e.g. "LgammaBackward0"); default `${name}Backward`. */
  gradFnName?: string;
  /** Compute the output(s) from the arguments (recording is off here). */
  forward(ctx: OpContext, ...args: A): R;
  /** One gradient per output in, one per argument out (a single Tensor when there is one argument). */
  backward(ctx: OpContext, ...grads: Tensor[]): Grad | readonly Grad[];
  /**
   * Every gradient `backward` returns (without createGraph) is a new tensor that nothing else
   * holds: not a gradient it received, not a saved tensor, not a view of either, not kept anywhere.
   * A leaf's first `.grad` then takes it without a copy (default false: copied, always safe).
   */
  freshGrads?: boolean;
}

export interface CustomOp<A extends unknown[], R extends Tensor | Tensor[]> {
  readonly name: string;
  /** Run the op, recording it when an argument requires grad (PyTorch's `Fn.apply(...)`). */
  apply(...args: A): R;
}

/** What a custom node carries (its `attrs`). */
interface CustomAttrs {
  def: OpDefinition<unknown[], Tensor | Tensor[]>;
  ctx: Context;
  /** Argument position of each tensor input (the node's edges are per tensor input). */
  argIndex: number[];
  nArgs: number;
  outputs: { shape: number[]; dtype: DType }[];
}

class Context implements OpContext {
  [field: string]: unknown;
  readonly needsInputGrad: readonly boolean[];
  #toSave: Tensor[] = [];
  #node: Node | null = null;
  #outputSlots: (number | undefined)[] = [];
  readonly #nonDifferentiable = new Set<Tensor>();
  readonly #dirty = new Set<Tensor>();
  /** The op's name in messages, and whether grad mode was on around forward (forward itself runs without). */
  readonly #op: string;
  readonly #gradMode: boolean;

  constructor(needs: boolean[], op: string, gradMode: boolean) {
    this.needsInputGrad = needs;
    this.#op = op;
    this.#gradMode = gradMode;
  }

  markDirty(...tensors: Tensor[]): void {
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new RuntimeError(`markDirty: argument ${i} is not a Tensor (got ${typeof t})`);
      if (this.#gradMode) checkInplace(this.#op, t, null);
      this.#dirty.add(t);
    });
  }

  /** The tensors forward marked dirty (applyOp's side of markDirty). */
  dirtyTensors(): ReadonlySet<Tensor> {
    return this.#dirty;
  }

  saveForBackward(...tensors: Tensor[]): void {
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new RuntimeError(`saveForBackward: argument ${i} is not a Tensor (got ${typeof t}); keep other values as ctx fields`);
    });
    this.#toSave = tensors;
  }

  get savedTensors(): Tensor[] {
    const node = this.#node;
    if (node === null) return this.#toSave.slice();
    return this.#outputSlots.map((slot, i) => node.savedTensor(i, slot));
  }

  markNonDifferentiable(...outputs: Tensor[]): void {
    for (const t of outputs) this.#nonDifferentiable.add(t);
  }

  isNonDifferentiable(t: Tensor): boolean {
    return this.#nonDifferentiable.has(t);
  }

  /** The tensors to save, handed over once forward is done (the node keeps them, so releasing it frees them). */
  takeSaved(): Tensor[] {
    const saved = this.#toSave;
    this.#toSave = [];
    this.#nonDifferentiable.clear();
    return saved;
  }

  /** From now on savedTensors reads the node's saved tensors; `outputSlots` marks those that are the op's outputs. */
  attach(node: Node, outputSlots: (number | undefined)[]): void {
    this.#node = node;
    this.#outputSlots = outputSlots;
  }
}

/**
 * Define a differentiable op from a forward and a backward (PyTorch's `torch.autograd.Function`).
 * Shapes are the op's own; backward's gradient for an argument must have that argument's shape.
 * @example
 * const Cube = defineOp({
 *   name: "Cube",
 *   forward(ctx, x: Tensor) { ctx.saveForBackward(x); return x.pow(3); },
 *   backward(ctx, g) { const [x] = ctx.savedTensors; return g.mul(x.square()).mul(3); },
 * });
 * const y = Cube.apply(torch.tensor([2.0], { requiresGrad: true })); // grad_fn=<CubeBackward>
 */
export function defineOp<A extends unknown[], R extends Tensor | Tensor[]>(def: OpDefinition<A, R>): CustomOp<A, R> {
  if (!isPlainObject(def)) throw argTypeError("defineOp", "definition", 0, "an object { name, forward, backward }", def);
  checkOptions("defineOp", def, ["name", "gradFnName", "forward", "backward", "freshGrads"]);
  if (def.freshGrads !== undefined && typeof def.freshGrads !== "boolean") throw argTypeError("defineOp", "freshGrads", undefined, "a boolean", def.freshGrads);
  if (typeof def.name !== "string" || def.name === "") throw argTypeError("defineOp", "name", undefined, "a non-empty string", def.name);
  if (def.gradFnName !== undefined && typeof def.gradFnName !== "string") throw argTypeError("defineOp", "gradFnName", undefined, "a string", def.gradFnName);
  for (const k of ["forward", "backward"] as const) if (typeof def[k] !== "function") throw argTypeError("defineOp", k, undefined, "a function", def[k]);
  const general = def as unknown as OpDefinition<unknown[], Tensor | Tensor[]>;
  return {
    name: def.name,
    apply: (...args: A): R => applyOp(general, args) as R,
  };
}

function applyOp(def: OpDefinition<unknown[], Tensor | Tensor[]>, args: unknown[]): Tensor | Tensor[] {
  const needs = args.map((a) => a instanceof Tensor && requiresGrad(a));
  const ctx = new Context(needs, def.name, isGradEnabled());
  const result = noGrad(() => def.forward(ctx, ...args));
  const many = Array.isArray(result);
  const outs: unknown[] = many ? result : [result];
  outs.forEach((o, j) => {
    if (!(o instanceof Tensor)) throw new RuntimeError(`${def.name}.apply: forward must return a Tensor or an array of Tensors (output ${j} is ${typeof o})`);
  });
  const tensors = outs as Tensor[];
  const dirty = ctx.dirtyTensors();
  for (const t of dirty) {
    if (!tensors.includes(t)) throw new RuntimeError(`${def.name}.apply: Some elements marked as dirty during the forward method were not returned as output.`);
  }
  const differentiable = tensors.map((t) => t.dtype.isFloatingPoint && !ctx.isNonDifferentiable(t));
  if (!isGradEnabled() || !needs.some((n) => n) || !differentiable.some((d) => d)) {
    ctx.takeSaved();
    return result;
  }
  // an output that is an argument, or already in a graph, is returned as a fresh alias so its own history is left alone
  const final = tensors.map((t, j) => (differentiable[j] && !dirty.has(t) && (args.includes(t) || metaOf(t)?.requiresGrad) ? t.detach() : t));
  const argIndex: number[] = [];
  args.forEach((a, i) => {
    if (a instanceof Tensor) argIndex.push(i);
  });
  const inputs = argIndex.map((i) => args[i] as Tensor);
  const name = def.gradFnName ?? `${def.name}Backward`;
  const saved = ctx.takeSaved();
  const attrs: CustomAttrs = { def, ctx, argIndex, nArgs: args.length, outputs: final.map((t) => ({ shape: t._shape.slice(), dtype: t.dtype })) };
  const single = final.length === 1;
  const node = new Node("custom", attrs, inputs, inputs.map(edgeOf), single ? final[0] : null, name, null, saved);
  // a saved output is named as this node's in version errors; anything else by its own grad_fn (node.ts)
  ctx.attach(node, saved.map((t) => (tensors.includes(t) ? tensors.indexOf(t) : undefined)));
  final.forEach((t, j) => {
    if (!differentiable[j]) return;
    const fn = single ? node : new Node("customOutput", { slot: j }, [t], [node], null, name);
    if (dirty.has(t)) return takeHistory(t, fn);
    const m = ensureMeta(t);
    m.requiresGrad = true;
    m.gradFn = fn;
  });
  return many ? final : final[0];
}

/** A tensor modified in place by a custom op gets the op's node `fn` as its history (as the tracer's afterInplace). */
function takeHistory(t: Tensor, fn: Node): void {
  const m = freshMeta(t);
  if (t._base !== null && !m?.noGradView) {
    // a write into a view rewrites its base's history: put(old base, positions, the op's result)
    const alias = t.detach();
    const am = ensureMeta(alias);
    am.requiresGrad = true;
    am.gradFn = fn;
    rebase(t, alias);
    return;
  }
  const tm = m ?? ensureMeta(t);
  tm.gradFn = fn;
  tm.requiresGrad = true;
  tm.history++;
}

/** Run a custom node's backward: `grads` holds the gradient of each output (missing: zeros). Returns one gradient per tensor input. */
export function customBackward(node: Node, grads: readonly (Tensor | undefined)[]): (Tensor | null)[] {
  const a = node.attrs as CustomAttrs;
  const gs = a.outputs.map((o, j) => grads[j] ?? zeros(o.shape, { dtype: o.dtype }));
  const r = a.def.backward(a.ctx, ...gs);
  const list: readonly Grad[] = Array.isArray(r) ? r : [r as Grad];
  const extraAreNull = list.slice(a.nArgs).every((g) => g === null || g === undefined);
  if (list.length < a.nArgs || !extraAreNull) {
    throw new RuntimeError(`function ${node.name} returned an incorrect number of gradients (expected ${a.nArgs}, got ${list.length})`);
  }
  return a.argIndex.map((k) => {
    const g = list[k];
    if (g === null || g === undefined) return null;
    if (!(g instanceof Tensor)) throw new RuntimeError(`function ${node.name} returned a gradient for argument ${k} that is not a Tensor`);
    return g;
  });
}

/** Whether a custom node's op declared its gradients fresh (`freshGrads`). */
export function hasFreshGrads(node: Node): boolean {
  return (node.attrs as CustomAttrs).def.freshGrads === true;
}

/** For a customOutput node: which output of its op it stands for. */
export function outputSlot(node: Node): number {
  return (node.attrs as { slot: number }).slot;
}
