/**
 * fast-check properties: Multinomial counts are non-negative integers summing
 * to totalCount; samples stay in the support; sample(shape) has shape
 * [...shape, ...batchShape, ...eventShape]; the same seed gives the same samples.
 */
import * as torch from "@torchts/autograd";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bernoulli, Beta, Binomial, Categorical, type Distribution, Exponential, Gamma, Multinomial, Normal, Poisson, Uniform } from "./index";

const shapeArb = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 });
const sampleShapeArb = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 });
const dtypeArb = fc.constantFrom(torch.float32, torch.float64);

/** A tensor of `shape` with values from `arb`. */
function tensorArb(shapeA: fc.Arbitrary<number[]>, arb: fc.Arbitrary<number>, dtype: torch.DType): fc.Arbitrary<torch.Tensor> {
  return shapeA.chain((shape) =>
    fc.array(arb, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }).map((data) =>
      torch.tensor(data, { dtype }).reshape(shape),
    ),
  );
}

const positive = fc.double({ min: 0.05, max: 20, noNaN: true });
const real = fc.double({ min: -50, max: 50, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Distributions with random (broadcasting) parameter shapes and values. */
const distributionArb: fc.Arbitrary<Distribution> = dtypeArb.chain((dtype) =>
  fc.oneof(
    fc.tuple(tensorArb(shapeArb, real, dtype), tensorArb(shapeArb, positive, dtype)).map(([l, s]) => safe(() => new Normal(l, s))),
    fc.tuple(tensorArb(fc.constant([2]), real, dtype), fc.double({ min: 0.1, max: 10, noNaN: true })).map(([l, w]) => new Uniform(l, l.add(w))),
    tensorArb(shapeArb, positive, dtype).map((r) => new Exponential(r)),
    tensorArb(shapeArb, fc.double({ min: 0, max: 2000, noNaN: true }), dtype).map((r) => new Poisson(r)),
    fc.tuple(tensorArb(shapeArb, positive, dtype), tensorArb(shapeArb, positive, dtype)).map(([a, b]) => safe(() => new Gamma(a, b))),
    fc.tuple(tensorArb(shapeArb, positive, dtype), tensorArb(shapeArb, positive, dtype)).map(([a, b]) => safe(() => new Beta(a, b))),
    tensorArb(shapeArb, unit, dtype).map((p) => new Bernoulli(p)),
    tensorArb(shapeArb, real, dtype).map((l) => new Bernoulli({ logits: l })),
    fc.tuple(fc.integer({ min: 0, max: 3000 }), tensorArb(shapeArb, unit, dtype)).map(([n, p]) => new Binomial(n, p)),
    tensorArb(
      shapeArb.map((s) => [...s, 4]),
      fc.double({ min: 0.01, max: 5, noNaN: true }),
      dtype,
    ).map((p) => new Categorical(p)),
    fc.tuple(
      fc.integer({ min: 1, max: 500 }), // torch.multinomial cannot sample 0 draws
      tensorArb(
        shapeArb.map((s) => [...s, 3]),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        dtype,
      ),
    ).map(([n, p]) => new Multinomial(n, p)),
  ),
);

/** Parameter shapes that do not broadcast are skipped (they raise, as in PyTorch). */
function safe(make: () => Distribution): Distribution {
  try {
    return make();
  } catch {
    return new Normal(0, 1);
  }
}

describe("properties", () => {
  it("Multinomial counts are non-negative integers that sum to totalCount", () => {
    const probsArb = fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 10, noNaN: true })), { minLength: 1, maxLength: 8 })
      .filter((p) => p.some((v) => v > 0));
    fc.assert(
      // totalCount 0 raises as torch.multinomial does (see args.test.ts)
      fc.property(fc.integer({ min: 1, max: 100_000 }), probsArb, sampleShapeArb, fc.integer(), (n, probs, sampleShape, seed) => {
        const counts = new Multinomial(n, torch.tensor(probs)).sample(sampleShape, { generator: new torch.Generator(seed) });
        expect([...counts.shape]).toEqual([...sampleShape, probs.length]);
        const rows = counts.reshape(-1, probs.length).tolist() as number[][];
        for (const row of rows) {
          expect(row.every((c, j) => Number.isInteger(c) && c >= 0 && (probs[j] > 0 || c === 0))).toBe(true);
          expect(row.reduce((a, b) => a + b, 0)).toBe(n);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("samples stay in their support", () => {
    fc.assert(
      fc.property(distributionArb, sampleShapeArb, fc.integer(), (d, sampleShape, seed) => {
        const x = d.sample(sampleShape, { generator: new torch.Generator(seed) });
        expect(x.isnan().any().item()).toBe(false);
        expect(d.support.check(x).all().item()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("sample(shape).shape equals [...shape, ...batchShape, ...eventShape]", () => {
    fc.assert(
      fc.property(distributionArb, sampleShapeArb, (d, sampleShape) => {
        const expected = [...sampleShape, ...d.batchShape, ...d.eventShape];
        expect([...d.sample(sampleShape).shape]).toEqual(expected);
        if (d.hasRsample) expect([...d.rsample(sampleShape).shape]).toEqual(expected);
        // logProb of its own samples is batched over [...shape, ...batchShape] and never NaN
        const lp = d.logProb(d.sample(sampleShape));
        expect([...lp.shape]).toEqual([...sampleShape, ...d.batchShape]);
        expect(lp.isnan().any().item()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("the same seed gives the same samples (explicit generator and manualSeed)", () => {
    fc.assert(
      fc.property(distributionArb, fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (d, seed) => {
        const a = d.sample([5], { generator: new torch.Generator(seed) });
        const b = d.sample([5], { generator: new torch.Generator(seed) });
        expect(a.equal(b)).toBe(true);
        torch.manualSeed(seed);
        const c = d.sample([5]);
        torch.manualSeed(seed);
        expect(d.sample([5]).equal(c)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
