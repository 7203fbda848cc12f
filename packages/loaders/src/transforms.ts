/**
 * torchvision's image transforms: ToTensor, Normalize, Compose, Lambda.
 * An image is a uint8 tensor `[H, W]` or `[H, W, C]` (what a PIL image holds).
 * Each transform has `forward(img)`; ToTensor, Normalize and a Compose of them
 * also have `forwardBatch(imgs)` over a whole `[N, ...]` stack, so a dataset can
 * transform all its images in one pass into one tensor.
 */
import { emptyArray } from "./empty-array";
import { DTypeError, RuntimeError, Tensor, TypeError, ValueError, argTypeError, checkOptions, float32, uint8 } from "@torchts/tensor";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** A transform: a function, or an object with `forward` (and optionally `forwardBatch`). */
export type Transform<I = any, O = any> = ((x: I) => O) | { forward(x: I): O; forwardBatch?(x: Tensor): Tensor };

/** Applies a transform of either form. */
export function applyTransform<I, O>(t: Transform<I, O>, x: I): O {
  return typeof t === "function" ? t(x) : t.forward(x);
}

/** The whole-stack version of a transform, if it has one. */
export function batchForm(t: Transform | null | undefined): ((x: Tensor) => Tensor) | undefined {
  if (t === null || t === undefined || typeof t === "function" || typeof t.forwardBatch !== "function") return undefined;
  return (x) => t.forwardBatch!(x);
}

export function checkTransform(fn: string, name: string, t: unknown): void {
  if (t === undefined || t === null || typeof t === "function") return;
  if (typeof t === "object" && typeof (t as { forward?: unknown }).forward === "function") return;
  throw argTypeError(fn, name, undefined, "a transform (a function or an object with forward)", t);
}

/** ToTensor's 256 values: a table lookup per pixel is a quarter faster than the division. */
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * `[N, H, W]` or `[N, H, W, C]` uint8 → float32 `[N, C, H, W]` in [0, 1] in one pass
 * (value / 255, rounded once to float32, as PyTorch's `x.float().div(255)`).
 * Other dtypes keep their values and type and are only moved to channels-first, as torchvision does for arrays.
 */
function toTensorKernel(x: Tensor, batched: boolean): Tensor {
  const s = x.shape;
  const lead = batched ? 1 : 0;
  const hwc = s.length === lead + 3;
  const [n, h, w, c] = [batched ? s[0] : 1, s[lead], s[lead + 1], hwc ? s[lead + 2] : 1];
  const outShape = batched ? [n, c, h, w] : [c, h, w];
  if (x.dtype !== uint8) {
    const perm = hwc ? (batched ? [0, 3, 1, 2] : [2, 0, 1]) : null;
    return perm ? x.permute(perm).contiguous() : x.reshape(outShape).clone();
  }
  const xc = x.isContiguous() ? x : x.contiguous();
  const src = (xc._storage.data as Uint8Array).subarray(xc._offset, xc._offset + xc.numel());
  const out = emptyArray(Float32Array, src.length);
  const lut = BYTE_TO_UNIT; // v / 255 rounded to float32 once, as the division stored into float32 is
  if (c === 1) {
    for (let i = 0; i < src.length; i++) out[i] = lut[src[i]];
  } else {
    const plane = h * w;
    for (let b = 0; b < n; b++) {
      const base = b * plane * c;
      for (let p = 0; p < plane; p++) for (let ch = 0; ch < c; ch++) out[base + ch * plane + p] = lut[src[base + p * c + ch]];
    }
  }
  return Tensor._fromData(out, outShape, float32);
}

function checkImage(fn: string, pic: unknown, batched: boolean): Tensor {
  if (!(pic instanceof Tensor)) throw new TypeError(`${fn}: pic should be a Tensor image (uint8 [H, W] or [H, W, C]). Got ${pic === null ? "null" : Array.isArray(pic) ? "Array" : typeof pic}`);
  const lo = batched ? 3 : 2;
  if (pic.ndim !== lo && pic.ndim !== lo + 1) {
    throw new ValueError(`${fn}: pic should be ${batched ? "3/4" : "2/3"} dimensional. Got ${pic.ndim} dimensions.`);
  }
  return pic;
}

/**
 * torchvision's `ToTensor`: a uint8 image `[H, W]` or `[H, W, C]` → float32 `[C, H, W]` with values / 255.
 * @example new ToTensor().forward(img) // img uint8 [28, 28] → float32 [1, 28, 28] in [0, 1]
 */
export class ToTensor {
  constructor(...args: never[]) {
    if (args.length > 0) throw new TypeError(`ToTensor() takes no arguments (${args.length} given)`);
  }
  forward(pic: Tensor): Tensor {
    return toTensorKernel(checkImage("ToTensor()", pic, false), false);
  }
  /** The whole stack `[N, H, W]` or `[N, H, W, C]` → `[N, C, H, W]`, one pass into one tensor. */
  forwardBatch(pics: Tensor): Tensor {
    return toTensorKernel(checkImage("ToTensor.forwardBatch()", pics, true), true);
  }
  toString(): string {
    return "ToTensor()";
  }
}

/**
 * torchvision's `Normalize(mean, std)`: `(x - mean[c]) / std[c]` per channel of a float `[..., C, H, W]` tensor
 * (float32 arithmetic, as PyTorch's `sub_` then `div_`). A single mean/std applies to every channel.
 * @example new Normalize([0.5], [0.5]).forward(x) // x float32 [1, 28, 28] → values in [-1, 1]
 */
export class Normalize {
  readonly mean: number[];
  readonly std: number[];
  readonly inplace: boolean;

  constructor(mean: number | readonly number[], std: number | readonly number[], options?: { inplace?: boolean }) {
    checkArity("Normalize", arguments, 3);
    checkOptions("Normalize", options, ["inplace"]);
    const list = (v: unknown, name: string, pos: number): number[] => {
      const a = typeof v === "number" ? [v] : v;
      if (!Array.isArray(a) || a.length === 0 || a.some((e) => typeof e !== "number")) throw argTypeError("Normalize", name, pos, "a number or a non-empty sequence of numbers", v);
      return (a as number[]).slice();
    };
    this.mean = list(mean, "mean", 0);
    this.std = list(std, "std", 1);
    if (this.std.some((s) => s === 0)) throw new ValueError(`Normalize: std evaluated to zero, leading to division by zero.`);
    this.inplace = options?.inplace ?? false;
    if (typeof this.inplace !== "boolean") throw argTypeError("Normalize", "inplace", undefined, "bool", this.inplace);
  }

  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new TypeError(`Normalize: img should be Tensor Image. Got ${x === null ? "null" : Array.isArray(x) ? "Array" : typeof x}`);
    if (!x.dtype.isFloatingPoint) throw new DTypeError(`Normalize: Input tensor should be a float tensor. Got ${x.dtype}.`);
    if (x.ndim < 3) throw new ValueError(`Normalize: Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = torch.Size([${x.shape.join(", ")}])`);
    const c = x.shape[x.ndim - 3];
    for (const [name, v] of [["mean", this.mean], ["std", this.std]] as const) {
      if (v.length !== 1 && v.length !== c) {
        // PyTorch: sub_ of a [len, 1, 1] mean that does not broadcast (RuntimeError)
        throw new RuntimeError(`Normalize: The size of tensor a (${c}) must match the size of tensor b (${v.length}) at non-singleton dimension 0 (${name} has ${v.length} values for ${c} channels)`);
      }
    }
    const xc = x.isContiguous() ? x : x.contiguous();
    const n = xc.numel();
    const src = xc._storage.data as Float32Array | Float64Array;
    const off = xc._offset;
    const target = this.inplace && xc === x ? x : null;
    const out = target ? src : emptyArray(src.constructor as typeof Float32Array, n);
    const o0 = target ? off : 0;
    const plane = x.shape[x.ndim - 2] * x.shape[x.ndim - 1];
    const f32 = x.dtype === float32;
    // torchvision makes mean and std tensors of the image's dtype: float32 rounds them first
    const mean = f32 ? this.mean.map(Math.fround) : this.mean;
    const std = f32 ? this.std.map(Math.fround) : this.std;
    if (std.some((s) => s === 0)) throw new ValueError(`Normalize: std evaluated to zero after conversion to ${x.dtype}, leading to division by zero.`);
    for (let start = 0, ch = 0; start < n; start += plane, ch = (ch + 1) % c) {
      const m = mean.length === 1 ? mean[0] : mean[ch];
      const s = std.length === 1 ? std[0] : std[ch];
      // float32: each step rounds to float32 as PyTorch's float kernels do (the store rounds the quotient)
      if (f32) for (let i = 0; i < plane; i++) out[o0 + start + i] = Math.fround(src[off + start + i] - m) / s;
      else for (let i = 0; i < plane; i++) out[o0 + start + i] = (src[off + start + i] - m) / s;
    }
    if (target) {
      if (xc !== x) x.copy_(xc);
      return x;
    }
    return Tensor._fromData(out, x.shape.slice(), x.dtype);
  }

  /** The same over a stack `[N, C, H, W]` (Normalize already works on any leading dims). */
  forwardBatch(x: Tensor): Tensor {
    return this.forward(x);
  }
  toString(): string {
    return `Normalize(mean=[${this.mean.join(", ")}], std=[${this.std.join(", ")}])`;
  }
}

/**
 * torchvision's `Compose([t1, t2, ...])`: the transforms one after another.
 * It has a whole-stack form when every part has one (ToTensor, Normalize).
 * @example new Compose([new ToTensor(), new Normalize([0.5], [0.5])])
 */
export class Compose {
  readonly transforms: Transform[];
  constructor(transforms: readonly Transform[]) {
    checkArity("Compose", arguments, 1);
    if (!Array.isArray(transforms)) throw argTypeError("Compose", "transforms", 0, "an array of transforms", transforms);
    transforms.forEach((t, i) => checkTransform("Compose", `transforms[${i}]`, t));
    this.transforms = transforms.slice();
  }
  forward(x: unknown): any {
    let v = x;
    for (const t of this.transforms) v = applyTransform(t, v);
    return v;
  }
  get forwardBatch(): ((x: Tensor) => Tensor) | undefined {
    const forms = this.transforms.map(batchForm);
    if (forms.some((f) => f === undefined)) return undefined;
    return (x: Tensor) => forms.reduce((v, f) => f!(v), x);
  }
  toString(): string {
    return `Compose(\n${this.transforms.map((t) => `    ${String(t)}`).join("\n")}\n)`;
  }
}

/**
 * torchvision's `Lambda(fn)`: a user function as a transform (no whole-stack form:
 * a dataset with one applies it image by image).
 * @example new Lambda((x: Tensor) => x.mul(2))
 */
export class Lambda<I = any, O = any> {
  readonly lambd: (x: I) => O;
  constructor(lambd: (x: I) => O) {
    checkArity("Lambda", arguments, 1);
    if (typeof lambd !== "function") throw new TypeError(`Lambda: Argument lambd should be callable, got ${describe(lambd)}`);
    this.lambd = lambd;
  }
  forward(x: I): O {
    return this.lambd(x);
  }
  toString(): string {
    return "Lambda()";
  }
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "Array" : typeof v;
}

// forward(x) only: an extra positional argument is Python's TypeError, never dropped.
for (const C of [ToTensor, Normalize, Compose, Lambda]) guardArity(C, { forward: 1, toString: 0 }, { ownOnly: true });
