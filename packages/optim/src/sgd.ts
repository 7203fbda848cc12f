/**
 * Stochastic gradient descent with momentum (torch.optim.SGD), PyTorch 1.13's
 * single-tensor update in its order. For each parameter θ with gradient g:
 *
 *   g ← −g                                  if maximize
 *   g ← g + λθ                              if weight decay λ ≠ 0
 *   b ← g (first step),  b ← μb + (1 − τ)g  if momentum μ ≠ 0 (dampening τ)
 *   g ← g + μb if nesterov, else g ← b
 *   θ ← θ − γg                              (lr γ)
 *
 * State: `momentum_buffer` (null when μ = 0, as PyTorch stores None). A float32 buffer of at
 * least WASM_MIN elements lives in one of the optimizers' WebAssembly arenas (wasm-memory.ts), so a step
 * does not copy it; it is the live buffer, as in PyTorch.
 */
import { ValueError, checkOptions } from "@torchts/autograd";
import { flag, foreachOption, notBelowZero, notDifferentiable, num } from "./checks";
import { type FloatArray, buffer, data, gradOf, target, writeBack } from "./elements";
import { type ParamGroup, type ParamsInput, Optimizer, required } from "./optimizer";
import { WASM_MIN, sgdWasm } from "./wasm-kernels";
import { adoptState, stateBuffers } from "./wasm-state";
import { checkArity } from "@torchts/tensor/errors";
import { fma32 } from "@torchts/tensor/fma32";

export interface SGDOptions {
  /** Learning rate γ (required). */
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  /** PyTorch's multi-tensor switch; torchts has one fused implementation, so only null/false. */
  foreach?: boolean | null;
  differentiable?: boolean;
}

export interface SGDGroup extends ParamGroup {
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  foreach: boolean | null;
  differentiable: boolean;
}

const KEYS = ["lr", "momentum", "dampening", "weightDecay", "nesterov", "maximize", "foreach", "differentiable"];

/**
 * @example
 * const opt = new SGD([w, b], { lr: 0.03 });
 * opt.zeroGrad(); loss(w, b).backward(); opt.step();
 * new SGD([{ params: [w], weightDecay: 3 }, { params: [b] }], { lr: 0.003 }); // d2l 4.5
 */
export class SGD extends Optimizer<SGDGroup> {
  constructor(params: ParamsInput, options?: SGDOptions) {
    checkArity("SGD", arguments, 2);
    checkOptions("SGD", options, KEYS);
    const o = (options ?? {}) as Partial<SGDOptions>;
    const lr = o.lr === undefined ? required : num("SGD", "lr", o.lr);
    const momentum = num("SGD", "momentum", o.momentum ?? 0);
    const dampening = num("SGD", "dampening", o.dampening ?? 0);
    const weightDecay = num("SGD", "weightDecay", o.weightDecay ?? 0);
    const nesterov = flag("SGD", "nesterov", o.nesterov ?? false);
    if (typeof lr === "number") notBelowZero("learning rate", lr);
    notBelowZero("momentum value", momentum);
    notBelowZero("weight_decay value", weightDecay);
    const defaults = {
      lr, momentum, dampening, weightDecay, nesterov,
      maximize: flag("SGD", "maximize", o.maximize ?? false),
      foreach: foreachOption("SGD", o.foreach),
      differentiable: notDifferentiable("SGD", o.differentiable),
    };
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw new ValueError("Nesterov momentum requires a momentum and zero dampening");
    super(params, defaults);
  }

  protected _checkGroup(g: SGDGroup, fn: string): void {
    num(fn, "lr", g.lr), num(fn, "momentum", g.momentum), num(fn, "dampening", g.dampening), num(fn, "weightDecay", g.weightDecay);
    flag(fn, "nesterov", g.nesterov), flag(fn, "maximize", g.maximize);
  }

  protected _updateGroup(g: SGDGroup): void {
    const momentum = +g.momentum;
    for (const p of g.params) {
      const grad = p.grad;
      if (grad === null) continue;
      const state = this._stateOf(p);
      const t = target("SGD.step", p);
      const gr = gradOf(p, grad);
      let buf: FloatArray | null = null;
      let first = false;
      if (momentum !== 0) {
        const b = state.momentum_buffer;
        if (b === undefined || b === null) {
          [state.momentum_buffer] = stateBuffers(p, 1);
          first = true;
        }
        buf = buffer("SGD.step", "momentum_buffer", state.momentum_buffer, p);
      } else if (!("momentum_buffer" in state)) state.momentum_buffer = null;
      const n = p.numel(), lr = +g.lr, wd = +g.weightDecay, d = +g.dampening;
      if (t.dtype.name !== "float32") sgdF64(data(t), t._offset, data(gr), gr._offset, buf, n, lr, wd, momentum, d, g.nesterov, g.maximize, first);
      else if (n < WASM_MIN || !sgdWasm(data(t), t._offset, data(gr), gr._offset, buf, n, lr, wd, momentum, d, g.nesterov, g.maximize, first)) {
        sgdF32(data(t), t._offset, data(gr), gr._offset, buf, n, lr, wd, momentum, d, g.nesterov, g.maximize, first);
      }
      writeBack(p, t);
    }
  }

  protected override _afterLoad(): void {
    adoptState(this.state, ["momentum_buffer"]);
  }
}

const fr = Math.fround;

/**
 * float32: each step of PyTorch's update rounded as ATen rounds it (`a.add(b, alpha)` is
 * one fused multiply-add on the vectorised path; `b.mul_(μ)` rounds on its own).
 */
export function sgdF32(
  P: FloatArray, po: number, G: FloatArray, go: number, B: FloatArray | null, n: number,
  lr: number, wd: number, m: number, d: number, nesterov: boolean, maximize: boolean, first: boolean,
): void {
  const nlr = fr(-lr), wd32 = fr(wd), m32 = fr(m), omd = fr(1 - d);
  if (B !== null && !first && wd === 0 && !maximize && !nesterov) {
    // the common momentum step, kept tight (the benchmark's case)
    for (let i = 0; i < n; i++) {
      const b = fma32(G[go + i], omd, fr(B[i] * m32));
      B[i] = b;
      P[po + i] = fma32(b, nlr, P[po + i]);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = fma32(P[po + i], wd32, g);
    if (B !== null) {
      const b = first ? g : fma32(g, omd, fr(B[i] * m32));
      B[i] = b;
      g = nesterov ? fma32(b, m32, g) : b;
    }
    P[po + i] = fma32(g, nlr, P[po + i]);
  }
}

/** float64: the same order (ATen's fused multiply-adds round once where these round twice: ~1 ulp). */
export function sgdF64(
  P: FloatArray, po: number, G: FloatArray, go: number, B: FloatArray | null, n: number,
  lr: number, wd: number, m: number, d: number, nesterov: boolean, maximize: boolean, first: boolean,
): void {
  const nlr = -lr, omd = 1 - d;
  for (let i = 0; i < n; i++) {
    let g = G[go + i];
    if (maximize) g = -g;
    if (wd !== 0) g = P[po + i] * wd + g;
    if (B !== null) {
      const b = first ? g : g * omd + B[i] * m;
      B[i] = b;
      g = nesterov ? b * m + g : b;
    }
    P[po + i] = g * nlr + P[po + i];
  }
}
