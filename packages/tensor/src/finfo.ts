/**
 * `torch.finfo`: the numerical limits of a floating-point dtype, as PyTorch
 * reports them. The values follow from the IEEE format (p significand bits,
 * largest exponent emax), so they are computed, not tabulated by hand:
 * eps = 2^(1−p), max = (2 − eps)·2^emax, tiny = 2^(1−emax),
 * resolution = 10^−⌊(p − 1)·log10 2⌋.
 */
import { inspect } from "node:util";
import { type DType, float32 } from "./dtype";
import { TypeError } from "./errors";
import { pyGeneral } from "./py-format";

/** IEEE binary formats by dtype name: significand bits (with the implicit one) and largest exponent. */
const FORMATS: Readonly<Record<string, { p: number; emax: number }>> = {
  float32: { p: 24, emax: 127 },
  float64: { p: 53, emax: 1023 },
  float16: { p: 11, emax: 15 },
  bfloat16: { p: 8, emax: 127 },
};

/** The limits of one floating dtype (PyTorch's `torch.finfo` object). */
export class FInfo {
  /** Bits of storage per element. */
  readonly bits: number;
  /** The gap between 1 and the next representable number. */
  readonly eps: number;
  /** The largest finite value. */
  readonly max: number;
  /** The most negative finite value (−max). */
  readonly min: number;
  /** The smallest positive normal number. */
  readonly tiny: number;
  /** The smallest positive normal number (PyTorch's `smallest_normal`, the same as `tiny`). */
  readonly smallestNormal: number;
  /** The approximate decimal resolution, 10^−(decimal digits). */
  readonly resolution: number;
  /** The dtype's name, as PyTorch's `finfo.dtype` string: `"float32"`. */
  readonly dtype: string;

  /** @internal use `finfo(dtype)` */
  constructor(dtype: DType, format: { p: number; emax: number }) {
    this.bits = dtype.itemsize * 8;
    this.eps = 2 ** (1 - format.p);
    this.max = (2 - this.eps) * 2 ** format.emax;
    this.min = -this.max;
    this.tiny = 2 ** (1 - format.emax);
    this.smallestNormal = this.tiny;
    // parsed from text, so that it is the double nearest 10^-d, as Python's 1e-06 is
    this.resolution = Number(`1e-${Math.floor((format.p - 1) * Math.log10(2))}`);
    this.dtype = dtype.name;
  }

  /** PyTorch's repr, values in C's `%g`: `finfo(resolution=1e-06, min=-3.40282e+38, ...)`. */
  toString(): string {
    const g = pyGeneral;
    return (
      `finfo(resolution=${g(this.resolution)}, min=${g(this.min)}, max=${g(this.max)}, eps=${g(this.eps)}, ` +
      `smallest_normal=${g(this.smallestNormal)}, tiny=${g(this.tiny)}, dtype=${this.dtype})`
    );
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

const cache = new Map<DType, FInfo>();

/**
 * `torch.finfo(dtype)`: bits, eps, max, min, tiny (smallestNormal) and resolution
 * of a floating dtype (default float32). An integer or bool dtype raises TypeError.
 *
 * @example
 * torch.finfo(torch.float32).eps  // 1.1920928955078125e-7
 * torch.finfo(torch.float64).tiny // 2.2250738585072014e-308
 * probs.clamp(finfo(probs.dtype).eps, 1 - finfo(probs.dtype).eps)
 */
export function finfo(dtype: DType = float32): FInfo {
  let info = cache.get(dtype);
  if (info === undefined) {
    const format = dtype.isFloatingPoint ? FORMATS[dtype.name] : undefined;
    if (format === undefined) {
      throw new TypeError(`finfo: torch.finfo() requires a floating point input type, got ${dtype}`);
    }
    info = Object.freeze(new FInfo(dtype, format));
    cache.set(dtype, info);
  }
  return info;
}
