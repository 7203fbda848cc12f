/**
 * Python's number-to-text rules, the one copy torchts uses wherever its output
 * must match Python's character for character: tensor printing (format.ts),
 * pandas' frames and CSVs (@torchts/data) and PyTorch's messages
 * (@torchts/probability), which import it as `@torchts/tensor/py-format`.
 *
 * - `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16;
 * - `format(x, ".pf")`, `format(x, ".pe")`, `format(x, ".pg")`: the exact
 *   decimal value of the double, ties rounded to even (JavaScript's toFixed and
 *   toExponential round exact ties away from zero);
 * - `str(value)`, `tuple(shape)`, `torch.Size`, and `'{}'.format(value)`.
 *
 * It imports nothing, so the subpath loads this file alone.
 */

/**
 * Python's `repr(x)` of a float.
 * @example pyFloatRepr(1) // "1.0";  pyFloatRepr(1e-7) // "1e-07";  pyFloatRepr(1.5e16) // "1.5e+16"
 */
export function pyFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() without digits gives the shortest round-trip mantissa, as Python's repr does
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return mantissa + exponentSuffix(exp);
  // in this range String() never uses an exponent and gives the same shortest digits
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/**
 * Python's `str(v)` of a cell or scalar value. `asFloat` says whether a number
 * is a Python float (3 → "3.0") or an int (3 → "3"); unset, integers print bare
 * and -0 prints as the float it must be.
 * @example pyStr(3, true) // "3.0";  pyStr(true) // "True";  pyStr(1e21, false) // "1000000000000000000000"
 */
export function pyStr(v: number | string | boolean, asFloat?: boolean): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  const f = asFloat ?? (!Number.isInteger(v) || Object.is(v, -0));
  if (f) return pyFloatRepr(v);
  return Math.abs(v) < 1e21 ? v.toFixed(0) : BigInt(v).toString();
}

/**
 * Python's `format(x, ".{p}f")`, or `format(x, " .{p}f")` with `space` (a
 * leading space for non-negative values, nan and inf included).
 * @example pyFixed(2.5, 0) // "2";  pyFixed(0.125, 2) // "0.12";  pyFixed(1, 2, true) // " 1.00"
 */
export function pyFixed(x: number, p: number, space = false): string {
  if (!Number.isFinite(x)) return signed(nonFinite(x), x < 0, space);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e21) {
    // toFixed switches to exponent form here; such doubles are integers.
    s = BigInt(a).toString() + (p > 0 ? "." + "0".repeat(p) : "");
  } else {
    s = a.toFixed(p);
    // a·10^p ends in exactly .5 iff a = m·2^-(p+1) with m odd.
    if (oddMantissaExponent(a) === -(p + 1)) s = roundTieDown(s, s.length - 1);
  }
  return signed(s, neg, space);
}

/**
 * Python's `format(x, ".{p}e")` (with `space`, `" .{p}e"`): at least two exponent digits.
 * @example pyExponential(123456, 4) // "1.2346e+05";  pyExponential(1.125, 2) // "1.12e+00"
 */
export function pyExponential(x: number, p: number, space = false): string {
  if (!Number.isFinite(x)) return signed(nonFinite(x), x < 0, space);
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toExponential(p);
  const ePos = s.indexOf("e");
  const exp10 = Number(s.slice(ePos + 1));
  if (a !== 0 && isExponentialTie(a, p - exp10)) s = roundTieDown(s, ePos - 1);
  return signed(s.slice(0, ePos) + exponentSuffix(exp10), neg, space);
}

/**
 * Python's `format(x, ".{p}g")` (C's `%g`, and C++ streams' default with p = 6):
 * `p` significant digits, exponent form when the exponent is below -4 or at least
 * `p`, trailing zeros dropped.
 * @example pyGeneral(3.4028234663852886e38) // "3.40282e+38";  pyGeneral(1e-6) // "1e-06";  pyGeneral(0.5) // "0.5"
 */
export function pyGeneral(x: number, p = 6): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const digits = Math.max(p, 1);
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const e = pyExponential(x, digits - 1);
  const ePos = e.indexOf("e");
  const exp10 = Number(e.slice(ePos + 1));
  const trim = (m: string) => (m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m);
  if (exp10 < -4 || exp10 >= digits) return trim(e.slice(0, ePos)) + exponentSuffix(exp10);
  return trim(pyFixed(x, digits - 1 - exp10));
}

/**
 * Python's `tuple(shape)`.
 * @example pyTuple([]) // "()";  pyTuple([2]) // "(2,)";  pyTuple([2, 3]) // "(2, 3)"
 */
export function pyTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * `repr(torch.Size(shape))`.
 * @example pySize([2, 3]) // "torch.Size([2, 3])"
 */
export function pySize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(", ")}])`;
}

/** What `pyFormat` needs of a tensor (structural, so this module imports no Tensor). */
export interface FormattableTensor {
  readonly ndim: number;
  readonly dtype: { readonly isFloatingPoint: boolean };
  item(): number | boolean;
  toString(): string;
}

/**
 * `'{}'.format(value)`: a 0-d tensor formats as its Python scalar, any other
 * tensor as its repr; a number is a float unless `isInt` and it is an integer.
 * @example pyFormat(tensor(0.5)) // "0.5";  pyFormat(2) // "2.0";  pyFormat(2, true) // "2"
 */
export function pyFormat(value: FormattableTensor | number, isInt = false): string {
  if (typeof value === "number") return pyStr(value, !(isInt && Number.isInteger(value)));
  return value.ndim === 0 ? pyStr(value.item(), value.dtype.isFloatingPoint) : String(value);
}

// ---- helpers ----------------------------------------------------------------

function nonFinite(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

function signed(body: string, neg: boolean, space: boolean): string {
  if (body.startsWith("-")) return body;
  return (neg ? "-" : space ? " " : "") + body;
}

/** `e+05`, `e-07`, `e+308`: Python writes at least two exponent digits. */
function exponentSuffix(exp10: number): string {
  return (exp10 < 0 ? "e-" : "e+") + String(Math.abs(exp10)).padStart(2, "0");
}

/** a·10^q = k + 1/2 exactly, for a = m·2^e (m odd). */
function isExponentialTie(a: number, q: number): boolean {
  const e = oddMantissaExponent(a);
  if (e + q !== -1) return false;
  if (q >= 0) return true;
  const five = 5 ** -q; // m must also be a multiple of 5^-q
  return five <= 2 ** 53 && oddMantissa(a) % five === 0;
}

/** JS rounded a tie up; if that made the digit at `pos` odd, the even neighbour is one below. */
function roundTieDown(s: string, pos: number): string {
  const d = s.charCodeAt(pos) - 48;
  if (d % 2 === 0) return s;
  return s.slice(0, pos) + String(d - 1) + s.slice(pos + 1);
}

const view = new DataView(new ArrayBuffer(8));

/** Decomposes a finite positive double as m·2^e with m odd; returns [m, e]. */
function decompose(a: number): [number, number] {
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 2 ** 32 + lo;
  let e = -1074;
  if (biased !== 0) {
    m += 2 ** 52;
    e = biased - 1075;
  }
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  return [m, e];
}

function oddMantissaExponent(a: number): number {
  return a === 0 ? 0 : decompose(a)[1];
}

function oddMantissa(a: number): number {
  return decompose(a)[0];
}
