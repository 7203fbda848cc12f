/**
 * `x.to(...)` in all of PyTorch's forms, `x.cpu()` and `x.cuda()`. Every form returns
 * `x` itself when nothing changes (as PyTorch does), unless `{ copy: true }`.
 * @example x.to(torch.float64)                 // a cast
 * @example x.to("cpu"); x.to(torch.device("cpu")); x.cpu()   // x itself
 * @example x.to({ dtype: torch.float64 }); x.to("cpu", torch.float64); x.to(other)  // other's dtype (and device)
 */
import { DType } from "./dtype";
import { TypeError, checkOptions, describeValue, isPlainObject } from "./errors";
import { Device, usableDevice } from "./device";
import { Tensor } from "./tensor";
import { to as cast } from "./convert";
import { clone } from "./views";
import { defineMethods } from "./methods";

/** The keyword arguments of `to` (PyTorch's `non_blocking` is accepted and means nothing on the CPU). */
export interface ToOptions {
  dtype?: DType;
  device?: string | Device;
  /** Always return a new tensor, even when nothing changes. */
  copy?: boolean;
  nonBlocking?: boolean;
}

const TO_KEYS = ["dtype", "device", "copy", "nonBlocking"] as const;

function invalid(args: readonly unknown[]): TypeError {
  const got = args.map((a) => (a instanceof DType ? "torch.dtype" : a instanceof Device ? "torch.device" : describeValue(a))).join(", ");
  return new TypeError(
    `to(): received an invalid combination of arguments - got (${got}), but expected one of: (dtype, options?), (device, dtype?, options?), (Tensor other, options?), (options: { ${TO_KEYS.join(", ")} })`,
  );
}

/** PyTorch's `Tensor.to`, resolved to a dtype (devices are checked: only the CPU is usable). */
export function toAny(t: Tensor, args: readonly unknown[]): Tensor {
  let dtype: DType | undefined;
  let options: ToOptions | undefined;
  let rest = args;
  if (rest.length > 0 && isPlainObject(rest[rest.length - 1])) {
    options = rest[rest.length - 1] as ToOptions;
    rest = rest.slice(0, -1);
    checkOptions("to", options, TO_KEYS);
  }
  const [a, b] = rest;
  if (rest.length > 2) throw invalid(args);
  if (a instanceof DType) {
    if (b !== undefined) throw invalid(args);
    dtype = a;
  } else if (a instanceof Tensor) {
    if (b !== undefined) throw invalid(args);
    dtype = a.dtype;
  } else if (typeof a === "string" || a instanceof Device) {
    usableDevice("to", a);
    if (b !== undefined && !(b instanceof DType)) throw invalid(args);
    dtype = b;
  } else if (typeof a === "number") {
    // PyTorch reads an integer as a CUDA device index
    usableDevice("to", `cuda:${a}`);
  } else if (a !== undefined) throw invalid(args);
  if (options !== undefined) {
    if (options.device !== undefined) usableDevice("to", options.device);
    if (options.dtype !== undefined) {
      if (!(options.dtype instanceof DType)) throw new TypeError(`to(): argument 'dtype' must be torch.dtype, not ${describeValue(options.dtype)}`);
      if (dtype !== undefined) throw invalid(args);
      dtype = options.dtype;
    }
  }
  const r = dtype === undefined ? t : cast(t, dtype);
  return options?.copy === true && r === t ? clone(t) : r;
}

// ---- the methods (tensor.ts: `interface Tensor extends DeviceMethods`) ----
export interface DeviceMethods {
  /**
   * Cast and/or move: `to(dtype)`, `to(device, dtype?)`, `to(other)` (other's dtype), or
   * `to({ dtype, device, copy })`. Returns this tensor itself when nothing changes.
   * Only the CPU is usable: another device raises PyTorch's error for a build without it.
   */
  to(dtype: DType, options?: ToOptions): Tensor;
  to(device: string | Device | number, dtype?: DType, options?: ToOptions): Tensor;
  to(device: string | Device | number, options?: ToOptions): Tensor;
  to(other: Tensor, options?: ToOptions): Tensor;
  to(options?: ToOptions): Tensor;
  /** This tensor itself: it already is on the CPU. */
  cpu(): Tensor;
  /** Raises: torchts has no CUDA device (torch.cuda.isAvailable() is false). */
  cuda(): Tensor;
}

defineMethods({
  // fixed parameters, not a rest array: x.to(float64) is on hot paths (no allocation for it)
  to(this: Tensor, a?: unknown, b?: unknown, c?: unknown) {
    if (a instanceof DType && b === undefined) return cast(this, a);
    const args = c !== undefined ? [a, b, c] : b !== undefined ? [a, b] : a !== undefined ? [a] : [];
    if (arguments.length > 3) throw invalid(Array.from(arguments));
    return toAny(this, args);
  },
  cpu(this: Tensor) {
    return this;
  },
  cuda(this: Tensor) {
    usableDevice("cuda", "cuda");
    return this;
  },
});
