/**
 * pandas' numeric field grammar for read_csv, parsed straight from the field
 * string without regular expressions (this runs ten million times for a
 * 1M×10 file):
 *
 *   [whitespace] [+|-] digits [. digits] [(e|E) [+|-] digits] [whitespace]
 *
 * with at least one mantissa digit; "1.", ".5", "+1", "0001" are accepted,
 * "1e", "0x10", "1_000", "1 2" are not. "inf"/"infinity" (any case, optional
 * sign, no surrounding space) are floats. A literal that overflows a double
 * ("1e500") is not a number, as in pandas.
 */

export const NOT_NUMBER = 0;
export const INT = 1;
export const FLOAT = 2;
/** An integer literal outside ±(2^53 − 1): it has no exact int64 here. */
export const BIG_INT = 3;

// Exact powers of ten: m·10^e with m < 2^53 and |e| ≤ 22 is correctly rounded in one operation.
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Parses one field; read `kind` after each call. */
export class NumberParser {
  kind = NOT_NUMBER;

  parse(s: string): number {
    const n = s.length;
    let i = 0;
    let c = n > 0 ? s.charCodeAt(0) : 0;
    while (i < n && isSpace(c)) c = ++i < n ? s.charCodeAt(i) : 0;
    const begin = i;
    let neg = false;
    if (c === 45 || c === 43) {
      neg = c === 45;
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    let m = 0;
    let sig = 0; // significant digits accumulated into m
    let digits = 0;
    let dropped = 0; // integer digits beyond 15 significant ones
    let scale = 0;
    while (i < n && c >= 48 && c <= 57) {
      if (sig < 15) {
        m = m * 10 + (c - 48);
        if (m > 0) sig++;
      } else dropped++;
      digits++;
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    let isInt = true;
    if (i < n && c === 46) {
      isInt = false;
      c = ++i < n ? s.charCodeAt(i) : 0;
      while (i < n && c >= 48 && c <= 57) {
        if (sig < 15) {
          m = m * 10 + (c - 48);
          if (m > 0) sig++;
          scale++;
        } else dropped++;
        digits++;
        c = ++i < n ? s.charCodeAt(i) : 0;
      }
    }
    if (digits === 0) return this.special(s, begin);
    let exp = 0;
    if (i < n && (c === 101 || c === 69)) {
      isInt = false;
      c = ++i < n ? s.charCodeAt(i) : 0;
      let eneg = false;
      if (c === 45 || c === 43) {
        eneg = c === 45;
        c = ++i < n ? s.charCodeAt(i) : 0;
      }
      let ed = 0;
      while (i < n && c >= 48 && c <= 57) {
        if (exp < 100000) exp = exp * 10 + (c - 48);
        ed++;
        c = ++i < n ? s.charCodeAt(i) : 0;
      }
      if (ed === 0) return this.fail();
      if (eneg) exp = -exp;
    }
    const end = i;
    while (i < n && isSpace(c)) c = ++i < n ? s.charCodeAt(i) : 0;
    if (i !== n) return this.fail();

    if (isInt) {
      if (dropped === 0) {
        this.kind = INT;
        return neg ? -m : m;
      }
      const v = Number(s.slice(begin, end));
      this.kind = Number.isSafeInteger(v) ? INT : BIG_INT;
      return v;
    }
    this.kind = FLOAT;
    const e10 = exp - scale;
    if (dropped === 0 && e10 >= -22 && e10 <= 22) {
      const v = e10 < 0 ? m / POW10[-e10] : m * POW10[e10];
      return neg ? -v : v;
    }
    const v = Number(s.slice(begin, end));
    if (!Number.isFinite(v)) return this.fail();
    return v;
  }

  private fail(): number {
    this.kind = NOT_NUMBER;
    return NaN;
  }

  /** inf / infinity words, which pandas accepts only without surrounding whitespace. */
  private special(s: string, begin: number): number {
    if (begin !== 0) return this.fail();
    let t = s;
    let sign = 1;
    const c = t.charCodeAt(0);
    if (c === 43 || c === 45) {
      sign = c === 45 ? -1 : 1;
      t = t.slice(1);
    }
    if (t.length !== 3 && t.length !== 8) return this.fail();
    const low = t.toLowerCase();
    if (low !== "inf" && low !== "infinity") return this.fail();
    this.kind = FLOAT;
    return sign * Infinity;
  }
}
