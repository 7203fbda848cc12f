/**
 * kl_divergence(p, q) and its registry (torch.distributions.kl). Pairs are
 * looked up by class, most specific first along p's then q's prototype
 * chain; this file registers the same-family pairs, kl-cross.ts the others.
 */
import { NotImplementedError, type Tensor, describeValue, fullLike, softplus, where } from "@torchts/autograd";
import type { Bernoulli } from "./bernoulli";
import type { Beta } from "./beta";
import type { Binomial } from "./binomial";
import type { Categorical } from "./categorical";
import type { Distribution } from "./distribution";
import type { Exponential } from "./exponential";
import type { Gamma } from "./gamma";
import type { Normal } from "./normal";
import type { Poisson } from "./poisson";
import { digamma, lgamma } from "./special";
import type { Uniform } from "./uniform";
import { checkArity } from "@torchts/tensor/errors";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DistributionClass = abstract new (...args: any[]) => Distribution;
type KLFn = (p: Distribution, q: Distribution) => Tensor;

const registry = new Map<DistributionClass, Map<DistributionClass, KLFn>>();

/**
 * Register `fn` as KL(p ‖ q) for p of class P and q of class Q
 * (PyTorch's `@register_kl(P, Q)`); returns fn.
 * @example registerKL(Normal, Normal, (p, q) => ...)
 */
export function registerKL<P extends Distribution, Q extends Distribution>(
  typeP: abstract new (...args: never[]) => P,
  typeQ: abstract new (...args: never[]) => Q,
  fn: (p: P, q: Q) => Tensor,
): (p: P, q: Q) => Tensor {
  const inner = registry.get(typeP as unknown as DistributionClass) ?? new Map<DistributionClass, KLFn>();
  inner.set(typeQ as unknown as DistributionClass, fn as KLFn);
  registry.set(typeP as unknown as DistributionClass, inner);
  return fn;
}

function classChain(d: Distribution): DistributionClass[] {
  const chain: DistributionClass[] = [];
  for (let proto = Object.getPrototypeOf(d); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    chain.push(proto.constructor as DistributionClass);
  }
  return chain;
}

/**
 * KL(p ‖ q) = E_p[log p(x) − log q(x)], batched over the broadcast of the two
 * batch shapes. Infinite where p puts mass outside q's support.
 * @example klDivergence(new Normal(0, 1), new Normal(1, 2)) // tensor(0.4431)
 */
export function klDivergence(p: Distribution, q: Distribution): Tensor {
  checkArity("klDivergence", arguments, 2);
  // PyTorch finds no KL for a non-distribution either: NotImplementedError naming both types
  if (p === null || typeof p !== "object" || q === null || typeof q !== "object") {
    throw new NotImplementedError(
      `klDivergence(): No KL(p || q) is implemented for p type ${describeValue(p)} and q type ${describeValue(q)}; p and q must be Distributions`,
    );
  }
  for (const P of classChain(p)) {
    const inner = registry.get(P);
    if (inner === undefined) continue;
    for (const Q of classChain(q)) {
      const fn = inner.get(Q);
      if (fn !== undefined) return fn(p, q);
    }
  }
  throw new NotImplementedError(`No KL(p || q) is implemented for p type ${p.constructor.name} and q type ${q.constructor.name}`);
}

/** A tensor of +∞ shaped like t (PyTorch's `_infinite_like`). */
export function infiniteLike(t: Tensor): Tensor {
  return fullLike(t, Infinity);
}

/** x·ln x (NaN at 0, as PyTorch's `_x_log_x`). */
export function xLogX(t: Tensor): Tensor {
  return t.mul(t.log());
}

export const EULER_GAMMA = 0.5772156649015329;

/** The same-family pairs; called once by index.ts with the classes (avoids import cycles). */
export function registerSameFamily(classes: {
  Bernoulli: typeof Bernoulli;
  Beta: typeof Beta;
  Binomial: typeof Binomial;
  Categorical: typeof Categorical;
  Exponential: typeof Exponential;
  Gamma: typeof Gamma;
  Normal: typeof Normal;
  Poisson: typeof Poisson;
  Uniform: typeof Uniform;
}): void {
  const C = classes;

  registerKL(C.Bernoulli, C.Bernoulli, (p, q) => {
    let t1 = p.probs.mul(softplus(q.logits.neg()).sub(softplus(p.logits.neg())));
    t1 = where(q.probs.eq(0), Infinity, t1);
    t1 = where(p.probs.eq(0), 0, t1);
    let t2 = p.probs.neg().add(1).mul(softplus(q.logits).sub(softplus(p.logits)));
    t2 = where(q.probs.eq(1), Infinity, t2);
    t2 = where(p.probs.eq(1), 0, t2);
    return t1.add(t2);
  });

  registerKL(C.Beta, C.Beta, (p, q) => {
    const sumP = p.concentration1.add(p.concentration0);
    const sumQ = q.concentration1.add(q.concentration0);
    const t1 = lgamma(q.concentration1).add(lgamma(q.concentration0)).add(lgamma(sumP));
    const t2 = lgamma(p.concentration1).add(lgamma(p.concentration0)).add(lgamma(sumQ));
    const t3 = p.concentration1.sub(q.concentration1).mul(digamma(p.concentration1));
    const t4 = p.concentration0.sub(q.concentration0).mul(digamma(p.concentration0));
    const t5 = sumQ.sub(sumP).mul(digamma(sumP));
    return t1.sub(t2).add(t3).add(t4).add(t5);
  });

  registerKL(C.Binomial, C.Binomial, (p, q) => {
    if (p.totalCount.lt(q.totalCount).any().item() as boolean) {
      throw new NotImplementedError("KL between Binomials where q.total_count > p.total_count is not implemented");
    }
    const kl = p.totalCount.mul(
      p.probs.mul(p.logits.sub(q.logits)).add(p.probs.neg().log1p()).sub(q.probs.neg().log1p()),
    );
    return where(p.totalCount.gt(q.totalCount), Infinity, kl);
  });

  registerKL(C.Categorical, C.Categorical, (p, q) => {
    let t = p.probs.mul(p.logits.sub(q.logits));
    t = where(q.probs.eq(0), Infinity, t);
    t = where(p.probs.eq(0), 0, t);
    return t.sum(-1);
  });

  registerKL(C.Exponential, C.Exponential, (p, q) => {
    const ratio = q.rate.div(p.rate);
    return ratio.log().neg().add(ratio).sub(1);
  });

  registerKL(C.Gamma, C.Gamma, (p, q) => {
    const t1 = q.concentration.mul(p.rate.div(q.rate).log());
    const t2 = lgamma(q.concentration).sub(lgamma(p.concentration));
    const t3 = p.concentration.sub(q.concentration).mul(digamma(p.concentration));
    const t4 = q.rate.sub(p.rate).mul(p.concentration.div(p.rate));
    return t1.add(t2).add(t3).add(t4);
  });

  registerKL(C.Normal, C.Normal, (p, q) => {
    const varRatio = p.scale.div(q.scale).pow(2);
    const t1 = p.loc.sub(q.loc).div(q.scale).pow(2);
    return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
  });

  registerKL(C.Poisson, C.Poisson, (p, q) => p.rate.mul(p.rate.log().sub(q.rate.log())).sub(p.rate.sub(q.rate)));

  registerKL(C.Uniform, C.Uniform, (p, q) => {
    const result = q.high.sub(q.low).div(p.high.sub(p.low)).log();
    return where(q.low.gt(p.low).logicalOr(q.high.lt(p.high)), Infinity, result);
  });
}
