/**
 * Uninitialised typed arrays for outputs that are overwritten completely (a batch gather,
 * ToTensor, Normalize), as @torchts/tensor's allocateEmpty makes them: Node's
 * Buffer.allocUnsafeSlow skips calloc's zeroing, which for a 0.8 MB batch of 256
 * Fashion-MNIST images is a memset as long as a tenth of the copy itself.
 * A whole set (32 MiB and more: Fashion-MNIST's 60,000 images as float32 are 188 MB)
 * comes from `torch.empty` instead: a fresh mapping, zeroed for free, for which the
 * tensor package asks the kernel for huge pages before the first touch (its
 * memory.ts: ~0.8 s of page faults saved on a notebook's first epoch).
 */
import { empty, float32, float64, int8, int16, int32, uint8, type DType } from "@torchts/tensor";

type ArrayCtor<A> = { new (n: number): A; new (buffer: ArrayBuffer, byteOffset: number, length: number): A; BYTES_PER_ELEMENT: number };

const MIN_BYTES = 1 << 16;
const WHOLE_SET_BYTES = 32 << 20;

function dtypeOf(ctor: unknown): DType | undefined {
  return ctor === Float32Array ? float32 : ctor === Uint8Array ? uint8 : ctor === Float64Array ? float64
    : ctor === Int32Array ? int32 : ctor === Int16Array ? int16 : ctor === Int8Array ? int8 : undefined;
}

/** A typed array of `n` elements like `ctor`, contents unspecified (zeroed when small or very large). */
export function emptyArray<A>(ctor: ArrayCtor<A>, n: number): A {
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes < MIN_BYTES || typeof Buffer === "undefined") return new ctor(n);
  const dtype = bytes >= WHOLE_SET_BYTES ? dtypeOf(ctor) : undefined;
  if (dtype !== undefined) return empty([n], { dtype })._storage.data as unknown as A;
  const b = Buffer.allocUnsafeSlow(bytes);
  return new ctor(b.buffer as ArrayBuffer, b.byteOffset, n);
}
