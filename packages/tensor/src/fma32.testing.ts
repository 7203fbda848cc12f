/**
 * Exact float32 multiply-add by BigInt arithmetic, the reference of the fma32 tests (here, in
 * random-*.test.ts and in @torchts/optim's wasm-kernels.test.ts), and inputs built to be
 * double-rounding traps.
 */
const fr = Math.fround;
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** A finite double as m·2^e exactly (m a BigInt). */
function parts(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0];
  const exp = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (exp !== 0) m |= 1n << 52n;
  if (bits >> 63n) m = -m;
  return [m, (exp === 0 ? 1 : exp) - 1075];
}

/** a·b + c rounded once to float32 (ties to even), by exact integer arithmetic. */
export function exactFma32(a: number, b: number, c: number): number {
  const [ma, ea] = parts(a), [mb, eb] = parts(b), [mc, ec] = parts(c);
  const e = Math.min(ea + eb, ec);
  const x = ((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e)); // exact sum = x·2^e
  if (x === 0n) return fr(a * b) + c; // the sign of zero as IEEE adds it
  const neg = x < 0n, ax = neg ? -x : x;
  const len = ax.toString(2).length;
  // float32 keeps 24 bits, fewer for subnormals (lsb no finer than 2^-149)
  const shift = Math.max(len - 24, -149 - e);
  if (shift <= 0) return fr((neg ? -1 : 1) * Number(ax) * 2 ** e);
  let q = ax >> BigInt(shift);
  const rem = ax - (q << BigInt(shift)), half = 1n << BigInt(shift - 1);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  return fr((neg ? -1 : 1) * Number(q) * 2 ** (e + shift)); // 2¹²⁸ becomes Infinity
}

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}


/** The inverse of odd x modulo 2^j (j <= 64). */
function inverse(x: bigint, j: number): bigint {
  const mask = (1n << BigInt(j)) - 1n;
  let y = 1n;
  for (let i = 0; i < 6; i++) y = (y * (2n - x * y)) & mask; // Newton: doubles the correct bits
  return y;
}

/** A nonzero finite a as am·2^ea, am an odd integer. */
export function oddPart(a: number): { am: number; ea: number } {
  let am = Math.abs(a), ea = 0;
  while (!Number.isInteger(am)) (am *= 2), ea--;
  while (am % 2 === 0) (am /= 2), ea++;
  return { am, ea };
}

/**
 * a = am·2^ea with am odd, and the m in (0, bound) with am·m ≡ 2^(j−1) ± 1 (mod 2^j): then
 * a·m·2^(−j−ea) is 1/2 ± 2^−j modulo 1, just off a halfway point (j = 31 and 24-bit m unless given).
 */
export function multipliers(a: number, j = 31, bound = 2 ** 24): { ea: number; ms: number[] } {
  const { am, ea } = oddPart(a);
  const inv = inverse(BigInt(am), j), M = 1n << BigInt(j), half = M >> 1n;
  const ms = [half + 1n, half - 1n].map((x) => Number((x * inv) % M)).filter((m) => m > 0 && m < bound);
  return { ea, ms };
}

/**
 * A float32 near x for which θ + a·b has double-rounding traps (see nearHalfway). A fixed scalar
 * has them only for about one value in 64: the update θ − lr·b of most learning rates has none.
 */
export function trapScalar(x: number): number {
  for (let k = 0; ; k++) {
    const a = fr(x * (1 + k * 2 ** -23));
    if (multipliers(a).ms.length > 0) return a;
  }
}

/**
 * n parameters p and gradients b for which p + a·b (a a float32 scalar from trapScalar: the −lr
 * of an update) is 2⁻³¹ ulp away from a float32 halfway point: a·b/ulp(p) = N·2⁻³¹ with
 * N ≡ 2³⁰ ± 1 (mod 2³¹), so the exact sum needs 55 bits and its rounding to double lands on the
 * halfway point. About half of them round the wrong way when that double is rounded to float32
 * (the double-rounding traps).
 */
export function nearHalfway(n: number, a: number, seed: number): { p: Float32Array; b: Float32Array } {
  const r = rng(seed);
  const { ea, ms } = multipliers(a);
  if (ms.length === 0) throw new Error(`nearHalfway: ${a} has no traps; take one from trapScalar`);
  const p = new Float32Array(n), b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = fr(1 + Math.floor(r() * 2 ** 23) * 2 ** -23) * (r() < 0.5 ? -1 : 1) * 2 ** Math.floor(r() * 8 - 4);
    const ulpExp = Math.floor(Math.log2(Math.abs(p[i]))) - 23;
    b[i] = ms[Math.floor(r() * ms.length)] * 2 ** (ulpExp - 31 - ea) * (r() < 0.5 ? -1 : 1);
  }
  return { p, b };
}
