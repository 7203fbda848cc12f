/**
 * Every optimizer × option combination against PyTorch 1.13.1's trajectories
 * (fixtures/gen_optim.py): float64 end to end after steps 1, 10 and 100 within
 * 1e-9; float32's update rule alone, fed PyTorch's recorded gradients, within
 * 1e-6 at all 100 steps (and in fact bit-identical); float32 end to end within
 * 1e-4 after step 10.
 *
 * Step 100 in float64: two trajectories are ill-conditioned — PyTorch itself moves
 * by 1.6e-5 (centered RMSprop with momentum, α 0.9) and 1.5e-9 (Adam with β
 * (0.5, 0.9) on the biases) when only the loss's summation order changes
 * (`float64_self_sensitivity`, measured by gen_optim.py). There the bound is 10× that
 * sensitivity; everywhere else (sensitivity ~1e-14) it is 1e-9.
 */
import * as torch from "@torchts/autograd";
import { afterAll, describe, expect, it } from "vitest";
import { caseName, golden, initialParams, makeOptimizer, maxRelErr, mlpLoss } from "./fixtures.testing";

const drift: Record<string, number> = {};

afterAll(() => {
  // recorded, not asserted: float32's own gradients (our matmul's rounding) move the end of the trajectory
  const worst = Object.entries(drift).sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.info(`float32 end-to-end drift after step 100 (largest 5): ${worst.map(([k, v]) => `${k} ${v.toExponential(1)}`).join("; ")}`);
});

describe.each(golden.runs.map((c) => [caseName(c), c] as const))("%s", (_, c) => {
  it("float64 end to end matches after steps 1, 10, 100 (1e-9 relative)", () => {
    const params = initialParams(torch.float64);
    const opt = makeOptimizer(c, params);
    for (let step = 1; step <= 100; step++) {
      opt.zeroGrad();
      mlpLoss(params, torch.float64).backward();
      opt.step();
      const want = c.float64[String(step)];
      if (want === undefined) continue;
      const tol = step === 100 ? Math.max(1e-9, 10 * c.float64_self_sensitivity) : 1e-9;
      params.forEach((p, i) => expect(maxRelErr(p.toTypedArray(), want[i]), `step ${step} param ${i}`).toBeLessThanOrEqual(tol));
    }
  });

  it("float32 update rule fed PyTorch's gradients matches at every step (1e-6 relative)", () => {
    const params = initialParams(torch.float32);
    const opt = makeOptimizer(c, params);
    c.float32.grads.forEach((grads, k) => {
      params.forEach((p, i) => (p.grad = torch.tensor(grads[i], { dtype: torch.float32 }).reshape(p.shape)));
      opt.step();
      params.forEach((p, i) => expect(maxRelErr(p.toTypedArray(), c.float32.params[k][i]), `step ${k + 1} param ${i}`).toBeLessThanOrEqual(1e-6));
      // stronger than the issue's 1e-6: the rounding of every operation is ATen's, so the bits are PyTorch's
      params.forEach((p, i) => expect(Array.from(p.toTypedArray()), `step ${k + 1} param ${i} bits`).toEqual(c.float32.params[k][i].map(Math.fround)));
    });
  });

  it("float32 end to end matches after step 10 (1e-4 relative); step 100 drift recorded", () => {
    const params = initialParams(torch.float32);
    const opt = makeOptimizer(c, params);
    for (let step = 1; step <= 100; step++) {
      opt.zeroGrad();
      mlpLoss(params, torch.float32).backward();
      opt.step();
      if (step === 10) {
        params.forEach((p, i) => expect(maxRelErr(p.toTypedArray(), c.float32.end_to_end["10"][i]), `param ${i}`).toBeLessThanOrEqual(1e-4));
      }
    }
    drift[caseName(c)] = Math.max(...params.map((p, i) => maxRelErr(p.toTypedArray(), c.float32.end_to_end["100"][i])));
  });
});
