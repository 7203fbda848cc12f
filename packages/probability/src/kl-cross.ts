/**
 * KL divergences between different families, as registered by PyTorch 1.13
 * among the distributions implemented here. Pairs where p has mass outside
 * q's support give +∞ over p's batch shape.
 */
import { where } from "@torchts/autograd";
import type { Bernoulli } from "./bernoulli";
import type { Beta } from "./beta";
import type { Binomial } from "./binomial";
import type { Exponential } from "./exponential";
import type { Gamma } from "./gamma";
import { EULER_GAMMA, infiniteLike, registerKL, xLogX } from "./kl";
import type { Normal } from "./normal";
import type { Poisson } from "./poisson";
import { digamma, lgamma } from "./special";
import type { Uniform } from "./uniform";

export function registerCrossFamily(C: {
  Bernoulli: typeof Bernoulli;
  Beta: typeof Beta;
  Binomial: typeof Binomial;
  Exponential: typeof Exponential;
  Gamma: typeof Gamma;
  Normal: typeof Normal;
  Poisson: typeof Poisson;
  Uniform: typeof Uniform;
}): void {
  registerKL(C.Bernoulli, C.Poisson, (p, q) => p.entropy().neg().sub(p.probs.mul(q.rate.log()).sub(q.rate)));

  // ---- Beta → …
  registerKL(C.Beta, C.Exponential, (p, q) =>
    p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration1.div(p.concentration1.add(p.concentration0)))),
  );
  registerKL(C.Beta, C.Gamma, (p, q) => {
    const total = p.concentration1.add(p.concentration0);
    const t1 = p.entropy().neg();
    const t2 = lgamma(q.concentration).sub(q.concentration.mul(q.rate.log()));
    const t3 = q.concentration.sub(1).mul(digamma(p.concentration1).sub(digamma(total)));
    const t4 = q.rate.mul(p.concentration1).div(total);
    return t1.add(t2).sub(t3).add(t4);
  });
  registerKL(C.Beta, C.Normal, (p, q) => {
    const total = p.concentration1.add(p.concentration0);
    const eBeta = p.concentration1.div(total);
    const varNormal = q.scale.pow(2);
    const t1 = p.entropy().neg();
    const t2 = varNormal.mul(2 * Math.PI).log().mul(0.5);
    const t3 = eBeta.mul(eBeta.neg().add(1)).div(total.add(1)).add(eBeta.pow(2)).mul(0.5);
    const t4 = q.loc.mul(eBeta);
    const t5 = q.loc.pow(2).mul(0.5);
    return t1.add(t2).add(t3.sub(t4).add(t5).div(varNormal));
  });
  registerKL(C.Beta, C.Uniform, (p, q) => {
    const result = p.entropy().neg().add(q.high.sub(q.low).log());
    return where(q.low.gt(0).logicalOr(q.high.lt(1)), Infinity, result);
  });

  // ---- Exponential → …
  registerKL(C.Exponential, C.Beta, (p) => infiniteLike(p.rate));
  registerKL(C.Exponential, C.Uniform, (p) => infiniteLike(p.rate));
  registerKL(C.Exponential, C.Gamma, (p, q) => {
    const ratio = q.rate.div(p.rate);
    const t1 = q.concentration.neg().mul(ratio.log());
    return t1.add(ratio).add(lgamma(q.concentration)).add(q.concentration.mul(EULER_GAMMA)).sub(1 + EULER_GAMMA);
  });
  registerKL(C.Exponential, C.Normal, (p, q) => {
    const varNormal = q.scale.pow(2);
    const rateSqr = p.rate.pow(2);
    const t1 = rateSqr.mul(varNormal).mul(2 * Math.PI).log().mul(0.5);
    const t2 = rateSqr.reciprocal();
    const t3 = q.loc.div(p.rate);
    const t4 = q.loc.pow(2).mul(0.5);
    return t1.sub(1).add(t2.sub(t3).add(t4).div(varNormal));
  });

  // ---- Gamma → …
  registerKL(C.Gamma, C.Beta, (p) => infiniteLike(p.concentration));
  registerKL(C.Gamma, C.Uniform, (p) => infiniteLike(p.concentration));
  registerKL(C.Gamma, C.Exponential, (p, q) =>
    p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration).div(p.rate)),
  );
  registerKL(C.Gamma, C.Normal, (p, q) => {
    const varNormal = q.scale.pow(2);
    const betaSqr = p.rate.pow(2);
    const a = p.concentration;
    const t1 = betaSqr.mul(varNormal).mul(2 * Math.PI).log().mul(0.5).sub(a).sub(lgamma(a));
    const t2 = a.pow(2).add(a).mul(0.5).div(betaSqr);
    const t3 = q.loc.mul(a).div(p.rate);
    const t4 = q.loc.pow(2).mul(0.5);
    return t1.add(a.sub(1).mul(digamma(a))).add(t2.sub(t3).add(t4).div(varNormal));
  });

  // ---- Normal → bounded or one-sided supports
  registerKL(C.Normal, C.Beta, (p) => infiniteLike(p.loc));
  registerKL(C.Normal, C.Exponential, (p) => infiniteLike(p.loc));
  registerKL(C.Normal, C.Gamma, (p) => infiniteLike(p.loc));
  registerKL(C.Normal, C.Uniform, (p) => infiniteLike(p.loc));

  // ---- Poisson → bounded counts
  registerKL(C.Poisson, C.Bernoulli, (p) => infiniteLike(p.rate));
  registerKL(C.Poisson, C.Binomial, (p) => infiniteLike(p.rate));

  // ---- Uniform → …
  registerKL(C.Uniform, C.Beta, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = width.log();
    const t2 = q.concentration1.sub(1).mul(xLogX(p.high).sub(xLogX(p.low)).sub(width)).div(width);
    const t3 = q.concentration0
      .sub(1)
      .mul(xLogX(p.high.neg().add(1)).sub(xLogX(p.low.neg().add(1))).add(width))
      .div(width);
    const t4 = lgamma(q.concentration1).add(lgamma(q.concentration0)).sub(lgamma(q.concentration1.add(q.concentration0)));
    const result = t3.add(t4).sub(t1).sub(t2);
    return where(p.high.gt(1).logicalOr(p.low.lt(0)), Infinity, result);
  });
  registerKL(C.Uniform, C.Exponential, (p, q) => {
    const result = q.rate.mul(p.high.add(p.low)).div(2).sub(p.high.sub(p.low).mul(q.rate).log());
    return where(p.low.lt(0), Infinity, result);
  });
  registerKL(C.Uniform, C.Gamma, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = width.log();
    const t2 = lgamma(q.concentration).sub(q.concentration.mul(q.rate.log()));
    const t3 = q.concentration.neg().add(1).mul(xLogX(p.high).sub(xLogX(p.low)).sub(width)).div(width);
    const t4 = q.rate.mul(p.high.add(p.low)).div(2);
    const result = t1.neg().add(t2).add(t3).add(t4);
    return where(p.low.lt(0), Infinity, result);
  });
  registerKL(C.Uniform, C.Normal, (p, q) => {
    const width = p.high.sub(p.low);
    const t1 = q.scale.mul(Math.sqrt(2 * Math.PI)).div(width).log();
    const t2 = width.pow(2).div(12);
    const t3 = p.high.add(p.low).sub(q.loc.mul(2)).div(2).pow(2);
    return t1.add(t2.add(t3).mul(0.5).div(q.scale.pow(2)));
  });
}
