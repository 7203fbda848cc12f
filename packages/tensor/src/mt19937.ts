/**
 * The 32-bit Mersenne Twister exactly as PyTorch's CPU generator runs it
 * (aten/src/ATen/core/MT19937RNGEngine.h): the standard initialisation of the
 * seed's low 32 bits, and the `left`/`next` counters PyTorch keeps, so that a
 * state saved by `torch.get_rng_state()` (which stores them) resumes here at
 * the same word and the other way round.
 *
 * The bulk fills (random-fill.ts) read `state`, `left` and `next` directly and
 * call `twist()`: a method call per word would cost more than the word.
 */
export const MT_N = 624;
const MT_M = 397;
// as int32 constants: V8 keeps the whole twist in 32-bit registers (a uint32 above 2^31 is a double)
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  /** The 624 state words (as PyTorch stores them: untempered), as int32 bit patterns (an Int32Array is ~2x faster here). */
  readonly state = new Int32Array(MT_N);
  /** Words left before the next twist, plus one (PyTorch's `left_`: 1 right after seeding). */
  left = 1;
  /** The index of the next word to temper (PyTorch's `next_`). */
  next = 0;

  constructor(seed32 = 5489) {
    this.seed(seed32);
  }

  /** The standard initialisation (init_genrand) of a 32-bit seed. */
  seed(seed32: number): void {
    const s = this.state;
    s[0] = seed32;
    for (let j = 1; j < MT_N; j++) {
      const p = s[j - 1];
      s[j] = Math.imul(1812433253, p ^ (p >>> 30)) + j;
    }
    this.left = 1;
    this.next = 0;
  }

  /** Regenerate all 624 words (PyTorch's next_state). */
  twist(): void {
    const s = this.state;
    let j = 0;
    for (; j < MT_N - MT_M; j++) {
      const y = (s[j] & UPPER_MASK) | (s[j + 1] & LOWER_MASK);
      s[j] = s[j + MT_M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; j < MT_N - 1; j++) {
      const y = (s[j] & UPPER_MASK) | (s[j + 1] & LOWER_MASK);
      s[j] = s[j + MT_M - MT_N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (s[MT_N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
    s[MT_N - 1] = s[MT_M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.left = MT_N;
    this.next = 0;
  }

  /** The next tempered 32-bit word, as an unsigned number. */
  nextUint32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return (y ^ (y >>> 18)) >>> 0;
  }

  /** Fill `out[0..n)` with the next n tempered words (the bulk path of every sampler). */
  fillUint32(out: Uint32Array | Int32Array, n: number): void {
    const s = this.state;
    let left = this.left;
    let next = this.next;
    for (let i = 0; i < n; i++) {
      if (--left === 0) {
        this.twist();
        left = MT_N;
        next = 0;
      }
      let y = s[next++];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      out[i] = y ^ (y >>> 18);
    }
    this.left = left;
    this.next = next;
  }

  /** PyTorch's validity check on a restored state (mt19937::is_valid, with `seeded` checked by the caller). */
  isValid(): boolean {
    return this.left > 0 && this.left <= MT_N && this.next <= MT_N;
  }

  copyFrom(other: MT19937): void {
    this.state.set(other.state);
    this.left = other.left;
    this.next = other.next;
  }
}
