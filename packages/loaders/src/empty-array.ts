/**
 * Uninitialised typed arrays for outputs that are overwritten completely (a batch gather,
 * ToTensor, Normalize), as @torchts/tensor's allocateEmpty makes them: Node's
 * Buffer.allocUnsafeSlow skips calloc's zeroing, which for a 0.8 MB batch of 256
 * Fashion-MNIST images is a memset as long as a tenth of the copy itself.
 */
type ArrayCtor<A> = { new (n: number): A; new (buffer: ArrayBuffer, byteOffset: number, length: number): A; BYTES_PER_ELEMENT: number };

const MIN_BYTES = 1 << 16;

/** A typed array of `n` elements like `ctor`, contents unspecified (zeroed when small). */
export function emptyArray<A>(ctor: ArrayCtor<A>, n: number): A {
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes < MIN_BYTES || typeof Buffer === "undefined") return new ctor(n);
  const b = Buffer.allocUnsafeSlow(bytes);
  return new ctor(b.buffer as ArrayBuffer, b.byteOffset, n);
}
