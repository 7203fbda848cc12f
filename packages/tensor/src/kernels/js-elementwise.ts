/**
 * Plain-TypeScript elementwise kernels.
 *
 * Each op is one expression over `v` (unary) or `a`, `b` (binary), in its
 * declaration (unary-ops.ts, binary-ops.ts, logical-ops.ts). A build-time script
 * (scripts/gen-js-elementwise.mjs) writes one loop literal per (op, operand
 * kind, output kind) into loops/*.generated.ts, where the kind is the array
 * class (Float32Array, Float64Array for float64 and int64, ...) plus "bool" for
 * a bool output; a test fails when those files are stale. Why a literal each:
 * a single generic loop called with several array types becomes polymorphic in
 * V8 and runs 2-4x slower; a separate function per signature keeps every loop
 * monomorphic, with no closure call and no dtype branch per element, and the
 * body unrolled by 4 (measured: add 1.47 -> 0.93 ns/element).
 *
 * The caller passes the dtypes (the array class alone cannot tell bool from
 * uint8, or int64 from float64). Loops exist for what the op layer hands over:
 * float32 and float64 operands of their own type, bool/float predicates, narrow
 * integer results from float64 operands. Any other signature (mixed operand
 * types, narrow integer operands) casts its operands to float32 or float64 in
 * chunks first, exactly as the loop would have read them; one the op layer
 * never produces runs the reference loop (the declared expression as a
 * function, polymorphic but exact).
 *
 * Values are computed in float64 and stored into the output's type. When the
 * result is float32 the operands are float32 (a JS scalar is rounded to float32,
 * as PyTorch casts a Python scalar to the tensor's dtype), so +, -, *, / and
 * comparisons give exactly PyTorch's float32 results: one float64 operation on
 * float32 inputs rounds to the correctly rounded float32 result. Narrow integer
 * outputs (uint8, int8, int16, int32) wrap on store, as C does; mul and pow use
 * 32-bit integer multiplication there (Math.imul), because a double product of
 * two int32 values may pass 2^53 and lose the low bits that the wrap keeps.
 */
import type { DType, TypedArray } from "../dtype";
import { RuntimeError } from "../errors";
import type { BinaryKernel, BinaryOp, BinaryScalarKernel, UnaryKernel, UnaryOp } from "./types";
import { BINARY_DECLS, UNARY_DECLS } from "../elementwise-decls";
import { BINARY_FNS, BINARY_LOOPS, BINARY_SCALAR_LOOPS, CASTS, UNARY_FNS, UNARY_LOOPS } from "./loops/index.generated";

/** Ops whose result is already 0/1, so a bool output needs no normalisation. */
const PREDICATES = new Set<string>([...UNARY_DECLS, ...BINARY_DECLS].filter((d) => d.spec.predicate).map((d) => d.op));

/** dtype codes (dtype.ts): bool 0, uint8 1, int8 2, int16 3, int32 4, int64 5, float32 6, float64 7. */
const BOOL = 0, INT32 = 4, INT64 = 5, FLOAT32 = 6, FLOAT64 = 7;
const NDTYPES = 8;
const isNarrowInt = (code: number): boolean => code >= 1 && code <= INT32;
/** The operand kind of each dtype code (its array class, as the generated loops name it). */
const IN_KIND = ["u8", "u8", "i8", "i16", "i32", "f64", "f32", "f64"];
/** The output kind of each dtype code: bool stores 0/1. */
const OUT_KIND = ["b", "u8", "i8", "i16", "i32", "f64", "f32", "f64"];

/** How the kernels resolved their signatures so far (tests read it: the op layer should never need `reference`). */
export const loopResolution = { cast: [] as string[], reference: [] as string[] };

/** The code of the dtype a kernel's caller passed, or of the array's own (dtypeOfArray's) when it passed none. */
function codeOf(d: DType | undefined, a: TypedArray): number {
  if (d !== undefined) {
    // float16/bfloat16 (codes 8, 9) hold words: a loop over them would compute garbage (the op layer routes them first)
    if (d.code >= NDTYPES) throw new RuntimeError(`elementwise kernel not implemented for '${d.scalarType}'`);
    return d.code;
  }
  return a instanceof Float32Array ? FLOAT32 : a instanceof Uint8Array ? BOOL : a instanceof Int32Array ? INT32 : a instanceof Int16Array ? 3 : a instanceof Int8Array ? 2 : a instanceof Uint16Array ? codeOf({ code: 8, scalarType: "Half" } as DType, a) : FLOAT64;
}

/** Whether a float32 computation reads dtype `t` rounded (int32, int64 and float64 are not exact in float32). */
const rounds = (t: number, f32: boolean): boolean => f32 && (t === INT32 || t === INT64 || t === FLOAT64);

/** Whether a binary op with operand codes ta, tb and output `to` computes in float32. */
function inFloat32(ta: number, tb: number, to: number): boolean {
  // the result is float32, or the inputs are float32 and narrower types (a comparison's promoted dtype is float32)
  return to === FLOAT32 || (ta !== INT64 && ta !== FLOAT64 && tb !== INT64 && tb !== FLOAT64 && (ta === FLOAT32 || tb === FLOAT32));
}

/**
 * Whether a tensor-scalar op computes in float32: a JS scalar is "weak" (a Python scalar), so a float32
 * tensor keeps float32 arithmetic and its comparisons round the scalar to float32. A one-element float64
 * tensor acting as the scalar (broadcast.ts) with a float64 result is not rounded.
 */
const scalarInFloat32 = (ta: number, to: number): boolean => to === FLOAT32 || (ta === FLOAT32 && to === BOOL);

/** Operands are cast this many elements at a time, into scratch arrays reused by every call. */
const CHUNK = 4096;
const scratch = { [FLOAT32]: [new Float32Array(CHUNK), new Float32Array(CHUNK)], [FLOAT64]: [new Float64Array(CHUNK), new Float64Array(CHUNK)] };

type Cast = (x: TypedArray, o: number, s: TypedArray, n: number) => void;

/** The monomorphic copy from dtype t's array class into c's, or null when the classes agree (no cast). */
function castFor(t: number, c: number): Cast | null {
  return IN_KIND[t] === IN_KIND[c] ? null : (CASTS[`${IN_KIND[t]}>${IN_KIND[c]}`] as unknown as Cast);
}

/** x[o, o+len) as the loop reads it: cast into `s` when x's class is not c's, else a view (x itself when whole). */
function operand(x: TypedArray, cast: Cast | null, s: TypedArray, o: number, len: number, n: number): TypedArray {
  if (cast !== null) {
    cast(x, o, s, len);
    return s;
  }
  return len === n ? x : x.subarray(o, o + len);
}

type Unary = (x: TypedArray, out: TypedArray, n: number) => void;
type Binary = (x: TypedArray, y: TypedArray, out: TypedArray, n: number) => void;
type Scalar = (x: TypedArray, s: number, out: TypedArray, n: number) => void;

/** The loop for a unary signature: generated, through a cast of x to float32/float64, or the reference loop. */
function unaryFor(op: UnaryOp, tx: number, to: number): Unary {
  const loops = UNARY_LOOPS[op];
  const direct = loops[`${IN_KIND[tx]}>${OUT_KIND[to]}`];
  if (direct !== undefined) return direct as unknown as Unary;
  const c = to === FLOAT32 ? FLOAT32 : FLOAT64;
  const viaCast = loops[`${IN_KIND[c]}>${OUT_KIND[to]}`] as unknown as Unary | undefined;
  if (viaCast !== undefined) {
    loopResolution.cast.push(`${op} ${tx}>${to}`);
    const [sx] = scratch[c], castX = castFor(tx, c);
    return (x, out, n) => {
      for (let o = 0; o < n; o += CHUNK) {
        const len = Math.min(CHUNK, n - o);
        viaCast(operand(x, castX, sx, o, len, n), len === n ? out : out.subarray(o, o + len), len);
      }
    };
  }
  loopResolution.reference.push(`${op} ${tx}>${to}`);
  const fn = UNARY_FNS[op], f = (isNarrowInt(to) && fn.int) || fn.expr;
  const rx = rounds(tx, to === FLOAT32), toBool = to === BOOL && !PREDICATES.has(op);
  return (x, out, n) => {
    for (let i = 0; i < n; i++) {
      const r = f(rx ? Math.fround(x[i]) : x[i]);
      out[i] = toBool ? (r !== 0 ? 1 : 0) : r;
    }
  };
}

/** The loop for a binary signature (two arrays), as unaryFor. */
function binaryFor(op: BinaryOp, ta: number, tb: number, to: number): Binary {
  const loops = BINARY_LOOPS[op];
  const direct = loops[`${IN_KIND[ta]},${IN_KIND[tb]}>${OUT_KIND[to]}`];
  if (direct !== undefined) return direct as unknown as Binary;
  const f32 = inFloat32(ta, tb, to), c = f32 ? FLOAT32 : FLOAT64;
  const viaCast = loops[`${IN_KIND[c]},${IN_KIND[c]}>${OUT_KIND[to]}`] as unknown as Binary | undefined;
  if (viaCast !== undefined) {
    loopResolution.cast.push(`${op} ${ta},${tb}>${to}`);
    const [sx, sy] = scratch[c], castX = castFor(ta, c), castY = castFor(tb, c);
    return (x, y, out, n) => {
      for (let o = 0; o < n; o += CHUNK) {
        const len = Math.min(CHUNK, n - o);
        viaCast(operand(x, castX, sx, o, len, n), operand(y, castY, sy, o, len, n), len === n ? out : out.subarray(o, o + len), len);
      }
    };
  }
  loopResolution.reference.push(`${op} ${ta},${tb}>${to}`);
  const fn = BINARY_FNS[op], f = (isNarrowInt(to) && fn.int) || fn.expr;
  const ra = rounds(ta, f32), rb = rounds(tb, f32), toBool = to === BOOL && !PREDICATES.has(op);
  return (x, y, out, n) => {
    for (let i = 0; i < n; i++) {
      const r = f(ra ? Math.fround(x[i]) : x[i], rb ? Math.fround(y[i]) : y[i]);
      out[i] = toBool ? (r !== 0 ? 1 : 0) : r;
    }
  };
}

/** The loop for a binary signature with a scalar right operand, as unaryFor. */
function scalarFor(op: BinaryOp, ta: number, to: number): Scalar {
  const loops = BINARY_SCALAR_LOOPS[op];
  const direct = loops[`${IN_KIND[ta]},s>${OUT_KIND[to]}`];
  if (direct !== undefined) return direct as unknown as Scalar;
  const f32 = scalarInFloat32(ta, to), c = f32 ? FLOAT32 : FLOAT64;
  const viaCast = loops[`${IN_KIND[c]},s>${OUT_KIND[to]}`] as unknown as Scalar | undefined;
  if (viaCast !== undefined) {
    loopResolution.cast.push(`${op} ${ta},s>${to}`);
    const [sx] = scratch[c], castX = castFor(ta, c);
    return (x, s, out, n) => {
      for (let o = 0; o < n; o += CHUNK) {
        const len = Math.min(CHUNK, n - o);
        viaCast(operand(x, castX, sx, o, len, n), s, len === n ? out : out.subarray(o, o + len), len);
      }
    };
  }
  loopResolution.reference.push(`${op} ${ta},s>${to}`);
  const fn = BINARY_FNS[op], f = (isNarrowInt(to) && fn.int) || fn.expr;
  const ra = rounds(ta, f32), toBool = to === BOOL && !PREDICATES.has(op);
  return (x, s, out, n) => {
    const b = f32 ? Math.fround(s) : s;
    for (let i = 0; i < n; i++) {
      const r = f(ra ? Math.fround(x[i]) : x[i], b);
      out[i] = toBool ? (r !== 0 ? 1 : 0) : r;
    }
  };
}

function makeUnary(op: UnaryOp): UnaryKernel {
  const specs: (Unary | undefined)[] = new Array(NDTYPES * NDTYPES);
  return (x, out, n, dx, dout) => {
    const tx = codeOf(dx, x), to = codeOf(dout, out), key = tx * NDTYPES + to;
    (specs[key] ??= unaryFor(op, tx, to))(x, out, n);
  };
}

function makeBinary(op: BinaryOp): BinaryKernel {
  const specs: (Binary | undefined)[] = new Array(NDTYPES * NDTYPES * NDTYPES);
  return (a, b, out, n, da, db, dout) => {
    const ta = codeOf(da, a), tb = codeOf(db, b), to = codeOf(dout, out), key = (ta * NDTYPES + tb) * NDTYPES + to;
    (specs[key] ??= binaryFor(op, ta, tb, to))(a, b, out, n);
  };
}

function makeBinaryScalar(op: BinaryOp): BinaryScalarKernel {
  const specs: (Scalar | undefined)[] = new Array(NDTYPES * NDTYPES);
  return (a, s, out, n, da, dout) => {
    const ta = codeOf(da, a), to = codeOf(dout, out), key = ta * NDTYPES + to;
    (specs[key] ??= scalarFor(op, ta, to))(a, s, out, n);
  };
}

function mapOps<K extends string, V>(keys: readonly K[], make: (k: K) => V): Record<K, V> {
  const r = {} as Record<K, V>;
  for (const k of keys) r[k] = make(k);
  return r;
}

export const UNARY_OPS = UNARY_DECLS.map((d) => d.op);
export const BINARY_OPS = BINARY_DECLS.map((d) => d.op);

export const jsUnary: Record<UnaryOp, UnaryKernel> = mapOps(UNARY_OPS, makeUnary);
export const jsBinary: Record<BinaryOp, BinaryKernel> = mapOps(BINARY_OPS, makeBinary);
export const jsBinaryScalar: Record<BinaryOp, BinaryScalarKernel> = mapOps(BINARY_OPS, makeBinaryScalar);

/**
 * out[i] = cond[i] ? a[i] : b[i]; a scalar operand stands for every element. A
 * copy, so the dtype does not change the loop (the op layer hands narrow integers
 * over as int64, which keeps this loop's array types few).
 */
export function jsWhere(cond: Uint8Array, a: TypedArray | number, b: TypedArray | number, out: TypedArray, n: number, _dtype?: DType): void {
  if (typeof a === "number") {
    if (typeof b === "number") for (let i = 0; i < n; i++) out[i] = cond[i] ? a : b;
    else for (let i = 0; i < n; i++) out[i] = cond[i] ? a : b[i];
  } else if (typeof b === "number") {
    for (let i = 0; i < n; i++) out[i] = cond[i] ? a[i] : b;
  } else {
    for (let i = 0; i < n; i++) out[i] = cond[i] ? a[i] : b[i];
  }
}
