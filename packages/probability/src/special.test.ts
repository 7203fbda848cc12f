/** lgamma, digamma and trigamma against torch 1.13.1 (fixtures), and their gradients. */
import * as torch from "@torchts/autograd";
import { describe, expect, it } from "vitest";
import { fixture } from "./fixtures.testing";
import { digamma, digammaScalar, lgamma, lgammaScalar, logFactorial, polygammaScalar, trigammaScalar, xlogy } from "./special";

const f64 = (data: number[] | number) => torch.tensor(data, { dtype: torch.float64 });

function close(actual: number, expected: number, rtol: number, atol: number): boolean {
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

describe("special functions", () => {
  const { x, lgamma: lg, digamma: dg, trigamma: tg, polygamma2: p2, polygamma3: p3 } = fixture.special;
  it("lgamma matches torch.lgamma", () => {
    x.forEach((v, i) => expect(close(lgammaScalar(v), lg[i], 1e-14, 1e-14), `lgamma(${v})`).toBe(true));
  });
  it("digamma matches torch.digamma", () => {
    x.forEach((v, i) => expect(close(digammaScalar(v), dg[i], 1e-13, 1e-14), `digamma(${v})`).toBe(true));
  });
  it("trigamma matches torch.polygamma(1, ·) (torch's own float64 trigamma is good to ~1e-9)", () => {
    x.forEach((v, i) => expect(close(trigammaScalar(v), tg[i], 1e-8, 1e-14), `trigamma(${v})`).toBe(true));
  });
  it("polygamma(2, ·) and polygamma(3, ·) match torch.polygamma", () => {
    x.forEach((v, i) => expect(close(polygammaScalar(2, v), p2[i], 1e-12, 1e-20), `polygamma(2, ${v})`).toBe(true));
    x.forEach((v, i) => expect(close(polygammaScalar(3, v), p3[i], 1e-12, 1e-20), `polygamma(3, ${v})`).toBe(true));
  });
  it("polygamma of negative arguments follows the recurrence ψ⁽ⁿ⁾(x+1) = ψ⁽ⁿ⁾(x) + (−1)ⁿ n!/xⁿ⁺¹", () => {
    for (const v of [-2.5, -0.3]) {
      expect(close(polygammaScalar(2, v + 1), polygammaScalar(2, v) + 2 / v ** 3, 1e-12, 1e-12)).toBe(true);
      expect(close(polygammaScalar(3, v + 1), polygammaScalar(3, v) - 6 / v ** 4, 1e-12, 1e-12)).toBe(true);
    }
    expect(polygammaScalar(2, 0)).toBeNaN();
    expect(polygammaScalar(3, -1)).toBe(Infinity);
  });
  it("poles and negative arguments behave as in torch", () => {
    expect(lgammaScalar(0)).toBe(Infinity);
    expect(lgammaScalar(-1)).toBe(Infinity);
    expect(lgammaScalar(-2.5)).toBeCloseTo(-0.05624371649767405, 14);
    expect(digammaScalar(0)).toBe(-Infinity);
    expect(digammaScalar(-1)).toBeNaN();
    expect(digammaScalar(-2.5)).toBeCloseTo(1.1031566406452432, 13);
    expect(lgammaScalar(NaN)).toBeNaN();
  });
  it("log-factorials agree with lgamma on both sides of the table", () => {
    for (const k of [0, 1, 5, 1023, 1024, 5000]) expect(close(logFactorial(k), lgammaScalar(k + 1), 1e-13, 1e-13)).toBe(true);
  });
  it("tensor lgamma/digamma keep shape and dtype and promote integers", () => {
    const t = lgamma(torch.tensor([[1, 2], [3, 4]]));
    expect(t.dtype).toBe(torch.float32);
    expect([...t.shape]).toEqual([2, 2]);
    expect(t.allclose(torch.tensor([[0, 0], [Math.log(2), Math.log(6)]]), { atol: 1e-6 })).toBe(true);
    expect(digamma(f64([1])).dtype).toBe(torch.float64);
  });
  it("gradients: d lgamma = digamma, d digamma = trigamma (gradcheck)", () => {
    const a = f64([0.3, 1.7, 12.5]).requiresGrad_();
    expect(torch.gradcheck((v) => lgamma(v), [a])).toBe(true);
    expect(torch.gradcheck((v) => digamma(v), [a])).toBe(true);
  });
  it("second derivatives: d² lgamma = trigamma, d² digamma = polygamma(2) (gradcheck of the gradient)", () => {
    const a = f64([0.3, 1.7, 12.5, -2.5]).requiresGrad_();
    for (const f of [lgamma, digamma]) {
      const df = (v: torch.Tensor) => torch.enableGrad(() => torch.grad(f(v).sum(), v, { createGraph: true })[0]!);
      expect(torch.gradcheck(df, [a])).toBe(true);
    }
    const [d2] = torch.grad(torch.grad(lgamma(a).sum(), a, { createGraph: true })[0]!.sum(), a);
    expect(d2!.tolist()).toEqual([0.3, 1.7, 12.5, -2.5].map(trigammaScalar));
  });
  it("are ops with PyTorch's node names, and leave forward values untouched", () => {
    const a = f64([0.3, 1.7, 12.5]).requiresGrad_();
    expect(lgamma(a).gradFn!.name).toBe("LgammaBackward0");
    expect(digamma(a).gradFn!.name).toBe("DigammaBackward0");
    expect(lgamma(a).detach().equal(lgamma(a.detach()))).toBe(true);
    expect(lgamma(a).tolist()).toEqual([0.3, 1.7, 12.5].map(lgammaScalar));
  });
  it("xlogy is 0 where x = 0 (also at y = 0), NaN for NaN y, and differentiable", () => {
    expect(xlogy(f64([0, 0, 2]), f64([0, NaN, 3])).tolist()).toEqual([0, NaN, 2 * Math.log(3)]);
    const x = f64([0.5, 2]).requiresGrad_();
    const y = f64([1.5, 0.25]).requiresGrad_();
    expect(torch.gradcheck((u, v) => xlogy(u, v), [x, y])).toBe(true);
    const z = f64([0]).requiresGrad_();
    xlogy(z, f64([0])).sum().backward();
    expect(Number.isNaN(z.grad!.item())).toBe(false);
  });
});
