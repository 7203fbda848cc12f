/**
 * RMSprop (torch.optim.RMSprop), PyTorch 1.13's single-tensor update. For each
 * parameter θ with gradient g:
 *
 *   g ← −g;  g ← g + λθ                      (maximize; weight decay λ ≠ 0)
 *   s ← α·s + (1 − α)·g²
 *   centered:  ḡ ← α·ḡ + (1 − α)·g,  a ← √(s − ḡ²) + ε;   else a ← √s + ε
 *   momentum μ > 0:  b ← μ·b + g/a,  θ ← θ − γ·b;        else θ ← θ − γ·g/a
 *
 * State: `step` (a number, as PyTorch keeps it), `square_avg`, and
 * `momentum_buffer` (μ > 0), `grad_avg` (centered).
 */
import { checkOptions, float32, zerosLike } from "@torchts/autograd";
import { atLeastZero, flag, foreachOption, notDifferentiable, num } from "./checks";
import { type FloatArray, buffer, data, gradOf, target, writeBack } from "./elements";
import { type ParamGroup, type ParamsInput, Optimizer } from "./optimizer";
import { checkArity } from "@torchts/tensor/errors";
import { fma32 } from "@torchts/tensor/fma32";

export interface RMSpropOptions {
  /** Learning rate γ (default 1e-2). */
  lr?: number;
  /** Smoothing constant α (default 0.99). */
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

export interface RMSpropGroup extends ParamGroup {
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weightDecay: number;
  maximize: boolean;
}

const KEYS = ["lr", "alpha", "eps", "weightDecay", "momentum", "centered", "foreach", "maximize", "differentiable"];

/** @example const opt = new RMSprop(params, { lr: 0.01, momentum: 0.9, centered: true }); */
export class RMSprop extends Optimizer<RMSpropGroup> {
  constructor(params: ParamsInput, options?: RMSpropOptions) {
    checkArity("RMSprop", arguments, 2);
    checkOptions("RMSprop", options, KEYS);
    const o = options ?? {};
    const f = "RMSprop";
    const lr = num(f, "lr", o.lr ?? 1e-2), alpha = num(f, "alpha", o.alpha ?? 0.99), eps = num(f, "eps", o.eps ?? 1e-8);
    const weightDecay = num(f, "weightDecay", o.weightDecay ?? 0), momentum = num(f, "momentum", o.momentum ?? 0);
    atLeastZero("learning rate", lr);
    atLeastZero("epsilon value", eps);
    atLeastZero("momentum value", momentum);
    atLeastZero("weight_decay value", weightDecay);
    atLeastZero("alpha value", alpha);
    super(params, {
      lr, momentum, alpha, eps,
      centered: flag(f, "centered", o.centered ?? false),
      weightDecay,
      foreach: foreachOption(f, o.foreach),
      maximize: flag(f, "maximize", o.maximize ?? false),
      differentiable: notDifferentiable(f, o.differentiable),
    });
  }

  protected _checkGroup(g: RMSpropGroup, fn: string): void {
    num(fn, "lr", g.lr), num(fn, "alpha", g.alpha), num(fn, "eps", g.eps), num(fn, "weightDecay", g.weightDecay);
    num(fn, "momentum", g.momentum), flag(fn, "centered", g.centered), flag(fn, "maximize", g.maximize);
  }

  protected _updateGroup(g: RMSpropGroup): void {
    const fn = "RMSprop.step";
    for (const p of g.params) {
      const grad = p.grad;
      if (grad === null) continue;
      const state = this._stateOf(p);
      if (Object.keys(state).length === 0) {
        state.step = 0;
        state.square_avg = zerosLike(p);
        if (g.momentum > 0) state.momentum_buffer = zerosLike(p);
        if (g.centered) state.grad_avg = zerosLike(p);
      }
      state.step = (state.step as number) + 1;
      const t = target(fn, p);
      const gr = gradOf(p, grad);
      const S = buffer(fn, "square_avg", state.square_avg, p);
      const B = g.momentum > 0 ? buffer(fn, "momentum_buffer", state.momentum_buffer, p) : null;
      const GA = g.centered ? buffer(fn, "grad_avg", state.grad_avg, p) : null;
      const kernel = t.dtype === float32 ? rmspropF32 : rmspropF64;
      kernel(data(t), t._offset, data(gr), gr._offset, S, GA, B, p.numel(), +g.lr, +g.alpha, +g.eps, +g.weightDecay, +g.momentum, g.maximize);
      writeBack(p, t);
    }
  }
}

const fr = Math.fround;

/** float32, rounded as ATen rounds (add with alpha and addcmul fuse; sqrt, / and addcdiv round each step). */
export function rmspropF32(
  P: FloatArray, po: number, G: FloatArray, go: number, S: FloatArray, GA: FloatArray | null, B: FloatArray | null, n: number,
  lr: number, alpha: number, eps: number, wd: number, momentum: number, maximize: boolean,
): void {
  const al = fr(alpha), oma = fr(1 - alpha), e = fr(eps), wd32 = fr(wd), mom = fr(momentum), nlr = fr(-lr);
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = fma32(P[po + i], wd32, g);
    const s = fma32(fr(oma * g), g, fr(S[i] * al));
    S[i] = s;
    let avg: number;
    if (GA !== null) {
      const ga = fma32(g, oma, fr(GA[i] * al));
      GA[i] = ga;
      avg = fr(Math.sqrt(fma32(-ga, ga, s)));
    } else avg = fr(Math.sqrt(s));
    avg = fr(avg + e);
    if (B !== null) {
      const b = fr(fr(B[i] * mom) + fr(g / avg));
      B[i] = b;
      P[po + i] = fma32(b, nlr, P[po + i]);
    } else P[po + i] = fr(P[po + i] + fr(fr(nlr * g) / avg));
  }
}

/** float64: the same order. */
export function rmspropF64(
  P: FloatArray, po: number, G: FloatArray, go: number, S: FloatArray, GA: FloatArray | null, B: FloatArray | null, n: number,
  lr: number, alpha: number, eps: number, wd: number, momentum: number, maximize: boolean,
): void {
  const oma = 1 - alpha, nlr = -lr;
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = P[po + i] * wd + g;
    const s = oma * g * g + S[i] * alpha;
    S[i] = s;
    let avg: number;
    if (GA !== null) {
      const ga = g * oma + GA[i] * alpha;
      GA[i] = ga;
      avg = Math.sqrt(-ga * ga + s);
    } else avg = Math.sqrt(s);
    avg = avg + eps;
    if (B !== null) {
      const b = B[i] * momentum + g / avg;
      B[i] = b;
      P[po + i] = b * nlr + P[po + i];
    } else P[po + i] = P[po + i] + (nlr * g) / avg;
  }
}
