/**
 * Special functions the distributions need and @torchts/tensor lacks:
 * lgamma, digamma (and trigamma, digamma's derivative), xlogy.
 *
 * The scalar versions are evaluated in float64: reflection below 1/2, then the
 * recurrence Γ(x+1) = xΓ(x) shifts the argument up to where the asymptotic
 * (Stirling / Bernoulli-number) series converges to double precision.
 *
 * The tensor versions are ops defined with autograd's `defineOp`: forward
 * computes values elementwise in float64, backward multiplies by the next
 * function of the chain, itself such an op (lgamma → digamma → trigamma →
 * polygamma(2) → …), so derivatives of every order exist, as PyTorch's do.
 */
import { Tensor, argTypeError, defineOp, fromTypedArray, where } from "@torchts/autograd";
import { checkArity } from "@torchts/tensor/errors";

const HALF_LOG_2PI = 0.9189385332046728;

/** log|Γ(x)| in float64. Poles (0, −1, −2, …) give +∞, as torch.lgamma does. */
export function lgammaScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgammaScalar(1 - x);
  let logProd = 0;
  let prod = 1;
  while (x < 15) {
    prod *= x;
    x += 1;
  }
  if (prod !== 1) logProd = Math.log(prod);
  const z2 = 1 / (x * x);
  // Stirling: (x−½)ln x − x + ½ln 2π + Σ B₂ₙ / (2n(2n−1) x^(2n−1)); next term < 1e-16 at x ≥ 15
  const series = (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 * (1 / 1188))))) / x;
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - logProd;
}

/** ψ(x) = d/dx ln Γ(x) in float64. ψ(0) = −∞ and ψ(−n) = NaN, as in PyTorch. */
export function digammaScalar(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (Number.isInteger(x)) return NaN;
    // reflection: ψ(1 − x) − ψ(x) = π cot(πx)
    return digammaScalar(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  while (x < 12) {
    acc -= 1 / x;
    x += 1;
  }
  const z2 = 1 / (x * x);
  // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₙ / (2n x^(2n))
  const series = z2 * (1 / 12 - z2 * (1 / 120 - z2 * (1 / 252 - z2 * (1 / 240 - z2 * (1 / 132)))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** ψ₁(x) = d/dx ψ(x) in float64 (used as digamma's derivative). */
export function trigammaScalar(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0) {
    // reflection: ψ₁(1 − x) + ψ₁(x) = π² / sin²(πx)
    const s = Math.sin(Math.PI * x);
    return (Math.PI * Math.PI) / (s * s) - trigammaScalar(1 - x);
  }
  let acc = 0;
  while (x < 12) {
    acc += 1 / (x * x);
    x += 1;
  }
  const z = 1 / x;
  const z2 = z * z;
  // ψ₁(x) ~ 1/x + 1/(2x²) + Σ B₂ₙ / x^(2n+1)
  const series = z * z2 * (1 / 6 - z2 * (1 / 30 - z2 * (1 / 42 - z2 * (1 / 30 - z2 * (5 / 66)))));
  return acc + z + 0.5 * z2 + series;
}

/** Bernoulli numbers B₂, B₄, …, B₁₂ (the asymptotic series of the polygamma functions). */
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730];

/**
 * ψ⁽ⁿ⁾(x) for n ≥ 1 in float64: the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) − (−1)ⁿ n!/xⁿ⁺¹ up to
 * x ≥ 15, then ψ⁽ⁿ⁾(x) ~ (−1)ⁿ⁺¹ [(n−1)!/xⁿ + n!/(2xⁿ⁺¹) + Σ B₂ₖ (2k+n−1)!/((2k)! x²ᵏ⁺ⁿ)].
 * Poles (0, −1, −2, …) give NaN, except +∞ for odd n (as torch.polygamma).
 */
export function polygammaScalar(n: number, x: number): number {
  if (n === 1) return trigammaScalar(x);
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return 0;
  if (x <= 0 && Number.isInteger(x)) return n % 2 === 1 ? Infinity : NaN;
  let fact = 1; // n!
  for (let k = 2; k <= n; k++) fact *= k;
  const sign = n % 2 === 0 ? 1 : -1; // (−1)ⁿ
  let acc = 0;
  while (x < 15) {
    acc -= (sign * fact) / x ** (n + 1);
    x += 1;
  }
  let series = fact / n / x ** n + fact / (2 * x ** (n + 1));
  let ratio = fact / n; // (2k+n−1)!/(2k)!, starting at k = 0: (n−1)!
  for (let k = 1; k <= BERNOULLI.length; k++) {
    ratio *= ((2 * k + n - 2) * (2 * k + n - 1)) / ((2 * k - 1) * (2 * k));
    series += (BERNOULLI[k - 1] * ratio) / x ** (2 * k + n);
  }
  return acc - sign * series;
}

/** A log-factorial table for the samplers: ln k! for k < 1024, then lgamma. */
const LOG_FACT = (() => {
  const t = new Float64Array(1024);
  for (let k = 1; k < t.length; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();

/** ln k! for a non-negative integer k. */
export function logFactorial(k: number): number {
  return k < 1024 ? LOG_FACT[k] : lgammaScalar(k + 1);
}

/** Apply a scalar function elementwise to a floating tensor: a contiguous tensor of x's shape and dtype. */
function mapValues(x: Tensor, f: (v: number) => number): Tensor {
  const src = x.contiguous().toTypedArray();
  const out = x.dtype.name === "float32" ? new Float32Array(src.length) : new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  return fromTypedArray(out, [...x.shape]);
}

/** f elementwise as an op whose derivative is `derivative(x)`, another such op (PyTorch's `grad * digamma(self)` and so on). */
function elementwiseOp(name: string, f: (v: number) => number, derivative: (x: Tensor) => Tensor) {
  return defineOp({
    name,
    gradFnName: `${name}Backward0`, // torch.lgamma's node is LgammaBackward0
    forward(ctx, x: Tensor) {
      ctx.saveForBackward(x);
      return mapValues(x, f);
    },
    backward(ctx, g) {
      const [x] = ctx.savedTensors;
      return g.mul(derivative(x));
    },
  });
}

/** ψ⁽ⁿ⁾ as ops, made on first use (each differentiates to the next). */
const polygammaOps: ReturnType<typeof elementwiseOp>[] = [];
function polygammaOp(n: number): ReturnType<typeof elementwiseOp> {
  polygammaOps[n] ??= elementwiseOp("Polygamma", (v) => polygammaScalar(n, v), (x) => polygammaOp(n + 1).apply(x));
  return polygammaOps[n];
}

const Lgamma = elementwiseOp("Lgamma", lgammaScalar, (x) => Digamma.apply(x));
const Digamma = elementwiseOp("Digamma", digammaScalar, (x) => polygammaOp(1).apply(x));

/** Integer and bool inputs promote to the default float dtype, as torch.lgamma(int tensor) does. */
function floatInput(x: Tensor, fn: string): Tensor {
  if (!(x instanceof Tensor)) throw argTypeError(fn, "input", 1, "Tensor", x);
  return x.dtype.isFloatingPoint ? x : x.float();
}

/** `torch.lgamma`: ln|Γ(x)| elementwise, differentiable (gradient digamma(x)). */
export function lgamma(x: Tensor): Tensor {
  checkArity("lgamma", arguments, 1);
  const xf = floatInput(x, "lgamma");
  return Lgamma.apply(xf);
}

/** `torch.digamma`: ψ(x) elementwise, differentiable (gradient trigamma(x)). */
export function digamma(x: Tensor): Tensor {
  checkArity("digamma", arguments, 1);
  const xf = floatInput(x, "digamma");
  return Digamma.apply(xf);
}

/** `torch.xlogy(x, y)`: x·ln y, with 0 where x = 0 (unless y is NaN). Differentiable. */
export function xlogy(x: Tensor, y: Tensor): Tensor {
  checkArity("xlogy", arguments, 2);
  if (!(x instanceof Tensor)) throw argTypeError("xlogy", "self", 1, "Tensor", x);
  if (!(y instanceof Tensor)) throw argTypeError("xlogy", "other", 2, "Tensor", y);
  const zero = x.eq(0).logicalAnd(y.eq(y));
  // log of a safe y where x = 0, so no −∞·0 reaches the gradient
  const safeY = where(zero, 1, y);
  return where(zero, 0, x.mul(safeY.log()));
}
