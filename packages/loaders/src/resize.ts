/**
 * torchvision's `Resize(size)` on a PIL image, for uint8 tensor images: Pillow's bilinear
 * resampling (`Image.resize(..., BILINEAR)`), antialiased when shrinking, in Pillow's own
 * fixed-point arithmetic, so the bytes equal Pillow's (fixtures/gen_resize.py records them); RGBA and LA
 * images (4 and 2 channels) are resized premultiplied by alpha, as Pillow does.
 */
import { Tensor, TypeError, ValueError, argTypeError, uint8 } from "@torchts/tensor";
import { checkArity, guardArity } from "@torchts/tensor/errors";

/** Pillow's 8-bit coefficient precision: 32 bits minus 8 for the pixel, minus 2 spare. */
const PRECISION_BITS = 32 - 8 - 2;

/** Pillow's `precompute_coeffs` + `normalize_coeffs_8bpc` for the bilinear filter (support 1). */
function coefficients(inSize: number, outSize: number): { bounds: Int32Array; kk: Int32Array; ksize: number } {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 1 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const pre = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    pre.fill(0);
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      const w = t < 1 ? 1 - t : 0;
      pre[x] = w;
      ww += w;
    }
    for (let x = 0; x < ksize; x++) {
      const k = x < xmax && ww !== 0 ? pre[x] / ww : 0;
      kk[xx * ksize + x] = Math.trunc(k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { bounds, kk, ksize };
}

/** Pillow's clip8: round-down of the fixed-point sum, clamped to a byte. */
function clip8(v: number): number {
  if (v >= 1 << PRECISION_BITS << 8) return 255;
  if (v <= 0) return 0;
  return v >> PRECISION_BITS;
}

/**
 * One resampling pass along an axis of a `[rows, cols, C]` byte image: along cols (horizontal)
 * or rows (vertical), as Pillow's ImagingResampleHorizontal/Vertical_8bpc.
 */
function pass(src: Uint8Array, cols: number, C: number, horizontal: boolean, outLen: number, co: ReturnType<typeof coefficients>, rowOffset: number, outRows: number): Uint8Array {
  const { bounds, kk, ksize } = co;
  const outCols = horizontal ? outLen : cols;
  const out = new Uint8Array(outRows * outCols * C);
  const half = 1 << (PRECISION_BITS - 1);
  for (let yy = 0; yy < outRows; yy++) {
    for (let xx = 0; xx < outCols; xx++) {
      const i = horizontal ? xx : yy;
      const min = bounds[i * 2], n = bounds[i * 2 + 1], k0 = i * ksize;
      for (let c = 0; c < C; c++) {
        let ss = half;
        if (horizontal) {
          const base = ((yy + rowOffset) * cols + min) * C + c;
          for (let x = 0; x < n; x++) ss += src[base + x * C] * kk[k0 + x];
        } else {
          const base = (min * cols + xx) * C + c;
          for (let y = 0; y < n; y++) ss += src[base + y * cols * C] * kk[k0 + y];
        }
        out[(yy * outCols + xx) * C + c] = clip8(ss);
      }
    }
  }
  return out;
}

/** Pillow's two-pass resample (horizontal first, over the rows the vertical pass reads). */
function resample(src: Uint8Array, h: number, w: number, C: number, outH: number, outW: number): Uint8Array {
  const needH = outW !== w, needV = outH !== h;
  const horiz = coefficients(w, outW);
  const vert = coefficients(h, outH);
  let img = src, cols = w;
  if (needH) {
    const first = vert.bounds[0];
    const last = vert.bounds[outH * 2 - 2] + vert.bounds[outH * 2 - 1];
    for (let i = 0; i < outH; i++) vert.bounds[i * 2] -= first;
    img = pass(src, w, C, true, outW, horiz, first, last - first);
    cols = outW;
  }
  if (needV) img = pass(img, cols, C, false, outH, vert, 0, outH);
  return img === src ? src.slice() : img;
}

/** Pillow's MULDIV255: round(a * b / 255) in integers. */
function muldiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

/**
 * Pillow resizes "RGBA" and "LA" images premultiplied ("RGBa", "La"): the colour channels
 * times alpha / 255 before, and divided by it after (Convert.c's rgbA2rgba / rgba2rgbA).
 */
function premultiply(px: Uint8Array, C: number): Uint8Array {
  const out = new Uint8Array(px.length);
  for (let p = 0; p < px.length; p += C) {
    const a = px[p + C - 1];
    for (let c = 0; c < C - 1; c++) out[p + c] = muldiv255(px[p + c], a);
    out[p + C - 1] = a;
  }
  return out;
}

function unpremultiply(px: Uint8Array, C: number): Uint8Array {
  for (let p = 0; p < px.length; p += C) {
    const a = px[p + C - 1];
    if (a === 255 || a === 0) continue;
    for (let c = 0; c < C - 1; c++) px[p + c] = Math.min(255, Math.floor((255 * px[p + c]) / a));
  }
  return px;
}

/**
 * torchvision's `transforms.Resize(size)` (bilinear, as on a PIL image): a number matches the
 * image's smaller edge to it, keeping the aspect ratio; `[h, w]` gives that size exactly.
 * Takes a uint8 image `[H, W]` or `[H, W, C]` (what a dataset gives before ToTensor); put it
 * before ToTensor in a Compose, as the d2l book does (`load_data_fashion_mnist(32, resize=64)`).
 * @example new Compose([new Resize(64), new ToTensor()]).forward(img) // [28, 28] uint8 -> [1, 64, 64] float32
 */
export class Resize {
  readonly size: number | readonly [number, number];

  constructor(size: number | readonly number[]) {
    checkArity("Resize", arguments, 1);
    const ok = (v: unknown) => typeof v === "number" && Number.isInteger(v);
    if (Array.isArray(size) ? !(size.length === 1 || size.length === 2) || !size.every(ok) : !ok(size)) {
      throw argTypeError("Resize", "size", 0, "an integer or a sequence of length 1 or 2", size);
    }
    const list = Array.isArray(size) ? (size as number[]) : [size as number];
    if (list.some((v) => v <= 0)) throw new ValueError(`Resize(): size must be positive, got ${JSON.stringify(size)}`);
    this.size = list.length === 2 ? [list[0], list[1]] : list[0];
  }

  /** The output [h, w] for an input of [h, w] (torchvision's `_compute_resized_output_size`). */
  outputSize(h: number, w: number): [number, number] {
    if (typeof this.size !== "number") return [this.size[0], this.size[1]];
    const [short, long] = w <= h ? [w, h] : [h, w];
    const newShort = this.size, newLong = Math.trunc((this.size * long) / short);
    return w <= h ? [newLong, newShort] : [newShort, newLong];
  }

  forward(img: Tensor): Tensor {
    if (!(img instanceof Tensor)) throw new TypeError(`Resize(): img should be a Tensor image (uint8 [H, W] or [H, W, C]). Got ${img === null ? "null" : typeof img}`);
    if (img.dtype !== uint8 || (img.ndim !== 2 && img.ndim !== 3)) {
      throw new ValueError(`Resize(): expects a uint8 image [H, W] or [H, W, C] (a PIL image's form, before ToTensor); got ${img.dtype.name} [${img.shape.join(", ")}]`);
    }
    const [h, w] = img.shape;
    const C = img.ndim === 3 ? img.shape[2] : 1;
    const [outH, outW] = this.outputSize(h, w);
    const x = img.contiguous();
    const src = (x._storage.data as Uint8Array).subarray(x._offset, x._offset + x.numel());
    // a [H, W, 4] or [H, W, 2] array is an RGBA / LA image to PIL (Image.fromarray), resized premultiplied
    const alpha = (C === 4 || C === 2) && (outH !== h || outW !== w); // PIL copies an image of the same size as it is
    const out = alpha ? unpremultiply(resample(premultiply(src, C), h, w, C, outH, outW), C) : resample(src, h, w, C, outH, outW);
    return Tensor._fromData(out, img.ndim === 3 ? [outH, outW, C] : [outH, outW], uint8);
  }

  toString(): string {
    return `Resize(size=${typeof this.size === "number" ? this.size : `[${this.size.join(", ")}]`}, interpolation=bilinear, max_size=None, antialias=None)`;
  }
}
guardArity(Resize, { forward: 1, toString: 0 });
