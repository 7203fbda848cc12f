/**
 * The bulk samplers behind rand/randn/uniform_/normal_, drawing exactly as
 * PyTorch 1.13's CPU kernels do (aten/src/ATen/native/cpu/DistributionKernels.cpp,
 * DistributionTemplates.h), word for word from the mt19937 stream:
 *
 * - uniform, float32: `(word & 0xFFFFFF) · 2⁻²⁴`, then `x · (to − from) + from` in float;
 * - uniform, float64: the low 53 bits of a 64-bit draw (two words, high first) · 2⁻⁵³;
 * - normal, 16 or more contiguous elements: uniforms for every element, Box-Muller
 *   in blocks of 16 (`u1 = 1 − d[j]`, `u2 = d[j + 8]`, cos to d[j], sin to d[j + 8]),
 *   and for a tail 16 fresh uniforms over the last 16 elements, transformed again.
 *   float32 takes PyTorch's AVX2 kernel (avx_mathfun's cephes log and sincos in
 *   float, fused multiply-adds), ported in normal-avx.ts;
 * - normal, fewer than 16 elements or a strided target: one normal_distribution<double>
 *   per element (Box-Muller on two doubles, the sine cached in the generator).
 */
import type { Generator } from "./random";
import { MT_N } from "./mt19937";
import { fma32 } from "./fma32";
import { normalBlock16F32 } from "./normal-avx";
import { MIN, NORMAL_MIN, wasmNormalF32, wasmUniformF32 } from "./random-wasm";
import { getBackend } from "./kernels/registry";

const TWO_M24 = 5.9604644775390625e-8;
const TWO_M53 = 1.1102230246251565e-16;
const TWO_PI = 2 * Math.PI;
const f32 = Math.fround;

/** Fill `out` with the next `out.length` words' float uniforms on [from, to) (uniform_real_distribution<float>). */
export function uniformF32(out: Float32Array, from: number, to: number, g: Generator, start = 0, end = out.length): void {
  const mt = g._mt;
  const s = mt.state;
  let left = mt.left;
  let next = mt.next;
  const lo = f32(from);
  const span = f32(f32(to) - lo);
  const plain = lo === 0 && span === 1;
  for (let i = start; i < end; i++) {
    if (--left === 0) {
      mt.twist();
      left = MT_N;
      next = 0;
    }
    let y = s[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    const x = (y & 0xffffff) * TWO_M24;
    // one rounding, as the fused multiply-add PyTorch's build emits
    out[i] = plain ? x : fma32(x, span, lo);
  }
  mt.left = left;
  mt.next = next;
}

/** Fill `out` with double uniforms on [from, to), two words each (uniform_real_distribution<double>). */
export function uniformF64(out: Float64Array | Float32Array, from: number, to: number, g: Generator, start = 0, end = out.length): void {
  const mt = g._mt;
  const s = mt.state;
  let left = mt.left;
  let next = mt.next;
  const span = to - from;
  for (let i = start; i < end; i++) {
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
    const x = (hi * 4294967296 + ((y ^ (y >>> 18)) >>> 0)) * TWO_M53;
    out[i] = fmaD(x, span, from);
  }
  mt.left = left;
  mt.next = next;
}

/** Box-Muller on one block of 16 doubles (normal_fill_16<double>). */
function normalBlock16F64(d: Float64Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[o + j];
    const u2 = d[o + j + 8];
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = TWO_PI * u2;
    d[o + j] = fmaD(radius * Math.cos(theta), std, mean);
    d[o + j + 8] = fmaD(radius * Math.sin(theta), std, mean);
  }
}

/**
 * Fill a contiguous `out` with N(mean, std²) as normal_ does: the block path for
 * 16 or more elements, else (or when `strided`) the scalar path.
 */
export function fillNormal(out: Float32Array | Float64Array, mean: number, std: number, g: Generator, strided = false): void {
  const n = out.length;
  if (n < 16 || strided) {
    for (let i = 0; i < n; i++) out[i] = fmaD(g.normal(), std, mean);
    return;
  }
  if (out instanceof Float32Array) {
    const m = f32(mean);
    const sd = f32(std);
    if (n >= NORMAL_MIN && getBackend() === "wasm" && wasmNormalF32(out, m, sd, g)) return;
    const full = n - (n % 16);
    for (let i = 0; i < full; i += 16) {
      uniformF32(out, 0, 1, g, i, i + 16);
      normalBlock16F32(out, i, m, sd);
    }
    if (full !== n) {
      skipWords(g, n - full);
      uniformF32(out, 0, 1, g, n - 16, n);
      normalBlock16F32(out, n - 16, m, sd);
    }
  } else {
    const full = n - (n % 16);
    for (let i = 0; i < full; i += 16) {
      uniformF64(out, 0, 1, g, i, i + 16);
      normalBlock16F64(out, i, mean, std);
    }
    if (full !== n) {
      skipWords(g, 2 * (n - full));
      uniformF64(out, 0, 1, g, n - 16, n);
      normalBlock16F64(out, n - 16, mean, std);
    }
  }
}

/** Advance the stream by k words (uniforms PyTorch draws and then overwrites). */
function skipWords(g: Generator, k: number): void {
  const mt = g._mt;
  for (let i = 0; i < k; i++) {
    if (--mt.left === 0) mt.twist();
    mt.next++;
  }
}

/** Uniforms on [from, to) in the target's dtype: float32 draws one word each, float64 two. */
export function fillUniform(out: Float32Array | Float64Array, from: number, to: number, g: Generator): void {
  if (out instanceof Float32Array) {
    const lo = f32(from);
    if (out.length >= MIN && getBackend() === "wasm" && wasmUniformF32(out, lo, f32(f32(to) - lo), g)) return;
    uniformF32(out, from, to, g);
  }
  else uniformF64(out, from, to, g);
}

// ---- a fused multiply-add in double, exact (PyTorch's build fuses `v * std + mean`) ----
const SPLIT = 134217729; // 2^27 + 1
/** a·b + c with one rounding (Dekker's product and an error-free sum; exact unless it overflows). */
export function fmaD(a: number, b: number, c: number): number {
  if (b === 1 && c === 0) return a;
  const p = a * b;
  if (!Number.isFinite(p) || p === 0) return p + c;
  // the product's error: a·b = p + e exactly
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  // p + c = s + r exactly, then add the two small parts
  const s = p + c;
  if (!Number.isFinite(s)) return s; // an infinite mean (c): the error terms would be inf - inf
  const bb = s - p;
  const r = p - (s - bb) + (c - bb);
  return s + (r + e);
}
