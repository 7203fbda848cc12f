/**
 * Scalar helpers with PyTorch (C/C++) semantics where JavaScript's built-ins
 * differ. They are small enough for TurboFan to inline into the loops of
 * js-elementwise.ts, so there is no call per element in optimised code.
 */

/** torch.round: round half to even (Math.round rounds half toward +∞). */
export function rint(v: number): number {
  const r = Math.round(v);
  // r - v is exactly 0.5 only at a tie; move odd results down to the even neighbour.
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** C pow: pow(1, y) = 1 and pow(x, ±0) = 1 for any y/x (also NaN); pow(-1, ±∞) = 1. JS gives NaN. */
export function powC(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/**
 * Integer pow for outputs of 32 bits or fewer: exponentiation by squaring in
 * 32-bit multiplication, so the low bits are PyTorch's (3 ** 40 in int32 is
 * 689956897). A negative exponent gives 1 for base 1, ±1 for base -1 and 0
 * otherwise, as PyTorch's powi.
 */
export function ipow(a: number, b: number): number {
  if (b < 0) return a === 1 ? 1 : a === -1 ? (b % 2 === 0 ? 1 : -1) : 0;
  let r = 1;
  let x = a | 0;
  while (b > 0) {
    if (b % 2 === 1) r = Math.imul(r, x);
    x = Math.imul(x, x);
    b = Math.floor(b / 2);
  }
  return r;
}

/** torch.floor_divide (ATen div_floor_floating): floor(a / b) computed so it agrees with remainder. */
export function floorDiv(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div !== 0) {
    let fl = Math.floor(div);
    if (div - fl > 0.5) fl += 1;
    return fl;
  }
  const q = a / b; // copysign(0, a / b)
  return q < 0 || (q === 0 && 1 / q < 0) ? -0 : 0;
}

/** torch.remainder: the result has the sign of the divisor (Python's %). */
export function remainder(a: number, b: number): number {
  let m = a % b;
  if (m !== 0 && b < 0 !== m < 0) m += b;
  return m;
}

/** torch.maximum: NaN propagates; otherwise std::max (returns a on ties, so maximum(-0, 0) = -0). */
export function maximum(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return a < b ? b : a;
}

/** torch.minimum: NaN propagates; otherwise std::min. */
export function minimum(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return b < a ? b : a;
}
