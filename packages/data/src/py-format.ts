/**
 * Python's number-to-text rules, so printed frames and written CSVs match
 * pandas character for character: `repr(float)`, `f"{x: .6f}"` (round half to
 * even on the exact binary value) and `f"{x: .6e}"`.
 */

/** Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const e = x.toExponential(); // shortest round-trip digits, e.g. "1.5e+16"
  const [mant, expStr] = e.split("e");
  const exp = Number(expStr);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${neg ? "-" : ""}${m}e${exp < 0 ? "-" : "+"}${es}`;
  }
  let s: string;
  if (exp < 0) s = "0." + "0".repeat(-exp - 1) + digits;
  else if (digits.length > exp + 1) s = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  else s = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  return (neg ? "-" : "") + s;
}

/**
 * Python's str() of a cell value as pandas writes it into text (CSV cells,
 * dummy column names). `asFloat` says whether a number came from a float
 * column (3 → "3.0") or an integer one (3 → "3"); unset, integers print bare.
 */
export function pyStr(v: number | string | boolean, asFloat?: boolean): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  const f = asFloat ?? (!Number.isInteger(v) || Object.is(v, -0));
  if (f) return pyFloatRepr(v);
  return Math.abs(v) < 1e21 ? v.toFixed(0) : BigInt(v).toString();
}

/**
 * Python's `format(x, f" .{digits}f")` (with a leading space for non-negative
 * numbers when `space` is set). JS `toFixed` rounds exact ties away from zero,
 * Python to even: ties are detected exactly on the fractional part and fixed.
 */
export function pyFixed(x: number, digits: number, space: boolean): string {
  if (Number.isNaN(x)) return (space ? " " : "") + "nan";
  if (!Number.isFinite(x)) return x > 0 ? (space ? " inf" : "inf") : "-inf";
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  if (a >= 1e21) {
    body = BigInt(a).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  } else {
    body = a.toFixed(digits);
    const ip = Math.trunc(a);
    const frac = a - ip; // exact for doubles
    const scale = 2 * 10 ** digits;
    const t = frac * scale;
    // An exact tie means frac = (2n+1) / (2·10^d), which is a dyadic number only if 5^d divides 2n+1.
    if (Number.isInteger(t) && t % 2 === 1 && t % 5 ** digits === 0 && t / scale === frac) {
      const low = (t - 1) / 2;
      const k = low % 2 === 0 ? low : low + 1;
      const carry = k === 10 ** digits;
      const intPart = (carry ? ip + 1 : ip).toFixed(0);
      body = digits > 0 ? `${intPart}.${String(carry ? 0 : k).padStart(digits, "0")}` : intPart;
    }
  }
  return (neg ? "-" : space ? " " : "") + body;
}

/** Python's `format(x, f" .{digits}e")`: mantissa with `digits` decimals and a two-digit exponent at least. */
export function pyExp(x: number, digits: number, space: boolean): string {
  if (!Number.isFinite(x)) return pyFixed(x, digits, space);
  const neg = x < 0 || Object.is(x, -0);
  const s = Math.abs(x).toExponential(digits);
  const [m, e] = s.split("e");
  const ev = Number(e);
  const es = (ev < 0 ? "-" : "+") + String(Math.abs(ev)).padStart(2, "0");
  return (neg ? "-" : space ? " " : "") + m + "e" + es;
}
