/**
 * bernoulli, multinomial and the exponential fill, drawing as PyTorch 1.13's CPU
 * kernels do in a build without MKL (Debian's; see docs/pytorch-to-torchts.md):
 *
 * - bernoulli with a float32 probability tensor: `float uniform < p` (one word);
 *   with float64 probabilities or a number p: `double uniform < p` (two words);
 * - exponential_(λ): `−1/λ · log(1 − u)` on a double uniform;
 * - multinomial without replacement: the exponential race,
 *   `argmax`/`topk` of `p / q` with `q ~ Exp(1)` drawn for every category;
 * - multinomial with replacement: per row, the normalised cumulative sum (in the
 *   input's dtype) and a binary search for each double uniform.
 */
import { allocate, float32, float64, int64 } from "./dtype";
import { RuntimeError } from "./errors";
import type { Generator } from "./random";
import { MT_N } from "./mt19937";
import { Tensor } from "./tensor";

const TWO_M24 = 5.9604644775390625e-8;
const TWO_M53 = 1.1102230246251565e-16;

/** out[i] = 1 if a uniform (float draw for float32 `p`, double otherwise) falls below p[i] (p broadcast to out's size already). */
export function fillBernoulliTensor(out: { length: number; [i: number]: number }, p: ArrayLike<number>, pIsFloat32: boolean, g: Generator): void {
  const mt = g._mt;
  if (pIsFloat32) for (let i = 0; i < out.length; i++) out[i] = (mt.nextUint32() & 0xffffff) * TWO_M24 < p[i] ? 1 : 0;
  else for (let i = 0; i < out.length; i++) out[i] = g.random() < p[i] ? 1 : 0;
}

/**
 * out[i] = 1 with probability p (a number): double uniform (two words, g.random()) < p.
 * The words are tempered inline, as random-fill.ts does: dropout draws its mask here, and a
 * method call per word cost ~2x the fill.
 */
export function fillBernoulliScalar(out: { length: number; [i: number]: number }, p: number, g: Generator): void {
  const mt = g._mt;
  const s = mt.state;
  let left = mt.left;
  let next = mt.next;
  for (let i = 0; i < out.length; i++) {
    if (--left === 0) {
      mt.twist();
      left = MT_N;
      next = 0;
    }
    let y = s[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    const hi = (y ^ (y >>> 18)) & 0x1fffff;
    if (--left === 0) {
      mt.twist();
      left = MT_N;
      next = 0;
    }
    y = s[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    // Number(bool), not `? 1 : 0`: V8 selects without a branch (a 50% mask mispredicts every other word)
    out[i] = Number((hi * 4294967296 + ((y ^ (y >>> 18)) >>> 0)) * TWO_M53 < p);
  }
  mt.left = left;
  mt.next = next;
}

/** Exponential deviates with rate λ: −1/λ · log(1 − u), u a double uniform (exponential_distribution<double>). */
export function fillExponential(out: { length: number; [i: number]: number }, lambd: number, g: Generator): void {
  const k = -1 / lambd;
  for (let i = 0; i < out.length; i++) out[i] = k * Math.log(1 - g.random());
}

/**
 * Indices drawn from the rows of `probs` (1-D or 2-D, unnormalised weights).
 * @example torch.multinomial(torch.tensor([0.2, 0.8]), 4, true) // shape [4], values in {0, 1}
 */
export function multinomialSample(op: string, probs: Tensor, numSamples: number, replacement: boolean, g: Generator): Tensor {
  if (!(probs instanceof Tensor)) throw new RuntimeError(`${op}: expected a tensor of probabilities`);
  if (probs.ndim !== 1 && probs.ndim !== 2) throw new RuntimeError(`${op}: prob_dist must be 1 or 2 dim`);
  if (!probs.dtype.isFloatingPoint) throw new RuntimeError(`${op}: multinomial only supports floating-point dtypes for input, got: ${probs.dtype.name}`);
  if (probs.dtype.code >= 8) throw new RuntimeError(`"${op}" not implemented for '${probs.dtype.scalarType}' in torchts (use probs.float())`);
  if (!Number.isInteger(numSamples) || numSamples <= 0) throw new RuntimeError(`${op}: cannot sample n_sample <= 0 samples`);
  const nCat = probs.shape[probs.ndim - 1];
  if (!replacement && numSamples > nCat) throw new RuntimeError(`${op}: cannot sample n_sample > prob_dist.size(-1) samples without replacement`);
  if (nCat > 1 << 24) throw new RuntimeError(`${op}: number of categories cannot exceed 2^24`);
  const nDist = probs.ndim === 2 ? probs.shape[0] : 1;
  const p = probs.contiguous()._values() as Float32Array | Float64Array;
  const out = allocate(int64, nDist * numSamples) as Float64Array;
  const outShape = probs.ndim === 2 ? [nDist, numSamples] : [numSamples];
  if (nDist * nCat === 0) return Tensor._fromData(out, outShape, int64);
  const isF32 = probs.dtype === float32;
  // 1.13 races only without replacement (later versions also for one sample with replacement)
  if (!replacement) {
    let bad = false;
    for (let i = 0; i < p.length; i++) if (!(p[i] >= 0 && p[i] < Infinity)) bad = true;
    if (bad) throw new RuntimeError(`${op}: probability tensor contains either \`inf\`, \`nan\` or element < 0`);
    for (let r = 0; r < nDist; r++) {
      let s = 0;
      for (let j = 0; j < nCat; j++) s += p[r * nCat + j];
      if (s === 0) throw new RuntimeError(`${op}: invalid multinomial distribution (sum of probabilities <= 0)`);
    }
    // q ~ Exp(1) for every element (in the input's dtype), then p / q: the largest ratios win
    const q = allocate(probs.dtype === float64 ? float64 : float32, p.length) as Float32Array | Float64Array;
    fillExponential(q, 1, g);
    for (let i = 0; i < q.length; i++) q[i] = p[i] / q[i];
    const idx: number[] = [];
    for (let r = 0; r < nDist; r++) {
      const base = r * nCat;
      if (numSamples === 1) {
        let best = 0;
        for (let j = 1; j < nCat; j++) if (q[base + j] > q[base + best] || (q[base + j] !== q[base + j] && q[base + best] === q[base + best])) best = j;
        out[r] = best;
        continue;
      }
      idx.length = nCat;
      for (let j = 0; j < nCat; j++) idx[j] = j;
      // topk(largest, sorted): PyTorch orders ties (zero-probability categories) in its own heap order; we keep index order
      idx.sort((a, b) => q[base + b] - q[base + a] || a - b);
      for (let k = 0; k < numSamples; k++) out[r * numSamples + k] = idx[k];
    }
    return Tensor._fromData(out, outShape, int64);
  }
  const cum = isF32 ? new Float32Array(nCat) : new Float64Array(nCat);
  for (let r = 0; r < nDist; r++) {
    let sum = 0;
    for (let j = 0; j < nCat; j++) {
      const v = p[r * nCat + j];
      if (!(v >= 0)) throw new RuntimeError(`${op}: invalid multinomial distribution (encountering probability entry < 0)`);
      if (!Number.isFinite(v)) throw new RuntimeError(`${op}: invalid multinomial distribution (encountering probability entry = infinity or NaN)`);
      sum = isF32 ? Math.fround(sum + v) : sum + v;
      cum[j] = sum;
    }
    if (!(sum > 0)) throw new RuntimeError(`${op}: invalid multinomial distribution (sum of probabilities <= 0)`);
    for (let j = 0; j < nCat; j++) cum[j] /= sum;
    cum[nCat - 1] = 1;
    for (let k = 0; k < numSamples; k++) {
      const u = g.random();
      let left = 0;
      let right = nCat;
      while (right - left > 0) {
        const mid = left + ((right - left) >> 1);
        if (cum[mid] < u) left = mid + 1;
        else right = mid;
      }
      out[r * numSamples + k] = left;
    }
  }
  return Tensor._fromData(out, outShape, int64);
}
