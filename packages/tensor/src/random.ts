/**
 * Random numbers as PyTorch's CPU generator makes them: one global generator
 * (`manualSeed`) or an explicit `Generator`, each a 32-bit Mersenne Twister
 * (mt19937.ts) with PyTorch's 64-bit seed, its cached second normal deviate and
 * its `get_rng_state` byte layout (rng-state.ts). The same seed and the same
 * calls give PyTorch's numbers (sampling.ts, random-fill.ts say how each op draws).
 */
import { inspect } from "node:util";
import { randomBytes } from "node:crypto";
import { MT19937 } from "./mt19937";
import { RuntimeError, ValueError, argTypeError, describeValue } from "./errors";

/** PyTorch's default CPU seed (c10's default_rng_seed_val). */
const DEFAULT_SEED = 67280421310721n;
const TWO_64 = 1n << 64n;
const TWO_63 = 1n << 63n;
const TWO_M24 = 5.9604644775390625e-8;
const TWO_M53 = 1.1102230246251565e-16;
const TWO_PI = 2 * Math.PI;

/** A seed as JavaScript may give it, made PyTorch's uint64 (a negative int64 wraps, as THPGenerator_manualSeed does). */
export function toSeed64(fn: string, seed: unknown, truncate: boolean): bigint {
  let s: bigint;
  if (typeof seed === "bigint") s = seed;
  else if (!truncate) {
    // torch.Generator.manual_seed takes integers only (a float, a bool, a string: RuntimeError)
    if (typeof seed !== "number" || !Number.isInteger(seed)) {
      const kind = typeof seed === "number" ? "float" : typeof seed === "boolean" ? "bool" : describeValue(seed);
      throw new RuntimeError(`${fn} expected a long, but got ${kind}`);
    }
    s = BigInt(seed);
  } else if (typeof seed === "number") {
    // torch.manual_seed calls int(seed) first: 1.5 seeds 1
    if (Number.isNaN(seed)) throw new ValueError(`${fn}: cannot convert float NaN to integer`);
    if (!Number.isFinite(seed)) throw new ValueError(`${fn}: cannot convert float infinity to integer`);
    s = BigInt(Math.trunc(seed));
  } else if (typeof seed === "boolean") s = seed ? 1n : 0n;
  else throw argTypeError(fn, "seed", 1, "int", seed);
  if (s < -TWO_63 || s >= TWO_64) throw new RuntimeError(`${fn}: Overflow when unpacking long (seed ${s} is outside [-2^63, 2^64))`);
  return s < 0n ? s + TWO_64 : s;
}

/** A uint64 as a number when it is exact, else as a bigint. */
function seedValue(s: bigint): number | bigint {
  return s <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(s) : s;
}

export class Generator {
  /** @internal the engine: random-fill.ts reads its state directly. */
  readonly _mt = new MT19937();
  /** @internal the seed, a uint64. */
  _seed = DEFAULT_SEED;
  /** @internal normal_distribution<double>'s cached sin deviate (PyTorch's next_double_normal_sample), NaN when none. */
  _nextDouble = NaN;
  /** @internal the float twin (next_float_normal_sample): no CPU sampler uses it, but the state carries it. */
  _nextFloat = NaN;

  /**
   * A CPU generator, seeded with PyTorch's default seed (67280421310721), or with
   * `seed` (a torchts shorthand for `new Generator().manualSeed(seed)`).
   * @example const g = new torch.Generator().manualSeed(1); torch.rand([2], { generator: g })
   */
  constructor(seed?: number | bigint) {
    this.manualSeed(seed ?? DEFAULT_SEED);
  }

  /**
   * Re-seed with an integer in [-2^63, 2^64) (a number or a bigint; a negative one
   * wraps to uint64 as in PyTorch); returns the generator (torch.Generator.manual_seed).
   */
  manualSeed(seed: number | bigint): this {
    return this._reseed(toSeed64("manual_seed", seed, false));
  }

  /** @internal */
  _reseed(seed: bigint): this {
    this._seed = seed;
    this._mt.seed(Number(seed & 0xffffffffn));
    this._nextDouble = NaN;
    this._nextFloat = NaN;
    return this;
  }

  /** Re-seed from the operating system's randomness (64 bits, as PyTorch); returns the new seed. */
  seed(): number | bigint {
    this._reseed(randomBytes(8).readBigUInt64LE(0));
    return seedValue(this._seed);
  }

  /** The seed last set: a number when it fits exactly, a bigint above 2^53. */
  initialSeed(): number | bigint {
    return seedValue(this._seed);
  }

  toString(): string {
    return `<torch.Generator initialSeed=${this._seed}>`;
  }
  [inspect.custom](): string {
    return this.toString();
  }

  /** The next 32-bit word of the stream (PyTorch's `random()`). */
  nextUint32(): number {
    return this._mt.nextUint32();
  }
  /** The next 64-bit value, two words high first (PyTorch's `random64()`). */
  nextUint64(): bigint {
    const hi = this._mt.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(this._mt.nextUint32());
  }
  /** A double in [0, 1): the low 53 bits of `random64()` · 2⁻⁵³ (uniform_real_distribution<double>). */
  random(): number {
    const hi = this._mt.nextUint32() & 0x1fffff;
    return (hi * 4294967296 + this._mt.nextUint32()) * TWO_M53;
  }
  /** A float in [0, 1): the low 24 bits of `random()` · 2⁻²⁴ (uniform_real_distribution<float>). */
  random24(): number {
    return (this._mt.nextUint32() & 0xffffff) * TWO_M24;
  }
  /**
   * A standard normal deviate as normal_distribution<double> draws it: Box-Muller
   * on two uniform doubles, returning the cosine and keeping the sine for the next call.
   */
  normal(): number {
    const c = this._nextDouble;
    if (c === c) {
      this._nextDouble = NaN;
      return c;
    }
    const u1 = this.random();
    const u2 = this.random();
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = TWO_PI * u1;
    this._nextDouble = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
  /** An integer in [low, high) as random_(from, to) draws it: a 32-bit word (64-bit past 2^32) modulo the range. */
  integer(low: number, high: number): number {
    const range = high - low;
    if (range <= 4294967296 - 1) return low + (this._mt.nextUint32() % range);
    return low + Number(this.nextUint64() % BigInt(range));
  }
  /** The state as `torch.get_rng_state()` gives it (a 5056-byte uint8 tensor); see rng-state.ts. */
  getState(): import("./tensor").Tensor {
    return stateCodec.get(this);
  }
  /** Restore a state from getState() or PyTorch's `get_rng_state()`; returns the generator. */
  setState(state: import("./tensor").Tensor): this {
    stateCodec.set(this, state);
    return this;
  }
}

/** rng-state.ts registers the byte codec here (it needs Tensor, which this module must not import). */
export const stateCodec: {
  get: (g: Generator) => import("./tensor").Tensor;
  set: (g: Generator, state: import("./tensor").Tensor) => void;
} = {
  get: () => {
    throw new RuntimeError("getState: the state codec is not loaded");
  },
  set: () => {
    throw new RuntimeError("setState: the state codec is not loaded");
  },
};

export const defaultGenerator = new Generator();

/** Seed the global generator (torch.manual_seed): like PyTorch it takes int(seed), so 1.5 seeds 1. */
export function manualSeed(seed: number | bigint | boolean): Generator {
  return defaultGenerator._reseed(toSeed64("manual_seed", seed, true));
}

/** Re-seed the global generator from the system's randomness (torch.seed); returns the seed. */
export function seed(): number | bigint {
  return defaultGenerator.seed();
}

/** The global generator's seed (torch.initial_seed). */
export function initialSeed(): number | bigint {
  return defaultGenerator.initialSeed();
}

/** The global generator's state (torch.get_rng_state): a 5056-byte uint8 tensor. */
export function getRngState(): import("./tensor").Tensor {
  return defaultGenerator.getState();
}

/** Restore the global generator's state (torch.set_rng_state). */
export function setRngState(state: import("./tensor").Tensor): void {
  defaultGenerator.setState(state);
}

/** The generator a sampler uses: `options.generator`, checked, or the global one. */
export function generatorOf(fn: string, g: unknown): Generator {
  if (g === undefined || g === null) return defaultGenerator;
  if (g instanceof Generator) return g;
  throw argTypeError(fn, "generator", undefined, "torch.Generator", g);
}
