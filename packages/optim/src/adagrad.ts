/**
 * Adagrad (torch.optim.Adagrad), PyTorch 1.13's single-tensor update. For each
 * parameter θ with gradient g, at step t:
 *
 *   g ← −g;  g ← g + λθ                      (maximize; weight decay λ ≠ 0)
 *   γₜ ← γ / (1 + (t − 1)·η)                 (lr decay η)
 *   s ← s + g²
 *   θ ← θ − γₜ · g / (√s + ε)
 *
 * State, created when the optimizer is (as PyTorch does): `step` (a float32
 * 0-d tensor) and `sum` (filled with `initialAccumulatorValue`).
 */
import { type Tensor, checkOptions, float32, fullLike, tensor } from "@torchts/autograd";
import { atLeastZero, flag, foreachOption, num } from "./checks";
import { type FloatArray, buffer, data, gradOf, target, writeBack } from "./elements";
import { type ParamGroup, type ParamsInput, Optimizer } from "./optimizer";
import { checkArity } from "@torchts/tensor/errors";
import { fma32 } from "@torchts/tensor/fma32";

export interface AdagradOptions {
  /** Learning rate γ (default 1e-2). */
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

export interface AdagradGroup extends ParamGroup {
  lrDecay: number;
  eps: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  maximize: boolean;
}

const KEYS = ["lr", "lrDecay", "weightDecay", "initialAccumulatorValue", "eps", "foreach", "maximize"];

/** @example const opt = new Adagrad(params, { lr: 0.1, lrDecay: 0.01 }); */
export class Adagrad extends Optimizer<AdagradGroup> {
  constructor(params: ParamsInput, options?: AdagradOptions) {
    checkArity("Adagrad", arguments, 2);
    const f = "Adagrad";
    checkOptions(f, options, KEYS);
    const o = options ?? {};
    const lr = num(f, "lr", o.lr ?? 1e-2), lrDecay = num(f, "lrDecay", o.lrDecay ?? 0);
    const weightDecay = num(f, "weightDecay", o.weightDecay ?? 0);
    const init = num(f, "initialAccumulatorValue", o.initialAccumulatorValue ?? 0), eps = num(f, "eps", o.eps ?? 1e-10);
    atLeastZero("learning rate", lr);
    atLeastZero("lr_decay value", lrDecay);
    atLeastZero("weight_decay value", weightDecay);
    atLeastZero("initial_accumulator_value value", init);
    atLeastZero("epsilon value", eps);
    super(params, {
      lr, lrDecay, eps, weightDecay, initialAccumulatorValue: init,
      foreach: foreachOption(f, o.foreach),
      maximize: flag(f, "maximize", o.maximize ?? false),
    });
    for (const g of this.paramGroups) for (const p of g.params) this._initState(p, g);
  }

  private _initState(p: Tensor, g: AdagradGroup): void {
    const state = this._stateOf(p);
    state.step = tensor(0, { dtype: float32 });
    state.sum = fullLike(p, num("Adagrad", "initialAccumulatorValue", g.initialAccumulatorValue));
  }

  protected _checkGroup(g: AdagradGroup, fn: string): void {
    num(fn, "lr", g.lr), num(fn, "lrDecay", g.lrDecay), num(fn, "eps", g.eps), num(fn, "weightDecay", g.weightDecay);
    flag(fn, "maximize", g.maximize);
  }

  protected _updateGroup(g: AdagradGroup): void {
    const fn = "Adagrad.step";
    for (const p of g.params) {
      const grad = p.grad;
      if (grad === null) continue;
      const state = this._stateOf(p);
      // (PyTorch 1.13 fails with a KeyError for a group added after construction; torchts creates its state)
      if (state.sum === undefined) this._initState(p, g);
      const st = state.step as Tensor;
      const step = (st._storage.data[st._offset] += 1);
      const t = target(fn, p);
      const gr = gradOf(p, grad);
      const clr = +g.lr / (1 + (step - 1) * +g.lrDecay);
      const kernel = t.dtype === float32 ? adagradF32 : adagradF64;
      kernel(data(t), t._offset, data(gr), gr._offset, buffer(fn, "sum", state.sum, p), p.numel(), clr, +g.eps, +g.weightDecay, g.maximize);
      writeBack(p, t);
    }
  }

  protected override _afterLoad(): void {
    for (const s of this.state.values()) {
      if (typeof s.step === "number") s.step = tensor(s.step, { dtype: float32 });
    }
  }
}

const fr = Math.fround;

/** float32, rounded as ATen rounds (addcmul and add with alpha fuse; sqrt, + and addcdiv round each step). */
export function adagradF32(
  P: FloatArray, po: number, G: FloatArray, go: number, S: FloatArray, n: number,
  clr: number, eps: number, wd: number, maximize: boolean,
): void {
  const ncl = fr(-clr), e = fr(eps), wd32 = fr(wd);
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = fma32(P[po + i], wd32, g);
    const s = fma32(g, g, S[i]);
    S[i] = s;
    const std = fr(fr(Math.sqrt(s)) + e);
    P[po + i] = fr(P[po + i] + fr(fr(ncl * g) / std));
  }
}

/** float64: the same order. */
export function adagradF64(
  P: FloatArray, po: number, G: FloatArray, go: number, S: FloatArray, n: number,
  clr: number, eps: number, wd: number, maximize: boolean,
): void {
  const ncl = -clr;
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = P[po + i] * wd + g;
    const s = g * g + S[i];
    S[i] = s;
    P[po + i] = P[po + i] + (ncl * g) / (Math.sqrt(s) + eps);
  }
}
