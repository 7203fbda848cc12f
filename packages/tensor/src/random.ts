/**
 * Random numbers: one global seedable generator (`manualSeed`) or an explicit
 * `Generator`, both on pure-rand's xoroshiro128+. The same seed gives the same
 * samples in torchts (PyTorch's mt19937 streams are not reproduced).
 */
import { inspect } from "node:util";
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { TypeError } from "./errors";

type Engine = ReturnType<typeof xoroshiro128plusFromState>;
const TWO_M53 = 1 / 9007199254740992;

/**
 * Expand a seed into xoroshiro128+'s 128-bit state with SplitMix32, as the
 * generator's authors recommend: seeding the state with the raw seed makes the
 * first outputs nearly identical for every small seed.
 */
function engineFor(seed: number): Engine {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let a = lo ^ Math.imul(hi, 0x85ebca6b);
  const next = (): number => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) | 0;
  };
  return xoroshiro128plusFromState([next(), next(), next(), next()]);
}

export class Generator {
  private engine: Engine;
  private seed: number;
  private spare = NaN;

  constructor(seed = 67280421310721) {
    this.seed = seed;
    this.engine = engineFor(seed);
  }
  /** Re-seed; returns the generator (like torch.Generator.manual_seed). */
  manualSeed(seed: number): this {
    if (!Number.isInteger(seed)) throw new TypeError(`manualSeed: seed must be an integer, got ${seed}`);
    this.seed = seed;
    this.engine = engineFor(seed);
    this.spare = NaN;
    return this;
  }
  initialSeed(): number {
    return this.seed;
  }
  toString(): string {
    return `<torch.Generator initialSeed=${this.seed}>`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    return this.engine.next() >>> 0;
  }
  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.engine.next() >>> 5;
    const lo = this.engine.next() >>> 6;
    return (hi * 67108864 + lo) * TWO_M53;
  }
  /** A uniform double in [0, 1) with 24 random bits (enough for float32). */
  random24(): number {
    return (this.engine.next() >>> 8) * 5.9604644775390625e-8;
  }
  /** A standard normal deviate (Marsaglia's polar method, caching the pair). */
  normal(): number {
    const s0 = this.spare;
    if (s0 === s0) {
      this.spare = NaN;
      return s0;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
  /** A uniform integer in [low, high). */
  integer(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low));
  }
}

export const defaultGenerator = new Generator();

/** Seed the global generator (torch.manual_seed). */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}

export function initialSeed(): number {
  return defaultGenerator.initialSeed();
}
