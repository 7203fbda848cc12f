/**
 * Adam and AdamW (torch.optim.Adam, torch.optim.AdamW), PyTorch 1.13's
 * single-tensor update. For each parameter θ with gradient g, at step t:
 *
 *   g ← −g                                   if maximize
 *   Adam:  g ← g + λθ  (L2, if λ ≠ 0)        AdamW: θ ← θ(1 − γλ) first
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   v̂max ← max(v̂max, v)                      if amsgrad (then v ← v̂max below)
 *   θ ← θ − (γ / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 *
 * State: `step` (a float32 0-d tensor, as PyTorch keeps it), `exp_avg` (m),
 * `exp_avg_sq` (v) and, with amsgrad, `max_exp_avg_sq`.
 */
import { Tensor, ValueError, checkOptions, float32, tensor } from "@torchts/autograd";
import { atLeastZero, flag, foreachOption, notDifferentiable, num, pair, pyNum } from "./checks";
import { type AdamScalars, adamF32, adamF64 } from "./adam-kernels";
import { buffer, data, gradOf, target, writeBack } from "./elements";
import { type ParamGroup, type ParamsInput, Optimizer } from "./optimizer";
import { WASM_MIN, adamWasm } from "./wasm-kernels";
import { adoptState, stateBuffers } from "./wasm-state";
import { checkArity } from "@torchts/tensor/errors";

export interface AdamOptions {
  /** Learning rate γ (default 1e-3). */
  lr?: number;
  /** (β1, β2), default [0.9, 0.999]. */
  betas?: [number, number];
  eps?: number;
  /** λ: Adam adds λθ to the gradient (default 0); AdamW decays θ by γλ (default 1e-2). */
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean;
}

export interface AdamGroup extends ParamGroup {
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  foreach: boolean | null;
  capturable: boolean;
}

/** A false-only option PyTorch has for CUDA (capturable, fused). */
function cpuOnly(fn: string, name: string, v: unknown): boolean {
  if (v === undefined || v === false) return false;
  if (v === true) throw new ValueError(`${fn}(): ${name}=true is not supported: it is a CUDA option of PyTorch's`);
  return flag(fn, name, v);
}

/** The shared class: `decoupled` chooses AdamW's weight decay. */
abstract class AdamBase extends Optimizer<AdamGroup> {
  protected abstract readonly decoupled: boolean;

  protected static defaultsOf(fn: string, o: AdamOptions | undefined, weightDecay: number, keys: string[]): Record<string, unknown> {
    checkOptions(fn, o, keys);
    const opts = o ?? {};
    const lr = num(fn, "lr", opts.lr ?? 1e-3);
    const betas = pair(fn, "betas", opts.betas ?? [0.9, 0.999]);
    const eps = num(fn, "eps", opts.eps ?? 1e-8);
    const wd = num(fn, "weightDecay", opts.weightDecay ?? weightDecay);
    atLeastZero("learning rate", lr);
    atLeastZero("epsilon value", eps);
    if (!(0 <= betas[0] && betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${pyNum(betas[0], true)}`);
    if (!(0 <= betas[1] && betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${pyNum(betas[1], true)}`);
    atLeastZero("weight_decay value", wd);
    const d: Record<string, unknown> = { lr, betas, eps, weightDecay: wd, amsgrad: flag(fn, "amsgrad", opts.amsgrad ?? false) };
    // PyTorch's key order differs between the two (adam.py / adamw.py)
    if (fn === "Adam") {
      d.maximize = flag(fn, "maximize", opts.maximize ?? false);
      d.foreach = foreachOption(fn, opts.foreach);
      d.capturable = cpuOnly(fn, "capturable", opts.capturable);
      d.differentiable = notDifferentiable(fn, opts.differentiable);
      d.fused = cpuOnly(fn, "fused", opts.fused);
    } else {
      d.foreach = foreachOption(fn, opts.foreach);
      d.maximize = flag(fn, "maximize", opts.maximize ?? false);
      d.capturable = cpuOnly(fn, "capturable", opts.capturable);
    }
    return d;
  }

  protected _checkGroup(g: AdamGroup, fn: string): void {
    num(fn, "lr", g.lr), pair(fn, "betas", g.betas), num(fn, "eps", g.eps), num(fn, "weightDecay", g.weightDecay);
    flag(fn, "amsgrad", g.amsgrad), flag(fn, "maximize", g.maximize);
  }

  protected _updateGroup(g: AdamGroup): void {
    const fn = `${this.constructor.name}.step`;
    const [beta1, beta2] = g.betas;
    const lr = +g.lr;
    for (const p of g.params) {
      const grad = p.grad;
      if (grad === null) continue;
      const state = this._stateOf(p);
      if (state.step === undefined) {
        state.step = tensor(0, { dtype: float32 });
        // one arena for the three: the update runs in the arena that holds them
        const [m, v, vm] = stateBuffers(p, g.amsgrad ? 3 : 2);
        state.exp_avg = m;
        state.exp_avg_sq = v;
        if (g.amsgrad) state.max_exp_avg_sq = vm;
      }
      const t = target(fn, p);
      const gr = gradOf(p, grad);
      // step_t += 1 on the float32 0-d tensor, then step_t.item()
      const st = state.step as Tensor;
      const step = (st._storage.data[st._offset] += 1);
      const M = buffer(fn, "exp_avg", state.exp_avg, p);
      const V = buffer(fn, "exp_avg_sq", state.exp_avg_sq, p);
      const VM = g.amsgrad ? buffer(fn, "max_exp_avg_sq", state.max_exp_avg_sq, p) : null;
      const s: AdamScalars = {
        beta1, beta2, eps: +g.eps, maximize: g.maximize, decoupled: this.decoupled,
        weightDecay: this.decoupled ? 0 : +g.weightDecay,
        decay: this.decoupled ? 1 - lr * +g.weightDecay : 1,
        bc2Sqrt: Math.sqrt(1 - beta2 ** step),
        negStepSize: -(lr / (1 - beta1 ** step)),
      };
      const n = p.numel();
      if (t.dtype !== float32) adamF64(data(t), t._offset, data(gr), gr._offset, M, V, VM, n, s);
      else if (n < WASM_MIN || !adamWasm(data(t), t._offset, data(gr), gr._offset, M, V, VM, n, s)) {
        adamF32(data(t), t._offset, data(gr), gr._offset, M, V, VM, n, s);
      }
      writeBack(p, t);
    }
  }

  protected override _afterLoad(): void {
    // PyTorch's __setstate__: a numeric step (older state dicts) becomes a float32 tensor
    for (const s of this.state.values()) {
      if (typeof s.step === "number") s.step = tensor(s.step, { dtype: float32 });
    }
    adoptState(this.state, ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"]);
  }
}

const ADAM_KEYS = ["lr", "betas", "eps", "weightDecay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"];

/**
 * @example
 * const opt = new Adam(params, { lr: 0.01 });
 * new Adam(params, { lr: 5, weightDecay: 0 }); // d2l 4.10
 */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  constructor(params: ParamsInput, options?: AdamOptions) {
    checkArity("Adam", arguments, 2);
    super(params, AdamBase.defaultsOf("Adam", options, 0, ADAM_KEYS));
  }
}

/**
 * Adam with decoupled weight decay: θ shrinks by γλ before the Adam step
 * (default λ = 1e-2), instead of λθ joining the gradient.
 * @example const opt = new AdamW(params, { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  constructor(params: ParamsInput, options?: Omit<AdamOptions, "differentiable" | "fused">) {
    checkArity("AdamW", arguments, 2);
    super(params, AdamBase.defaultsOf("AdamW", options, 1e-2, ADAM_KEYS.slice(0, 8)));
  }
}
