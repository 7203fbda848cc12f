/**
 * The fused Adam/AdamW element loop: one pass over the parameter, its gradient
 * and its moment buffers, in PyTorch 1.13's single-tensor order. The float32
 * loop rounds each step as ATen does on its vectorised path (`add(b, alpha)` and
 * `addcmul` are fused multiply-adds there; `sqrt`, `/` and `addcdiv` round each
 * operation); the float64 loop keeps the order with two roundings where ATen
 * fuses one (a difference of about 1 ulp).
 */
import type { FloatArray } from "./elements";
import { fma32 } from "@torchts/tensor/fma32";

/** The per-step scalars, computed once per parameter from the group and the step count. */
export interface AdamScalars {
  beta1: number;
  beta2: number;
  /** L2 coefficient added to the gradient (Adam); 0 for AdamW. */
  weightDecay: number;
  /** AdamW's `1 − lr·λ` applied to θ first; 1 (no-op, skipped) for Adam. */
  decay: number;
  decoupled: boolean;
  eps: number;
  /** sqrt(1 − β2^t) */
  bc2Sqrt: number;
  /** −lr / (1 − β1^t) */
  negStepSize: number;
  maximize: boolean;
}

const fr = Math.fround;

/** float32 Adam/AdamW over n elements; VM (max_exp_avg_sq) is null without amsgrad. */
export function adamF32(
  P: FloatArray, po: number, G: FloatArray, go: number, M: FloatArray, V: FloatArray, VM: FloatArray | null, n: number,
  s: AdamScalars,
): void {
  const b1 = fr(s.beta1), b2 = fr(s.beta2), omb1 = fr(1 - s.beta1), omb2 = fr(1 - s.beta2);
  const eps = fr(s.eps), bc2 = fr(s.bc2Sqrt), ns = fr(s.negStepSize), wd = fr(s.weightDecay), decay = fr(s.decay);
  if (VM === null && !s.decoupled && s.weightDecay === 0 && !s.maximize) {
    // plain Adam, kept tight (the benchmark's case)
    for (let i = 0; i < n; i++) {
      const g = G[go + i];
      const m = fma32(g, omb1, fr(M[i] * b1));
      const v = fma32(fr(omb2 * g), g, fr(V[i] * b2));
      M[i] = m;
      V[i] = v;
      const den = fr(fr(fr(Math.sqrt(v)) / bc2) + eps);
      P[po + i] = fr(P[po + i] + fr(fr(ns * m) / den));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    let p = P[po + i];
    let g = G[go + i];
    if (s.maximize) g = -g;
    if (s.decoupled) p = fr(p * decay);
    else if (s.weightDecay !== 0) g = fma32(p, wd, g);
    const m = fma32(g, omb1, fr(M[i] * b1));
    let v = fma32(fr(omb2 * g), g, fr(V[i] * b2));
    M[i] = m;
    V[i] = v;
    if (VM !== null) VM[i] = v = Math.max(VM[i], v); // torch.maximum: NaN wins, as in Math.max
    const den = fr(fr(fr(Math.sqrt(v)) / bc2) + eps);
    P[po + i] = fr(p + fr(fr(ns * m) / den));
  }
}

/** float64 Adam/AdamW: the same order, no rounding to single. */
export function adamF64(
  P: FloatArray, po: number, G: FloatArray, go: number, M: FloatArray, V: FloatArray, VM: FloatArray | null, n: number,
  s: AdamScalars,
): void {
  const b1 = s.beta1, b2 = s.beta2, omb1 = 1 - s.beta1, omb2 = 1 - s.beta2;
  const eps = s.eps, bc2 = s.bc2Sqrt, ns = s.negStepSize, wd = s.weightDecay, decay = s.decay;
  for (let i = 0; i < n; i++) {
    let p = P[po + i];
    let g = G[go + i];
    if (s.maximize) g = -g;
    if (s.decoupled) p = p * decay;
    else if (wd !== 0) g = p * wd + g;
    const m = g * omb1 + M[i] * b1;
    let v = omb2 * g * g + V[i] * b2;
    M[i] = m;
    V[i] = v;
    if (VM !== null) VM[i] = v = Math.max(VM[i], v);
    const den = Math.sqrt(v) / bc2 + eps;
    P[po + i] = p + (ns * m) / den;
  }
}
